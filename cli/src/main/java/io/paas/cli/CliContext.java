package io.paas.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a command may touch outside the JVM: streams, environment, working directory and the
 * terminal. Passed in (not read from System) so tests can run commands in-process.
 *
 * @param console the terminal for password prompts; null when there is none
 * @param stdin   the same input as in, as bytes (paas run passes it on as it is); read one or the other
 * @param stdout  the same output as out, as bytes (flush out before writing here)
 * @param stderr  the same output as err, as bytes
 */
public record CliContext(BufferedReader in, PrintWriter out, PrintWriter err,
                         Map<String, String> env, Path workDir, Console console,
                         InputStream stdin, OutputStream stdout, OutputStream stderr) {

    /** For commands run in-process by tests: no byte input, byte output written to out and err as UTF-8 text. */
    public CliContext(BufferedReader in, PrintWriter out, PrintWriter err, Map<String, String> env, Path workDir,
                      Console console) {
        this(in, out, err, env, workDir, console, InputStream.nullInputStream(), textOf(out), textOf(err));
    }

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static OutputStream textOf(PrintWriter writer) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writer.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
                writer.flush();
            }
        };
    }
}
