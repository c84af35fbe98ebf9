package io.paas.builder.build;

import io.paas.builder.BuilderSettings;
import io.paas.builder.container.BuildContainer;
import io.paas.builder.container.ImageBuild;
import io.paas.engine.RegistryClient;
import io.paas.builder.image.SlugImage;
import io.paas.builder.testkit.PrivateEngine;
import io.paas.client.ControllerClient;

import java.time.Duration;

/** The builder's build steps as BuilderMain wires them, on a private engine. */
final class TestBuildSteps {
    private TestBuildSteps() {
    }

    static BuildSteps on(PrivateEngine engine, BuilderSettings settings, ControllerClient client, RegistryClient registry) {
        return new BuildSteps(settings, client,
                new BuildContainer(engine.docker(), Duration.ofMinutes(10)),
                new SlugImage(settings.runImage(), settings.jibCacheDir()), registry,
                new DockerfileBuild(new ImageBuild(engine.docker(), Duration.ofMinutes(10),
                        ImageBuild.builderImage("bookworm"), settings.imageStoresDir())));
    }
}
