package io.paas.controller.certs;

import io.paas.controller.platform.CaTrust;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.util.KeyPairUtils;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

/**
 * One certificate order over ACME (RFC 8555) with HTTP-01 challenges, through acme4j: the platform's account
 * (its key kept in $PAAS_HOME/secrets/acme-account.pem, made at the first order), an order for the domains,
 * each domain's token answered by the routers (Challenges), then a new RSA key and its certificate chain.
 */
final class AcmeClient {
    private static final Duration VALIDATION = Duration.ofSeconds(90);

    /** Where the routers answer a token: put before the CA is asked to validate, removed after. */
    interface Challenges {
        void answer(String token, String keyAuthorization);

        void forget(String token);
    }

    record Issued(String certPem, String keyPem) {
    }

    /** An order that did not end in a certificate: the message says for which domain and what the CA said. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final URI directory;
    private final String email;
    private final Path accountKeyFile;
    private final SSLContext trust;

    /** caCert: a PEM file of the CA that signed the ACME server's own HTTPS certificate (a private CA's), or null. */
    AcmeClient(URI directory, String email, Path accountKeyFile, Path caCert) {
        this.directory = directory;
        this.email = email;
        this.accountKeyFile = accountKeyFile;
        this.trust = caCert == null ? null : CaTrust.context(caCert, "PAAS_ACME_CA_CERT");
    }

    Issued issue(List<String> domains, Challenges challenges) throws AcmeException, Refused, InterruptedException {
        Session session = new Session(directory, new Provider(trust));
        AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey());
        if (email != null && !email.isBlank()) {
            builder.addEmail(email);
        }
        Account account = builder.create(session);
        Order order = account.newOrder().domains(domains).create();
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() == Status.VALID) {
                continue;
            }
            String domain = authorization.getIdentifier().getDomain();
            Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
                    .orElseThrow(() -> new Refused(domain + ": the CA offers no HTTP-01 challenge"));
            challenges.answer(challenge.getToken(), challenge.getAuthorization());
            try {
                challenge.trigger();
                Status status = challenge.waitForCompletion(VALIDATION);
                if (status != Status.VALID) {
                    throw new Refused(domain + ": the CA could not validate it over HTTP ("
                            + challenge.getError().map(p -> p.getDetail().orElse(p.toString())).orElse(status.toString())
                            + "); does the domain's DNS point at this platform's router on port 80?");
                }
            } finally {
                challenges.forget(challenge.getToken());
            }
        }
        order.waitUntilReady(VALIDATION);
        KeyPair key = KeyPairUtils.createKeyPair(2048);
        order.execute(key);
        Status status = order.waitForCompletion(VALIDATION);
        if (status != Status.VALID) {
            throw new Refused("the CA did not issue the certificate ("
                    + order.getError().map(p -> p.getDetail().orElse(p.toString())).orElse(status.toString()) + ")");
        }
        StringWriter chain = new StringWriter();
        try {
            order.getCertificate().writeCertificate(chain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Issued(chain.toString(), Pem.encode("PRIVATE KEY", key.getPrivate().getEncoded()));
    }

    /** The platform's ACME account key, made once and kept with the platform's other secrets (backups take it). */
    private KeyPair accountKey() {
        try {
            if (Files.exists(accountKeyFile)) {
                try (var reader = Files.newBufferedReader(accountKeyFile)) {
                    return KeyPairUtils.readKeyPair(reader);
                }
            }
            KeyPair key = KeyPairUtils.createKeyPair(2048);
            StringWriter pem = new StringWriter();
            KeyPairUtils.writeKeyPair(key, pem);
            Files.createDirectories(accountKeyFile.getParent());
            Path fresh = accountKeyFile.resolveSibling(accountKeyFile.getFileName() + ".new");
            Files.deleteIfExists(fresh);
            Files.createFile(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(fresh, pem.toString(), StandardOpenOption.WRITE);
            Files.move(fresh, accountKeyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the ACME account key " + accountKeyFile, e);
        }
    }

    /** acme4j's provider for any https:// directory, with the extra trust when there is one. */
    private static final class Provider extends GenericAcmeProvider {
        private final SSLContext trust;

        Provider(SSLContext trust) {
            this.trust = trust;
        }

        @Override
        protected HttpConnector createHttpConnector(NetworkSettings settings) {
            if (trust == null) {
                return super.createHttpConnector(settings);
            }
            return new HttpConnector(settings) {
                @Override
                public HttpClient.Builder createClientBuilder() {
                    return super.createClientBuilder().sslContext(trust);
                }
            };
        }
    }
}
