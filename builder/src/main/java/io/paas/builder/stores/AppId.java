package io.paas.builder.stores;

import java.util.regex.Pattern;

/**
 * App ids as the controller gives them (a UUID; the name, for apps made before ids existed): every
 * store of an app is keyed by its id, so that a name taken again after a destroy reaches nothing of
 * the old app. Anything else never reaches the file system or the registry.
 */
public final class AppId {
    private static final Pattern VALID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$");

    private AppId() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
