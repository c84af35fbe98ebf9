package io.paas.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a command may touch outside the JVM: streams, environment, working directory and the
 * terminal. Passed in (not read from System) so tests can run commands in-process.
 *
 * @param console the terminal for password prompts; null when there is none
 */
public record CliContext(BufferedReader in, PrintWriter out, PrintWriter err,
                         Map<String, String> env, Path workDir, Console console) {

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
