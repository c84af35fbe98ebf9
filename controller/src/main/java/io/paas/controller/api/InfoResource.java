package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.platform.PlatformSettings;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "Platform")
@Path("/v2/info")
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {
    static final String VERSION = "0.1.0";
    private final PlatformSettings settings;

    public InfoResource(PlatformSettings settings) {
        this.settings = settings;
    }

    @Operation(summary = "The platform's domain, builder and router URLs (public)")
    @GET
    public Api.Info info() {
        return new Api.Info(VERSION, settings.domain(), settings.routerUrl(), settings.builderUrl(), settings.sshUrl());
    }
}
