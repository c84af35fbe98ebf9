package io.paas.cli.releases;

import io.paas.client.Api;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The release `releases:rollback` without a version goes back to, picked here so the CLI can name it
 * before the rollout and then asks for exactly that one. The rule is the controller's
 * (ReleaseService.rollback): the newest release that served, with a build, before the current one,
 * the current one being the newest that did not fail.
 */
final class RollbackTarget {
    private RollbackTarget() {
    }

    static Optional<Integer> previous(List<Api.Release> releases) {
        Comparator<Api.Release> byVersion = Comparator.comparingInt(Api.Release::version);
        Optional<Api.Release> current = releases.stream().filter(r -> !"failed".equals(r.status())).max(byVersion)
                .or(() -> releases.stream().max(byVersion));
        return current.flatMap(now -> releases.stream()
                .filter(r -> r.version() < now.version() && r.image() != null)
                .filter(r -> r.status() == null || "succeeded".equals(r.status()))
                .max(byVersion)
                .map(Api.Release::version));
    }
}
