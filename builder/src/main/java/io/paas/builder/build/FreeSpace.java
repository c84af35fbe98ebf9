package io.paas.builder.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Refuses a build while the disk it would write to (the app's repository, build cache, image
 * stores, the engine's and the registry's storage under the platform's home) has less free space
 * than the platform keeps in hand: a build that fills the disk breaks every app's next push and can
 * break the database. The refusal comes before anything is written, so nothing already stored is
 * touched and the branch keeps what is deployed.
 */
public final class FreeSpace implements BuildRunner {
    public static final String SETTING = "PAAS_BUILD_MIN_FREE";
    public static final String DEFAULT = "2G";

    private final List<Path> places;
    private final SizeCap minimum;
    private final BuildRunner next;

    /** places: where builds write (a place not made yet counts as its nearest existing parent). */
    public FreeSpace(List<Path> places, SizeCap minimum, BuildRunner next) {
        this.places = List.copyOf(places);
        this.minimum = minimum;
        this.next = next;
    }

    @Override
    public void build(BuildRequest request, BuildOutput out) throws BuildFailure {
        String shortage = shortage();
        if (shortage != null) {
            out.line(" !     " + shortage);
            out.line(" !     Nothing was built or changed. Free some space (paas builds:cache:purge empties an app's build cache) and push again.");
            throw new BuildFailure(shortage);
        }
        next.build(request, out);
    }

    /** Null when every place has the minimum free, else the line that says where it has not. */
    String shortage() {
        for (Path place : places) {
            Path existing = place.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                continue;
            }
            long free;
            try {
                free = Files.getFileStore(existing).getUsableSpace();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot tell the free space of " + existing, e);
            }
            if (free < minimum.maxBytes()) {
                return "the platform's disk is almost full: " + SizeCap.human(free) + " free under " + existing
                        + ", builds need " + SizeCap.human(minimum.maxBytes()) + " (" + minimum.setting() + ")";
            }
        }
        return null;
    }
}
