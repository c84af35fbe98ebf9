package io.paas.cli.support;

import io.paas.cli.CliContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs the user's `git` in the working directory, with the CLI's environment. */
public class Git {
    private final CliContext ctx;

    public Git(CliContext ctx) {
        this.ctx = ctx;
    }

    public record Result(int exitCode, String out, String err) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ctx.workDir().toFile());
        builder.environment().clear();
        builder.environment().putAll(ctx.env());
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            return new Result(process.waitFor(), out.strip(), err.join().strip());
        } catch (IOException e) {
            throw new CliException("cannot run git (" + e.getMessage() + "): is git installed?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while running git");
        }
    }

    /** Runs git and fails with its own message when it fails. */
    public String runOrFail(String... args) {
        Result result = run(args);
        if (!result.ok()) {
            throw new CliException("git " + String.join(" ", args) + " failed: "
                    + (result.err().isEmpty() ? "exit code " + result.exitCode() : result.err()));
        }
        return result.out();
    }

    public boolean insideWorkTree() {
        Result result = run("rev-parse", "--is-inside-work-tree");
        return result.ok() && result.out().equals("true");
    }

    /** URL of a remote, or null when the remote (or the repository) does not exist. */
    public String remoteUrl(String remote) {
        Result result = run("remote", "get-url", remote);
        return result.ok() && !result.out().isEmpty() ? result.out() : null;
    }

    /** The work tree's remotes with their fetch URLs, in git's order; null outside a git repository. */
    public List<GitRemote> remotes() {
        Result result = run("remote", "-v");
        if (!result.ok()) {
            return null;
        }
        List<GitRemote> remotes = new ArrayList<>();
        for (String line : result.out().lines().toList()) {
            // "NAME<TAB>URL (fetch)": names hold no whitespace, URLs may.
            int tab = line.indexOf('\t');
            if (tab > 0 && line.endsWith(" (fetch)")) {
                remotes.add(new GitRemote(line.substring(0, tab), line.substring(tab + 1, line.length() - " (fetch)".length())));
            }
        }
        return remotes;
    }

    /** Points the remote at the URL, adding it when missing; true when it existed before. */
    public boolean setRemote(String name, String url) {
        boolean exists = remoteUrl(name) != null;
        runOrFail("remote", exists ? "set-url" : "add", name, url);
        return exists;
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
