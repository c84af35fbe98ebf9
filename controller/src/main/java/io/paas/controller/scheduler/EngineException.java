package io.paas.controller.scheduler;

/** The container engine refused or failed an operation; the message is meant for users and operators. */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
