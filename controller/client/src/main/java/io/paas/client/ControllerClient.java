package io.paas.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The one HTTP client of the controller API. A null token sends no Authorization header. */
public class ControllerClient {
    public static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String baseUrl;
    private final String token;
    private final HttpClient http;

    public ControllerClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Api.Info info() {
        return send("GET", "/v2/info", null, Api.Info.class);
    }

    public Api.Session register(String username, String password) {
        return send("POST", "/v2/auth/register", new Api.Credentials(username, password), Api.Session.class);
    }

    public Api.Session login(String username, String password) {
        return send("POST", "/v2/auth/login", new Api.Credentials(username, password), Api.Session.class);
    }

    public Api.User whoami() {
        return send("GET", "/v2/auth/whoami", null, Api.User.class);
    }

    public List<Api.App> apps() {
        return send("GET", "/v2/apps", null, new TypeReference<List<Api.App>>() { });
    }

    public Api.App createApp(String name) {
        return createApp(name, null);
    }

    public Api.App createApp(String name, String team) {
        return send("POST", "/v2/apps", new Api.NewApp(name, team), Api.App.class);
    }

    /** As an admin: registers another user without replacing this client's session. */
    public Api.Session addUser(String username, String password) {
        return register(username, password);
    }

    public Api.NewToken createToken(String description, Long expiresInSeconds) {
        return send("POST", "/v2/auth/tokens", new Api.TokenRequest(description, expiresInSeconds), Api.NewToken.class);
    }

    public List<Api.Token> tokens() {
        return send("GET", "/v2/auth/tokens", null, new TypeReference<List<Api.Token>>() { });
    }

    public void revokeToken(long id) {
        send("DELETE", "/v2/auth/tokens/" + id, null, Void.class);
    }

    public void changePassword(String current, String next) {
        send("POST", "/v2/auth/password", new Api.PasswordChange(current, next), Void.class);
    }

    public List<Api.Collaborator> collaborators(String app) {
        return send("GET", appPath(app) + "/collaborators", null, new TypeReference<List<Api.Collaborator>>() { });
    }

    public Api.Collaborator addCollaborator(String app, String username) {
        return send("POST", appPath(app) + "/collaborators", new Api.NewCollaborator(username), Api.Collaborator.class);
    }

    public void removeCollaborator(String app, String username) {
        send("DELETE", appPath(app) + "/collaborators/" + encode(username), null, Void.class);
    }

    public Api.App transfer(String app, String recipient) {
        return send("POST", appPath(app) + "/transfer", new Api.Transfer(recipient), Api.App.class);
    }

    public List<Api.Team> teams() {
        return send("GET", "/v2/teams", null, new TypeReference<List<Api.Team>>() { });
    }

    public Api.Team createTeam(String name) {
        return send("POST", "/v2/teams", new Api.Team(name, null, null), Api.Team.class);
    }

    public void destroyTeam(String team) {
        send("DELETE", "/v2/teams/" + encode(team), null, Void.class);
    }

    public List<Api.TeamMember> teamMembers(String team) {
        return send("GET", "/v2/teams/" + encode(team) + "/members", null, new TypeReference<List<Api.TeamMember>>() { });
    }

    public Api.TeamMember putTeamMember(String team, String username, String role) {
        return send("PUT", "/v2/teams/" + encode(team) + "/members/" + encode(username), new Api.TeamMember(null, role),
                Api.TeamMember.class);
    }

    public void removeTeamMember(String team, String username) {
        send("DELETE", "/v2/teams/" + encode(team) + "/members/" + encode(username), null, Void.class);
    }

    public Api.DiskUsage disk() {
        return send("GET", "/v2/admin/disk", null, Api.DiskUsage.class);
    }

    public List<Api.Account> users() {
        return send("GET", "/v2/users", null, new TypeReference<List<Api.Account>>() { });
    }

