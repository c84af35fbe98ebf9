package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.certs.AppCertificate;
import io.paas.controller.certs.CertificateService;
import io.paas.controller.domains.DomainService;
import io.paas.controller.routes.RouteMetaPublisher;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An app's TLS certificates: `paas certs`, `certs:add`, `certs:remove`. Keys are never answered. */
@Tag(name = "Domains and certificates")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/certs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CertsResource {
    private static final Duration SOON = Duration.ofDays(30);

    private final Callers callers;
    private final CertificateService certificates;
    private final DomainService domains;
    private final RouteMetaPublisher publisher;

    public CertsResource(Callers callers, CertificateService certificates, DomainService domains,
                         RouteMetaPublisher publisher) {
        this.callers = callers;
        this.certificates = certificates;
        this.domains = domains;
        this.publisher = publisher;
    }

    @Operation(summary = "An app's TLS certificates, without keys (paas certs)")
    @GET
    public List<Api.CertificateInfo> list(@HeaderParam("Authorization") String authorization,
                                          @PathParam("app") String name) {
        App app = callers.appFor(authorization, name);
        List<AppCertificate> certs = certificates.of(app.name);
        List<String> hostnames = domains.hostnames(app.name);
        return certs.stream().map(cert -> view(app, cert, certs, hostnames)).toList();
    }

    @Operation(summary = "Add a certificate and its key (paas certs:add)")
    @POST
    public Response add(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                        Api.NewCertificate body) {
        App app = callers.appFor(authorization, name);
        AppCertificate cert = certificates.add(app, body == null ? null : body.name(),
                body == null ? null : body.certPem(), body == null ? null : body.keyPem());
        publisher.refresh(app.name);
        return Response.status(201)
                .entity(view(app, cert, certificates.of(app.name), domains.hostnames(app.name))).build();
    }

    @Operation(summary = "Remove a certificate (paas certs:remove)")
    @DELETE
    @Path("{name}")
    public Response remove(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                           @PathParam("name") String certificate) {
        App app = callers.appFor(authorization, name);
        certificates.remove(app, certificate);
        publisher.refresh(app.name);
        return Response.noContent().build();
    }

    private static Api.CertificateInfo view(App app, AppCertificate cert, List<AppCertificate> all,
                                            List<String> hostnames) {
        // The domains this certificate is served for: those it covers, unless a later-expiring one also does.
        List<String> served = hostnames.stream()
                .filter(h -> CertificateService.servedFor(all, h).map(c -> c.name.equals(cert.name)).orElse(false))
                .toList();
        List<String> warnings = new ArrayList<>();
        Instant now = Instant.now();
        if (cert.expiresAt.isBefore(now)) {
            warnings.add("expired on " + cert.expiresAt + ": add a renewed certificate");
        } else if (cert.expiresAt.isBefore(now.plus(SOON))) {
            long days = Duration.between(now, cert.expiresAt).toDays();
            warnings.add("expires on " + cert.expiresAt + " (in " + days + " days): renew it soon");
        }
        if (served.isEmpty()) {
            warnings.add("served for none of " + app.name + "'s domains: add one it covers with paas domains:add");
        }
        return new Api.CertificateInfo(cert.name, cert.hosts(), served, cert.expiresAt.toString(), warnings);
    }
}
