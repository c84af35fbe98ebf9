package io.paas.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which app a command is about when no -a is given: the git remote that points at this platform's git server. */
class AppFromGitRemoteTest extends LoggedInCliTest {
    @Override
    FakeController answers(FakeController fake) {
        return fake
                .answer("GET /v2/apps/myapp/releases", 200, "[]")
                .answer("GET /v2/apps/myapp-staging/releases", 200, "[]");
    }

    private String appOf(CliHarness.Result result) {
        assertEquals(0, result.exitCode(), result.err());
        return result.out().lines().findFirst().orElse("").replace("=== ", "").replace(" Releases", "");
    }

    @Test
    void aRenamedRemoteStillNamesTheApp() throws Exception {
        cli.git("", "init", "-q");
        cli.git("", "remote", "add", "origin", "https://github.com/alice/myapp-staging.git");
        cli.git("", "remote", "add", "production", "http://alice@127.0.0.1:7101/myapp.git");

        assertEquals("myapp", appOf(cli.run("releases")));
    }

    @Test
    void severalAppsAreListedAndRemotePicksOne() throws Exception {
        cli.git("", "init", "-q");
        cli.git("", "remote", "add", "paas", "http://127.0.0.1:7101/myapp.git");
        cli.git("", "remote", "add", "staging", "http://127.0.0.1:7101/myapp-staging.git");

        CliHarness.Result ambiguous = cli.run("releases");
        assertEquals(1, ambiguous.exitCode());
        assertEquals("error: several git remotes point at this platform: paas (myapp), staging (myapp-staging): "
                + "pick one with -r REMOTE or -a APP\n", ambiguous.err());
        assertTrue(controller.requests.isEmpty());

        assertEquals("myapp-staging", appOf(cli.run("releases", "-r", "staging")));
        assertEquals("myapp", appOf(cli.run("releases", "--remote", "paas")));
        assertEquals("myapp-staging", appOf(cli.run("releases", "-a", "myapp-staging")));
    }

    @Test
    void remoteThatIsMissingOrElsewhereIsRefused() throws Exception {
        cli.git("", "init", "-q");
        cli.git("", "remote", "add", "origin", "https://github.com/alice/myapp.git");
        cli.git("", "remote", "add", "paas", "http://127.0.0.1:7101/myapp.git");

        CliHarness.Result missing = cli.run("releases", "-r", "heroku");
        assertEquals(1, missing.exitCode());
        assertEquals("error: no git remote named heroku here (remotes: origin, paas)\n", missing.err());

        CliHarness.Result elsewhere = cli.run("releases", "-r", "origin");
        assertEquals(1, elsewhere.exitCode());
        assertEquals("error: git remote origin (https://github.com/alice/myapp.git) does not point at this platform's "
                + "git server http://127.0.0.1:7101: use -a APP, or point it at the app with paas git:remote -a APP -r origin\n",
                elsewhere.err());

        CliHarness.Result both = cli.run("releases", "-r", "paas", "-a", "myapp");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().startsWith("error: give either the app or -r REMOTE, not both\n"), both.err());
        assertTrue(controller.requests.isEmpty());
    }

    @Test
    void remoteOutsideARepositorySaysSo() {
        CliHarness.Result result = cli.run("releases", "-r", "paas");

        assertEquals(1, result.exitCode());
        assertEquals("error: -r paas needs a git repository: run inside the app's git clone, or use -a APP\n", result.err());
    }

    @Test
    void aLoginWithoutBuilderUrlKnowsOnlyTheRemotePaas() throws Exception {
        cli.saveLogin(controller.url(), null);
        cli.git("", "init", "-q");
        cli.git("", "remote", "add", "production", "http://127.0.0.1:7101/myapp-staging.git");

        CliHarness.Result unknown = cli.run("releases");
        assertEquals(1, unknown.exitCode());
        assertEquals("error: no app given: no git remote named paas here: use -a APP, or add the app's remote with "
                + "paas git:remote -a APP\n", unknown.err());

        cli.git("", "remote", "add", "paas", "http://127.0.0.1:7101/myapp.git");
        assertEquals("myapp", appOf(cli.run("releases")));
    }
}
