package io.paas.builder.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The real `git` command in a private HOME, never prompting. */
public class GitClient {
    public record Result(int exitCode, String output) {
    }

    private final Path home;
    private final Map<String, String> env = new java.util.concurrent.ConcurrentHashMap<>();

    public GitClient(Path home) throws IOException {
        this.home = Files.createDirectories(home);
    }

    /** Sets an environment variable of the git commands to come (GIT_SSH_COMMAND). */
    public GitClient env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** A work tree with one commit holding the given files. */
    public Path repoWith(Path dir, Map<String, String> files) throws Exception {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return commitAll(dir);
    }

    /** Makes dir a git work tree whose one commit holds everything in it. */
    public Path commitAll(Path dir) throws Exception {
        run(dir, line -> { }, "init", "-q", "-b", "main");
        run(dir, line -> { }, "add", "-A");
        Result commit = run(dir, line -> { }, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "first");
        if (commit.exitCode() != 0) {
            throw new IllegalStateException("git commit failed: " + commit.output());
        }
        return dir;
    }

    /** Runs git, handing each output line (stdout and stderr merged) to onLine as it comes. */
    public Result run(Path dir, Consumer<String> onLine, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_ASKPASS", "");
        env.put("LANG", "C");
        env.putAll(this.env);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                onLine.accept(line);
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("git " + String.join(" ", args) + " did not finish:\n" + output);
        }
        return new Result(process.exitValue(), output.toString());
    }
}
