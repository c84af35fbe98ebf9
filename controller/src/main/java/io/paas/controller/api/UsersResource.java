package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.apps.AppService;
import io.paas.controller.apps.CollaboratorService;
import io.paas.controller.platform.PlatformDisk;
import io.paas.controller.problems.Problem;
import io.paas.controller.quotas.Quota;
import io.paas.controller.quotas.QuotaService;
import io.paas.controller.users.AccountService;
import io.paas.controller.users.Registration;
import io.paas.controller.users.User;
import io.paas.controller.users.UserService;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Admins' view of accounts (paas users, users:disable, users:delete), registration, and quotas. */
@Tag(name = "Admin")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {
    private final Callers callers;
    private final AccountService accounts;
    private final UserService users;
    private final AppService apps;
    private final CollaboratorService collaborators;
    private final QuotaService quotas;
    private final Registration registration;
    private final PlatformDisk disk;

    public UsersResource(Callers callers, AccountService accounts, UserService users, AppService apps,
                         CollaboratorService collaborators, QuotaService quotas, Registration registration,
                         PlatformDisk disk) {
        this.callers = callers;
        this.accounts = accounts;
        this.users = users;
        this.apps = apps;
        this.collaborators = collaborators;
        this.quotas = quotas;
        this.registration = registration;
        this.disk = disk;
    }

    @Operation(summary = "Every account, admins only (paas users)")
    @GET
    @Path("users")
    @Transactional
    public List<Api.Account> list(@HeaderParam("Authorization") String authorization) {
        callers.admin(authorization);
        return accounts.all().stream().map(UsersResource::view).toList();
    }

    @Operation(summary = "Disable, enable or make admin a user, admins only (paas users:disable, users:enable, users:admin)")
    @PATCH
    @Path("users/{user}")
    @Transactional
    public Api.Account change(@HeaderParam("Authorization") String authorization, @PathParam("user") String username,
                              Api.AccountChange change) {
        return view(accounts.change(callers.admin(authorization), username, change));
    }

    /** As passwd does for one's own: every token of the user stops working, so they sign in with the new one. */
    @Operation(summary = "Set a user's password, admins only; all their tokens are revoked (paas users:passwd)")
    @PUT
    @Path("users/{user}/password")
    public Response resetPassword(@HeaderParam("Authorization") String authorization, @PathParam("user") String username,
                                  Api.PasswordReset reset) {
        accounts.resetPassword(callers.admin(authorization), username, reset == null ? null : reset.newPassword());
        return Response.noContent().build();
    }

    /** Refused while the user owns apps, unless they go to another user first (transferTo). */
    @Operation(summary = "Delete a user, refused while they own apps unless given to another (paas users:delete)")
    @DELETE
    @Path("users/{user}")
    @Transactional
    public Response delete(@HeaderParam("Authorization") String authorization, @PathParam("user") String username,
                           @QueryParam("transferTo") String transferTo) {
        User admin = callers.admin(authorization);
        User user = users.require(username);
        List<App> owned = apps.ownedBy(user);
        if (!owned.isEmpty() && (transferTo == null || transferTo.isBlank())) {
            throw Problem.conflict(username + " owns " + owned.size() + " app(s): destroy or transfer them, or "
                    + "paas users:delete " + username + " --transfer-to USER");
        }
        if (!owned.isEmpty() && users.require(transferTo).id.equals(user.id)) {
            throw Problem.invalid("--transfer-to names the user being deleted");
        }
        for (App app : owned) {
            collaborators.transfer(admin, app, transferTo, false);
        }
        apps.forgetOwner(user);
        accounts.delete(admin, user);
        return Response.noContent().build();
    }

    @Operation(summary = "The platform's disk and what each part of its data takes, admins only (paas admin:disk)")
    @GET
    @Path("admin/disk")
    public Api.DiskUsage disk(@HeaderParam("Authorization") String authorization) {
        callers.admin(authorization);
        return disk.usage();
    }

    @Operation(summary = "Whether registration is open (paas admin:registration)")
    @GET
    @Path("admin/registration")
    public Api.RegistrationMode registration(@HeaderParam("Authorization") String authorization) {
        callers.admin(authorization);
        return new Api.RegistrationMode(registration.mode());
    }

    @Operation(summary = "Open or close registration, admins only (paas admin:registration open|closed)")
    @PUT
    @Path("admin/registration")
    public Api.RegistrationMode setRegistration(@HeaderParam("Authorization") String authorization,
                                                Api.RegistrationMode mode) {
        callers.admin(authorization);
        return new Api.RegistrationMode(registration.set(mode == null ? null : mode.mode()));
    }

    /** A user sees their own quota; admins see and set everyone's. */
    @Operation(summary = "A user's quota and use; their own, or anyone's for admins (paas quotas)")
    @GET
    @Path("users/{user}/quota")
    @Transactional
    public Api.QuotaView quota(@HeaderParam("Authorization") String authorization, @PathParam("user") String username) {
        User caller = callers.user(authorization);
        if (!caller.admin && !caller.username.equals(username)) {
            throw Problem.notFound("no user named " + Problem.shown(username) + ": see paas users");
        }
        User user = users.require(username);
        return view(quotas.of(user, null), quotas.usage(user, null));
    }

    @Operation(summary = "Set a user's quota, admins only (paas quotas:set)")
    @PUT
    @Path("users/{user}/quota")
    @Transactional
    public Api.QuotaView setQuota(@HeaderParam("Authorization") String authorization, @PathParam("user") String username,
                                  Api.QuotaChange change) {
        callers.admin(authorization);
        User user = users.require(username);
        return view(quotas.set(user, null, change), quotas.usage(user, null));
    }

    static Api.QuotaView view(Quota quota, Api.Usage usage) {
        return new Api.QuotaView(quota == null ? new Api.QuotaChange(null, null, null)
                : new Api.QuotaChange(quota.apps, quota.processes, quota.memoryMb), usage);
    }

    private static Api.Account view(User user) {
        return new Api.Account(user.username, user.admin, user.disabled,
                (int) App.count("owner.id = ?1 and team is null", user.id), Views.time(user.createdAt));
    }
}
