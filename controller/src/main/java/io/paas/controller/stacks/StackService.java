package io.paas.controller.stacks;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An app's stack, as on Heroku: set with `paas stack:set`, used by the next build (no release now).
 * Only a stack whose images are on the platform may be set, so a push never fails for want of them.
 */
@ApplicationScoped
public class StackService {
    /** A Debian suite's name, as infra/stack/build.sh takes it (and as an image tag allows). */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9.-]{0,39}");

    private final PlatformSettings settings;
    private final StackImages images;

    public StackService(PlatformSettings settings, StackImages images) {
        this.settings = settings;
        this.images = images;
    }

    @Transactional
    public Api.Stack of(App app) {
        return view(App.<App>findById(app.id).stack);
    }

    @Transactional
    public Api.Stack set(App app, String requested) {
        String stack = requested == null ? "" : requested.strip();
        if (!NAME.matcher(stack).matches()) {
            throw Problem.invalid(stack.isEmpty() ? "name a stack, e.g. paas stack:set trixie"
                    : "\"" + stack + "\" is not a stack name (a Debian suite's, like bookworm or trixie)");
        }
        List<String> available = available();
        if (!available.contains(stack)) {
            throw Problem.unprocessable("the " + stack + " stack is not on this platform (stacks here: "
                    + String.join(", ", available) + "): an operator adds it with `infra/platform.sh stack "
                    + stack + "`, which builds its images paas/stack-build:" + stack + " and paas/stack-run:"
                    + stack + " and pushes them to the platform's registry");
        }
        App managed = App.findById(app.id);
        managed.stack = stack;
        return view(stack);
    }

    private Api.Stack view(String stack) {
        return new Api.Stack(stack == null ? settings.defaultStack() : stack, settings.defaultStack(), available());
    }

    /** The default stack is always there: the platform does not start without its images. */
    private List<String> available() {
        TreeSet<String> stacks = new TreeSet<>(images.available());
        stacks.add(settings.defaultStack());
        return List.copyOf(stacks);
    }
}
