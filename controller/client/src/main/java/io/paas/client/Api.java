package io.paas.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The controller's API shapes, defined once and used by the controller, cli, builder, router and tests.
 * Times are ISO-8601 strings so that no module needs a java.time Jackson module.
 */
public final class Api {
    private Api() {
    }

    /**
     * GET /v2/info (no auth): where the other parts of this platform answer. sshUrl is the base of
     * git's SSH remotes (ssh://git@HOST:PORT; an app's is sshUrl/APP.git).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Info(String version, String domain, String routerUrl, String builderUrl, String sshUrl) {
    }

    /** POST /v2/auth/register and /v2/auth/login body. */
    public record Credentials(String username, String password) {
    }

    /** Answer of register and login; the token is shown only here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Session(String username, String token) {
    }

    /** GET /v2/auth/whoami. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(String username, boolean admin) {
    }

    /** POST /v2/apps body; a null name asks the controller to pick one; a team makes it the team's app. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewApp(String name, String team) {
        public NewApp(String name) {
            this(name, null);
        }
    }

    /** POST /v2/auth/tokens body (auth:token): expiresIn in seconds, null for a token that does not expire. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenRequest(String description, Long expiresIn) {
    }

    /** Answer of POST /v2/auth/tokens: the token is shown only here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NewToken(long id, String token, String description, String createdAt, String expiresAt) {
    }

    /** GET /v2/auth/tokens: current marks the token of the call itself. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Token(long id, String description, String createdAt, String expiresAt, String lastUsedAt,
                        boolean current) {
    }

    /** POST /v2/auth/password body (passwd): the other tokens of the user are revoked. */
    public record PasswordChange(String currentPassword, String newPassword) {
    }

    /** PUT /v2/users/{user}/password body (users:passwd, admins): every token of that user is revoked. */
    public record PasswordReset(String newPassword) {
    }

    /** GET /v2/apps/{app}/collaborators (perms). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Collaborator(String username, String createdAt) {
    }

    /** POST /v2/apps/{app}/collaborators body. */
    public record NewCollaborator(String username) {
    }

    /** POST /v2/apps/{app}/transfer body: a user's or a team's name. */
    public record Transfer(String recipient) {
    }

    /** POST /v2/teams body and GET /v2/teams; role is the caller's in the team (null for an admin outside it). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Team(String name, String role, String createdAt) {
    }

    /** GET /v2/teams/{team}/members; PUT .../members/{user} takes {role}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TeamMember(String username, String role) {
    }

    /**
     * GET /v2/admin/disk (admins): the file system the platform's data lies on, and what of it each
     * part of the platform's data takes, largest first.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DiskUsage(String home, long totalBytes, long freeBytes, List<DiskPart> parts) {
    }

    /** One part of the platform's data: what it is, where, and its bytes (0 when absent). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DiskPart(String name, String path, long bytes) {
    }

    /** GET /v2/users (admins). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Account(String username, boolean admin, boolean disabled, int apps, String createdAt) {
    }

    /** PATCH /v2/users/{user} body (admins): fields left null stay as they are. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AccountChange(Boolean admin, Boolean disabled) {
    }

    /** GET and PUT /v2/admin/registration: "open" or "closed". */
    public record RegistrationMode(String mode) {
    }

