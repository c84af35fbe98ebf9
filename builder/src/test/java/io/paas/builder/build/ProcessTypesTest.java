package io.paas.builder.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcessTypesTest {
    @TempDir
    Path app;

    @Test
    void procfileWinsOverBuildpackDefaultsPerType() throws Exception {
        Files.createDirectories(app.resolve(".paas"));
        Files.writeString(app.resolve(".paas/release.yml"), String.join("\n",
                "---", "addons: []", "default_process_types:", "  web: \"npm start\"", "  worker: node worker.js",
                "config_vars:", "  X: y", ""));
        Files.writeString(app.resolve("Procfile"), "# comment\nweb: node server.js --port $PORT\n\n");
        assertEquals(Map.of("web", "node server.js --port $PORT", "worker", "node worker.js"), ProcessTypes.of(app));
    }

    @Test
    void noProcfileNoReleaseMeansNoTypes() throws Exception {
        assertEquals(Map.of(), ProcessTypes.of(app));
    }
}
