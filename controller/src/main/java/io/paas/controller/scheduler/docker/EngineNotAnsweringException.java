package io.paas.controller.scheduler.docker;

import io.paas.controller.scheduler.EngineException;

/**
 * The engine could not be reached at all (its socket is gone or refuses: it is restarting or
 * down). Users are told in plain words to try again; where and how it failed is for operators.
 */
public class EngineNotAnsweringException extends EngineException {
    static final String MESSAGE = "the container engine is not answering, try again";

    private final String detail;

    /** @param root the I/O failure at the bottom of what the engine client threw */
    EngineNotAnsweringException(String engineName, java.io.IOException root, Throwable thrown) {
        super(MESSAGE, thrown);
        this.detail = engineName + " does not answer: " + (root.getMessage() != null ? root.getMessage() : root);
    }

    @Override
    public String forOperators() {
        return detail;
    }
}
