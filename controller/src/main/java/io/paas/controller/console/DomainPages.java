package io.paas.controller.console;

import io.paas.client.Api;
import io.paas.controller.api.CertsResource;
import io.paas.controller.api.DomainsResource;
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

import java.util.Map;
import java.util.function.Function;

/**
 * An app's domains and TLS certificates in the console, read and changed through the API's DomainsResource
 * and CertsResource with the session's token. A certificate's key goes one way: a refused upload shows the
 * form again without it, and no page ever holds one.
 */
@Tag(name = "Console")
@Path("/console/apps/{app}/domains")
@Produces(MediaType.TEXT_HTML)
public class DomainPages {
    private static final Map<String, String> DONE = Map.of(
            "domain-added", "Domain added: point its DNS at the router.",
            "domain-removed", "Domain removed: the router no longer answers for it.",
            "cert-added", "Certificate added: the router serves it for the domains it covers.",
            "cert-removed", "Certificate removed.");

    private final DomainsResource domains;
    private final CertsResource certs;
    private final ConsoleRequests console;

    public DomainPages(DomainsResource domains, CertsResource certs, ConsoleRequests console) {
        this.domains = domains;
        this.certs = certs;
        this.console = console;
    }

    /** What the forms show again after a refusal: the domain and certificate name typed, never the PEMs. */
    private record Typed(String domain, String certName) {
        static final Typed NOTHING = new Typed("", "");
    }

    @Operation(summary = "An app's domains with the certificate served for each, its certificates with their "
            + "expiry, and forms to add and remove both (HTML)")
    @GET
    public Response page(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                         @PathParam("app") String name, @QueryParam("done") String done) {
        return console.signedIn(request, cookie, (session, user) -> page(session, user, name, 200, null,
                done == null ? null : DONE.get(done), Typed.NOTHING));
    }

    @Operation(summary = "Add a custom domain (HTML form)")
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addDomain(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                              @PathParam("app") String name, @FormParam("csrf") String csrf,
                              @FormParam("domain") String domain) {
        return change(request, cookie, csrf, name, "Domain not added: ", new Typed(domain, ""), session -> {
            domains.add(session.authorization(), name, new Api.NewDomain(domain));
            return "domain-added";
        });
    }

    @Operation(summary = "Remove a custom domain (HTML form)")
    @POST
    @Path("remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeDomain(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                                 @PathParam("app") String name, @FormParam("csrf") String csrf,
                                 @FormParam("domain") String domain) {
        return change(request, cookie, csrf, name, "Domain not removed: ", Typed.NOTHING, session -> {
            domains.remove(session.authorization(), name, domain == null ? "" : domain);
            return "domain-removed";
        });
    }

    @Operation(summary = "Add a TLS certificate and its private key (HTML form)")
    @POST
    @Path("certs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addCert(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                            @PathParam("app") String name, @FormParam("csrf") String csrf,
                            @FormParam("name") String certName, @FormParam("certPem") String certPem,
                            @FormParam("keyPem") String keyPem) {
        return change(request, cookie, csrf, name, "Certificate not added: ", new Typed("", certName), session -> {
            certs.add(session.authorization(), name, new Api.NewCertificate(certName, certPem, keyPem));
            return "cert-added";
        });
    }

    @Operation(summary = "Remove a TLS certificate (HTML form)")
    @POST
    @Path("certs/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeCert(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                               @PathParam("app") String name, @FormParam("csrf") String csrf,
                               @FormParam("name") String certName) {
        return change(request, cookie, csrf, name, "Certificate not removed: ", Typed.NOTHING, session -> {
            certs.remove(session.authorization(), name, certName == null ? "" : certName);
            return "cert-removed";
        });
    }

    private Response change(HttpServerRequest request, String cookie, String csrf, String name, String refused,
                            Typed typed, Function<ConsoleSession, String> change) {
        return console.change(request, cookie, csrf, "/console/apps/" + name + "/domains", refused, change,
                (session, user, status, error) -> page(session, user, name, status, error, null, typed));
    }

    private Response page(ConsoleSession session, User user, String name, int status, String error, String notice,
                          Typed typed) {
        Map<String, Object> model = console.model(session, user, error, notice);
        try {
            model.put("domains", domains.list(session.authorization(), name));
            model.put("certs", certs.list(session.authorization(), name));
        } catch (RuntimeException e) {
            return console.failurePage(session, user, e);
        }
        model.put("app", name);
        model.put("typedDomain", typed.domain() == null ? "" : typed.domain());
        model.put("typedCertName", typed.certName() == null ? "" : typed.certName());
        return console.page(status, "domains", model);
    }
}
