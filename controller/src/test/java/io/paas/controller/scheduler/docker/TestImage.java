package io.paas.controller.scheduler.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An image with busybox and /usr/local/bin/paas-launch, made without any image hub: the stack run
 * image when the machine has it, else a few-MB image imported from Debian's static busybox.
 */
public final class TestImage {
    public final String name;
    final boolean ownedByTest;
    private final String id;

    private TestImage(String name, boolean ownedByTest, String id) {
        this.name = name;
        this.ownedByTest = ownedByTest;
        this.id = id;
    }

    public static TestImage find(String platformId, Path workDir) throws Exception {
        if (!"busybox".equals(System.getProperty("paas.test.image"))) {
            // The image infra/platform.sh setup builds into the machine's store: never a name in
            // some platform's registry (127.0.0.1:7150 is whatever platform happens to run there).
            String stack = "localhost/paas/stack-run:bookworm";
            Process exists = new ProcessBuilder("podman", "image", "exists", stack).start();
            if (exists.waitFor(30, TimeUnit.SECONDS) && exists.exitValue() == 0) {
                return new TestImage(stack, false, null);
            }
        }
        return busybox(platformId, workDir);
    }

    /** Always a fresh image of this run's own (its label makes its digest unique), removed by {@link #removeIfOwned}. */
    static TestImage busybox(String platformId, Path workDir) throws Exception {
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new IllegalStateException("no /bin/busybox: infra/test.sh installs it (apt-get install -y busybox-static)");
        }
        Path root = Files.createTempDirectory(workDir, "rootfs-");
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("tmp"));
        Files.createDirectories(root.resolve("usr/local/bin"));
        Files.copy(busybox, root.resolve("bin/busybox"));
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("busybox"));
        Path launch = root.resolve("usr/local/bin/paas-launch");
        // the stack's launcher runs the Procfile command with bash -c; busybox sh stands in for bash
        Files.writeString(launch, "#!/bin/sh\ncd /app 2>/dev/null || cd /\nexec /bin/sh -c \"$*\"\n");
        Files.setPosixFilePermissions(launch, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path tar = root.resolveSibling(root.getFileName() + ".tar");
        run(List.of("tar", "-C", root.toString(), "-cf", tar.toString(), "."));
        String name = "localhost/paas-test-busybox:" + platformId;
        run(List.of("podman", "import",
                "--change", "ENTRYPOINT [\"/usr/local/bin/paas-launch\"]",
                "--change", "LABEL paas.platform=" + platformId,
                tar.toString(), name));
        String id = run(List.of("podman", "image", "inspect", "--format", "{{.Id}}", name)).trim();
        return new TestImage(name, true, id);
    }

    /** A command that serves text (shell words, expanded in the container) on $PORT with busybox, in either image. */
    public static String httpd(String text) {
        return "mkdir -p /tmp/www && echo \"" + text + "\" > /tmp/www/index.html && exec busybox httpd -f -p $PORT -h /tmp/www";
    }

    public void removeIfOwned() throws Exception {
        if (ownedByTest) {
            // by id: a pull by digest may have given the image another name
            run(List.of("podman", "rmi", "--force", "--ignore", id));
        }
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
