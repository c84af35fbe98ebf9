package io.paas.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs real commands (git, paas, curl, podman) the way a user's shell would, and keeps what they printed. */
final class Shell {
    record Result(int exit, String output) {
        Result ok() {
            if (exit != 0) {
                throw new AssertionError("command failed with exit " + exit + ":\n" + output);
            }
            return this;
        }
    }

    private final Map<String, String> env = new HashMap<>(System.getenv());

    Shell env(String name, String value) {
        env.put(name, value);
        return this;
    }

    String env(String name) {
        return env.get(name);
    }

    Shell copy() {
        Shell copy = new Shell();
        copy.env.clear();
        copy.env.putAll(env);
        return copy;
    }

    Result run(Path dir, String... command) {
        return run(dir, 20, command);
    }

    /** The JVM looks programs up on its own PATH; look them up on the PATH this shell gives them. */
    private String resolve(String program) {
        if (program.contains("/")) {
            return program;
        }
        for (String dir : env.getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (java.nio.file.Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return program;
    }

    /** A command running, its output (stdout and stderr) gathered and echoed as it comes. */
    static final class Background {
        private final Process process;
        private final Thread reader;
        private final StringBuilder output = new StringBuilder();

        Background(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                try {
                    byte[] buffer = new byte[8192];
                    int n;
                    while ((n = process.getInputStream().read(buffer)) > 0) {
                        String chunk = new String(buffer, 0, n, StandardCharsets.UTF_8);
                        System.out.print(chunk);
                        synchronized (output) {
                            output.append(chunk);
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String output() {
            synchronized (output) {
                return output.toString();
            }
        }

        /** Waits until the output has text, for at most the seconds given; false when it never came. */
        boolean awaitOutput(String text, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                if (output().contains(text)) {
                    return true;
                }
                Thread.sleep(100);
            }
            return false;
        }

        /** Ctrl-C, as a user ends it; answers the exit code (-1: still running 10 s later, then killed). */
        int interrupt() throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        }
    }

    Background start(Path dir, String... command) {
        try {
            List<String> argv = new java.util.ArrayList<>(List.of(command));
            argv.set(0, resolve(argv.get(0)));
            ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            return new Background(process);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
        }
    }

    Result run(Path dir, int minutes, String... command) {
        Background background = start(dir, command);
        try {
            if (!background.process.waitFor(minutes, TimeUnit.MINUTES)) {
                background.process.destroyForcibly();
                throw new AssertionError("timed out after " + minutes + " min: " + String.join(" ", command));
            }
            background.reader.join(10_000);
            return new Result(background.process.exitValue(), background.output());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
