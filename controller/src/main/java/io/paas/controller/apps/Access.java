package io.paas.controller.apps;

/** What a user may do with an app. No access at all is answered as if the app did not exist. */
public enum Access {
    /** Read, deploy, configure and operate it: collaborators and team members. */
    DEPLOY,
    /** Also destroy, transfer and choose who works on it: the owner, the team's admins, platform admins. */
    MANAGE;

    public boolean allows(Access needed) {
        return compareTo(needed) >= 0;
    }
}
