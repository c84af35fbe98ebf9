package io.paas.controller.keys;

import io.paas.controller.problems.Problem;
import io.paas.controller.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Users' SSH public keys: `paas keys`, `keys:add`, `keys:remove`, and whose a key is when it pushes. */
@ApplicationScoped
public class KeyService {

    public List<SshKey> of(User user) {
        return SshKey.of(user);
    }

    @Transactional
    public SshKey add(User user, String text) {
        ParsedKey parsed = ParsedKey.parse(text);
        SshKey.byFingerprint(parsed.fingerprint()).ifPresent(existing -> {
            // never say whose it is: that would tell who holds which key
            throw Problem.conflict(existing.user.id.equals(user.id)
                    ? "you already added this key (" + parsed.fingerprint() + ")"
                    : "this key is already in use on the platform: make a new key with ssh-keygen -t ed25519");
        });
        SshKey key = new SshKey();
        key.user = user;
        key.fingerprint = parsed.fingerprint();
        key.keyType = parsed.type();
        key.publicKey = parsed.publicKey();
        key.comment = parsed.comment();
        key.persistAndFlush();
        return SshKey.findById(key.id);
    }

    /** Removes one of the user's keys by its id or fingerprint ("SHA256:..." or without the prefix). */
    @Transactional
    public SshKey remove(User user, String ref) {
        SshKey key = find(user, ref);
        key.delete();
        return key;
    }

    /**
     * The user whose key this is, for a push over SSH: the one place that decides whether a key still
     * lets its owner in (a key of a disabled user must fail here, at once). 401 when no one's.
     */
    @Transactional
    public User ownerOf(String fingerprint) {
        if (fingerprint == null || fingerprint.isBlank()) {
            throw Problem.unauthorized("no SSH key given");
        }
        User owner = SshKey.byFingerprint(normalized(fingerprint)).map(key -> key.user)
                .orElseThrow(() -> Problem.unauthorized("this SSH key is not registered: add it with paas keys:add"));
        // as a disabled user's tokens: refused like a key no one has
        if (owner.disabled) {
            throw Problem.unauthorized("this SSH key is not registered: add it with paas keys:add");
        }
        return owner;
    }

    private static SshKey find(User user, String ref) {
        String given = ref == null ? "" : ref.strip();
        SshKey key = null;
        if (given.matches("[0-9]{1,18}")) {
            key = SshKey.findById(Long.parseLong(given));
        } else if (!given.isEmpty()) {
            key = SshKey.byFingerprint(normalized(given)).orElse(null);
        }
        // another user's key answers like one that does not exist
        if (key == null || !key.user.id.equals(user.id)) {
            throw Problem.notFound("no key " + given + " among yours: see paas keys");
        }
        return key;
    }

    private static String normalized(String fingerprint) {
        return fingerprint.startsWith("SHA256:") ? fingerprint : "SHA256:" + fingerprint;
    }
}
