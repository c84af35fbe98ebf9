package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.paas.controller.api.TestUsers.admin;
import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.unique;
import static io.paas.controller.api.TestUsers.username;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Collaborators, teams, transfers, tokens, passwords, disabled users, registration and quotas through the API. */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class AccessApiTest {

    @Test
    void aCollaboratorDeploysButDoesNotDestroyTransferOrChooseCollaborators() {
        String owner = register();
        String app = createApp(owner, "perm-");
        String collaborator = register();
        String stranger = register();
        as(collaborator).when().get("/v2/apps/" + app).then().statusCode(404);

        as(owner).body(Map.of("username", username(collaborator))).when().post("/v2/apps/" + app + "/collaborators")
                .then().statusCode(201).body("username", equalTo(username(collaborator)));
        as(owner).body(Map.of("username", username(collaborator))).when().post("/v2/apps/" + app + "/collaborators")
                .then().statusCode(409);
        as(collaborator).when().get("/v2/apps").then().statusCode(200).body("name", hasItem(app));
        as(collaborator).body(Map.of("values", Map.of("K", "v"))).when().patch("/v2/apps/" + app + "/config")
                .then().statusCode(200);
        as(collaborator).when().get("/v2/apps/" + app + "/collaborators").then().statusCode(200)
                .body("username", contains(username(collaborator)));
        as(collaborator).when().delete("/v2/apps/" + app).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("owner"));
        as(collaborator).body(Map.of("recipient", username(collaborator))).when().post("/v2/apps/" + app + "/transfer")
                .then().statusCode(403);
        as(collaborator).body(Map.of("username", username(stranger))).when().post("/v2/apps/" + app + "/collaborators")
                .then().statusCode(403);
        as(stranger).when().get("/v2/apps/" + app + "/collaborators").then().statusCode(404);

        as(owner).when().delete("/v2/apps/" + app + "/collaborators/" + username(collaborator)).then().statusCode(204);
        as(collaborator).when().get("/v2/apps/" + app + "/config").then().statusCode(404);
        as(owner).body(Map.of("username", "nobody-" + unique("x"))).when().post("/v2/apps/" + app + "/collaborators")
                .then().statusCode(404);
    }

    @Test
    void aTransferredAppBelongsToItsRecipientAndTheGiverStaysACollaborator() {
        String giver = register();
        String app = createApp(giver, "gift-");
        String recipient = register();
        as(giver).body(Map.of("recipient", username(recipient))).when().post("/v2/apps/" + app + "/transfer")
                .then().statusCode(200).body("owner", equalTo(username(recipient)));
        as(recipient).when().get("/v2/apps/" + app + "/collaborators").then().statusCode(200)
                .body("username", contains(username(giver)));
        as(giver).when().delete("/v2/apps/" + app).then().statusCode(403);
        as(giver).body(Map.of("recipient", "nobody-" + unique("x"))).when().post("/v2/apps/" + app + "/transfer")
                .then().statusCode(403);
        as(recipient).body(Map.of("recipient", "nobody-" + unique("x"))).when().post("/v2/apps/" + app + "/transfer")
                .then().statusCode(404).body("detail", containsString("no user or team"));
    }

    @Test
    void teamMembersDeployTheTeamsAppsAndTeamAdminsManageThem() {
        String lead = register();
        String member = register();
        String outsider = register();
        String team = unique("team");
        as(lead).body(Map.of("name", team)).when().post("/v2/teams").then().statusCode(201).body("role", equalTo("admin"));
        as(lead).body(Map.of("name", team)).when().post("/v2/teams").then().statusCode(409);
        as(lead).body(Map.of("name", username(member))).when().post("/v2/teams").then().statusCode(409);
        as(member).when().get("/v2/teams/" + team + "/members").then().statusCode(404);
        as(lead).body(Map.of()).when().put("/v2/teams/" + team + "/members/" + username(member))
                .then().statusCode(200).body("role", equalTo("member"));
        as(member).body(Map.of()).when().put("/v2/teams/" + team + "/members/" + username(outsider)).then().statusCode(403);
        as(lead).body(Map.of("role", "owner")).when().put("/v2/teams/" + team + "/members/" + username(member))
                .then().statusCode(400);

        String app = unique("team-");
        as(lead).body(Map.of("name", app, "team", team)).when().post("/v2/apps").then().statusCode(201)
                .body("owner", equalTo(team)).body("team", equalTo(team));
        as(outsider).body(Map.of("name", unique("x-"), "team", team)).when().post("/v2/apps").then().statusCode(404);
        as(member).when().get("/v2/apps").then().body("name", hasItem(app));
        as(member).body(Map.of("values", Map.of("A", "b"))).when().patch("/v2/apps/" + app + "/config").then().statusCode(200);
        as(member).when().delete("/v2/apps/" + app).then().statusCode(403);
        as(outsider).when().get("/v2/apps/" + app).then().statusCode(404);

        // A personal app given to the team; the team cannot be deleted while it owns apps.
        String personal = createApp(member, "mine-");
        as(member).body(Map.of("recipient", team)).when().post("/v2/apps/" + personal + "/transfer").then().statusCode(200)
                .body("owner", equalTo(team));
        as(member).when().delete("/v2/apps/" + personal).then().statusCode(403);
        as(lead).when().delete("/v2/teams/" + team).then().statusCode(409).body("detail", containsString("owns 2 app(s)"));
        as(lead).when().delete("/v2/apps/" + personal).then().statusCode(204);

        // The last admin cannot leave; a member may.
        as(lead).when().delete("/v2/teams/" + team + "/members/" + username(lead)).then().statusCode(409);
        as(member).when().delete("/v2/teams/" + team + "/members/" + username(member)).then().statusCode(204);
        as(member).when().get("/v2/apps/" + app).then().statusCode(404);
    }

    @Test
    void aTeamAdminDeletesTheirTeamOnceItOwnsNoApps() {
        admin(); // the first user of a fresh database is an admin, which the lead must not be
        String lead = register();
        String member = register();
        String team = unique("team");
        as(lead).body(Map.of("name", team)).when().post("/v2/teams").then().statusCode(201);
        as(lead).body(Map.of()).when().put("/v2/teams/" + team + "/members/" + username(member)).then().statusCode(200);
        as(member).when().delete("/v2/teams/" + team).then().statusCode(403);
        as(lead).when().delete("/v2/teams/" + team).then().statusCode(204);
        as(lead).when().get("/v2/teams/" + team + "/members").then().statusCode(404);
        as(lead).when().get("/v2/teams").then().statusCode(200).body("name", not(hasItem(team)));
    }

    @Test
    void tokensCanBeMadeListedRevokedAndExpire() {
        String session = register();
        String made = as(session).body(Map.of("description", "ci deploys", "expiresIn", 3600)).when().post("/v2/auth/tokens")
                .then().statusCode(201).body("description", equalTo("ci deploys")).extract().path("token");
        Integer id = as(session).when().get("/v2/auth/tokens").then().statusCode(200)
                .body("find { it.description == 'ci deploys' }.current", equalTo(false))
                .body("find { it.description == 'login' }.current", equalTo(true))
                .extract().path("find { it.description == 'ci deploys' }.id");
        as(made).when().get("/v2/auth/whoami").then().statusCode(200);
        as(made).when().delete("/v2/auth/tokens/" + id).then().statusCode(204);
        as(made).when().get("/v2/auth/whoami").then().statusCode(401).body("detail", containsString("revoked"));
        as(session).when().delete("/v2/auth/tokens/" + id).then().statusCode(404);
        as(session).body(Map.of("expiresIn", 5)).when().post("/v2/auth/tokens").then().statusCode(400);

        String expiring = as(session).body(Map.of("expiresIn", 60)).when().post("/v2/auth/tokens")
                .then().statusCode(201).extract().path("token");
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                io.paas.controller.users.ApiToken.update("expiresAt = ?1 where tokenHash = ?2",
                        java.time.Instant.now().minusSeconds(1), io.paas.controller.users.PasswordHasher.sha256(expiring)));
        as(expiring).when().get("/v2/auth/whoami").then().statusCode(401);
        // One user's token ids are not another's to revoke.
        String other = register();
        Integer otherId = as(other).when().get("/v2/auth/tokens").then().extract().path("[0].id");
        as(session).when().delete("/v2/auth/tokens/" + otherId).then().statusCode(404);
        as(other).when().get("/v2/auth/whoami").then().statusCode(200);
    }

    @Test
    void passwdNeedsTheCurrentPasswordAndRevokesTheOtherTokens() {
        String name = unique("pw");
        String first = register(name);
        String second = login(name, "s3cret-pass");
        as(first).body(Map.of("currentPassword", "wrong-one", "newPassword", "n3w-secret-pass")).when()
                .post("/v2/auth/password").then().statusCode(403);
        as(first).body(Map.of("currentPassword", "s3cret-pass", "newPassword", "short")).when()
                .post("/v2/auth/password").then().statusCode(400);
        as(first).body(Map.of("currentPassword", "s3cret-pass", "newPassword", "n3w-secret-pass")).when()
                .post("/v2/auth/password").then().statusCode(204);
        as(first).when().get("/v2/auth/whoami").then().statusCode(200);
        as(second).when().get("/v2/auth/whoami").then().statusCode(401);
        login(name, "n3w-secret-pass");
    }

    @Test
    void aDisabledUsersTokensStopAtOnceAndAdminsManageAccounts() {
        String admin = admin();
        String user = register();
        String app = createApp(user, "dis-");
        String heir = register();
        as(user).when().get("/v2/users").then().statusCode(403);
        as(admin).when().get("/v2/users").then().statusCode(200).body("username", hasItem(username(user)));

        String name = username(user);
        as(admin).body(Map.of("disabled", true)).when().patch("/v2/users/" + name).then().statusCode(200)
                .body("disabled", equalTo(true));
        as(user).when().get("/v2/apps").then().statusCode(401);
        builderCheck(app, name, user).statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", "s3cret-pass"))
                .when().post("/v2/auth/login").then().statusCode(403).body("detail", containsString("disabled"));
        as(admin).body(Map.of("disabled", false)).when().patch("/v2/users/" + name).then().statusCode(200);
        as(user).when().get("/v2/apps").then().statusCode(200);
        as(admin).body(Map.of("disabled", true)).when().patch("/v2/users/" + username(admin)).then().statusCode(409);

        as(admin).when().delete("/v2/users/" + name).then().statusCode(409).body("detail", containsString("owns 1 app"));
        as(admin).queryParam("transferTo", username(heir)).when().delete("/v2/users/" + name).then().statusCode(204);
        as(heir).when().get("/v2/apps/" + app).then().statusCode(200).body("app.owner", equalTo(username(heir)));
        as(user).when().get("/v2/auth/whoami").then().statusCode(401);
    }

    @Test
    void closedRegistrationLetsOnlyAdminsAddUsers() {
        String admin = admin();
        String user = register();
        try {
            as(admin).body(Map.of("mode", "closed")).when().put("/v2/admin/registration").then().statusCode(200)
                    .body("mode", equalTo("closed"));
            given().contentType(ContentType.JSON).body(Map.of("username", unique("late"), "password", "s3cret-pass"))
                    .when().post("/v2/auth/register").then().statusCode(403).body("detail", containsString("registration is closed"));
            as(user).body(Map.of("username", unique("late"), "password", "s3cret-pass"))
                    .when().post("/v2/auth/register").then().statusCode(403);
            String added = unique("added");
            as(admin).body(Map.of("username", added, "password", "s3cret-pass")).when().post("/v2/auth/register")
                    .then().statusCode(201).body("username", equalTo(added));
            as(admin).when().get("/v2/auth/whoami").then().body("username", not(equalTo(added)));
            as(admin).body(Map.of("mode", "ajar")).when().put("/v2/admin/registration").then().statusCode(400);
        } finally {
            as(admin).body(Map.of("mode", "open")).when().put("/v2/admin/registration").then().statusCode(200);
        }
    }

    @Test
    void repeatedFailuresSlowTheNameAtThatAddressButNotTheRealUserElsewhere() throws Exception {
        String name = unique("guess");
        register(name);
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(Map.of("username", name, "password", "guess-" + i))
                    .when().post("/v2/auth/login").then().statusCode(401);
        }
        // The 6th try comes within the second the 5th failure earned: refused without checking the password.
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", "s3cret-pass"))
                .when().post("/v2/auth/login").then().statusCode(429).header("Retry-After", equalTo("1"))
                .contentType("application/problem+json").body("detail", containsString("too many failed logins"));
        // The real user, from another address, is not locked out by the guesser.
        String answer = loginFrom("127.0.0.2", name, "s3cret-pass");
        org.junit.jupiter.api.Assertions.assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        Thread.sleep(1_100);
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", "guess-6"))
                .when().post("/v2/auth/login").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", "s3cret-pass"))
                .when().post("/v2/auth/login").then().statusCode(429).header("Retry-After", equalTo("2"));
    }

    /** A login sent from another loopback address than RestAssured's 127.0.0.1: the status line and the rest. */
    private static String loginFrom(String source, String name, String password) throws Exception {
        String body = "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}";
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(source, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", io.restassured.RestAssured.port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v2/auth/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void quotasBoundAppsAndProcesses() {
        String admin = admin();
        String user = register();
        String name = username(user);
        as(user).body(Map.of("apps", 1)).when().put("/v2/users/" + name + "/quota").then().statusCode(403);
        as(admin).body(Map.of("apps", 1, "processes", 2)).when().put("/v2/users/" + name + "/quota").then().statusCode(200)
                .body("limits.apps", equalTo(1)).body("usage.apps", equalTo(0));
        createApp(user, "q-");
        as(user).body(Map.of("name", unique("q-"))).when().post("/v2/apps").then().statusCode(403)
                .body("detail", containsString("may own 1 apps"));
        as(user).when().get("/v2/users/" + name + "/quota").then().statusCode(200).body("usage.apps", equalTo(1));
        as(user).when().get("/v2/users/" + username(admin) + "/quota").then().statusCode(404);
        Map<String, Object> none = new HashMap<>();
        none.put("apps", -1);
        as(admin).body(none).when().put("/v2/users/" + name + "/quota").then().statusCode(400);
    }

    private static String login(String name, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", name, "password", password))
                .when().post("/v2/auth/login").then().statusCode(200).extract().path("token");
    }

    private static io.restassured.response.ValidatableResponse builderCheck(String app, String username, String token) {
        return TestUsers.builder().body(Map.of("app", app, "username", username, "token", token))
                .when().post("/v2/auth/check").then();
    }
}