    public Api.Account changeUser(String username, Api.AccountChange change) {
        return send("PATCH", "/v2/users/" + encode(username), change, Api.Account.class);
    }

    /** An admin sets another user's password; every token of theirs stops working. */
    public void resetPassword(String username, String newPassword) {
        send("PUT", "/v2/users/" + encode(username) + "/password", new Api.PasswordReset(newPassword), Void.class);
    }

    public void deleteUser(String username, String transferTo) {
        send("DELETE", "/v2/users/" + encode(username)
                + (transferTo == null ? "" : "?transferTo=" + encode(transferTo)), null, Void.class);
    }

    public Api.RegistrationMode registration() {
        return send("GET", "/v2/admin/registration", null, Api.RegistrationMode.class);
    }

    public Api.RegistrationMode setRegistration(String mode) {
        return send("PUT", "/v2/admin/registration", new Api.RegistrationMode(mode), Api.RegistrationMode.class);
    }

    /** kind: "users" or "teams", as the API names the owners of quotas. */
    public Api.QuotaView quota(String kind, String name) {
        return send("GET", "/v2/" + kind + "/" + encode(name) + "/quota", null, Api.QuotaView.class);
    }

    public Api.QuotaView setQuota(String kind, String name, Api.QuotaChange change) {
        return send("PUT", "/v2/" + kind + "/" + encode(name) + "/quota", change, Api.QuotaView.class);
    }

    public Api.AppInfo app(String app) {
        return send("GET", appPath(app), null, Api.AppInfo.class);
    }

    public void destroyApp(String app) {
        send("DELETE", appPath(app), null, Void.class);
    }

    /** Empties the app's build cache (Heroku's builds:cache:purge). */
    public void purgeBuildCache(String app) {
        send("DELETE", appPath(app) + "/build-cache", null, Void.class);
    }

    public Api.Config config(String app) {
        return send("GET", appPath(app) + "/config", null, Api.Config.class);
    }

    /** Sets (non-null values) and unsets (null values) config vars; answers the new release. */
    public Api.Release patchConfig(String app, Map<String, String> values) {
        return send("PATCH", appPath(app) + "/config", new Api.ConfigPatch(values), Api.Release.class);
    }

    public List<Api.Release> releases(String app) {
        return send("GET", appPath(app) + "/releases", null, new TypeReference<List<Api.Release>>() { });
    }

    /** Release vN; values: with its config's values (refused unless the caller may read the app's config). */
    public Api.Release release(String app, int version, boolean values) {
        return send("GET", appPath(app) + "/releases/" + version + (values ? "?values=true" : ""), null,
                Api.Release.class);
    }

    /** The app's audit trail, newest first, at most limit entries (null: the controller's default, 100). */
    public List<Api.AuditEntry> audit(String app, Integer limit) {
        return send("GET", appPath(app) + "/audit" + (limit == null ? "" : "?limit=" + limit), null,
                new TypeReference<List<Api.AuditEntry>>() { });
    }

    /** The whole platform's audit trail (admins), or of apps of that name (app non-null), newest first. */
    public List<Api.AuditEntry> platformAudit(String app, Integer limit) {
        String query = (app == null ? "" : "&app=" + encode(app)) + (limit == null ? "" : "&limit=" + limit);
        return send("GET", "/v2/audit" + (query.isEmpty() ? "" : "?" + query.substring(1)), null,
                new TypeReference<List<Api.AuditEntry>>() { });
    }

    /** The release a rollback without a version would copy. */
    public Api.Release rollbackTarget(String app) {
        return send("GET", appPath(app) + "/releases/rollback", null, Api.Release.class);
    }

    /** Makes a new release copying vN (null: the release before the current one) and rolls it out. */
    public Api.Release rollback(String app, Integer version) {
        return send("POST", appPath(app) + "/releases/rollback", new Api.Rollback(version), Api.Release.class);
    }

