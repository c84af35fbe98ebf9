package io.paas.controller.buildpacks;

import io.paas.client.buildpacks.BuildpackRef;
import io.paas.client.buildpacks.BuildpackRefused;
import io.paas.client.buildpacks.BuildpackUrlPolicy;
import io.paas.client.buildpacks.BuiltinBuildpacks;
import io.paas.controller.apps.App;
import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * The buildpacks an app names, checked when they are set (the builder checks them again, with the
 * same code, when it builds): a built-in one, or an http(s) URL the platform's policy lets builds fetch.
 */
@ApplicationScoped
public class BuildpackService {
    /** Each one is a fetch and a compile on every push; apps that combine buildpacks use two or three. */
    public static final int MAX = 6;

    private final PlatformSettings settings;
    private final BuildpackUrlPolicy policy;

    public BuildpackService(PlatformSettings settings) {
        this.settings = settings;
        this.policy = settings.buildpackPolicy();
    }

    @Transactional
    public List<String> of(App app) {
        return AppBuildpack.ofApp(app).stream().map(b -> b.url).toList();
    }

    /** Replaces the app's list: every entry is checked first, so a refusal changes nothing. */
    @Transactional
    public List<String> replace(App app, List<String> requested) {
        List<BuildpackRef> refs = checked(requested == null ? List.of() : requested);
        AppBuildpack.delete("app.id", app.id);
        AppBuildpack.flush();
        App managed = App.findById(app.id);
        int position = 1;
        for (BuildpackRef ref : refs) {
            AppBuildpack buildpack = new AppBuildpack();
            buildpack.app = managed;
            buildpack.position = position++;
            buildpack.url = ref.given();
            buildpack.persist();
        }
        return refs.stream().map(BuildpackRef::given).toList();
    }

    private List<BuildpackRef> checked(List<String> requested) {
        if (requested.size() > MAX) {
            throw Problem.invalid("an app names at most " + MAX + " buildpacks, not " + requested.size());
        }
        List<String> builtins = BuiltinBuildpacks.in(settings.buildpacksDir());
        List<BuildpackRef> refs = new ArrayList<>();
        for (String text : requested) {
            try {
                BuildpackRef ref = BuildpackRef.parse(text, builtins);
                policy.check(ref);
                if (refs.stream().anyMatch(ref::sameAs)) {
                    throw Problem.invalid("buildpack " + ref.display() + " is in the list twice");
                }
                refs.add(ref);
            } catch (BuildpackRefused e) {
                throw Problem.invalid(e.getMessage());
            }
        }
        return refs;
    }
}
