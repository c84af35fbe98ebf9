package io.paas.e2e;

import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drill: a backup taken while the platform serves, the platform stopped and its whole data
 * directory lost (database, secrets, repositories, registry, engine store), the backup restored
 * and the platform started: the app serves its release with its history, and the next push works.
 */
class BackupRestoreTest {
    private static final String APP = "saved";

    @Test
    void aRestoreAfterTheDataDirectoryIsLostBringsTheAppBackAndPushesWork() throws Exception {
        Platform platform = Platform.startedWith(Map.of());
        try {
            Shell shell = platform.shell();
            Path dir = platform.sample("static-app", APP);
            shell.run(dir, "paas", "apps:create", APP).ok();
            platform.pushUntilServed(APP, dir, "backup: first push", "Hello from static", "git", "push", "paas", "main");
            shell.run(dir, "paas", "config:set", "KEPT=yes").ok();

            Path backup = platform.work.resolve("backup");
            long started = System.nanoTime();
            String said = shell.run(Platform.REPO, 5, "infra/platform.sh", "backup", backup.toString()).ok().output();
            long backedUp = System.nanoTime();
            for (String part : new String[] {"BACKUP", "postgres/base.tar.gz", "postgres/pg_wal.tar.gz", "secrets/cert-key",
                    "platform.env", "git.tar.gz", "registry.tar.gz"}) {
                assertTrue(Files.exists(backup.resolve(part)), part + " is in the backup: " + said);
            }

            // the disk is lost
            shell.run(Platform.REPO, 5, "infra/platform.sh", "stop").ok();
            shell.run(Platform.REPO, "rm", "-rf", platform.data.toString()).ok();
            assertFalse(Files.exists(platform.data));

            long restoring = System.nanoTime();
            shell.run(Platform.REPO, 5, "infra/platform.sh", "restore", backup.toString()).ok();
            shell.run(Platform.REPO, 10, "infra/platform.sh", "start").ok();
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
            Shell.Result page = platform.awaitServed(APP, "Hello from static", deadline);
            assertEquals(200, Platform.status(page), "the app after the restore: " + page.output());
            long serving = System.nanoTime();
            var releases = ControllerClient.JSON.readTree(shell.run(dir, "paas", "releases", "--json").ok().output());
            assertEquals(3, releases.size(), "the initial release, the push's and the config change's: " + releases);
            assertTrue(shell.run(dir, "paas", "config").ok().output().contains("KEPT"), "its config");

            // the restored repository and registry take the next push
            Files.writeString(dir.resolve("index.html"), "<h1>Hello from static, restored</h1>\n");
            platform.commitAll(dir, "after the restore");
            platform.pushUntilServed(APP, dir, "backup: push after the restore", "restored", "git", "push", "paas", "main");
            System.out.printf("[backup] backup %.1f s; restore and start to the app serving %.1f s%n",
                    (backedUp - started) / 1e9, (serving - restoring) / 1e9);
        } finally {
            platform.stop();
        }
    }
}