    public Map<String, Api.HealthCheck> healthchecks(String app) {
        return send("GET", appPath(app) + "/healthchecks", null, new TypeReference<Map<String, Api.HealthCheck>>() { });
    }

    /** Sets (non-null) or removes (null) health checks per process type; answers the new release. */
    public Api.Release patchHealthchecks(String app, Map<String, Api.HealthCheck> checks) {
        return send("PATCH", appPath(app) + "/healthchecks", checks, Api.Release.class);
    }

    public Map<String, Api.Limit> limits(String app) {
        return send("GET", appPath(app) + "/limits", null, new TypeReference<Map<String, Api.Limit>>() { });
    }

    /** Sets (non-null) or removes (null) limits per process type; answers the new release. */
    public Api.Release patchLimits(String app, Map<String, Api.Limit> limits) {
        return send("PATCH", appPath(app) + "/limits", limits, Api.Release.class);
    }

    /** Replaces the processes (of one type, or all) with fresh ones, without downtime. */
    public List<Api.Process> restart(String app, String type) {
        return send("POST", appPath(app) + "/ps/restart", new Api.Restart(type), new TypeReference<List<Api.Process>>() { });
    }

    public Map<String, Integer> formation(String app) {
        return send("GET", appPath(app) + "/formation", null, new TypeReference<Map<String, Integer>>() { });
    }

    public Map<String, Integer> scale(String app, Map<String, Integer> quantities) {
        return send("PATCH", appPath(app) + "/formation", quantities, new TypeReference<Map<String, Integer>>() { });
    }

    public List<Api.Process> ps(String app) {
        return send("GET", appPath(app) + "/ps", null, new TypeReference<List<Api.Process>>() { });
    }

    /** The buildpacks the app names, in order; empty when its builds detect one. */
    public List<Api.Buildpack> buildpacks(String app) {
        return send("GET", appPath(app) + "/buildpacks", null, new TypeReference<List<Api.Buildpack>>() { });
    }

    /** Replaces the app's list of buildpacks (its next build uses them); answers the list as stored. */
    public List<Api.Buildpack> setBuildpacks(String app, List<String> buildpacks) {
        return send("PUT", appPath(app) + "/buildpacks", new Api.BuildpacksUpdate(buildpacks),
                new TypeReference<List<Api.Buildpack>>() { });
    }

    /** The app's stack, the default one and those on the platform. */
    public Api.Stack stack(String app) {
        return send("GET", appPath(app) + "/stack", null, Api.Stack.class);
    }

    /** Sets the stack the app's next build runs on (no release). */
    public Api.Stack setStack(String app, String stack) {
        return send("PUT", appPath(app) + "/stack", new Api.StackUpdate(stack), Api.Stack.class);
    }

    public List<Api.Domain> domains(String app) {
        return send("GET", appPath(app) + "/domains", null, new TypeReference<List<Api.Domain>>() { });
    }

    public Api.Domain addDomain(String app, String domain) {
        return send("POST", appPath(app) + "/domains", new Api.NewDomain(domain), Api.Domain.class);
    }

    public void removeDomain(String app, String domain) {
        send("DELETE", appPath(app) + "/domains/" + encode(domain), null, Void.class);
    }

    public List<Api.Drain> drains(String app) {
        return send("GET", appPath(app) + "/drains", null, new TypeReference<List<Api.Drain>>() { });
    }

    public Api.Drain addDrain(String app, String url) {
        return send("POST", appPath(app) + "/drains", new Api.NewDrain(url), Api.Drain.class);
    }

    /** Removes the drain named by its token (d.UUID) or its URL. */
    public void removeDrain(String app, String tokenOrUrl) {
        send("DELETE", appPath(app) + "/drains/" + encode(tokenOrUrl), null, Void.class);
    }

    public List<Api.CertificateInfo> certificates(String app) {
        return send("GET", appPath(app) + "/certs", null, new TypeReference<List<Api.CertificateInfo>>() { });
    }

