package io.paas.client;

/** An error answer from the controller, carrying its problem detail for the user. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String type;
    private final String build;

    public ApiException(int status, String type, String message) {
        this(status, type, message, null);
    }

    /** build: the id of a build the controller recorded before the call failed (see {@link Api.Problem}). */
    public ApiException(int status, String type, String message, String build) {
        super(message);
        this.status = status;
        this.type = type;
        this.build = build;
    }

    /** The build recorded before the call failed, or null. */
    public String build() {
        return build;
    }

    /** HTTP status; 0 when the controller could not be reached. */
    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
