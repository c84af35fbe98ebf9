package io.paas.builder.build;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * One pushed commit to build: its objects are already in the repository, its ref is not updated yet.
 * app is the name users see; appId keys everything the build stores and is sent with the build.
 */
public record BuildRequest(String app, String appId, String username, Repository repository, ObjectId commit) {
    public String sha() {
        return commit.name();
    }

    public String shortSha() {
        return commit.name().substring(0, 7);
    }
}
