package io.paas.builder.build;

import io.paas.builder.BuilderSettings;
import io.paas.builder.DaemonThreads;
import io.paas.builder.container.BuildContainer;
import io.paas.builder.image.LayerCache;
import io.paas.engine.RegistryClient;
import io.paas.builder.image.SlugImage;
import io.paas.client.Api;
import io.paas.client.ApiException;
import io.paas.client.ControllerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A push, step by step: export the commit, fetch config, run the buildpacks in a build container,
 * put the result on the run image, push it, and have the controller release and deploy it.
 */
public class BuildSteps implements BuildRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BuildSteps.class);
    // under builds/<app id>: the slug of the build running, and the compressed layers of the last one
    private static final String SLUG = "slug";
    private static final String LAYERS = "layers";
    private static final String GONE = "slug.gone-";

    private final BuilderSettings settings;
    private final ControllerClient controller;
    private final BuildContainer container;
    private final SlugImage image;
    private final RegistryClient registry;
    private final DockerfileBuild dockerfile;
    private final SourceExporter exporter = new SourceExporter();
    private final ExecutorService removals = Executors.newSingleThreadExecutor(new DaemonThreads("remove-slugs"));
    private final NamedBuildpacks named;
    private final BuildReports reports;

    public BuildSteps(BuilderSettings settings, ControllerClient controller, BuildContainer container,
                      SlugImage image, RegistryClient registry, DockerfileBuild dockerfile) {
        this.settings = settings;
        this.controller = controller;
        this.container = container;
        this.image = image;
        this.registry = registry;
        this.dockerfile = dockerfile;
        this.named = new NamedBuildpacks(settings.buildpackPolicy(), settings.buildpacksDir());
        this.reports = new BuildReports(controller);
    }

    /** A build that made its image, which the controller did not release (a failed rollout, a destroyed app). */
    private static final class NotReleased extends BuildFailure {
        /** The build the controller recorded before the release failed; null if it recorded none. */
        final String buildId;

        NotReleased(String message, String buildId) {
            super(message);
            this.buildId = buildId;
        }
    }

    /** What a build made: the image pushed, the process types it runs, web's port (null: the default). */
    private record Built(String digest, Map<String, String> processTypes, Integer port, String kind) {
    }

    @Override
    public void build(BuildRequest request, BuildOutput client) throws BuildFailure {
        String id = request.shortSha() + "-" + Long.toString(System.currentTimeMillis(), 36);
        // under the app's id: a destroy removes them all, and a new app of the same name sees none
        Path appStore = settings.buildsDir().resolve(request.appId());
        Path dir = appStore.resolve(id);
        // The slug is built at the same path every time (one build of an app runs at a time): the
        // layer cache knows an unchanged layer by its files' paths and times.
        Path appDir = appStore.resolve(SLUG);
        Instant started = Instant.now();
        Path logFile = dir.resolve("build.log");
        try (BuildLog log = new BuildLog(logFile)) {
            BuildOutput out = client.and(log);
            LOG.info("build {} of {} by {}", id, request.app(), request.username());
            try {
                String buildId = run(request, id, dir, appDir, new LayerCache(appStore.resolve(LAYERS)), started, out);
                // after the push's last line, so that the stored output has the release's lines too
                reports.released(request, buildId, logFile);
            } catch (NotReleased e) {
                // the build made its image: the controller recorded it (its output is kept with it),
                // or refused it for an app now gone
                LOG.info("build {} was not released: {}", id, e.getMessage());
                if (e.buildId != null) {
                    reports.released(request, e.buildId, logFile);
                }
                throw e;
            } catch (BuildFailure e) {
                LOG.info("build {} failed: {} (log in {})", id, e.getMessage(), logFile);
                reports.failed(request, started, e.getMessage(), logFile);
                throw e;
            } catch (RuntimeException e) {
                reports.failed(request, started, "internal builder error: " + e, logFile);
                throw e;
            } finally {
                // sources and config (secrets) go; the log stays for `why did my build fail`
                removeLater(appStore, appDir, id);
                Trees.delete(dir.resolve("env"));
                Trees.delete(dir.resolve("context"));
            }
        } catch (IOException e) {
            throw new BuildFailure("cannot write the build log: " + e.getMessage());
        }
    }

    /**
     * Renames the slug out of the way at once and deletes it after the push has its answer: deleting a
     * runtime's thousands of files took a warm push a second on a busy machine. One thread deletes them
     * all, in turn, with whatever an earlier builder left half deleted.
     */
    private void removeLater(Path appStore, Path appDir, String id) {
        try {
            if (Files.exists(appDir)) {
                Files.move(appDir, appStore.resolve(GONE + id));
            }
        } catch (IOException e) {
            LOG.warn("cannot move the slug {} aside: {}", appDir, e.getMessage());
            Trees.delete(appDir);
        }
        removals.execute(() -> {
            try (Stream<Path> gone = Files.list(appStore)) {
                gone.filter(path -> path.getFileName().toString().startsWith(GONE)).toList().forEach(Trees::delete);
            } catch (IOException | UncheckedIOException e) {
                // the app's stores were removed meanwhile
            }
        });
    }

    /** Answers the controller's id of the build released. */
    private String run(BuildRequest request, String id, Path dir, Path appDir, LayerCache layers, Instant started,
                       BuildOutput out) throws BuildFailure {
        PhaseTimes phases = new PhaseTimes();
        String app = request.app();
        out.line("-----> Building " + app + " from " + request.shortSha());
        try {
            // a build the builder's stop cut short may have left its slug
            Trees.delete(appDir);
            exporter.export(request.repository(), request.commit(), appDir);
        } catch (IOException e) {
            out.line(" !     Cannot read the pushed commit: " + e.getMessage());
            throw new BuildFailure("cannot read the pushed commit");
        }

        AppJson appJson = appJson(appDir, out);

        out.line("-----> Fetching config");
        Path envDir = dir.resolve("env");
        Map<String, String> config;
        List<String> appBuildpacks;
        String stack;
        try {
            config = controller.config(app).values();
            appBuildpacks = controller.buildpacks(app).stream().map(Api.Buildpack::url).toList();
            stack = controller.stack(app).stack();
            int vars = ConfigFiles.write(envDir, config);
            out.line("       " + vars + " config var" + (vars == 1 ? "" : "s"));
        } catch (ApiException e) {
            out.line(" !     Cannot read the config and buildpacks of " + app + ": " + e.getMessage());
            throw new BuildFailure("cannot read the app's config");
        } catch (IOException e) {
            throw new BuildFailure("cannot write config files: " + e.getMessage());
        }
        // before anything is built: a buildpack the platform refuses ends the push here
        NamedBuildpacks.Choice buildpacks = named.choose(appBuildpacks, config, appDir, out);

        // the registry repository is the app's id: a new app of the same name never reaches these images
        String repository = request.appId();
        String tag = "build-" + request.shortSha();
        Map<String, String> labels = Map.of("paas.app", app, "paas.app.id", request.appId(),
                "paas.sha", request.sha(), "paas.platform", settings.platformId());
        DockerfileBuild.Options options = dockerOptions(app, out);
        // a buildpack named by the app (or .buildpacks, BUILDPACK_URL) wins over a Dockerfile, as in Dokku
        Built built = DockerfileBuild.appliesTo(appDir, envDir, options) && !buildpacks.named()
                ? fromDockerfile(request, appDir, dir, repository, tag, labels, options, phases, out)
                : fromBuildpacks(request, id, dir, appDir, stack, layers, repository + ":" + tag, labels,
                        buildpacks.lines(), phases, out);
        String digest = built.digest();
        String imageRef = settings.registry() + "/" + repository + "@" + digest;
        out.line("       " + imageRef);

        out.line("-----> Releasing...");
        Api.BuildResult result;
        try {
            // with the id the push was for: the controller refuses it if the app was destroyed meanwhile
            result = controller.createBuild(app, new Api.NewBuild(request.appId(), request.sha(),
                    request.username(), imageRef, built.processTypes(), built.port(), built.kind(),
                    appJson.healthchecks(), appJson.formation(), started.toString()));
        } catch (ApiException e) {
            e.getMessage().lines().forEach(line -> out.line(" !     " + line));
            throw new NotReleased(e.getMessage(), e.build());
        }
        tag(repository, digest, result.release(), out);
        out.line("-----> Released v" + result.release());
        out.line("       " + result.url() + " deployed to paas");
        phases.ended("release");
        out.line("-----> " + phases.summary());
        return result.id();
    }

    /** Read before anything runs: a mistake in it fails the push at once, and a buildpack cannot change it. */
    private static AppJson appJson(Path appDir, BuildOutput out) throws BuildFailure {
        try {
            AppJson appJson = AppJson.read(appDir);
            if (appJson != AppJson.NONE) {
                out.line("-----> Reading app.json");
                appJson.summary().forEach(line -> out.line("       " + line));
            }
            return appJson;
        } catch (AppJson.Invalid e) {
            out.line(" !     " + e.getMessage());
            throw new BuildFailure(e.getMessage());
        } catch (IOException e) {
            throw new BuildFailure("cannot read app.json: " + e.getMessage());
        }
    }

    private Built fromDockerfile(BuildRequest request, Path appDir, Path dir, String repository, String tag,
                                 Map<String, String> labels, DockerfileBuild.Options options, PhaseTimes phases,
                                 BuildOutput out) throws BuildFailure {
        DockerfileBuild.Result result = dockerfile.run(appDir, dir.resolve("context"),
                settings.registry() + "/" + repository, tag, labels, options, image -> allowImage(request, image, out), out);
        // buildah builds, the engine pushes: one phase
        phases.ended("build and image");
        return new Built(result.digest(), result.processTypes(), result.port(), Api.NewBuild.IMAGE);
    }

    /** The controller decides which images a user's build may name (see ImageReferences there). */
    private void allowImage(BuildRequest request, String image, BuildOutput out) throws BuildFailure {
        try {
            controller.checkImage(request.appId(), request.username(), image);
        } catch (ApiException e) {
            e.getMessage().lines().forEach(line -> out.line(" !     " + line));
            out.line(" !     Push rejected: the Dockerfile names an image this app may not use");
            throw new BuildFailure("image not allowed: " + image);
        }
    }

    private DockerfileBuild.Options dockerOptions(String app, BuildOutput out) throws BuildFailure {
        try {
            Api.DockerOptions options = controller.dockerOptions(app);
            return options == null ? DockerfileBuild.Options.DEFAULT
                    : new DockerfileBuild.Options(options.dockerfilePath(), options.buildArgs());
        } catch (ApiException e) {
            out.line(" !     Cannot read the docker options of " + app + ": " + e.getMessage());
            throw new BuildFailure("cannot read the app's docker options");
        }
    }

    /** Runs the buildpacks on appDir and pushes the slug's image as target (REPOSITORY:TAG in the platform registry). */
    private Built fromBuildpacks(BuildRequest request, String id, Path dir, Path appDir, String stack,
                                 LayerCache layers, String target, Map<String, String> labels,
                                 List<String> buildpacks, PhaseTimes phases, BuildOutput out) throws BuildFailure {
        slugIgnore(appDir, out);
        out.line("-----> Building on the " + stack + " stack");
        runBuildpacks(request, id, stack, appDir, dir.resolve("env"), buildpacks, out);
        checkSizes(request, appDir, out);
        Map<String, String> processTypes = processTypes(appDir, out);
        phases.ended("build");
        out.line("-----> Building image");
        String digest = image.on(settings.runImage(stack)).push(appDir, settings.registry() + "/" + target, labels,
                layers, out);
        phases.ended("image");
        return new Built(digest, processTypes, null, Api.NewBuild.SLUG);
    }

    /** As on Heroku: what .slugignore names goes before the buildpacks run, so neither build nor slug sees it. */
    private static void slugIgnore(Path appDir, BuildOutput out) throws BuildFailure {
        try {
            List<String> removed = SlugIgnore.apply(appDir);
            if (!removed.isEmpty()) {
                out.line("-----> Removed " + removed.size() + " path" + (removed.size() == 1 ? "" : "s")
                        + " listed in .slugignore");
            }
        } catch (IOException e) {
            throw new BuildFailure("cannot apply .slugignore: " + e.getMessage());
        }
    }

    /** The app's cache and its slug against the platform's caps, once the buildpacks have filled them. */
    private void checkSizes(BuildRequest request, Path appDir, BuildOutput out) throws BuildFailure {
        String over;
        try {
            long cache = Trees.size(settings.cacheDir().resolve(request.appId()));
            long slug = Trees.size(appDir);
            over = settings.cacheCap().overBy("The build cache of " + request.app(), cache);
            if (over != null) {
                over += ": empty it with `paas builds:cache:purge -a " + request.app() + "` and push again";
            } else {
                over = settings.slugCap().overBy("The slug", slug);
                if (over != null) {
                    over += ": leave out what the app does not need to run with .slugignore";
                }
            }
            if (over == null) {
                out.line("       Slug " + SizeCap.human(slug) + ", build cache " + SizeCap.human(cache));
            }
        } catch (IOException e) {
            throw new BuildFailure("cannot measure the build: " + e.getMessage());
        }
        if (over != null) {
            out.line(" !     " + over);
            throw new BuildFailure(over);
        }
    }

    private void runBuildpacks(BuildRequest request, String id, String stack, Path appDir, Path envDir,
                               List<String> buildpacks, BuildOutput out) throws BuildFailure {
        if (settings.buildpacksDir() == null) {
            throw new BuildFailure("the builder has no buildpacks (PAAS_BUILDPACKS_DIR is not set)");
        }
        Path cacheDir = settings.cacheDir().resolve(request.appId());
        try {
            StackCache.prepare(cacheDir, stack, settings.stack(), out);
        } catch (IOException e) {
            throw new BuildFailure("cannot create the build cache: " + e.getMessage());
        }
        BuildContainer.Spec spec = new BuildContainer.Spec(settings.platformId() + "-build-" + request.app() + "-" + id,
                stack, settings.buildImage(stack),
                Map.of("paas.platform", settings.platformId(), "paas.role", "build", "paas.app", request.app(),
                        "paas.app.id", request.appId()),
                appDir, cacheDir, envDir, settings.buildpacksDir(), buildpacks);
        int exit;
        try {
            exit = container.run(spec, out);
        } catch (RuntimeException e) {
            LOG.warn("build container of {} failed", id, e);
            out.line(" !     Cannot run the build container: " + e.getMessage());
            throw new BuildFailure("build failed");
        }
        if (exit != 0) {
            out.line(" !     Push rejected: the build exited with code " + exit);
            throw new BuildFailure("build failed");
        }
    }

    private static Map<String, String> processTypes(Path appDir, BuildOutput out) throws BuildFailure {
        try {
            // the buildpack already listed them; speak up only when there is nothing to run
            Map<String, String> types = ProcessTypes.of(appDir);
            if (types.isEmpty()) {
                out.line(" !     No Procfile and no default process types: nothing will run");
            }
            return types;
        } catch (IOException e) {
            throw new BuildFailure("cannot read process types: " + e.getMessage());
        }
    }

    private void tag(String repository, String digest, int release, BuildOutput out) {
        try {
            registry.tag(repository, digest, "v" + release);
        } catch (IOException e) {
            // the release points at the digest; the tag only helps people browsing the registry
            out.line(" !     Could not tag the image v" + release + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
