package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.paas.controller.api.TestUsers.admin;
import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** paas admin:disk: the file system of the platform's home and each part of its data, for admins only. */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class DiskApiTest {
    @Test
    void anAdminSeesTheFreeSpaceAndWhatEachPartTakesLargestFirst() throws Exception {
        Path home = Path.of(ConfigProvider.getConfig().getValue("paas.home", String.class));
        Path caches = Files.createDirectories(home.resolve("cache/disk-test"));
        Files.write(caches.resolve("layer"), new byte[3 * 1024 * 1024]);
        Files.write(Files.createDirectories(home.resolve("dockerfile-images/disk-test/overlay")).resolve("blob"),
                new byte[5 * 1024 * 1024]);
        try {
            String admin = admin();
            Map<String, Object> disk = as(admin).when().get("/v2/admin/disk").then().statusCode(200).extract().path("$");
            assertEquals(home.toAbsolutePath().toString(), disk.get("home"));
            long total = ((Number) disk.get("totalBytes")).longValue();
            long free = ((Number) disk.get("freeBytes")).longValue();
            assertTrue(total > 0 && free > 0 && free <= total, disk.toString());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> parts = (List<Map<String, Object>>) disk.get("parts");
            Map<String, Long> bytes = new java.util.HashMap<>();
            parts.forEach(p -> bytes.put((String) p.get("name"), ((Number) p.get("bytes")).longValue()));
            assertTrue(bytes.get("build caches") >= 3 * 1024 * 1024, bytes.toString());
            assertTrue(bytes.get("Dockerfile build layers") >= 5 * 1024 * 1024, bytes.toString());
            assertTrue(bytes.get("database") > 0, "the embedded database: " + bytes);
            assertEquals(home.resolve("cache").toAbsolutePath().toString(),
                    parts.stream().filter(p -> "build caches".equals(p.get("name"))).findFirst().orElseThrow().get("path"));
            for (int i = 1; i < parts.size(); i++) {
                assertTrue(((Number) parts.get(i - 1).get("bytes")).longValue() >= ((Number) parts.get(i).get("bytes")).longValue(),
                        "largest first: " + parts);
            }

            as(register()).when().get("/v2/admin/disk").then().statusCode(403);
        } finally {
            Files.deleteIfExists(caches.resolve("layer"));
            Files.deleteIfExists(home.resolve("dockerfile-images/disk-test/overlay/blob"));
        }
    }
}
