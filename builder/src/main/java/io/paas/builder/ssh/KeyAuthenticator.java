package io.paas.builder.ssh;

import io.paas.client.Api;
import io.paas.client.ApiException;
import io.paas.client.ControllerClient;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.PublicKey;

/**
 * Lets in SSH user "git" with a key some user of the platform registered (`paas keys:add`): the
 * controller says whose it is. Which app the key's owner may push to is asked again per command.
 */
class KeyAuthenticator implements PublickeyAuthenticator {
    static final String USER = "git";
    /** The key a session authenticated with, and its owner then. */
    static final AttributeRepository.AttributeKey<Pusher> PUSHER = new AttributeRepository.AttributeKey<>();
    private static final Logger LOG = LoggerFactory.getLogger(KeyAuthenticator.class);

    record Pusher(String fingerprint, String username) {
    }

    private final ControllerClient controller;

    KeyAuthenticator(ControllerClient controller) {
        this.controller = controller;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        if (!USER.equals(username)) {
            return false;
        }
        String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
        try {
            Api.PushGrant owner = controller.checkKey(null, fingerprint);
            session.setAttribute(PUSHER, new Pusher(fingerprint, owner.username()));
            return true;
        } catch (ApiException e) {
            if (e.status() != 401) {
                LOG.warn("ssh key check of {} failed: {} {}", fingerprint, e.status(), e.getMessage());
            }
            return false;
        }
    }
}