    public Api.CertificateInfo addCertificate(String app, Api.NewCertificate certificate) {
        return send("POST", appPath(app) + "/certs", certificate, Api.CertificateInfo.class);
    }

    public void removeCertificate(String app, String name) {
        send("DELETE", appPath(app) + "/certs/" + encode(name), null, Void.class);
    }

    /** paas certs:auto: automatic certificates over ACME (GET), turned on (POST) or off (DELETE). */
    public Api.CertsAuto certsAuto(String app) {
        return send("GET", appPath(app) + "/acm", null, Api.CertsAuto.class);
    }

    public Api.CertsAuto enableCertsAuto(String app) {
        return send("POST", appPath(app) + "/acm", null, Api.CertsAuto.class);
    }

    public Api.CertsAuto disableCertsAuto(String app) {
        return send("DELETE", appPath(app) + "/acm", null, Api.CertsAuto.class);
    }

    public Api.RouterSettings routerSettings(String app) {
        return send("GET", appPath(app) + "/router", null, Api.RouterSettings.class);
    }

    /** Changes the given router settings (field names of Api.RouterSettings); a null value resets one. */
    public Api.RouterSettings patchRouterSettings(String app, Map<String, Object> changes) {
        return send("PATCH", appPath(app) + "/router", changes, Api.RouterSettings.class);
    }

    public Api.RouterSettings allow(String app, String cidr) {
        return send("POST", appPath(app) + "/router/allowlist", new Api.AllowlistEntry(cidr), Api.RouterSettings.class);
    }

    public Api.RouterSettings disallow(String app, String cidr) {
        return send("DELETE", appPath(app) + "/router/allowlist?cidr=" + encode(cidr), null, Api.RouterSettings.class);
    }

    /** web's port and where it comes from. */
    public Api.Ports ports(String app) {
        return send("GET", appPath(app) + "/ports", null, Api.Ports.class);
    }

    /** Sets web's port; answers the new release (the current one when the port is already that). */
    public Api.Release setPort(String app, int port) {
        return send("PUT", appPath(app) + "/ports", new Api.PortChange(port), Api.Release.class);
    }

    /** Back to the image's EXPOSEd port (or the default); answers the new release. */
    public Api.Release clearPort(String app) {
        return send("DELETE", appPath(app) + "/ports", null, Api.Release.class);
    }

    /** Deploys a prebuilt image, pinned by the digest its registry serves; answers the release once it serves. */
    public Api.Release deployImage(String app, Api.NewImage image) {
        return send("POST", appPath(app) + "/images", image, Api.Release.class);
    }

    /** The app's registry logins, without passwords. */
    public List<Api.RegistryLogin> registryLogins(String app) {
        return send("GET", appPath(app) + "/registry-logins", null, new TypeReference<List<Api.RegistryLogin>>() { });
    }

    public Api.RegistryLogin saveRegistryLogin(String app, String host, String username, String password) {
        return send("PUT", appPath(app) + "/registry-logins/" + encode(host),
                new Api.RegistryLogin(null, username, password, null), Api.RegistryLogin.class);
    }

    public void removeRegistryLogin(String app, String host) {
        send("DELETE", appPath(app) + "/registry-logins/" + encode(host), null, Void.class);
    }

    public Api.DockerOptions dockerOptions(String app) {
        return send("GET", appPath(app) + "/docker-options", null, Api.DockerOptions.class);
    }

    public Api.DockerOptions setDockerOptions(String app, Api.DockerOptions options) {
        return send("PUT", appPath(app) + "/docker-options", options, Api.DockerOptions.class);
    }

    /** Service token only: may this user's build of the app use the image? Answers it qualified, else throws 403. */
    public Api.ImageCheck checkImage(String appId, String username, String image) {
        return send("POST", "/v2/images/check", new Api.ImageCheck(appId, username, image), Api.ImageCheck.class);
    }

