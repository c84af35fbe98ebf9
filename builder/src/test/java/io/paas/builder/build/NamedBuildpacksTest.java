package io.paas.builder.build;

import io.paas.client.buildpacks.BuildpackUrlPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which buildpacks a build runs (app setting, then BUILDPACK_URL, then .buildpacks) and the refusals at build time. */
class NamedBuildpacksTest {
    private static final Path BUILDPACKS = Path.of("../buildpacks").toAbsolutePath().normalize();
    @TempDir
    Path app;
    private final List<String> out = new ArrayList<>();

    private final NamedBuildpacks named = new NamedBuildpacks(new BuildpackUrlPolicy("127.0.0.2", Set.of(7100),
            host -> new InetAddress[] {InetAddress.getByName(host.equals("git.example.org") ? "192.0.2.7" : host)},
            Set::of), BUILDPACKS);

    private NamedBuildpacks.Choice choose(List<String> setting, Map<String, String> config) throws BuildFailure {
        return named.choose(setting, config, app, out::add);
    }

    @Test
    void theAppsSettingThenBuildpackUrlThenTheFile() throws Exception {
        Files.writeString(app.resolve(".buildpacks"), "# tools first\nhttps://git.example.org/tools.git#v2\n\nheroku/nodejs\n");
        assertEquals(List.of("git https://git.example.org/tools.git v2 git.example.org:443:192.0.2.7 "
                + "https://git.example.org/tools.git#v2", "builtin nodejs - - heroku/nodejs"),
                choose(List.of(), Map.of()).lines());
        assertEquals("-----> Buildpacks from .buildpacks", out.get(out.size() - 1));

        assertEquals(List.of("tarball http://127.0.0.2:8080/bp.tgz - 127.0.0.2:8080:127.0.0.2 http://127.0.0.2:8080/bp.tgz"),
                choose(List.of(), Map.of("BUILDPACK_URL", " http://127.0.0.2:8080/bp.tgz ")).lines());
        assertEquals(List.of("builtin static - - static"),
                choose(List.of("static"), Map.of("BUILDPACK_URL", "http://127.0.0.2:8080/bp.tgz")).lines());
        assertEquals("-----> Buildpacks set on the app (paas buildpacks)", out.get(out.size() - 1));
    }

    @Test
    void noneNamedMeansDetection() throws Exception {
        assertFalse(choose(List.of(), Map.of("BUILDPACK", "static")).named());
        assertEquals(List.of(), out);
    }

    @Test
    void refusedBeforeAnythingIsBuiltWithTheReasonLast() throws Exception {
        assertThrows(BuildFailure.class, () -> choose(List.of(), Map.of("BUILDPACK_URL", "http://127.0.0.1:7100/x.tgz")));
        assertEquals(List.of(" !     buildpack URL http://127.0.0.1:7100/x.tgz is refused: 127.0.0.1 is a loopback address, "
                + "which builds may not reach (the platform's operator can allow a host with PAAS_BUILDPACK_ALLOWED_HOSTS)",
                " !     Push rejected: buildpack from the BUILDPACK_URL config var refused; nothing was built"), out);

        Files.writeString(app.resolve(".buildpacks"), "file:///etc\n");
        out.clear();
        assertThrows(BuildFailure.class, () -> choose(List.of(), Map.of()));
        assertEquals(" !     Push rejected: buildpack from .buildpacks refused; nothing was built", out.get(1));

        out.clear();
        assertThrows(BuildFailure.class, () -> choose(List.of("http://169.254.169.254/bp.tgz"), Map.of()));
        assertEquals(" !     Push rejected: buildpack set on the app (paas buildpacks) refused; nothing was built", out.get(1));
    }
}