    /** PUT /v2/users/{user}/quota and /v2/teams/{team}/quota (admins): a null field is no limit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuotaChange(Integer apps, Integer processes, Integer memoryMb) {
    }

    /** GET .../quota: the limits (null: none) beside what is used. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QuotaView(QuotaChange limits, Usage usage) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(int apps, long processes, long memoryMb) {
    }

    /**
     * id is the app's identity in every store outside the controller (git repository, build cache,
     * registry repository, builds in flight): a destroyed app's name can be taken again, its id never.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record App(String id, String name, String owner, String url, String gitUrl, String createdAt, String team,
                      String sshUrl) {
        public App(String id, String name, String owner, String url, String gitUrl, String createdAt) {
            this(id, name, owner, url, gitUrl, createdAt, null, null);
        }
    }

    /** GET /v2/apps/{app}. release is null before the first deploy. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AppInfo(App app, Release release, Map<String, Integer> formation, List<Process> processes) {
    }

    /**
     * status: "pending" while it rolls out, "succeeded" once it serves, "failed" (with failure, the
     * reason users see, and failureOutput, the failed process's last lines) when it never became
     * healthy or its release phase failed; the previous release then keeps serving.
     * configVars: the config's names, sorted. config: the names with their values, only in answers to
     * GET .../releases?values=true and GET .../releases/{version}?values=true by a caller who may read
     * the app's config; null everywhere else.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Release(int version, String summary, String user, String image,
                          Map<String, String> config, Map<String, String> processTypes, String createdAt,
                          String status, String failure, String failureOutput, Map<String, Limit> limits,
                          Map<String, HealthCheck> healthchecks, List<String> configVars) {
        public Release(int version, String summary, String user, String image,
                       Map<String, String> config, Map<String, String> processTypes, String createdAt) {
            this(version, summary, user, image, config, processTypes, createdAt, "succeeded", null, null, Map.of(),
                    Map.of(), config == null ? List.of() : List.copyOf(new TreeSet<>(config.keySet())));
        }
    }

    /** POST /v2/apps/{app}/releases/rollback: a null version means the release before the current one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rollback(Integer version) {
    }

    /**
     * A process type's health check, run before a new release gets traffic: HTTP GET of path (any
     * 2xx/3xx, and content somewhere in the body when given) when path is set, else a TCP connect to
     * $PORT. Seconds. attempts: how many GETs may fail before the release fails (null: retry until the
     * deploy's deadline); initialDelay: seconds to wait before the first GET.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HealthCheck(String path, Integer timeout, Integer interval, String content, Integer attempts,
                              Integer initialDelay) {
        public HealthCheck(String path, Integer timeout, Integer interval) {
            this(path, timeout, interval, null, null, null);
        }
    }

    /** A process type's limits: memory in bytes, cpu in cores (0.5 = half a core); null = none. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Limit(Long memory, Double cpu) {
    }

    /** POST /v2/apps/{app}/ps/restart: a null type restarts every process type. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Restart(String type) {
    }

    /** PATCH /v2/apps/{app}/config: a null value unsets the key. */
    public record ConfigPatch(Map<String, String> values) {
    }

    /** GET /v2/apps/{app}/config. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Config(Map<String, String> values) {
    }

    /** GET /v2/apps/{app}/config/{key}: one value, revealed (an audit entry names the key, never the value). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConfigValue(String key, String value) {
    }

    /**
     * One running (or exited) container of an app, as `paas ps` shows it. A one-off (paas run) is type
     * run, named run.N, with its command; a formation process has no command here (the release has it).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Process(String name, String type, int release, String state, String endpoint, String startedAt,
                          int restarts, Long memoryBytes, Double cpuPercent, String command) {
        public Process(String name, String type, int release, String state, String endpoint, String startedAt) {
            this(name, type, release, state, endpoint, startedAt, 0, null, null, null);
        }

        public Process(String name, String type, int release, String state, String endpoint, String startedAt,
                       int restarts) {
            this(name, type, release, state, endpoint, startedAt, restarts, null, null, null);
        }

        public Process(String name, String type, int release, String state, String endpoint, String startedAt,
                       int restarts, Long memoryBytes, Double cpuPercent) {
            this(name, type, release, state, endpoint, startedAt, restarts, memoryBytes, cpuPercent, null);
        }
    }

    /**
     * One buildpack an app names, as `paas buildpacks` lists it: index from 1 (the order they run in),
     * url a built-in name (`nodejs`, `heroku/go`) or an http(s) URL, as the user gave it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Buildpack(int index, String url) {
    }

    /** PUT /v2/apps/{app}/buildpacks body: the whole list, in order (empty: detect, as without any). */
    public record BuildpacksUpdate(List<String> buildpacks) {
    }

    /**
     * An app's stack (`paas stack`): the one its next build runs on, the platform's default, and every stack
     * whose build and run images are on the platform (sorted).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stack(String stack, String defaultStack, List<String> available) {
    }

    /** PUT /v2/apps/{app}/stack body. */
    public record StackUpdate(String stack) {
    }