    /** Service token only: answers the user and the app's id when it may push to the app, else throws 401/403/404. */
    public Api.PushGrant checkPush(String app, String username, String userToken) {
        return send("POST", "/v2/auth/check", new Api.PushCheck(app, username, userToken), Api.PushGrant.class);
    }

    /**
     * Service token only: the owner of the SSH key with this fingerprint, and with an app the app's id
     * when the owner may push to it (the same rule as for API tokens); else throws 401/403/404.
     */
    public Api.PushGrant checkKey(String app, String keyFingerprint) {
        return send("POST", "/v2/auth/check", new Api.PushCheck(app, null, null, keyFingerprint), Api.PushGrant.class);
    }

    public List<Api.SshKey> keys() {
        return send("GET", "/v2/keys", null, new TypeReference<List<Api.SshKey>>() { });
    }

    /** Adds a public key (one line of a .pub file) to the user's keys. */
    public Api.SshKey addKey(String publicKey) {
        return send("POST", "/v2/keys", new Api.NewSshKey(publicKey), Api.SshKey.class);
    }

    /** Removes one of the user's keys by its id or its fingerprint (SHA256:...). */
    public void removeKey(String idOrFingerprint) {
        // a fingerprint's base64 holds '/' and '+', at times "//", which the server's path normalising
        // would merge into one: every '/' goes escaped, and the route decodes it
        send("DELETE", "/v2/keys/" + idOrFingerprint.replace("%", "%25").replace(" ", "%20").replace("/", "%2F")
                .replace("+", "%2B").replace("?", "%3F").replace("#", "%23"), null, Void.class);
    }

    /** Service token only: the ids of every app that exists. */
    public List<String> appIds() {
        return send("GET", "/v2/app-ids", null, new TypeReference<List<String>>() { });
    }

    /** Service token only: registers a built image; the controller makes and deploys the next release. */
    public Api.BuildResult createBuild(String app, Api.NewBuild build) {
        return send("POST", appPath(app) + "/builds", build, Api.BuildResult.class);
    }

    /** Service token only: records a build that ended without an image (`paas builds` lists it). */
    public void failedBuild(String app, Api.FailedBuild build) {
        send("POST", appPath(app) + "/builds/failed", build, Void.class);
    }

    /** Starts a one-off process of the app's serving release; its output and end come in the app's log. */
    public Api.Run run(String app, String command) {
        return run(app, new Api.NewRun(command));
    }

    /** Starts a one-off process; an attached one waits for {@link #attach}. */
    public Api.Run run(String app, Api.NewRun run) {
        return send("POST", appPath(app) + "/runs", run, Api.Run.class);
    }

