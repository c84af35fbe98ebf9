package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.certs.AppCertificate;
import io.paas.controller.certs.AutoCertificates;
import io.paas.controller.certs.CertificateService;
import io.paas.controller.domains.Domain;
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

import java.util.List;

/** An app's custom domains: `paas domains`, `domains:add`, `domains:remove`. */
@Tag(name = "Domains and certificates")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/domains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainsResource {
    private final Callers callers;
    private final DomainService domains;
    private final CertificateService certificates;
    private final RouteMetaPublisher publisher;
    private final AutoCertificates autoCertificates;

    public DomainsResource(Callers callers, DomainService domains, CertificateService certificates,
                           RouteMetaPublisher publisher, AutoCertificates autoCertificates) {
        this.autoCertificates = autoCertificates;
        this.callers = callers;
        this.domains = domains;
        this.certificates = certificates;
        this.publisher = publisher;
    }

    @Operation(summary = "An app's custom domains (paas domains)")
    @GET
    public List<Api.Domain> list(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        App app = callers.appFor(authorization, name);
        List<AppCertificate> certs = certificates.of(app.name);
        return domains.of(app.name).stream().map(domain -> view(domain, certs)).toList();
    }

    @Operation(summary = "Add a custom domain (paas domains:add)")
    @POST
    public Response add(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                        Api.NewDomain body) {
        App app = callers.appFor(authorization, name);
        Domain domain = domains.add(app, body == null ? null : body.domain());
        publisher.refresh(app.name);
        autoCertificates.request(app.name);
        return Response.status(201).entity(view(domain, certificates.of(app.name))).build();
    }

    @Operation(summary = "Remove a custom domain (paas domains:remove)")
    @DELETE
    @Path("{domain}")
    public Response remove(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                           @PathParam("domain") String domain) {
        App app = callers.appFor(authorization, name);
        domains.remove(app, domain);
        publisher.refresh(app.name);
        autoCertificates.request(app.name);
        return Response.noContent().build();
    }

    private static Api.Domain view(Domain domain, List<AppCertificate> certs) {
        String certificate = CertificateService.servedFor(certs, domain.hostname).map(c -> c.name).orElse(null);
        return new Api.Domain(domain.hostname, certificate, domain.createdAt == null ? null : domain.createdAt.toString());
    }
}