    /**
     * POST /v2/auth/check (service token): may this user (API token), or the owner of this SSH key
     * (keyFingerprint, as ssh-keygen -l prints it), push to this app? With a key and no app: whose
     * key it is (the SSH server's question before it knows the app).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PushCheck(String app, String username, String token, String keyFingerprint) {
        public PushCheck(String app, String username, String token) {
            this(app, username, token, null);
        }
    }

    /** POST /v2/keys body: one public key line, "ssh-ed25519 AAAA... comment" (an authorized_keys line without options). */
    public record NewSshKey(String key) {
    }

    /** GET /v2/keys: a user's SSH public keys. fingerprint: "SHA256:...", as ssh-keygen -l prints it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SshKey(String id, String fingerprint, String type, String comment, String createdAt) {
    }

    /** Answer of POST /v2/auth/check: the user may push to (and fetch from) the app with this id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PushGrant(String username, boolean admin, String app, String appId) {
    }

    /**
     * POST /v2/apps/{app}/builds (service token): a finished build, to become the next release.
     * appId is the id of the app the push was for: a build of a destroyed app is refused (409) when
     * its name has been taken again meanwhile. An empty command runs the image's own ENTRYPOINT/CMD
     * (Dockerfile builds). port is the one web listens on, PORT in its env (a Dockerfile's EXPOSEd
     * port); null means the platform's default, 5000. kind says how commands run: {@link #SLUG}
     * (null too) through the run image's paas-launch, {@link #IMAGE} through /bin/sh -c in the
     * image (Dockerfile builds). healthchecks (from the app's app.json) replace those process types'
     * checks in the new release; formation (app.json too) is the scale of the app's first deploy
     * only, and ignored on later ones. startedAt: when the build began (ISO-8601), for its duration.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewBuild(String appId, String sha, String username, String image,
                           Map<String, String> processTypes, Integer port, String kind,
                           Map<String, HealthCheck> healthchecks, Map<String, Integer> formation, String startedAt) {
        public static final String SLUG = "slug";
        public static final String IMAGE = "image";

        public NewBuild(String appId, String sha, String username, String image, Map<String, String> processTypes,
                        Integer port, String kind, Map<String, HealthCheck> healthchecks, Map<String, Integer> formation) {
            this(appId, sha, username, image, processTypes, port, kind, healthchecks, formation, null);
        }

        public NewBuild(String appId, String sha, String username, String image, Map<String, String> processTypes) {
            this(appId, sha, username, image, processTypes, null, null);
        }

        public NewBuild(String appId, String sha, String username, String image, Map<String, String> processTypes,
                        Integer port, String kind) {
            this(appId, sha, username, image, processTypes, port, kind, null, null);
        }
    }

    /**
     * POST /v2/apps/{app}/builds/failed (service token): a build that ended without an image. reason:
     * why, as the push's last line said it; output: the build's whole output (capped as
     * {@link BuildOutputCap} says); startedAt: when it began.
     */
    public record FailedBuild(String appId, String sha, String username, String reason, String output,
                              String startedAt) {
    }

    /**
     * PUT /v2/apps/{app}/builds/{id}/output (service token): a released build's whole output, sent
     * once the push has printed its last line (capped as {@link BuildOutputCap} says).
     */
    public record BuildOutput(String output) {
    }

    /**
     * GET /v2/apps/{app}/builds (newest first) and /builds/{id}: status "succeeded" or "failed" (with
     * reason); output, the build's whole output, in the single build's answer only (null when none was
     * recorded; an app's builds older than its newest 20 say their output is no longer kept). createdAt: when it
     * began; finishedAt: when it ended; durationMs null when unknown (builds older than the record).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Build(String id, String status, String sha, String user, String createdAt, String finishedAt,
                        Long durationMs, String reason, String output) {
        public static final String SUCCEEDED = "succeeded";
        public static final String FAILED = "failed";
    }

    /**
     * POST /v2/apps/{app}/images: deploy a prebuilt image (`paas deploy:image`). processTypes from
     * the --procfile (null or empty: web runs the image's own ENTRYPOINT/CMD).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewImage(String image, Map<String, String> processTypes) {
    }

    /**
     * POST /v2/images/check (service token): may this user's build of app (its id) use image (a
     * Dockerfile's FROM or COPY --from)? 200 yes, 403 with the reason.
     */
    public record ImageCheck(String appId, String username, String image) {
    }