    /** Takes the streams of an attached one-off process (its {@link Api.Run#attach()} path). */
    public RunStreams attach(Api.Run run, RunStreams.Receiver receiver) {
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + run.attach());
        try {
            return RunStreams.connect(http, uri, token, receiver);
        } catch (IOException e) {
            throw new ApiException(0, "unreachable", "cannot attach to " + run.process() + " at " + baseUrl + ": " + e.getMessage());
        }
    }

    /** Stops a one-off process (run.N): its container is stopped and removed. */
    public void stopRun(String app, String process) {
        send("DELETE", appPath(app) + "/runs/" + encode(process), null, Void.class);
    }

    /** The app's figures per minute over the last minutes. */
    public Api.Metrics metrics(String app, int minutes) {
        return send("GET", appPath(app) + "/metrics?minutes=" + minutes, null, Api.Metrics.class);
    }

    /** Service token only: a released build's whole output (id from {@link #createBuild}'s answer). */
    public void buildOutput(String app, String id, String output) {
        send("PUT", appPath(app) + "/builds/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/output",
                new Api.BuildOutput(output), Void.class);
    }

    /** The app's builds, newest first, without their output. */
    public List<Api.Build> builds(String app) {
        return send("GET", appPath(app) + "/builds", null, new TypeReference<List<Api.Build>>() { });
    }

    /** One build by its id, with its whole output. */
    public Api.Build build(String app, String id) {
        return send("GET", appPath(app) + "/builds/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null, Api.Build.class);
    }

    /** Service token only: tells the controller this router applied a generation of the route table. */
    public void ackRoutes(String router, long generation) {
        send("POST", "/v2/routes/ack", new Api.RouteAck(router, generation), Void.class);
    }

    /**
     * Service token only: follows the route table stream, calling onTable for each full table,
     * until the stream ends or fails (then throws). Callers reconnect.
     */
    public void streamRoutes(Consumer<Api.RouteTable> onTable) throws IOException, InterruptedException {
        follow("/v2/routes/stream", Api.RouteTable.class, onTable);
    }

    /**
     * An app's log: the last lines the query asks for ({@code lines}, {@code source}, {@code type}),
     * handed to onLine; with tail, then every new line until the stream ends (then it returns) or
     * the thread is interrupted.
     */
    public void logs(String app, Integer lines, String source, String type, boolean tail, Consumer<Api.LogLine> onLine)
            throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder("?tail=" + tail);
        if (lines != null) {
            query.append("&lines=").append(lines);
        }
        if (source != null) {
            query.append("&source=").append(encode(source));
        }
        if (type != null) {
            query.append("&type=").append(encode(type));
        }
        follow(appPath(app) + "/logs" + query, Api.LogLine.class, line -> {
            if (!line.isHeartbeat()) {
                onLine.accept(line);
            }
        });
    }

    /** Reads an NDJSON stream, one item per line, until it ends; a refusal throws as every call does. */
    private <T> void follow(String path, Class<T> type, Consumer<T> onItem) throws IOException, InterruptedException {
        HttpRequest request = request("GET", path, null).setHeader("Accept", "application/x-ndjson")
                .timeout(Duration.ofDays(365)).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.ConnectException e) {
            throw new ApiException(0, "unreachable", "cannot reach the controller at " + baseUrl + ": " + why(e));
        }
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw problem(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    onItem.accept(JSON.readValue(line, type));
                }
            }
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String appPath(String app) {
        return "/v2/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8);
    }

    private <T> T send(String method, String path, Object body, Class<T> type) {
        String text = exchange(method, path, body);
        try {
            return type == Void.class || text.isEmpty() ? null : JSON.readValue(text, type);
        } catch (IOException e) {
            throw new ApiException(0, "bad_response", "unreadable answer from the controller: " + e.getMessage());
        }
    }

    private <T> T send(String method, String path, Object body, TypeReference<T> type) {
        String text = exchange(method, path, body);
        try {
            return JSON.readValue(text, type);
        } catch (IOException e) {
            throw new ApiException(0, "bad_response", "unreadable answer from the controller: " + e.getMessage());
        }
    }

    private String exchange(String method, String path, Object body) {
        HttpResponse<String> response;
        try {
            response = http.send(request(method, path, body).timeout(Duration.ofMinutes(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(0, "unreachable", "cannot reach the controller at " + baseUrl + ": " + why(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted", "interrupted");
        }
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), response.body());
        }
        return response.body();
    }

    /** In words: the JDK's exceptions often carry no message, and their class names mean nothing to users. */
    private static String why(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused (is it running?)";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? "the connection failed" : e.getMessage();
    }

    private HttpRequest.Builder request(String method, String path, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ApiException problem(int status, String body) {
        try {
            Api.Problem problem = JSON.readValue(body, Api.Problem.class);
            String detail = problem.detail() != null ? problem.detail() : problem.title();
            return new ApiException(status, problem.type(), detail != null ? detail : "HTTP " + status, problem.build());
        } catch (IOException | RuntimeException e) {
            return new ApiException(status, "http_" + status, "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body.strip()));
        }
    }
}
