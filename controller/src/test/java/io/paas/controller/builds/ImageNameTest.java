package io.paas.controller.builds;

import io.paas.controller.problems.Problem;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageNameTest {
    @Test
    void referencesAreReadAsTheEngineReadsThem() {
        assertEquals(new ImageName("docker.io", "library/busybox", "latest", null), ImageName.parse("busybox"));
        assertEquals(new ImageName("docker.io", "team/web", "1.4", null), ImageName.parse("team/web:1.4"));
        ImageName local = ImageName.parse("127.0.0.1:7150/abc-123@sha256:" + "0".repeat(64));
        assertEquals("127.0.0.1", local.host());
        assertEquals(7150, local.port());
        assertEquals(null, local.tag());
        assertEquals("localhost", ImageName.parse("localhost/web").host());
        assertEquals(-1, ImageName.parse("localhost/web").port());
        ImageName v6 = ImageName.parse("[::1]:5000/web:2");
        assertEquals("::1", v6.host());
        assertEquals(5000, v6.port());
        assertEquals("ghcr.io/a/b/c:x", ImageName.parse("ghcr.io/a/b/c:x").toString());
        for (String bad : new String[] {"", "UPPER/case", "web:", "a//b", "web@sha256:12", "http://x/y"}) {
            assertThrows(Problem.class, () -> ImageName.parse(bad), bad);
        }
    }
}
