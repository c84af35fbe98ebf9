package io.paas.controller.platform;

import io.paas.controller.scheduler.docker.Confinement;
import io.paas.controller.scheduler.docker.EngineScheduler;
import io.paas.controller.scheduler.Scheduler;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Chooses the engine behind the Scheduler interface: the Docker API (Podman or Docker) on this machine. */
public class SchedulerProducer {
    @Produces
    @Singleton
    Scheduler engine(PlatformSettings settings) {
        return new EngineScheduler(settings.dockerHost(), settings.platformId(), settings.registry(),
                new Confinement(settings.appNetwork(), settings.appUserNamespaces()),
                settings.dataDir().resolve("app-output"));
    }

    void close(@Disposes Scheduler scheduler) throws Exception {
        if (scheduler instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
