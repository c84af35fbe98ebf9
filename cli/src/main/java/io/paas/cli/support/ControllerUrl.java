package io.paas.cli.support;

/** A controller URL as users type it ("127.0.0.1:7100/") made canonical ("http://127.0.0.1:7100"). */
public final class ControllerUrl {
    /** Overrides the controller of the saved login for every command, as its own value for login and register. */
    public static final String ENV = "PAAS_CONTROLLER_URL";

    private ControllerUrl() {
    }

    /** With a scheme (http:// when none) and without a trailing slash. */
    public static String normalize(String url) {
        String value = url.strip();
        if (!value.contains("://")) {
            value = "http://" + value;
        }
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        return value;
    }
}
