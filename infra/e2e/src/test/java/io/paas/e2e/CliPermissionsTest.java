package io.paas.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paas.cli.CliContext;
import io.paas.cli.PaasMain;
import io.paas.cli.support.Session;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command of the `paas` CLI (found from picocli's own command tree), run in-process by every kind of
 * caller against a personal app, a team's app and an app whose name was used before by someone else: who is
 * refused, with the message a user sees ("no app named X" for an app out of sight, the owner-only message for
 * one in sight but not theirs to manage), and who gets through (exit 0). A command added without a rule here
 * fails the test. The API's half is the controller's RoutePermissionsTest; pushes are PermissionsTest's and
 * SshPushTest's.
 */
class CliPermissionsTest {
    /** What a command needs. */
    enum Rule {
        /** Works on the machine alone (or without credentials): anyone, exit 0. */
        LOCAL,
        /** Logs in with one's own password: anyone who has one. */
        SIGN_IN,
        /** Registration is closed on this platform: refused to everyone. */
        CLOSED,
        /** Any signed-in user. */
        USER,
        /** A platform admin. */
        ADMIN,
        /** About the owner's account: the owner or an admin. */
        SELF_OR_ADMIN,
        /** About one of the owner's tokens or keys: the owner alone (not even an admin). */
        OWN,
        TEAM_MEMBER,
        TEAM_ADMIN,
        /** Lists apps: any signed-in user, who sees the app exactly when they may deploy it. */
        LIST,
        /** Deploy and operate the app: its owner, collaborators, its team's members, admins. */
        DEPLOY,
        /** Destroy, transfer, share the app: its owner, its team's admins, admins. */
        MANAGE
    }

    /**
     * One command's rule and arguments. fresh: a caller who may gets an app (or team) of their own, as the
     * command takes it away. refused: what a signed-in caller who may not reads, where the rule's usual words
     * do not fit (for OWN: the thing that is not theirs is out of sight).
     */
    record Entry(Rule rule, Function<Run, List<String>> args, boolean fresh, Function<Run, String> refused) {
        boolean aboutAnApp() {
            return rule == Rule.LIST || rule == Rule.DEPLOY || rule == Rule.MANAGE;
        }
    }

    /** A caller: a name for messages, the account (null: none), their environment (HOME, config, a git clone). */
    record Caller(String name, String username, Map<String, String> env, Path home, Path checkout) {
    }

    /** An app and who may do what with it; release: a release with an image, to roll back to. */
    record Target(String kind, String app, Set<String> deployers, Set<String> managers, int release) {
    }

    /** One run: who, on which app (the personal one for commands about no app), on which team. */
    record Run(Caller caller, Target target, String team) {
        String app() {
            return target.app();
        }
    }

    private static final String PASSWORD = Platform.PASSWORD;
    /**
     * About the caller's own password, the same whatever their role: tried by one caller of each kind (no
     * credentials, a revoked token, a user, an admin), as each costs a slow password hash, a second or more here.
     */
    private static final Set<String> ONE_OF_EACH_KIND = Set.of("login", "passwd");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Map<String, Entry> rules = new LinkedHashMap<>();
    private Platform platform;
    private Path work;
    private ControllerClient alice;
    private String builderUrl;
    private Caller anonymous;
    private Caller revoked;
    private Caller stranger;
    private Caller collaborator;
    private Caller teamMember;
    private Caller teamAdmin;
    private Caller admin;
    private Caller owner;
    private String guest;
    private String victim;
    private String doomed;
    private String team;
    private String image;
    private Path procfile;
    private Path cert;
    private Path key;
    private String ownerTokenId;
    private String ownerKey;
    private final Map<String, Path> publicKeys = new HashMap<>();

    private void rules() {
        // Local, and the account itself
        rule("help", Rule.LOCAL, r -> List.of());
        rule("cds-training", Rule.LOCAL, r -> List.of());
        rule("git-credential", Rule.LOCAL, r -> List.of("get"));
        rule("logout", Rule.LOCAL, r -> List.of());
        rule("register", Rule.CLOSED, r -> List.of(platform.controllerUrl(), "-u", unique("cpreg"), "-p", PASSWORD));
        rule("login", Rule.SIGN_IN, r -> List.of(platform.controllerUrl(), "-u",
                r.caller().username() == null ? "cp-nobody" : r.caller().username(), "-p", PASSWORD));
        rule("whoami", Rule.USER, r -> List.of());
        rule("auth:token", Rule.USER, r -> List.of("-d", "cli permissions"));
        rule("auth:tokens", Rule.USER, r -> List.of());
        rule("auth:revoke", Rule.OWN, r -> List.of(ownerTokenId), r -> "no token " + ownerTokenId);
        rule("passwd", Rule.USER, r -> List.of("--current-password", PASSWORD, "--password", PASSWORD));
        rule("keys", Rule.USER, r -> List.of());
        rule("keys:add", Rule.USER, r -> List.of(publicKey(r.caller()).toString()));
        rule("keys:remove", Rule.OWN, r -> List.of(ownerKey), r -> "no key " + ownerKey + " among yours");
        // Teams and the platform's users
        rule("teams", Rule.USER, r -> List.of());
        rule("teams:create", Rule.USER, r -> List.of(unique("cpteam")));
        rule("teams:members", Rule.TEAM_MEMBER, r -> List.of(r.team()));
        rule("teams:members:add", Rule.TEAM_ADMIN, r -> List.of(guest, "-t", r.team()));
        rule("teams:members:remove", Rule.TEAM_ADMIN, r -> List.of(guest, "-t", r.team()));
        fresh("teams:destroy", Rule.TEAM_ADMIN, r -> List.of(r.team(), "--confirm", r.team()));
        rule("users", Rule.ADMIN, r -> List.of());
        // users:add is registration, which is closed to all but admins
        rule("users:add", Rule.ADMIN, r -> List.of(unique("cpadded"), "-p", PASSWORD), r -> "registration is closed");
        rule("users:disable", Rule.ADMIN, r -> List.of(victim));
        rule("users:enable", Rule.ADMIN, r -> List.of(victim));
        rule("users:admin", Rule.ADMIN, r -> List.of(victim));
        rule("users:passwd", Rule.ADMIN, r -> List.of(victim, "--password", PASSWORD));
        rule("users:delete", Rule.ADMIN, r -> List.of(doomed, "--confirm", doomed));
        rule("admin:registration", Rule.ADMIN, r -> List.of("closed"));
        rule("admin:disk", Rule.ADMIN, r -> List.of());
        rule("quotas", Rule.SELF_OR_ADMIN, r -> List.of("-u", owner.username()));
        // quotas:set reads the quota first: another user's is out of sight
        rule("quotas:set", Rule.ADMIN, r -> List.of("-u", victim, "apps=50"), r -> "no user named " + victim);
        rule("apps:create", Rule.USER, r -> List.of(unique("cpnew"), "--no-remote"));
        // An app's own commands
        rule("apps", Rule.LIST, r -> List.of());
        rule("apps:info", Rule.DEPLOY, r -> List.of(r.app()));
        rule("apps:open", Rule.DEPLOY, r -> app(r, "/health"));
        rule("git:remote", Rule.DEPLOY, r -> app(r));
        rule("perms", Rule.DEPLOY, r -> app(r));
        rule("perms:add", Rule.MANAGE, r -> app(r, guest));
        rule("perms:remove", Rule.MANAGE, r -> app(r, guest));
        rule("config", Rule.DEPLOY, r -> app(r));
        rule("config:get", Rule.DEPLOY, r -> app(r, "SHARED"));
        rule("config:set", Rule.DEPLOY, r -> app(r, var(r) + "=set"));
        rule("config:unset", Rule.DEPLOY, r -> app(r, var(r)));
        rule("ps", Rule.DEPLOY, r -> app(r));
        rule("scale", Rule.DEPLOY, r -> app(r, "web=0"));
        rule("ps:restart", Rule.DEPLOY, r -> app(r, "web"));
        rule("ps:stop", Rule.DEPLOY, r -> app(r, oneOff(r)));
        rule("releases", Rule.DEPLOY, r -> app(r));
        rule("releases:info", Rule.DEPLOY, r -> app(r));
        rule("releases:rollback", Rule.DEPLOY, r -> app(r, "v" + r.target().release()));
        rule("deploy:image", Rule.DEPLOY, r -> app(r, image, "--procfile", procfile.toString()));
        rule("builds", Rule.DEPLOY, r -> app(r));
        rule("logs", Rule.DEPLOY, r -> app(r, "-n", "5"));
        rule("metrics", Rule.DEPLOY, r -> app(r, "--minutes", "5"));
        rule("run", Rule.DEPLOY, r -> app(r, "--detach", "true"));
        rule("audit", Rule.DEPLOY, r -> app(r, "-n", "5"));
        rule("builds:info", Rule.DEPLOY, r -> app(r));
        rule("builds:cache:purge", Rule.DEPLOY, r -> app(r, "--confirm", r.app()));
        rule("buildpacks", Rule.DEPLOY, r -> app(r));
        rule("buildpacks:set", Rule.DEPLOY, r -> app(r, "static"));
        rule("buildpacks:add", Rule.DEPLOY, r -> app(r, "go"));
        rule("buildpacks:remove", Rule.DEPLOY, r -> app(r, "go"));
        rule("buildpacks:clear", Rule.DEPLOY, r -> app(r));
        rule("stack", Rule.DEPLOY, r -> app(r));
        rule("stack:set", Rule.DEPLOY, r -> app(r, "bookworm"));
        rule("domains", Rule.DEPLOY, r -> app(r));
        rule("domains:add", Rule.DEPLOY, r -> app(r, domain(r)));
        rule("domains:remove", Rule.DEPLOY, r -> app(r, domain(r)));
        rule("drains", Rule.DEPLOY, r -> app(r));
        rule("drains:add", Rule.DEPLOY, r -> app(r, drain(r)));
        rule("drains:remove", Rule.DEPLOY, r -> app(r, drain(r)));
        rule("certs", Rule.DEPLOY, r -> app(r));
        rule("certs:add", Rule.DEPLOY, r -> app(r, cert.toString(), key.toString(), "--name", "cert-" + r.caller().name()));
        rule("certs:remove", Rule.DEPLOY, r -> app(r, "cert-" + r.caller().name()));
        rule("certs:auto", Rule.DEPLOY, r -> app(r));
        rule("certs:auto:enable", Rule.DEPLOY, r -> app(r));
        rule("certs:auto:disable", Rule.DEPLOY, r -> app(r));
        rule("router", Rule.DEPLOY, r -> app(r));
        rule("router:set", Rule.DEPLOY, r -> app(r, "read-timeout=30s"));
        rule("tls:enforce", Rule.DEPLOY, r -> app(r, "off"));
        rule("maintenance:on", Rule.DEPLOY, r -> app(r));
        rule("maintenance:off", Rule.DEPLOY, r -> app(r));
        rule("allowlist", Rule.DEPLOY, r -> app(r));
        rule("allowlist:add", Rule.DEPLOY, r -> app(r, cidr(r)));
        rule("allowlist:remove", Rule.DEPLOY, r -> app(r, cidr(r)));
        rule("healthchecks", Rule.DEPLOY, r -> app(r));
        rule("healthchecks:set", Rule.DEPLOY, r -> app(r, "web", "--path", "/"));
        rule("healthchecks:unset", Rule.DEPLOY, r -> app(r, "web"));
        rule("limits", Rule.DEPLOY, r -> app(r));
        rule("limits:set", Rule.DEPLOY, r -> app(r, "web=256M"));
        rule("limits:unset", Rule.DEPLOY, r -> app(r, "web"));
        rule("ports", Rule.DEPLOY, r -> app(r));
        rule("ports:set", Rule.DEPLOY, r -> app(r, "8080"));
        rule("ports:clear", Rule.DEPLOY, r -> app(r));
        rule("registry", Rule.DEPLOY, r -> app(r));
        rule("registry:login", Rule.DEPLOY, r -> app(r, "registry.example.test", "-u", "bot", "-p", "registry-secret"));
        rule("registry:logout", Rule.DEPLOY, r -> app(r, "registry.example.test"));
        rule("docker-options", Rule.DEPLOY, r -> app(r));
        rule("docker-options:add", Rule.DEPLOY, r -> app(r, "build", "--build-arg", "FLAVOUR=plain"));
        rule("docker-options:remove", Rule.DEPLOY, r -> app(r, "build", "--build-arg", "FLAVOUR"));
        rule("builder-dockerfile:set", Rule.DEPLOY, r -> app(r, "dockerfile-path", "docker/Dockerfile.web"));
        // Last, as they take the app away (from a caller who may, on an app of their own)
        fresh("apps:transfer", Rule.MANAGE, r -> app(r, guest));
        fresh("apps:destroy", Rule.MANAGE, r -> app(r, "--confirm", r.app()));
    }

    private void rule(String command, Rule rule, Function<Run, List<String>> args) {
        rule(command, rule, args, null);
    }

    private void rule(String command, Rule rule, Function<Run, List<String>> args, Function<Run, String> refused) {
        rules.put(command, new Entry(rule, args, false, refused));
    }

    private void fresh(String command, Rule rule, Function<Run, List<String>> args) {
        rules.put(command, new Entry(rule, args, true, null));
    }

    @Test
    void everyCommandAnswersEachCallerByTheRule() throws Exception {
        platform = Platform.get();
        long started = System.nanoTime();
        work = Files.createTempDirectory(platform.work, "cli-permissions");
        rules();
        Set<String> commands = leafCommands();
        Set<String> missing = new TreeSet<>(commands);
        missing.removeAll(rules.keySet());
        assertTrue(missing.isEmpty(), "paas commands without a permission rule in this test: " + missing);
        Set<String> stale = new TreeSet<>(rules.keySet());
        stale.removeAll(commands);
        assertTrue(stale.isEmpty(), "rules for commands the CLI does not have: " + stale);

        setUp();
        // made side by side: each starts a container once, for its first image release
        List<Target> targets = Stream.<Supplier<Target>>of(() -> personal(true), () -> teamApp(true), () -> recycled(true))
                .map(CompletableFuture::supplyAsync).toList().stream().map(CompletableFuture::join).toList();
        double setUpSeconds = (System.nanoTime() - started) / 1e9;
        List<String> wrong = new ArrayList<>();
        Map<String, Long> spent = new HashMap<>();
        int runs = 0;
        // Owner last: others try the owner's token and key (OWN) before the owner removes them.
        for (Caller caller : List.of(anonymous, revoked, stranger, collaborator, teamMember, teamAdmin, admin, owner)) {
            for (Map.Entry<String, Entry> command : rules.entrySet()) {
                Entry entry = command.getValue();
                if (ONE_OF_EACH_KIND.contains(command.getKey()) && !List.of(anonymous, revoked, owner, admin).contains(caller)) {
                    continue;
                }
                for (Target target : entry.aboutAnApp() ? targets : List.of(targets.get(0))) {
                    Run run = new Run(caller, target, team);
                    if (entry.fresh() && refusal(entry, run) == null) {
                        run = freshRun(command.getKey(), run);
                    }
                    String refusal = refusal(entry, run);
                    long start = System.nanoTime();
                    Result result = runAs(run, command.getKey(), entry);
                    spent.merge(command.getKey(), System.nanoTime() - start, Long::sum);
                    runs++;
                    String verdict = verdict(entry, run, refusal, result);
                    if (verdict != null) {
                        wrong.add("paas " + command.getKey() + (entry.aboutAnApp() ? " on " + target.kind() : "")
                                + " as " + caller.name() + ": " + verdict);
                    }
                }
            }
        }
        long appCommands = rules.values().stream().filter(Entry::aboutAnApp).count();
        System.out.printf("CliPermissionsTest: %d commands (%d about an app x 3 apps, %d others) x 8 callers (%s: 4)"
                        + " = %d runs in %.1f s (%.1f s of it setting up)%n", rules.size(), appCommands,
                rules.size() - appCommands, String.join(", ", new TreeSet<>(ONE_OF_EACH_KIND)), runs,
                (System.nanoTime() - started) / 1e9, setUpSeconds);
        System.out.println("CliPermissionsTest: slowest commands, all runs together: " + spent.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12).map(e -> String.format("%s %.1f s", e.getKey(), e.getValue() / 1e9)).toList());
        assertEquals(List.of(), wrong, runs + " runs");
    }

    /** Every command a user can type, from picocli's own tree (aliases folded into their command). */
    private static Set<String> leafCommands() {
        CliContext ctx = new CliContext(new BufferedReader(new StringReader("")), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Map.of(), Path.of("."), null);
        Set<String> names = new TreeSet<>();
        collect(PaasMain.commands(ctx), names);
        return names;
    }

    private static void collect(CommandLine command, Set<String> names) {
        Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
        for (CommandLine sub : command.getSubcommands().values()) {
            if (seen.put(sub, true) != null) {
                continue;
            }
            if (sub.getSubcommands().isEmpty()) {
                names.add(sub.getCommandName());
            } else {
                collect(sub, names);
            }
        }
    }

    /** null: the caller may; else what the refusal says. */
    private String refusal(Entry entry, Run run) {
        Caller caller = run.caller();
        switch (entry.rule()) {
            case LOCAL:
                return null;
            case CLOSED:
                return "registration is closed";
            case SIGN_IN:
                return caller == anonymous ? "wrong username or password" : null;
            default:
                break;
        }
        if (caller == anonymous) {
            return Session.NOT_LOGGED_IN;
        }
        if (caller == revoked) {
            return "invalid, revoked or expired token";
        }
        String name = caller.name();
        String refused = switch (entry.rule()) {
            case USER, LIST -> null;
            case ADMIN -> caller == admin ? null : "only a platform admin may do this";
            case SELF_OR_ADMIN -> caller == owner || caller == admin ? null : "no user named " + owner.username();
            case OWN -> caller == owner ? null : "";
            case TEAM_MEMBER -> caller == teamAdmin || caller == teamMember || caller == admin ? null
                    : "no team named " + run.team();
            case TEAM_ADMIN -> caller == teamAdmin || caller == admin ? null
                    : caller == teamMember ? "only an admin of team " + run.team() : "no team named " + run.team();
            case DEPLOY -> run.target().deployers().contains(name) ? null : "no app named " + run.app();
            case MANAGE -> run.target().managers().contains(name) ? null
                    : run.target().deployers().contains(name) ? "only " + run.app() + "'s owner" : "no app named " + run.app();
            default -> throw new IllegalStateException(entry.rule().name());
        };
        return refused == null || entry.refused() == null ? refused : entry.refused().apply(run);
    }

    /** null when the result is what the rule says; else what went wrong. */
    private static String verdict(Entry entry, Run run, String refusal, Result result) {
        if (refusal != null) {
            if (result.exit() != 0 && result.output().contains(refusal)) {
                return null;
            }
            return "expected a refusal saying \"" + refusal + "\", got exit " + result.exit() + ": " + result.output().strip();
        }
        if (result.exit() != 0) {
            return "expected to succeed, got exit " + result.exit() + ": " + result.output().strip();
        }
        if (entry.rule() == Rule.LIST) {
            boolean listed = result.output().lines().anyMatch(line -> line.strip().equals(run.app()));
            boolean may = run.target().deployers().contains(run.caller().name());
            if (listed != may) {
                return (may ? "does not list " : "lists ") + run.app() + ": " + result.output().strip();
            }
        }
        return null;
    }

    /** The run with an app (or a team) of its own, made like the one it stands for. */
    private Run freshRun(String command, Run run) {
        if (command.startsWith("teams:")) {
            String own = unique("cpcrew");
            ok(teamAdmin, "teams:create", own);
            ok(teamAdmin, "teams:members:add", teamMember.username(), "-t", own);
            return new Run(run.caller(), run.target(), own);
        }
        Target fresh = switch (run.target().kind()) {
            case "a team's app" -> teamApp(false);
            case "a recycled name" -> recycled(false);
            default -> personal(false);
        };
        return new Run(run.caller(), fresh, run.team());
    }

    private Result runAs(Run run, String command, Entry entry) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.addAll(entry.args().apply(run));
        Caller caller = run.caller();
        Map<String, String> env = caller.env();
        // Commands that log in or out do it in a copy of the caller's config: the caller stays as they are.
        if (entry.rule() == Rule.LOCAL || entry.rule() == Rule.SIGN_IN || entry.rule() == Rule.CLOSED) {
            env = new HashMap<>(env);
            env.put("PAAS_CONFIG_DIR", scratchConfig(caller).toString());
        }
        String stdin = command.equals("git-credential") ? "protocol=http\nhost=127.0.0.1\n\n" : "";
        return cli(env, caller.checkout(), stdin, args.toArray(String[]::new));
    }

    // ---- set-up: the callers, the team, the apps ----

    private void setUp() throws Exception {
        JsonNode aliceConfig = ControllerClient.JSON.readTree(Path.of(platform.shell().env("HOME"), ".paas", "config.json").toFile());
        alice = new ControllerClient(platform.controllerUrl(), aliceConfig.path("token").asText());
        builderUrl = aliceConfig.path("builderUrl").asText();
        anonymous = caller("anonymous", null);
        owner = user("owner");
        collaborator = user("collaborator");
        teamAdmin = user("team-admin");
        teamMember = user("team-member");
        stranger = user("stranger");
        admin = user("admin");
        alice.changeUser(admin.username(), new Api.AccountChange(true, null));
        guest = addUser("guest").username();
        victim = addUser("victim").username();
        doomed = addUser("doomed").username();

        // a token of the stranger's, revoked: refused at once
        JsonNode token = json(ok(stranger, "auth:token", "--json"));
        revoked = caller("revoked", stranger.username());
        Files.createDirectories(config(revoked));
        ObjectNode saved = (ObjectNode) ControllerClient.JSON.readTree(config(stranger).resolve("config.json").toFile());
        saved.put("token", token.path("token").asText());
        Files.writeString(config(revoked).resolve("config.json"), saved.toString());
        ok(stranger, "auth:revoke", token.path("id").asText());

        // what OWN commands are tried on: a token and a key of the owner's
        ownerTokenId = json(ok(owner, "auth:token", "--json")).path("id").asText();
        ownerKey = addKey(owner, "spare");

        team = unique("cpcrew");
        ok(teamAdmin, "teams:create", team);
        ok(teamAdmin, "teams:members:add", teamMember.username(), "-t", team);

        String registry = "127.0.0.1:" + platform.setting("PAAS_REGISTRY_PORT");
        image = registry + "/paas/stack-run:bookworm";
        procfile = work.resolve("Procfile");
        Files.writeString(procfile, "web: exec busybox httpd -f -p $PORT -h /tmp\n");
        selfSignedCertificate();
    }

    /**
     * A user logged in as `paas login` leaves them, with the first token the controller made them: a login
     * costs a slow password hash (PBKDF2, 600,000 rounds), about a second here, which `login` is run for.
     */
    private Caller user(String name) throws IOException {
        Api.Session session = addUser(name);
        Caller caller = caller(name, session.username());
        Files.createDirectories(config(caller));
        Map<String, String> saved = new LinkedHashMap<>();
        saved.put("controller", platform.controllerUrl());
        saved.put("username", session.username());
        saved.put("token", session.token());
        saved.put("builderUrl", builderUrl);
        Files.write(config(caller).resolve("config.json"), ControllerClient.JSON.writeValueAsBytes(saved));
        return caller;
    }

    /** An account, added by alice (the platform's first user, its admin) as registration is closed. */
    private Api.Session addUser(String name) {
        return alice.addUser(unique("cp" + name.replace("-", "")), PASSWORD);
    }

    private Caller caller(String name, String username) throws IOException {
        Path home = Files.createDirectories(work.resolve("home-" + name));
        Path checkout = Files.createDirectories(home.resolve("checkout"));
        git(checkout, "init", "-q", "-b", "main");
        Map<String, String> env = environment(home);
        return new Caller(name, username, env, home, checkout);
    }

    private Map<String, String> environment(Path home) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", home.toString());
        env.put("PAAS_CONFIG_DIR", home.resolve(".paas").toString());
        env.put("PATH", platform.shell().env("PATH"));
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.remove("PAAS_CONTROLLER_URL");
        // apps:open prints the URL rather than starting a browser
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        return env;
    }

    private static Path config(Caller caller) {
        return Path.of(caller.env().get("PAAS_CONFIG_DIR"));
    }

    private Path scratchConfig(Caller caller) {
        try {
            Path scratch = Files.createTempDirectory(work, "config-" + caller.name());
            Path saved = config(caller).resolve("config.json");
            if (Files.exists(saved)) {
                Files.copy(saved, scratch.resolve("config.json"));
            }
            return scratch;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A personal app of the owner's, with the collaborator on it; image: a release with an image, and no process running. */
    private Target personal(boolean image) {
        String app = unique("cpown");
        ok(owner, "apps:create", app, "--no-remote");
        ok(owner, "perms:add", collaborator.username(), "-a", app);
        return target("a personal app", app, Set.of("owner", "collaborator", "admin"), Set.of("owner", "admin"), image);
    }

    private Target teamApp(boolean image) {
        String app = unique("cpteam");
        ok(teamAdmin, "apps:create", app, "-t", team, "--no-remote");
        return target("a team's app", app, Set.of("team-admin", "team-member", "admin"), Set.of("team-admin", "admin"), image);
    }

    /** The owner and the collaborator of a destroyed app reach nothing of the stranger's app of that name. */
    private Target recycled(boolean image) {
        String app = personal(false).app();
        ok(owner, "apps:destroy", app, "--confirm", app);
        ok(stranger, "apps:create", app, "--no-remote");
        return target("a recycled name", app, Set.of("stranger", "admin"), Set.of("stranger", "admin"), image);
    }

    /**
     * With an image release (the stack's run image, which every user may deploy) scaled to no process: each
     * later release rolls out at once, and there is one to roll back to.
     */
    private Target target(String kind, String app, Set<String> deployers, Set<String> managers, boolean withImage) {
        int release = 0;
        if (withImage) {
            ok(admin, "config:set", "SHARED=yes", "-a", app);
            ok(admin, "deploy:image", image, "--procfile", procfile.toString(), "-a", app);
            ok(admin, "scale", "web=0", "-a", app);
            release = json(ok(admin, "apps:info", app, "--json")).path("release").path("version").asInt();
        }
        return new Target(kind, app, deployers, managers, release);
    }

    // ---- arguments ----

    private static List<String> app(Run run, String... args) {
        List<String> list = new ArrayList<>(Arrays.asList(args));
        list.add("-a");
        list.add(run.app());
        return list;
    }

    private static String var(Run run) {
        return "BY_" + run.caller().name().replace("-", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private static String domain(Run run) {
        return run.caller().name() + "." + run.app() + ".example.test";
    }

    /** A TEST-NET address (RFC 5737): no receiver, never one of the platform's; a port of the caller's own. */
    /** A one-off running on the app for a caller who may stop it (started by alice, the admin), else any name. */
    private String oneOff(Run run) {
        return run.target().deployers().contains(run.caller().name()) ? alice.run(run.app(), "sleep 60").process() : "run.1";
    }

    private String drain(Run run) {
        List<Caller> callers = List.of(anonymous, revoked, stranger, collaborator, teamMember, teamAdmin, admin, owner);
        return "syslog+tls://192.0.2.1:" + (6500 + callers.indexOf(run.caller()));
    }

    private String cidr(Run run) {
        List<Caller> callers = List.of(anonymous, revoked, stranger, collaborator, teamMember, teamAdmin, admin, owner);
        return "10." + (callers.indexOf(run.caller()) + 1) + ".0.0/16";
    }

    private Path publicKey(Caller caller) {
        return publicKeys.computeIfAbsent(caller.name(), name -> writeKey(caller, "main").file());
    }

    private static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet() + Long.toString(System.nanoTime() % 100_000, 36);
    }

    record PublicKey(Path file, String fingerprint) {
    }

    /** An Ed25519 public key in OpenSSH's format, made with the JDK, and its SHA256 fingerprint as paas keys shows it. */
    private PublicKey writeKey(Caller caller, String label) {
        try {
            byte[] encoded = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            sshString(blob, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
            sshString(blob, raw);
            byte[] bytes = blob.toByteArray();
            Path file = caller.home().resolve("id_" + label + ".pub");
            Files.writeString(file, "ssh-ed25519 " + Base64.getEncoder().encodeToString(bytes) + " " + caller.name() + "@cli-permissions\n");
            String fingerprint = "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
            return new PublicKey(file, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sshString(ByteArrayOutputStream out, byte[] value) {
        int n = value.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(value);
    }

    private String addKey(Caller caller, String label) {
        PublicKey key = writeKey(caller, label);
        ok(caller, "keys:add", key.file().toString());
        return key.fingerprint();
    }

    private void selfSignedCertificate() throws Exception {
        cert = work.resolve("cert.pem");
        key = work.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "30",
                "-subj", "/CN=cert.example.test", "-addext", "subjectAltName=DNS:cert.example.test")
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, openssl.waitFor(), "openssl: " + output);
    }

    // ---- running paas in this JVM ----

    record Result(int exit, String output) {
    }

    private static Result cli(Map<String, String> env, Path dir, String stdin, String... args) {
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out, true);
        CliContext ctx = new CliContext(new BufferedReader(new StringReader(stdin)), writer, writer, env, dir, null);
        int exit = PaasMain.run(ctx, args);
        return new Result(exit, out.toString());
    }

    private String ok(Caller caller, String... args) {
        return ok(caller.env(), caller.checkout(), args);
    }

    private String ok(Map<String, String> env, String... args) {
        return ok(env, work, args);
    }

    private static String ok(Map<String, String> env, Path dir, String... args) {
        Result result = cli(env, dir, "", args);
        if (result.exit() != 0) {
            throw new AssertionError("paas " + String.join(" ", args) + " failed with exit " + result.exit() + ":\n"
                    + result.output());
        }
        return result.output();
    }

    private static JsonNode json(String text) {
        try {
            return ControllerClient.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, git.waitFor(), "git " + String.join(" ", args) + ": " + output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
