package io.paas.controller.console;

import io.paas.client.Api;
import io.paas.controller.api.RouterSettingsResource;
import io.paas.controller.users.User;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An app's router settings in the console: maintenance, TLS enforcement, timeouts, body limit, balancing and
 * the allowlist, changed through the API's RouterSettingsResource, which checks every value.
 */
@Tag(name = "Console")
@Path("/console/apps/{app}/router")
@Produces(MediaType.TEXT_HTML)
public class RouterPages {
    private static final Map<String, String> DONE = Map.of(
            "changed", "Router settings changed: the routers apply them within seconds.",
            "unchanged", "Nothing changed: the settings already were as sent.",
            "allowed", "Allowlist entry added: only the listed addresses reach the app.",
            "disallowed", "Allowlist entry removed.");

    private final RouterSettingsResource router;
    private final ConsoleRequests console;

    public RouterPages(RouterSettingsResource router, ConsoleRequests console) {
        this.router = router;
        this.console = console;
    }

    @Operation(summary = "An app's router settings and allowlist, with forms to change them (HTML)")
    @GET
    public Response page(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                         @PathParam("app") String name, @QueryParam("done") String done) {
        return console.signedIn(request, cookie, (session, user) -> page(session, user, name, 200, null,
                done == null ? null : DONE.get(done), ""));
    }

    /**
     * The form sends every setting; only those that differ from the current ones go to the API, so the audit
     * trail names what was changed. A blank number or balancing means the router's default.
     */
    @Operation(summary = "Change router settings: maintenance, TLS enforcement, timeouts, body limit, balancing (HTML form)")
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                           @PathParam("app") String name, @FormParam("csrf") String csrf,
                           @FormParam("maintenance") String maintenance, @FormParam("tlsEnforce") String tlsEnforce,
                           @FormParam("connectTimeoutMs") String connectTimeoutMs,
                           @FormParam("readTimeoutMs") String readTimeoutMs,
                           @FormParam("idleTimeoutMs") String idleTimeoutMs,
                           @FormParam("maxBodyBytes") String maxBodyBytes, @FormParam("balancing") String balancing) {
        return change(request, cookie, csrf, name, "Router settings not changed: ", "", session -> {
            Api.RouterSettings now = router.get(session.authorization(), name);
            Map<String, Object> changes = new LinkedHashMap<>();
            differs(changes, "maintenance", now.maintenance(), onOff(maintenance));
            differs(changes, "tlsEnforce", now.tlsEnforce(), onOff(tlsEnforce));
            differs(changes, "connectTimeoutMs", now.connectTimeoutMs(), number(connectTimeoutMs));
            differs(changes, "readTimeoutMs", now.readTimeoutMs(), number(readTimeoutMs));
            differs(changes, "idleTimeoutMs", now.idleTimeoutMs(), number(idleTimeoutMs));
            differs(changes, "maxBodyBytes", now.maxBodyBytes(), number(maxBodyBytes));
            differs(changes, "balancing", now.balancing(), blankIsNull(balancing));
            if (changes.isEmpty()) {
                return "unchanged";
            }
            router.patch(session.authorization(), name, changes);
            return "changed";
        });
    }

    @Operation(summary = "Add an address or CIDR to the allowlist (HTML form)")
    @POST
    @Path("allowlist")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response allow(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                          @PathParam("app") String name, @FormParam("csrf") String csrf, @FormParam("cidr") String cidr) {
        return change(request, cookie, csrf, name, "Not added to the allowlist: ", cidr, session -> {
            router.allow(session.authorization(), name, new Api.AllowlistEntry(cidr));
            return "allowed";
        });
    }

    @Operation(summary = "Remove an entry from the allowlist (HTML form)")
    @POST
    @Path("allowlist/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response disallow(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                             @PathParam("app") String name, @FormParam("csrf") String csrf, @FormParam("cidr") String cidr) {
        return change(request, cookie, csrf, name, "Not removed from the allowlist: ", "", session -> {
            router.disallow(session.authorization(), name, cidr);
            return "disallowed";
        });
    }

    /** A field absent from the form (null) is left as it is; one sent is changed when it differs. */
    private static void differs(Map<String, Object> changes, String field, Object current, Object sent) {
        if (sent == Absent.FIELD) {
            return;
        }
        boolean same = current instanceof Number n && sent instanceof Number s ? n.longValue() == s.longValue()
                : Objects.equals(current, sent);
        if (!same) {
            changes.put(field, sent);
        }
    }

    /** A form field not sent at all: no change (as opposed to a blank one, which means the default). */
    private enum Absent { FIELD }

    /** "on" and "off" as the API's booleans; anything else goes to the API as written, which refuses it. */
    private static Object onOff(String value) {
        return value == null ? Absent.FIELD : value.equals("on") ? Boolean.TRUE : value.equals("off") ? Boolean.FALSE : value;
    }

    /** A whole number as a number; blank as null (the default); anything else as written, for the API to refuse. */
    private static Object number(String value) {
        if (value == null) {
            return Absent.FIELD;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped.matches("[0-9]{1,18}") ? (Object) Long.valueOf(stripped) : stripped;
    }

    private static Object blankIsNull(String value) {
        return value == null ? Absent.FIELD : value.isBlank() ? null : value.strip();
    }

    private Response change(HttpServerRequest request, String cookie, String csrf, String name, String refused,
                            String typedCidr, Function<ConsoleSession, String> change) {
        return console.change(request, cookie, csrf, "/console/apps/" + name + "/router", refused, change,
                (session, user, status, error) -> page(session, user, name, status, error, null, typedCidr));
    }

    private Response page(ConsoleSession session, User user, String name, int status, String error, String notice,
                          String typedCidr) {
        Map<String, Object> model = console.model(session, user, error, notice);
        try {
            model.put("settings", router.get(session.authorization(), name));
        } catch (RuntimeException e) {
            return console.failurePage(session, user, e);
        }
        model.put("app", name);
        model.put("typedCidr", typedCidr == null ? "" : typedCidr);
        return console.page(status, "router", model);
    }
}
