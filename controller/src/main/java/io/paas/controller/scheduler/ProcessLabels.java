package io.paas.controller.scheduler;

/**
 * The labels every engine puts on what it runs for the platform (containers, pods), so that what it
 * lists back reads the same on both: which platform, app, process type and index, release and
 * generation; a one-off's role (run, release) in place of a type, and the command it was given.
 */
public final class ProcessLabels {
    public static final String PLATFORM = "paas.platform";
    public static final String APP = "paas.app";
    public static final String TYPE = "paas.type";
    public static final String INDEX = "paas.index";
    public static final String RELEASE = "paas.release";
    public static final String GENERATION = "paas.generation";
    public static final String ROLE = "paas.role";
    public static final String COMMAND = "paas.command";

    private ProcessLabels() {
    }
}
