package io.paas.controller.scheduler;

/** The container engine refused or failed an operation; the message is meant for users and operators. */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What the controller's log says: the user's message, or more where users would not act on it. */
    public String forOperators() {
        return getMessage();
    }
}
