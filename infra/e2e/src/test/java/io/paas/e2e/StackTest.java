package io.paas.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A per-app stack, as on Heroku: python-app, live on the default bookworm stack (Python 3.11), changed
 * to ask for Python 3.13 (runtime.txt python-3.13), is refused there with the command that moves it;
 * `paas stack:set trixie` is refused until an operator adds the trixie stack (infra/platform.sh stack
 * trixie, timed here: its images are built from Debian's trixie once and cached, then pushed to this
 * platform's registry); then the app is set to trixie, built in stack-build:trixie (from an emptied
 * build cache) on Debian trixie's Python 3.13 and served from an image on stack-run:trixie.
 * Needs Debian's mirror (trixie's packages).
 */
class StackTest {
    private static final String APP = "py313-app";
    private static Platform platform;
    private static Shell shell;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.get();
        shell = platform.shell();
    }

    @Test
    void pythonThreeThirteenOnTheTrixieStack() throws IOException {
        Path dir = platform.sample("python-app", "py313-app");
        shell.run(dir, "paas", "apps:create", APP).ok();
        String stack = shell.run(dir, "paas", "stack").ok().output();
        assertTrue(stack.contains("=== " + APP + " Available Stacks\n* bookworm (default)"), stack);
        assertTrue(shell.run(dir, "paas", "stack", "--help").ok().output().contains("--json"));
        platform.pushUntilServed(APP, dir, "StackTest: python-app on bookworm", "Hello from Python 3.11.2",
                "git", "push", "paas", "main");

        Files.writeString(dir.resolve("runtime.txt"), "python-3.13\n");
        platform.commitAll(dir, "python 3.13");
        Shell.Result onBookworm = shell.run(dir, "git", "push", "paas", "main");
        assertTrue(onBookworm.exit() != 0, onBookworm.output());
        assertTrue(onBookworm.output().contains("remote: -----> Building on the bookworm stack"), onBookworm.output());
        assertTrue(onBookworm.output().contains("Python 3.13 is Debian trixie's and runs on the trixie stack: "
                + "run `paas stack:set trixie` and push again"), onBookworm.output());
        assertTrue(platform.curl(APP).output().contains("Hello from Python 3.11.2"), "the live release keeps serving");

        Shell.Result missing = shell.run(dir, "paas", "stack:set", "trixie", "-a", APP);
        assertTrue(missing.exit() != 0, missing.output());
        assertTrue(missing.output().contains("the trixie stack is not on this platform (stacks here: bookworm): "
                + "an operator adds it with `infra/platform.sh stack trixie`"), missing.output());

        long started = System.nanoTime();
        String added = shell.run(Platform.REPO, 10, "infra/platform.sh", "stack", "trixie").ok().output();
        System.out.printf("StackTest: infra/platform.sh stack trixie in %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertTrue(added.contains("the trixie stack is on the platform"), added);

        String set = shell.run(dir, "paas", "stack:set", "trixie").ok().output();
        assertTrue(set.contains("Setting stack to trixie... done"), set);
        assertTrue(set.contains("You will need to redeploy " + APP), set);
        String json = shell.run(dir, "paas", "stack", "--json").ok().output();
        assertTrue(json.contains("\"stack\" : \"trixie\"") || json.contains("\"stack\":\"trixie\""), json);

        String pushed = platform.pushUntilServed(APP, dir, "StackTest: python-app on trixie",
                "Hello from Python 3.13.", "git", "push", "paas", "main");
        assertTrue(pushed.contains("remote: -----> Building on the trixie stack"), pushed);
        assertTrue(pushed.contains("remote: -----> The stack changed from bookworm to trixie: the build cache is cleared"), pushed);
        assertTrue(pushed.contains("remote: -----> Installing Python 3.13."), pushed);
        assertTrue(pushed.contains("(Debian trixie python3.13"), pushed);
    }
}
