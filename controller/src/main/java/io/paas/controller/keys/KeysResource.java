package io.paas.controller.keys;

import io.paas.client.Api;
import io.paas.controller.users.User;
import io.paas.controller.users.UserService;
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

import java.util.List;

/** The caller's SSH keys for git pushes over SSH: `paas keys`, `keys:add`, `keys:remove`. */
@Path("/v2/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeysResource {
    private final UserService users;
    private final KeyService keys;

    public KeysResource(UserService users, KeyService keys) {
        this.users = users;
        this.keys = keys;
    }

    @GET
    public List<Api.SshKey> list(@HeaderParam("Authorization") String authorization) {
        return keys.of(users.authenticate(authorization)).stream().map(KeysResource::view).toList();
    }

    @POST
    public Response add(@HeaderParam("Authorization") String authorization, Api.NewSshKey body) {
        User user = users.authenticate(authorization);
        return Response.status(201).entity(view(keys.add(user, body == null ? null : body.key()))).build();
    }

    /** By id or by fingerprint, whose base64 may hold '/': the rest of the path is the reference. */
    @DELETE
    @Path("{key: .+}")
    public Response remove(@HeaderParam("Authorization") String authorization, @PathParam("key") String key) {
        keys.remove(users.authenticate(authorization), key);
        return Response.noContent().build();
    }

    static Api.SshKey view(SshKey key) {
        return new Api.SshKey(String.valueOf(key.id), key.fingerprint, key.keyType, key.comment,
                key.createdAt == null ? null : key.createdAt.toString());
    }
}
