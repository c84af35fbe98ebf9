package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.platform.PlatformSettings;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/v2/info")
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {
    static final String VERSION = "0.1.0";
    private final PlatformSettings settings;

    public InfoResource(PlatformSettings settings) {
        this.settings = settings;
    }

    @GET
    public Api.Info info() {
        return new Api.Info(VERSION, settings.domain(), settings.routerUrl(), settings.builderUrl(), settings.sshUrl());
    }
}
