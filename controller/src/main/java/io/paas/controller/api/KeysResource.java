package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.keys.KeyService;
import io.paas.controller.keys.SshKey;
import io.paas.controller.users.User;
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

/** The caller's SSH keys for git pushes over SSH: `paas keys`, `keys:add`, `keys:remove`. */
@Path("/v2/keys")
@Tag(name = "Access")
@SecurityRequirement(name = AuthResource.BEARER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeysResource {
    private final Callers callers;
    private final KeyService keys;

    public KeysResource(Callers callers, KeyService keys) {
        this.callers = callers;
        this.keys = keys;
    }

    @GET
    @Operation(summary = "The caller's SSH public keys (paas keys)")
    public List<Api.SshKey> list(@HeaderParam("Authorization") String authorization) {
        return keys.of(callers.user(authorization)).stream().map(KeysResource::view).toList();
    }

    @POST
    @Operation(summary = "Add an SSH public key for git pushes over ssh:// (paas keys:add)")
    public Response add(@HeaderParam("Authorization") String authorization, Api.NewSshKey body) {
        User user = callers.user(authorization);
        return Response.status(201).entity(view(keys.add(user, body == null ? null : body.key()))).build();
    }

    /** By id or by fingerprint, whose base64 may hold '/': the rest of the path is the reference. */
    @DELETE
    @Operation(summary = "Remove an SSH key by id or fingerprint (paas keys:remove)")
    @Path("{key: .+}")
    public Response remove(@HeaderParam("Authorization") String authorization, @PathParam("key") String key) {
        keys.remove(callers.user(authorization), key);
        return Response.noContent().build();
    }

    static Api.SshKey view(SshKey key) {
        return new Api.SshKey(String.valueOf(key.id), key.fingerprint, key.keyType, key.comment,
                key.createdAt == null ? null : key.createdAt.toString());
    }
}
