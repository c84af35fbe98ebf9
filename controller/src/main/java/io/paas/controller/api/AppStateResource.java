package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.deploy.DeployService;
import io.paas.controller.deploy.ProcessInventory;
import io.paas.controller.formation.FormationService;
import io.paas.controller.releases.ConfigReveal;
import io.paas.controller.releases.Release;
import io.paas.controller.releases.ReleaseService;
import io.paas.controller.runs.OneOffRuns;
import io.paas.controller.scheduler.OneOffProcess;
import io.paas.controller.scheduler.ProcessUsage;
import io.paas.controller.scheduler.RunningProcess;
import io.paas.controller.users.User;
import io.paas.controller.problems.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Config, releases, formation and processes of one app. */
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AppStateResource {
    private final Callers callers;
    private final ReleaseService releases;
    private final FormationService formations;
    private final DeployService deploys;
    private final ProcessInventory inventory;
    private final Views views;
    private final OneOffRuns runs;
    private final ConfigReveal reveal;

    public AppStateResource(Callers callers, ReleaseService releases, FormationService formations,
                            DeployService deploys, ProcessInventory inventory, Views views, OneOffRuns runs,
                            ConfigReveal reveal) {
        this.runs = runs;
        this.reveal = reveal;
        this.callers = callers;
        this.releases = releases;
        this.formations = formations;
        this.deploys = deploys;
        this.inventory = inventory;
        this.views = views;
    }

    @Operation(summary = "An app's config vars with their values (paas config, config:get)")
    @Tag(name = "Config")
    @GET
    @Path("config")
    public Api.Config config(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        App app = callers.appConfigFor(authorization, name);
        return new Api.Config(releases.config(releases.current(app)));
    }

    /** The rule for showing one value lives in ConfigReveal: the console's Reveal button comes here. */
    @Operation(summary = "One config var's value, recorded in the audit trail as config.reveal (the console's Reveal)")
    @Tag(name = "Config")
    @GET
    @Path("config/{key}")
    public Api.ConfigValue revealConfig(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                                        @PathParam("key") String key) {
        App app = callers.appConfigFor(authorization, name);
        return new Api.ConfigValue(key, reveal.reveal(app, key));
    }

    /** A new release with the changed config, deployed before the answer (restarts the processes). */
    @Operation(summary = "Set (value) or unset (null) config vars: a new release, rolled out (paas config:set, config:unset)")
    @Tag(name = "Config")
    @PATCH
    @Path("config")
    public Api.Release changeConfig(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                                    Api.ConfigPatch patch) {
        return rolledOut(authorization, name,
                (app, user) -> releases.changeConfig(app, patch == null ? null : patch.values(), user));
    }

    @Operation(summary = "An app's releases, newest first: config var names, values only with values=true (paas releases)")
    @Tag(name = "Releases")
    @GET
    @Path("releases")
    public List<Api.Release> releases(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                                      @QueryParam("values") boolean values) {
        App app = values ? callers.appConfigFor(authorization, name) : callers.appFor(authorization, name);
        return releases.list(app).stream().map(release -> view(release, values)).toList();
    }

    @Operation(summary = "One release: config var names, values only with values=true (paas releases:info)")
    @Tag(name = "Releases")
    @GET
    @Path("releases/{version}")
    public Api.Release release(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                               @PathParam("version") String version, @QueryParam("values") boolean values) {
        App app = values ? callers.appConfigFor(authorization, name) : callers.appFor(authorization, name);
        return view(releases.release(app, versionNumber(version, app.name)), values);
    }

    /** Values only when asked: a view that does not need them never opens them. */
    private Api.Release view(Release release, boolean values) {
        return values ? views.release(release, releases.config(release)) : views.release(release);
    }

    /** "3" or "v3", as paas releases shows it. */
    private static int versionNumber(String version, String app) {
        String digits = version.startsWith("v") ? version.substring(1) : version;
        if (!digits.matches("[0-9]{1,9}")) {
            throw Problem.notFound("no release " + version + " in " + app + ": see paas releases");
        }
        return Integer.parseInt(digits);
    }

    /** The release a rollback without a version would copy (404/422 problem when there is none). */
    @Operation(summary = "The release a rollback without a version would copy")
    @Tag(name = "Releases")
    @GET
    @Path("releases/rollback")
    public Api.Release rollbackTarget(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        App app = callers.appFor(authorization, name);
        return views.release(releases.rollbackTarget(app, null));
    }

    /** A new release copying vN (default: the one before the current release), rolled out at once. */
    @Operation(summary = "A new release copying an earlier one, rolled out (paas releases:rollback)")
    @Tag(name = "Releases")
    @POST
    @Path("releases/rollback")
    public Api.Release rollback(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                                Api.Rollback request) {
        return rolledOut(authorization, name,
                (app, user) -> releases.rollback(app, request == null ? null : request.version(), user));
    }

    @Operation(summary = "Health checks per process type (paas healthchecks)")
    @Tag(name = "Processes")
    @GET
    @Path("healthchecks")
    public Map<String, Api.HealthCheck> healthchecks(@HeaderParam("Authorization") String authorization,
                                                     @PathParam("app") String name) {
        return Views.healthchecks(releases.current(callers.appFor(authorization, name)).healthchecks);
    }

    @Operation(summary = "Set or remove health checks: a new release, rolled out (paas healthchecks:set, healthchecks:unset)")
    @Tag(name = "Processes")
    @PATCH
    @Path("healthchecks")
    public Api.Release changeHealthchecks(@HeaderParam("Authorization") String authorization,
                                          @PathParam("app") String name, Map<String, Api.HealthCheck> checks) {
        return rolledOut(authorization, name, (app, user) -> releases.changeHealthchecks(app, checks, user));
    }

    @Operation(summary = "Memory and CPU limits per process type (paas limits)")
    @Tag(name = "Processes")
    @GET
    @Path("limits")
    public Map<String, Api.Limit> limits(@HeaderParam("Authorization") String authorization,
                                         @PathParam("app") String name) {
        return Views.limits(releases.current(callers.appFor(authorization, name)).limits);
    }

    @Operation(summary = "Set or remove limits: a new release, rolled out (paas limits:set, limits:unset)")
    @Tag(name = "Processes")
    @PATCH
    @Path("limits")
    public Api.Release changeLimits(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                                    Map<String, Api.Limit> limits) {
        return rolledOut(authorization, name, (app, user) -> releases.changeLimits(app, limits, user));
    }

    /** Fresh containers replace the running ones (of one type, or all), without downtime. */
    @Operation(summary = "Replace the running processes, of one type or all, without downtime (paas ps:restart)")
    @Tag(name = "Processes")
    @POST
    @Path("ps/restart")
    public List<Api.Process> restart(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                                     Api.Restart request) {
        App app = callers.appFor(authorization, name);
        formations.restart(app, request == null ? null : request.type());
        deploys.deploy(app.name);
        return inventory.processes(app.name).stream().map(views::process).toList();
    }

    /**
     * Makes a release with the user's change, rolls it out, and answers it as it now stands. A change
     * that changed nothing answers the current release: no new one to roll out.
     */
    private Api.Release rolledOut(String authorization, String name, ReleaseChange change) {
        User user = callers.user(authorization);
        App app = callers.appFor(authorization, name);
        int before = releases.current(app).version;
        if (change.make(app, user.username).version != before) {
            deploys.deploy(app.name);
        }
        return views.release(releases.current(app));
    }

    @FunctionalInterface
    private interface ReleaseChange {
        Release make(App app, String user);
    }

    @Operation(summary = "How many processes of each type run")
    @Tag(name = "Processes")
    @GET
    @Path("formation")
    public Map<String, Integer> formation(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        return formations.quantities(callers.appFor(authorization, name));
    }

    @Operation(summary = "Scale process types (paas scale)")
    @Tag(name = "Processes")
    @PATCH
    @Path("formation")
    public Map<String, Integer> scale(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                                      Map<String, Integer> quantities) {
        App app = callers.appFor(authorization, name);
        Map<String, Integer> result = formations.scale(app, releases.current(app).processTypes.keySet(), quantities);
        deploys.deploy(app.name);
        return result;
    }

    /** web's port (its PORT and the router's target) and where it comes from. */
    @Operation(summary = "web's port and where it comes from (paas ports)")
    @Tag(name = "Processes")
    @GET
    @Path("ports")
    public Api.Ports ports(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        return releases.ports(callers.appFor(authorization, name));
    }

    @Operation(summary = "Set web's port: a new release, rolled out (paas ports:set)")
    @Tag(name = "Processes")
    @PUT
    @Path("ports")
    public Api.Release setPort(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                               Api.PortChange change) {
        if (change == null) {
            throw Problem.invalid("give web's port: {\"web\": 8080}");
        }
        return rolledOut(authorization, name, (app, user) -> releases.changePort(app, change.web(), user));
    }

    @Operation(summary = "Back to the build's port (paas ports:clear)")
    @Tag(name = "Processes")
    @DELETE
    @Path("ports")
    public Api.Release clearPort(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        return rolledOut(authorization, name, (app, user) -> releases.changePort(app, null, user));
    }

    @Operation(summary = "An app's processes with their memory and CPU now, its one-offs (run.N) among them (paas ps)")
    @Tag(name = "Processes")
    @GET
    @Path("ps")
    public List<Api.Process> ps(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        App app = callers.appFor(authorization, name);
        List<RunningProcess> processes = inventory.processes(app.name);
        List<OneOffProcess> oneOffs = runs.processes(app);
        List<RunningProcess> measured = new ArrayList<>(processes);
        oneOffs.forEach(o -> measured.add(o.process()));
        Map<String, ProcessUsage> usage = inventory.usage(measured);
        List<Api.Process> views = new ArrayList<>();
        processes.forEach(p -> views.add(this.views.process(p, usage.get(p.containerId()))));
        oneOffs.forEach(o -> views.add(this.views.oneOff(o, usage.get(o.process().containerId()))));
        return views;
    }
}
