package io.paas.controller.api;

import io.paas.controller.audit.ClientAddress;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.apps.AppService;
import io.paas.controller.keys.KeyService;
import io.paas.controller.problems.Problem;
import io.paas.controller.users.ApiToken;
import io.paas.controller.users.PasswordHasher;
import io.paas.controller.users.TokenService;
import io.paas.controller.users.User;
import io.paas.controller.users.UserService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Objects;

/**
 * Users and their API tokens. The token scheme of the OpenAPI document is declared here, where tokens
 * are made; every other resource names it with {@code @SecurityRequirement(name = AuthResource.BEARER)}
 * (OpenAPI leaves an Authorization header parameter out of the document, so the annotation says it).
 */
@Tag(name = "Auth")
@SecurityScheme(securitySchemeName = AuthResource.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token from POST /v2/auth/login or /v2/auth/register (paas login), or a platform "
                + "service's token")
@Path("/v2/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
    public static final String BEARER = "bearer";
    private final UserService users;
    private final TokenService tokens;
    private final AppService apps;
    private final KeyService keys;

    public AuthResource(UserService users, TokenService tokens, AppService apps, KeyService keys) {
        this.users = users;
        this.tokens = tokens;
        this.apps = apps;
        this.keys = keys;
    }

    /** Open to anyone while registration is open; otherwise the first user, or an admin registering someone. */
    @Operation(summary = "Create a user and a first API token (paas register); anonymous while registration is open, "
            + "else the first user or an admin's token")
    @SecurityRequirement(name = AuthResource.BEARER)
    @POST
    @Path("register")
    public Response register(@HeaderParam("Authorization") String authorization, Api.Credentials credentials) {
        return Response.status(201).entity(users.register(credentials, authorization)).build();
    }

    @Operation(summary = "A new API token for a username and password (paas login)")
    @POST
    @Path("login")
    public Api.Session login(@Context HttpServerRequest request, Api.Credentials credentials) {
        return users.login(credentials, ClientAddress.of(request));
    }

    @Operation(summary = "The caller (paas whoami)")
    @SecurityRequirement(name = AuthResource.BEARER)
    @GET
    @Path("whoami")
    public Api.User whoami(@HeaderParam("Authorization") String authorization) {
        User user = users.authenticate(authorization);
        return new Api.User(user.username, user.admin);
    }

    /** Heroku's auth:token: a new token, shown once, optionally expiring. */
    @Operation(summary = "A new API token, shown once, optionally expiring (paas auth:token)")
    @SecurityRequirement(name = AuthResource.BEARER)
    @POST
    @Path("tokens")
    public Response createToken(@HeaderParam("Authorization") String authorization, Api.TokenRequest request) {
        User user = users.authenticate(authorization);
        Api.NewToken token = tokens.issue(user, request == null ? null : request.description(),
                request == null ? null : request.expiresIn());
        return Response.status(201).entity(token).build();
    }

    @Operation(summary = "The caller's tokens that still work (paas auth:tokens)")
    @SecurityRequirement(name = AuthResource.BEARER)
    @GET
    @Path("tokens")
    @Transactional
    public List<Api.Token> tokens(@HeaderParam("Authorization") String authorization) {
        User user = users.authenticate(authorization);
        Long current = users.tokenId(authorization);
        return tokens.of(user).stream().map(token -> view(token, Objects.equals(token.id, current))).toList();
    }

    /** A revoked token fails at once, on the API and on git pushes: nothing caches it. */
    @Operation(summary = "Revoke one of the caller's tokens at once (paas auth:revoke)")
    @SecurityRequirement(name = AuthResource.BEARER)
    @DELETE
    @Path("tokens/{id}")
    public Response revoke(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        User user = users.authenticate(authorization);
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw Problem.notFound("no token " + Problem.shown(id) + ": see paas auth:tokens");
        }
        tokens.revoke(user, number);
        return Response.noContent().build();
    }

    /** passwd: needs the current password; every other token of the user stops working. */
    @Operation(summary = "Change the password; the caller's other tokens are revoked (paas passwd)")
    @SecurityRequirement(name = AuthResource.BEARER)
    @POST
    @Path("password")
    @Transactional
    public Response changePassword(@HeaderParam("Authorization") String authorization, Api.PasswordChange change) {
        User user = User.findById(users.authenticate(authorization).id);
        PasswordHasher.checkStrength(change == null ? null : change.newPassword());
        if (change.currentPassword() == null || !PasswordHasher.matches(change.currentPassword(), user.passwordHash)) {
            throw Problem.forbidden("the current password is wrong");
        }
        users.setPassword(user, change.newPassword(), users.tokenId(authorization));
        return Response.noContent().build();
    }

    /**
     * For the builder: may this user, with this API token (HTTP), or the owner of this SSH key (SSH),
     * push to this app? One rule for both. With a key and no app: only whose key it is (asked while the
     * SSH client authenticates, before it names a repository).
     */
    @Operation(summary = "Whether a user's token or SSH key may push to an app (the builder)")
    @SecurityRequirement(name = AuthResource.BEARER)
    @POST
    @Path("check")
    public Api.PushGrant check(@HeaderParam("Authorization") String authorization, Api.PushCheck check) {
        users.requireService(authorization, io.paas.controller.users.Service.BUILDER);
        boolean byKey = check != null && check.keyFingerprint() != null;
        if (check == null || (!byKey && (check.token() == null || check.app() == null))) {
            throw Problem.invalid("app, and username and token or a key fingerprint are required");
        }
        User user = byKey ? keys.ownerOf(check.keyFingerprint()) : users.userOfToken(check.token());
        if (!byKey && check.username() != null && !check.username().isBlank() && !check.username().equals(user.username)) {
            throw Problem.unauthorized("the token does not belong to " + Problem.shown(check.username()));
        }
        if (check.app() == null) {
            return new Api.PushGrant(user.username, user.admin, null, null);
        }
        App app = apps.require(user, check.app());
        // The builder keys everything of the push by this id, never by the (reusable) name.
        return new Api.PushGrant(user.username, user.admin, app.name, app.uid);
    }

    private static Api.Token view(ApiToken token, boolean current) {
        return new Api.Token(token.id, token.description, Views.time(token.createdAt),
                Views.time(token.expiresAt), Views.time(token.lastUsedAt), current);
    }
}
