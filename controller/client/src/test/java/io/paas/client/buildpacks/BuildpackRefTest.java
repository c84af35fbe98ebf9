package io.paas.client.buildpacks;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildpackRefTest {
    private static final List<String> BUILTIN = List.of("nodejs", "go", "python", "static");

    private static BuildpackRef parse(String text) throws BuildpackRefused {
        return BuildpackRef.parse(text, BUILTIN);
    }

    private static String refusal(String text) {
        return assertThrows(BuildpackRefused.class, () -> parse(text)).getMessage();
    }

    @Test
    void builtInNamesAndHerokusNamesForThem() throws Exception {
        assertEquals("nodejs", parse(" nodejs ").builtin());
        assertEquals("go", parse("heroku/go").builtin());
        assertEquals("heroku/go", parse("heroku/go").given());
        assertEquals("static", parse("heroku-community/static").builtin());
        assertEquals("python", parse("https://github.com/heroku/heroku-buildpack-python").builtin());
        assertEquals("nodejs", parse("https://github.com/heroku/heroku-buildpack-nodejs.git#v200").builtin());
        assertEquals("go", parse("https://buildpack-registry.s3.amazonaws.com/buildpacks/heroku/go.tgz").builtin());
        assertTrue(parse("heroku/go").sameAs(parse("go")));
    }

    @Test
    void unknownNamesAreRefusedNamingTheBuiltInOnes() {
        assertEquals("no built-in buildpack ruby (built in: nodejs, go, python, static); other buildpacks are given by "
                + "their http(s) URL", refusal("ruby"));
        assertTrue(refusal("heroku/ruby").startsWith("no built-in buildpack heroku/ruby"));
        assertTrue(refusal("").startsWith("no buildpack given"));
    }

    @Test
    void urlsAreTarballsOrGitRepositories() throws Exception {
        BuildpackRef tgz = parse("https://example.com/bp/v1.tgz");
        assertEquals(BuildpackRef.Kind.TARBALL, tgz.kind());
        assertEquals("https://example.com/bp/v1.tgz", tgz.url().toString());
        BuildpackRef git = parse("http://git.example.com/tools/bp.git#v1.2");
        assertEquals(BuildpackRef.Kind.GIT, git.kind());
        assertEquals("http://git.example.com/tools/bp.git", git.url().toString());
        assertEquals("v1.2", git.ref());
        assertNull(parse("https://github.com/someone/heroku-buildpack-x").ref());
        assertEquals("https://***@example.com/bp.git", parse("https://me:secret@example.com/bp.git").display());
    }

    @Test
    void fileUrlsPathsAndOtherSchemesAreRefused() {
        assertTrue(refusal("file:///etc/passwd").contains("file:// URLs would read the platform's own files"));
        assertTrue(refusal("/srv/buildpacks/mine").contains("is a path on the platform's machine"));
        assertTrue(refusal("./bp").contains("is a path on the platform's machine"));
        assertTrue(refusal("git@github.com:me/bp.git").contains("ssh address"));
        assertTrue(refusal("ssh://git@example.com/bp.git").contains("over http(s) only"));
        assertTrue(refusal("git://example.com/bp.git").contains("over http(s) only"));
        assertTrue(refusal("ftp://example.com/bp.tgz").contains("ftp: is not http or https"));
        assertTrue(refusal("https://example.com/bp.git#--upload-pack=x").contains("is not a git branch, tag or commit"));
        assertTrue(refusal("https://example.com/bp.git#a..b").contains("is not a git branch, tag or commit"));
        assertTrue(refusal("https://example.com/a b.tgz").contains("space or control character"));
        assertTrue(refusal("https:///bp.tgz").contains("has no host"));
        // curl reads these as 127.0.0.1, Java as something else (or not at all)
        for (String host : List.of("0177.0.0.1", "2130706433", "127.1", "0x7f.1", "0x7f000001", "127.0.0.01")) {
            String refusal = refusal("http://" + host + "/bp.tgz");
            assertTrue(refusal.contains("write its IPv4 address as four decimal numbers") || refusal.contains("has no host"),
                    host + ": " + refusal);
        }
    }

    private static final Map<String, String> DNS = Map.of(
            "buildpacks.example.com", "93.184.216.34",
            "sneaky.example.com", "127.0.0.1",
            "metadata.example.com", "169.254.169.254",
            "localhost", "127.0.0.1",
            "git.internal", "10.0.0.5");

    private static BuildpackUrlPolicy policy(String allowed) {
        return new BuildpackUrlPolicy(allowed, Set.of(7100, 7150), host -> {
            String address = DNS.get(host);
            if (address == null && !host.matches("[0-9.:a-f]+")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address != null ? address : host)};
        }, () -> Set.of(address("10.0.0.5")));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static String refusedBy(BuildpackUrlPolicy policy, String url) {
        return assertThrows(BuildpackRefused.class, () -> policy.check(parse(url))).getMessage();
    }

    @Test
    void platformAddressesAreRefusedByAddressAfterResolving() throws Exception {
        BuildpackUrlPolicy policy = policy(null);
        assertEquals(List.of(address("93.184.216.34")), policy.check(parse("https://buildpacks.example.com/bp.tgz")));
        assertEquals("buildpack URL http://127.0.0.1:7100/bp.tgz is refused: 127.0.0.1 is a loopback address, which "
                + "builds may not reach (the platform's operator can allow a host with PAAS_BUILDPACK_ALLOWED_HOSTS)",
                refusedBy(policy, "http://127.0.0.1:7100/bp.tgz"));
        assertTrue(refusedBy(policy, "http://sneaky.example.com/bp.git").contains(
                "sneaky.example.com (127.0.0.1) is a loopback address"));
        assertTrue(refusedBy(policy, "http://localhost:9000/bp.git").contains("is a loopback address"));
        assertTrue(refusedBy(policy, "http://[::1]/bp.git").contains("::1 is a loopback address"));
        assertTrue(refusedBy(policy, "http://[::ffff:127.0.0.1]/bp.git").contains("is a loopback address"));
        assertTrue(refusedBy(policy, "http://169.254.169.254/latest/meta-data/").contains("is a link-local address"));
        assertTrue(refusedBy(policy, "http://metadata.example.com/x.tgz").contains("is a link-local address"));
        assertTrue(refusedBy(policy, "http://0.0.0.0:7150/x.tgz").contains("the unspecified address"));
        assertTrue(refusedBy(policy, "https://git.internal/bp.git").contains("an address of the platform's machine"));
        assertTrue(refusedBy(policy, "https://nowhere.invalid/bp.git").contains("does not resolve"));
    }

    @Test
    void theOperatorAllowsHostsButNotThePlatformsPortsOnThem() throws Exception {
        BuildpackUrlPolicy policy = policy("127.0.0.2, git.internal:8443");
        assertEquals(List.of(address("127.0.0.2")), policy.check(parse("http://127.0.0.2:8080/bp.git")));
        assertTrue(refusedBy(policy, "http://127.0.0.2:7150/v2/").contains("port 7150 is one of the platform's own ports"));
        assertEquals(1, policy.check(parse("https://git.internal:8443/bp.git")).size());
        assertTrue(refusedBy(policy, "https://git.internal/bp.git").contains("an address of the platform's machine"));
        assertTrue(refusedBy(policy, "http://127.0.0.1:8080/bp.git").contains("loopback"));
        // naming the platform's port itself is the operator's explicit choice
        assertEquals(1, policy("127.0.0.2:7100").check(parse("http://127.0.0.2:7100/bp.tgz")).size());
        assertEquals(List.of(), policy.check(parse("nodejs")));
    }

    @Test
    void aBadSettingIsReportedWithTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policy("host:http"));
        assertEquals("PAAS_BUILDPACK_ALLOWED_HOSTS: 'host:http' has no valid port (host or host:port)", e.getMessage());
    }
}
