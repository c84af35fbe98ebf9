package io.paas.builder.build;

/** Where a build's lines go: the pushing git client (as "remote:" lines), a log file, or both. */
@FunctionalInterface
public interface BuildOutput {
    void line(String text);

    /** Sends every line to this output and then to the other. */
    default BuildOutput and(BuildOutput other) {
        return text -> {
            line(text);
            other.line(text);
        };
    }
}
