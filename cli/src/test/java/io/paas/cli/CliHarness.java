package io.paas.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs `paas` in-process with its own config dir, HOME and global git config under a temp dir,
 * so tests never touch the real user's ~/.paas or ~/.gitconfig.
 */
final class CliHarness {
    record Result(int exitCode, String out, String err) {
    }

    final Path root;
    final Path configDir;
    final Path gitConfig;
    final Path launcher;
    final Map<String, String> env = new HashMap<>(System.getenv());
    Path workDir;

    CliHarness(Path root) throws IOException {
        this.root = root;
        this.configDir = root.resolve("paas-config");
        this.gitConfig = root.resolve("gitconfig");
        this.workDir = Files.createDirectories(root.resolve("work"));
        Path home = Files.createDirectories(root.resolve("home"));
        this.launcher = writeLauncher(root.resolve("bin/paas"));
        env.put("HOME", home.toString());
        env.put("PAAS_CONFIG_DIR", configDir.toString());
        env.put("GIT_CONFIG_GLOBAL", gitConfig.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("PAAS_LAUNCHER", launcher.toString());
        env.remove("PAAS_CONTROLLER_URL");
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(new BufferedReader(new StringReader(stdin)), new PrintWriter(out, true),
                new PrintWriter(err, true), env, workDir, null);
        int code = PaasMain.run(ctx, args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs git in the work dir with the harness environment; fails the test when git fails. */
    String git(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    void saveLogin(String controllerUrl, String builderUrl) throws IOException {
        Files.createDirectories(configDir);
        Files.writeString(configDir.resolve("config.json"), "{\"controller\":\"" + controllerUrl
                + "\",\"username\":\"alice\",\"token\":\"tok-123\""
                + (builderUrl == null ? "" : ",\"builderUrl\":\"" + builderUrl + "\"") + "}");
    }

    /** A launcher like cli/paas, but on the test classpath: git runs it as the credential helper. */
    private static Path writeLauncher(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(file, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' io.paas.cli.PaasMain \"$@\"\n");
        file.toFile().setExecutable(true);
        return file;
    }
}