    /** GET /v2/apps/{app}/ports: web's port and where it comes from: "ports:set", "EXPOSE" or "default". */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ports(int web, String source) {
    }

    /** PUT /v2/apps/{app}/ports body: the port web listens on (its PORT) and the router targets. */
    public record PortChange(int web) {
    }

    /** PUT /v2/apps/{app}/registry-logins/{host} body; GET answers them without the password. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RegistryLogin(String host, String username, String password, String createdAt) {
    }

    /** GET/PUT /v2/apps/{app}/docker-options: Dockerfile build args and the Dockerfile's path (null: Dockerfile). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DockerOptions(Map<String, String> buildArgs, String dockerfilePath) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BuildResult(String id, int release, String url) {
    }

    /**
     * One line of GET /v2/routes/stream (service token): the whole table, with its generation.
     * Certificates carry private keys: the stream is for the platform's routers only.
     */
    /**
     * One line of an app's log: when (ISO-8601, UTC), from which source (app, router, platform),
     * about which process ("web.1"; null for the whole app), its text, and the whole line as
     * Heroku prints it ({@code 2026-12-04T17:00:00.123Z app[web.1]: text}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LogLine(String time, String source, String process, String text, String line) {
        /**
         * What a follower gets at once and then every half minute when nothing else comes: headers
         * go out at once, and proxies and the client see the stream is alive. Not a line of the log.
         */
        public static LogLine heartbeat(String time) {
            return new LogLine(time, null, null, null, null);
        }

