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

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** The settings the form sends, by the API's names (the allowlist has forms of its own). */
    private static final List<String> FIELDS = List.of("maintenance", "tlsEnforce", "connectTimeoutMs", "readTimeoutMs",
            "idleTimeoutMs", "maxBodyBytes", "balancing");

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
                done == null ? null : DONE.get(done), Typed.NOTHING));
    }

    /**
     * The form sends every setting; only those that differ from the current ones go to the API, so the audit
     * trail names what was changed. A blank number or balancing means the router's default. Refused, the
     * form shows again with what was sent.
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
        Map<String, String> sent = new LinkedHashMap<>();
        String[] values = {maintenance, tlsEnforce, connectTimeoutMs, readTimeoutMs, idleTimeoutMs, maxBodyBytes, balancing};
        for (int i = 0; i < FIELDS.size(); i++) {
            if (values[i] != null) { // a field the form did not send is left as it is
                sent.put(FIELDS.get(i), values[i]);
            }
        }
        return change(request, cookie, csrf, name, "Router settings not changed: ", new Typed(sent, ""), session -> {
            Map<String, Object> changes = changes(sent, router.get(session.authorization(), name));
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
        Typed typed = new Typed(Map.of(), cidr == null ? "" : cidr);
        return change(request, cookie, csrf, name, "Not added to the allowlist: ", typed, session -> {
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
        return change(request, cookie, csrf, name, "Not removed from the allowlist: ", Typed.NOTHING, session -> {
            router.disallow(session.authorization(), name, cidr);
            return "disallowed";
        });
    }

    /** What the form sent that differs from the settings now, as the API's values. */
    private static Map<String, Object> changes(Map<String, String> sent, Api.RouterSettings now) {
        Map<String, Object> current = current(now);
        Map<String, Object> changes = new LinkedHashMap<>();
        sent.forEach((field, text) -> {
            Object value = value(field, text);
            Object was = current.get(field);
            boolean same = was instanceof Number n && value instanceof Number v ? n.longValue() == v.longValue()
                    : Objects.equals(was, value);
            if (!same) {
                changes.put(field, value);
            }
        });
        return changes;
    }

    /** The settings the form changes, by the API's names for them, as they are now. */
    private static Map<String, Object> current(Api.RouterSettings now) {
        Map<String, Object> current = new HashMap<>();
        current.put("maintenance", now.maintenance());
        current.put("tlsEnforce", now.tlsEnforce());
        current.put("connectTimeoutMs", now.connectTimeoutMs());
        current.put("readTimeoutMs", now.readTimeoutMs());
        current.put("idleTimeoutMs", now.idleTimeoutMs());
        current.put("maxBodyBytes", now.maxBodyBytes());
        current.put("balancing", now.balancing());
        return current;
    }

    /**
     * A form's text as the API's value: "on" and "off" as booleans, a whole number as a number, blank as null
     * (the default); anything else as written, for the API to refuse with its own message.
     */
    private static Object value(String field, String text) {
        String stripped = text.strip();
        return switch (field) {
            case "maintenance", "tlsEnforce" -> stripped.equals("on") ? Boolean.TRUE
                    : stripped.equals("off") ? Boolean.FALSE : stripped;
            case "balancing" -> stripped.isEmpty() ? null : stripped;
            default -> stripped.isEmpty() ? null : stripped.matches("[0-9]{1,18}") ? (Object) Long.valueOf(stripped) : stripped;
        };
    }

    /** What a refused form shows again: the settings and the allowlist entry as typed. */
    private record Typed(Map<String, String> settings, String cidr) {
        static final Typed NOTHING = new Typed(Map.of(), "");
    }

    private Response change(HttpServerRequest request, String cookie, String csrf, String name, String refused,
                            Typed typed, Function<ConsoleSession, String> change) {
        return console.change(request, cookie, csrf, "/console/apps/" + name + "/router", refused, change,
                (session, user, status, error) -> page(session, user, name, status, error, null, typed));
    }

    private Response page(ConsoleSession session, User user, String name, int status, String error, String notice,
                          Typed typed) {
        Map<String, Object> model = console.model(session, user, error, notice);
        try {
            model.put("settings", router.get(session.authorization(), name));
        } catch (RuntimeException e) {
            return console.failurePage(session, user, e);
        }
        model.put("app", name);
        model.put("typed", typed.settings());
        model.put("typedCidr", typed.cidr() == null ? "" : typed.cidr());
        return console.page(status, "router", model);
    }
}
