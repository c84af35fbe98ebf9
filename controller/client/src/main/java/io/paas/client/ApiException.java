package io.paas.client;

/** An error answer from the controller, carrying its problem detail for the user. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String type;

    public ApiException(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    /** HTTP status; 0 when the controller could not be reached. */
    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