        @JsonIgnore
        public boolean isHeartbeat() {
            return line == null;
        }
    }

    /**
     * One entry of the audit trail: who (a username, or the builder, router or platform), did what
     * (app.create, config.set, scale ...), when, from which address, about which app (null: the platform).
     * details never hold a config value: config entries name keys only.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuditEntry(long id, String time, String app, String actor, String action, String address,
                             String details) {
    }

    /**
     * POST /v2/apps/{app}/runs: a one-off process of the serving release (paas run). attach: its caller
     * holds its streams (through {@link Run#attach()}), with a TTY of rows x columns when tty is true;
     * otherwise it runs in the background, its output in the app's log.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NewRun(String command, Boolean attach, Boolean tty, Integer rows, Integer columns) {
        public NewRun(String command) {
            this(command, null, null, null, null);
        }
    }

    /**
     * A one-off process: its name (run.N). A detached one's lines and end are in the app's log; an
     * attached one waits (for 30 s) for its caller at attach, a WebSocket path good for one connection,
     * which carries the streams as {@link RunStreams} says.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Run(String process, String attach) {
        public Run(String process) {
            this(process, null);
        }
    }

    /** The last message of an attached run: its exit status, and how it ended in words. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunEnd(int status, String message) {
    }

    /**
     * An app's figures per minute (GET /v2/apps/{app}/metrics, paas metrics): the requests the routers
     * served by status class with latency p50/p99 (ms, the upper edge of a doubling bucket), and each
     * process's memory and CPU (percent of one core). Minutes without requests have no entry.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metrics(List<RequestMinute> requests, List<ProcessMinute> processes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestMinute(String minute, int informational, int success, int redirect, int clientError,
                                int serverError, int p50Ms, int p99Ms) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProcessMinute(String minute, String process, long memoryBytes, double cpuPercent) {
    }

    /**
     * The router's line for one request to an app (its text in Heroku's key=value form), for the app's
     * log, with the status and how long it took (ms) for the app's metrics.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RouterLogLine(String app, String time, String text, Integer status, Long millis) {
        public RouterLogLine(String app, String time, String text) {
            this(app, time, text, null, null);
        }
    }

    /**
     * acmeChallenges: ACME HTTP-01 token -> key authorization, answered by the routers at
     * /.well-known/acme-challenge/TOKEN on any host they route (paas certs:auto); null or empty for none.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RouteTable(long generation, List<Route> routes, List<Certificate> certificates,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> acmeChallenges) {
        public RouteTable(long generation, List<Route> routes) {
            this(generation, routes, List.of(), Map.of());
        }

        public RouteTable(long generation, List<Route> routes, List<Certificate> certificates) {
            this(generation, routes, certificates, Map.of());
        }
    }

    /**
     * Host -> endpoints ("127.0.0.1:PORT"); an empty list means the app has no running web process.
     * host is the app's platform host or one of its custom domains, "*.example.com" for a wildcard.
     * settings is null for the defaults.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Route(String host, String app, List<String> endpoints, RouteSettings settings) {
        public Route(String host, String app, List<String> endpoints) {
            this(host, app, endpoints, null);
        }
    }

    /**
     * Per-app router settings; null fields mean the router's defaults. balancing is
     * "round_robin" or "least_requests"; allowlist holds CIDRs ("1.2.3.0/24", "10.0.0.1/32", IPv6 too),
     * empty = everyone.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RouteSettings(Boolean maintenance, Boolean tlsEnforce, List<String> allowlist,
                                Integer connectTimeoutMs, Integer readTimeoutMs, Integer idleTimeoutMs,
                                Long maxBodyBytes, String balancing) {
    }

    /** A TLS certificate for SNI: served for every host it names (wildcards included). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Certificate(String name, List<String> hosts, String certPem, String keyPem, String expiresAt) {
    }

    /**
     * GET /v2/apps/{app}/acm (paas certs:auto): whether the app's custom domains get certificates over ACME,
     * from which CA directory, the last attempt's outcome, and each domain's state: issued, waiting or refused.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CertsAuto(boolean enabled, String directory, String status, List<CertsAutoDomain> domains) {
    }

    /** state: "issued" (expiresAt set), "waiting" (not yet, or the last attempt failed) or "refused" (reason says why). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CertsAutoDomain(String domain, String state, String expiresAt, String reason) {
    }

    /** POST /v2/apps/{app}/domains body: "www.example.com" or "*.example.com". */
    public record NewDomain(String domain) {
    }

    /** A custom domain of an app; certificate is the name of the certificate served for it, or null. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Domain(String domain, String certificate, String createdAt) {
    }

    /** POST /v2/apps/{app}/drains body: syslog://host:port, syslog+tls://host:port or https://host/path. */
    public record NewDrain(String url) {
    }

    /** A log drain of an app; token (d.UUID, as Heroku's) is sent with every line and names it in drains:remove. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Drain(String token, String url, String createdAt, String createdBy) {
    }

    /** POST /v2/apps/{app}/certs body; a null name is derived from the certificate's first host. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewCertificate(String name, String certPem, String keyPem) {
    }

    /**
     * A stored certificate as users see it (never the key): hosts are the names it holds, domains the
     * app's domains it is served for; warnings say what needs attention (expiry within 30 days, no domain).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CertificateInfo(String name, List<String> hosts, List<String> domains, String expiresAt,
                                  List<String> warnings) {
    }

    /**
     * GET/PATCH /v2/apps/{app}/router. A null number or balancing means the router's default.
     * PATCH takes a JSON object with any of these fields: a null value resets it to the default.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RouterSettings(boolean maintenance, boolean tlsEnforce, List<String> allowlist,
                                 Integer connectTimeoutMs, Integer readTimeoutMs, Integer idleTimeoutMs,
                                 Long maxBodyBytes, String balancing) {
    }

    /** POST /v2/apps/{app}/router/allowlist body: an IPv4 or IPv6 CIDR ("1.2.3.0/24"; a bare address = /32, /128). */
    public record AllowlistEntry(String cidr) {
    }

    /** POST /v2/routes/ack (service token): a router applied this generation of the route table. */
    public record RouteAck(String router, long generation) {
    }

    /**
     * RFC 7807 problem body of every error answer. build: a build recorded whose release then failed
     * (POST /v2/apps/{app}/builds), so that its output can still be stored with it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail, String build) {
        public Problem(String type, String title, int status, String detail) {
            this(type, title, status, detail, null);
        }
    }
}
