package io.paas.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * The controller's API shapes, defined once and used by the controller, cli, builder, router and tests.
 * Times are ISO-8601 strings so that no module needs a java.time Jackson module.
 */
public final class Api {
    private Api() {
    }

    /** GET /v2/info (no auth): where the other parts of this platform answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Info(String version, String domain, String routerUrl, String builderUrl) {
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

    /** POST /v2/apps body; a null name asks the controller to pick one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewApp(String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record App(String name, String owner, String url, String gitUrl, String createdAt) {
    }

    /** GET /v2/apps/{app}. release is null before the first deploy. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AppInfo(App app, Release release, Map<String, Integer> formation, List<Process> processes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Release(int version, String summary, String user, String image,
                          Map<String, String> config, Map<String, String> processTypes, String createdAt) {
    }

    /** PATCH /v2/apps/{app}/config: a null value unsets the key. */
    public record ConfigPatch(Map<String, String> values) {
    }

    /** GET /v2/apps/{app}/config. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Config(Map<String, String> values) {
    }

    /** One running (or exited) container of an app, as `paas ps` shows it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Process(String name, String type, int release, String state, String endpoint, String startedAt) {
    }

    /** POST /v2/auth/check (service token): may this user (API token) push to this app? */
    public record PushCheck(String app, String username, String token) {
    }

    /** POST /v2/apps/{app}/builds (service token): a finished build, to become the next release. */
    public record NewBuild(String sha, String username, String image, Map<String, String> processTypes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BuildResult(String id, int release, String url) {
    }

    /** One line of GET /v2/routes/stream (service token): the whole table, with its generation. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RouteTable(long generation, List<Route> routes) {
    }

    /** Host -> endpoints ("127.0.0.1:PORT"); an empty list means the app has no running web process. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Route(String host, String app, List<String> endpoints) {
    }

    /** RFC 7807 problem body of every error answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail) {
    }
}
