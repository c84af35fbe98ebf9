package io.paas.controller.api;

import io.paas.controller.domains.Domain;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.unique;
import static io.paas.controller.api.TestUsers.username;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's domains, access and router pages over HTTP as a browser speaks it, against the real
 * controller and PostgreSQL: who sees them, each form's change confirmed through the API, and each
 * refusal shown with the API's own message and status.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class ConsoleSettingsPagesTest {
    private static final TestCerts CERTS = new TestCerts();

    @Test
    void eachPageAnswersItsOwnerNotAStrangerAndSendsTheSignedOutToSignIn() throws Exception {
        String owner = register();
        String app = createApp(owner, "pages-");
        ConsoleBrowser browser = new ConsoleBrowser();
        browser.signIn(username(owner));
        String strangerToken = register();
        ConsoleBrowser stranger = new ConsoleBrowser();
        String strangerCsrf = stranger.signIn(username(strangerToken));
        for (String page : List.of("domains", "access", "router")) {
            String path = "/console/apps/" + app + "/" + page;
            ConsoleBrowser.Page shown = browser.get(path);
            assertEquals(200, shown.status(), path + ": " + shown.body());
            assertTrue(shown.body().contains("href=\"" + path + "\" aria-current=\"page\""), shown.body());
            assertTrue(shown.header("Content-Security-Policy").contains("frame-ancestors 'none'"), path);
            ConsoleBrowser.Page hidden = stranger.get(path);
            assertEquals(404, hidden.status(), path + ": " + hidden.body());
            assertTrue(hidden.body().contains("No app named " + app), hidden.body());
            ConsoleBrowser.Page signedOut = new ConsoleBrowser().get(path);
            assertEquals(303, signedOut.status(), path);
            assertEquals("/console/sign-in", URI.create(signedOut.header("Location")).getPath());
        }
        // the stranger's forms are refused as the API refuses them, and change nothing
        String base = "/console/apps/" + app;
        assertEquals(404, stranger.post(base + "/domains", Map.of("csrf", strangerCsrf,
                "domain", "www." + unique("z") + ".example.com")).status());
        assertEquals(404, stranger.post(base + "/router", Map.of("csrf", strangerCsrf, "maintenance", "on")).status());
        assertEquals(404, stranger.post(base + "/access", Map.of("csrf", strangerCsrf,
                "username", username(strangerToken))).status());
        // and the owner's form without the session's CSRF token too
        assertEquals(403, browser.post(base + "/router", Map.of("maintenance", "on")).status());
        as(owner).when().get("/v2/apps/" + app + "/domains").then().statusCode(200).body("size()", equalTo(0));
        as(owner).when().get("/v2/apps/" + app + "/router").then().statusCode(200).body("maintenance", equalTo(false));
        as(owner).when().get("/v2/apps/" + app + "/collaborators").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void addAndRemoveADomainAndARefusalSaysWhy() throws Exception {
        String token = register();
        String app = createApp(token, "dom-");
        ConsoleBrowser browser = new ConsoleBrowser();
        String csrf = browser.signIn(username(token));
        String path = "/console/apps/" + app + "/domains";
        String domain = "www." + unique("z") + ".example.com";

        ConsoleBrowser.Page added = browser.post(path, Map.of("csrf", csrf, "domain", domain.toUpperCase()));
        assertEquals(303, added.status(), added.body());
        assertEquals(path + "?done=domain-added", location(added));
        as(token).when().get("/v2/apps/" + app + "/domains").then().statusCode(200).body("domain", hasItem(domain));
        ConsoleBrowser.Page shown = browser.get(location(added));
        assertTrue(shown.body().contains("Domain added"), shown.body());
        assertTrue(shown.body().contains("<code>" + domain + "</code>"), shown.body());
        assertTrue(shown.body().contains("none: HTTP only"), shown.body());

        ConsoleBrowser.Page again = browser.post(path, Map.of("csrf", csrf, "domain", domain));
        assertEquals(409, again.status(), again.body());
        assertTrue(again.body().contains("Domain not added: domain " + domain + " is already added to " + app), again.body());

        ConsoleBrowser.Page removed = browser.post(path + "/remove", Map.of("csrf", csrf, "domain", domain));
        assertEquals(303, removed.status(), removed.body());
        assertEquals(path + "?done=domain-removed", location(removed));
        as(token).when().get("/v2/apps/" + app + "/domains").then().statusCode(200).body("size()", equalTo(0));
        ConsoleBrowser.Page gone = browser.post(path + "/remove", Map.of("csrf", csrf, "domain", domain));
        assertEquals(404, gone.status(), gone.body());
        assertTrue(gone.body().contains("Domain not removed: no domain " + domain + " on " + app), gone.body());
    }

    @Test
    void tenantWrittenDomainLikeTextIsShownEscaped() throws Exception {
        String token = register();
        String app = createApp(token, "domxss-");
        ConsoleBrowser browser = new ConsoleBrowser();
        String csrf = browser.signIn(username(token));
        String path = "/console/apps/" + app + "/domains";
        // refused: the API's message repeats what was typed, and the form keeps it
        ConsoleBrowser.Page refused = browser.post(path, Map.of("csrf", csrf, "domain", "<img src=x onerror=alert(1)>.example.com"));
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("Domain not added: invalid domain"), refused.body());
        assertTrue(refused.body().contains("value=\"&lt;img src=x onerror=alert(1)&gt;.example.com\""), refused.body());
        assertFalse(refused.body().contains("<img"), refused.body());
        // stored: a row the API's checks never saw
        String domain = "www." + unique("z") + ".example.com";
        as(token).body(Map.of("domain", domain)).when().post("/v2/apps/" + app + "/domains").then().statusCode(201);
        String hostile = "<script>alert(2)</script>\"><b>." + domain;
        QuarkusTransaction.requiringNew().run(() -> Domain.byHostname(domain).orElseThrow().hostname = hostile);
        try {
            ConsoleBrowser.Page page = browser.get(path);
            assertEquals(200, page.status(), page.body());
            assertTrue(page.body().contains("<code>&lt;script&gt;alert(2)&lt;/script&gt;&quot;&gt;&lt;b&gt;." + domain + "</code>"),
                    page.body());
            assertFalse(page.body().contains("<script") || page.body().contains("<b>"), page.body());
        } finally {
            as(token).when().delete("/v2/apps/" + app).then().statusCode(204);
        }
    }

    @Test
    void addACertificateSeeItsExpiryAndRemoveIt() throws Exception {
        String token = register();
        String app = createApp(token, "cert-");
        ConsoleBrowser browser = new ConsoleBrowser();
        String csrf = browser.signIn(username(token));
        String path = "/console/apps/" + app + "/domains";
        String domain = "www." + unique("z") + ".example.com";
        as(token).body(Map.of("domain", domain)).when().post("/v2/apps/" + app + "/domains").then().statusCode(201);
        TestCerts.Pair pair = CERTS.selfSigned("ec", 90, domain);
        TestCerts.Pair other = CERTS.selfSigned("ec", 90, domain);

        ConsoleBrowser.Page mismatched = browser.post(path + "/certs", Map.of("csrf", csrf, "name", "www",
                "certPem", pair.certPem(), "keyPem", other.keyPem()));
        assertEquals(400, mismatched.status(), mismatched.body());
        assertTrue(mismatched.body().contains("Certificate not added: the key does not match the certificate"),
                mismatched.body());
        assertFalse(mismatched.body().contains(keyLine(other)), "a key is never shown back");
        assertTrue(mismatched.body().contains("id=\"cert-name\" name=\"name\" type=\"text\" value=\"www\""), mismatched.body());
        as(token).when().get("/v2/apps/" + app + "/certs").then().statusCode(200).body("size()", equalTo(0));

        ConsoleBrowser.Page added = browser.post(path + "/certs", Map.of("csrf", csrf, "name", "www",
                "certPem", pair.certPem(), "keyPem", pair.keyPem()));
        assertEquals(303, added.status(), added.body());
        assertEquals(path + "?done=cert-added", location(added));
        String expiresAt = as(token).when().get("/v2/apps/" + app + "/certs").then().statusCode(200)
                .body("[0].name", equalTo("www")).extract().path("[0].expiresAt");
        ConsoleBrowser.Page shown = browser.get(location(added));
        assertTrue(shown.body().contains("Certificate added"), shown.body());
        assertTrue(shown.body().contains("<time datetime=\"" + expiresAt + "\">" + expiresAt.replace("T", " ")
                .replace("Z", " UTC") + "</time>"), expiresAt + " in " + shown.body());
        assertTrue(shown.body().contains("<td data-label=\"Certificate\">www</td>"), "served for the domain: " + shown.body());
        assertFalse(shown.body().contains("PRIVATE KEY") || shown.body().contains(keyLine(pair)), "a key is never shown");

        ConsoleBrowser.Page removed = browser.post(path + "/certs/remove", Map.of("csrf", csrf, "name", "www"));
        assertEquals(303, removed.status(), removed.body());
        as(token).when().get("/v2/apps/" + app + "/certs").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void collaboratorsComeAndGoAndTheAppIsTransferredOnceItsNameIsTyped() throws Exception {
        String owner = register();
        String friend = register();
        String friendName = username(friend);
        String app = createApp(owner, "crew-");
        ConsoleBrowser browser = new ConsoleBrowser();
        String csrf = browser.signIn(username(owner));
        ConsoleBrowser friendBrowser = new ConsoleBrowser();
        String friendCsrf = friendBrowser.signIn(friendName);
        String path = "/console/apps/" + app + "/access";
        String appLink = "href=\"/console/apps/" + app + "\"";
        assertFalse(friendBrowser.get("/console/apps").body().contains(appLink));

        String nobody = unique("nobody");
        ConsoleBrowser.Page unknown = browser.post(path, Map.of("csrf", csrf, "username", nobody));
        assertEquals(404, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("Collaborator not added: no user named " + nobody), unknown.body());

        ConsoleBrowser.Page added = browser.post(path, Map.of("csrf", csrf, "username", friendName));
        assertEquals(303, added.status(), added.body());
        assertEquals(path + "?done=added", location(added));
        as(owner).when().get("/v2/apps/" + app + "/collaborators").then().statusCode(200)
                .body("username", hasItem(friendName));
        ConsoleBrowser.Page shown = browser.get(location(added));
        assertTrue(shown.body().contains("Remove " + friendName), shown.body());
        assertTrue(friendBrowser.get("/console/apps").body().contains(appLink), "the collaborator sees the app");
        // a collaborator sees who has access but does not choose it: the API's 403
        assertEquals(200, friendBrowser.get(path).status());
        ConsoleBrowser.Page notTheirs = friendBrowser.post(path, Map.of("csrf", friendCsrf, "username", username(register())));
        assertEquals(403, notTheirs.status(), notTheirs.body());
        assertTrue(notTheirs.body().contains("Collaborator not added: "), notTheirs.body());

        ConsoleBrowser.Page removed = browser.post(path + "/remove", Map.of("csrf", csrf, "username", friendName));
        assertEquals(303, removed.status(), removed.body());
        as(owner).when().get("/v2/apps/" + app + "/collaborators").then().statusCode(200).body("size()", equalTo(0));
        assertFalse(friendBrowser.get("/console/apps").body().contains(appLink));
        assertEquals(404, friendBrowser.get(path).status());

        ConsoleBrowser.Page notConfirmed = browser.post(path + "/transfer", Map.of("csrf", csrf, "recipient", friendName,
                "confirm", "not-" + app));
        assertEquals(400, notConfirmed.status(), notConfirmed.body());
        assertTrue(notConfirmed.body().contains("Not transferred: type the app&#39;s name, " + app + ", to confirm"),
                notConfirmed.body());
        as(owner).when().get("/v2/apps/" + app).then().statusCode(200).body("app.owner", equalTo(username(owner)));
        ConsoleBrowser.Page transferred = browser.post(path + "/transfer", Map.of("csrf", csrf, "recipient", friendName,
                "confirm", app));
        assertEquals(303, transferred.status(), transferred.body());
        // the giver stays on as a collaborator, so the access page still answers them
        assertEquals(path + "?done=transferred", location(transferred));
        as(friend).when().get("/v2/apps/" + app).then().statusCode(200).body("app.owner", equalTo(friendName));
        assertTrue(browser.get(location(transferred)).body().contains("<strong>" + friendName + "</strong> owns the app"));
    }

    @Test
    void routerSettingsAndAllowlistChangeThroughTheForms() throws Exception {
        String token = register();
        String app = createApp(token, "gate-");
        ConsoleBrowser browser = new ConsoleBrowser();
        String csrf = browser.signIn(username(token));
        String path = "/console/apps/" + app + "/router";
        String api = "/v2/apps/" + app + "/router";
        Map<String, String> form = new HashMap<>(Map.of("csrf", csrf, "maintenance", "on", "tlsEnforce", "off",
                "connectTimeoutMs", "", "readTimeoutMs", "", "idleTimeoutMs", "", "maxBodyBytes", "", "balancing", ""));

        ConsoleBrowser.Page on = browser.post(path, form);
        assertEquals(303, on.status(), on.body());
        assertEquals(path + "?done=changed", location(on));
        as(token).when().get(api).then().statusCode(200).body("maintenance", equalTo(true))
                .body("tlsEnforce", equalTo(false)).body("readTimeoutMs", nullValue());
        ConsoleBrowser.Page shown = browser.get(location(on));
        assertTrue(shown.body().contains("on: visitors get a maintenance page"), shown.body());
        assertTrue(shown.body().contains("name=\"maintenance\" value=\"on\" checked"), shown.body());
        assertEquals(path + "?done=unchanged", location(browser.post(path, form)));

        form.putAll(Map.of("maintenance", "off", "readTimeoutMs", "0"));
        ConsoleBrowser.Page refused = browser.post(path, form);
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("Router settings not changed: readTimeoutMs must be a whole number from 1 to"),
                refused.body());
        // nothing changed, and the form shows again as it was sent
        as(token).when().get(api).then().statusCode(200).body("readTimeoutMs", nullValue()).body("maintenance", equalTo(true));
        assertTrue(refused.body().contains("name=\"maintenance\" value=\"off\" checked"), refused.body());
        assertTrue(refused.body().contains("name=\"readTimeoutMs\" type=\"number\" min=\"1\" max=\"86400000\" value=\"0\""),
                refused.body());

        // "off" is sent as a value of its own: no script needed to switch maintenance off
        form.putAll(Map.of("readTimeoutMs", "30000", "balancing", "least_requests"));
        assertEquals(303, browser.post(path, form).status());
        as(token).when().get(api).then().statusCode(200).body("maintenance", equalTo(false))
                .body("readTimeoutMs", equalTo(30000)).body("balancing", equalTo("least_requests"));

        ConsoleBrowser.Page allowed = browser.post(path + "/allowlist", Map.of("csrf", csrf, "cidr", "203.0.113.7"));
        assertEquals(303, allowed.status(), allowed.body());
        as(token).when().get(api).then().statusCode(200).body("allowlist", equalTo(List.of("203.0.113.7/32")));
        ConsoleBrowser.Page bad = browser.post(path + "/allowlist", Map.of("csrf", csrf, "cidr", "not-an-address"));
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("Not added to the allowlist: invalid CIDR"), bad.body());
        assertTrue(browser.get(path).body().contains("Remove 203.0.113.7/32"));
        ConsoleBrowser.Page disallowed = browser.post(path + "/allowlist/remove", Map.of("csrf", csrf, "cidr", "203.0.113.7/32"));
        assertEquals(303, disallowed.status(), disallowed.body());
        as(token).when().get(api).then().statusCode(200).body("allowlist", equalTo(List.of()));
    }

    /** Where a 303 sends the browser, as a path and query. */
    private static String location(ConsoleBrowser.Page page) {
        URI location = URI.create(page.header("Location"));
        return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
    }

    /** A line of the key's base64 body: were the key shown anywhere, this would be. */
    private static String keyLine(TestCerts.Pair pair) {
        return pair.keyPem().lines().skip(1).findFirst().orElseThrow();
    }
}
