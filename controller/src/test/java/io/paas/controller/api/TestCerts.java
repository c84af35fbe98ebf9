package io.paas.controller.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Certificates and keys made with the openssl command, as users make them. */
final class TestCerts {
    record Pair(String certPem, String keyPem) {
    }

    /** A leaf issued by an intermediate CA issued by a root CA, each PEM on its own; the leaf's key. */
    record Chain(String leafPem, String intermediatePem, String rootPem, String keyPem) {
    }

    private final Path dir;
    private int count;

    TestCerts() {
        try {
            dir = Files.createTempDirectory("paas-certs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A self-signed certificate; keyType "rsa:2048" or "ec" (P-256); names are its DNS SANs. */
    Pair selfSigned(String keyType, int days, String... names) {
        String prefix = "c" + (++count);
        List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509", "-newkey", keyType));
        if (keyType.equals("ec")) {
            command.addAll(List.of("-pkeyopt", "ec_paramgen_curve:prime256v1"));
        }
        command.addAll(List.of("-nodes", "-keyout", prefix + "-key.pem", "-out", prefix + "-cert.pem",
                "-subj", "/CN=" + names[0], "-days", Integer.toString(days)));
        if (names.length > 0) {
            command.addAll(List.of("-addext", "subjectAltName=DNS:" + String.join(",DNS:", names)));
        }
        run(command);
        return new Pair(read(prefix + "-cert.pem"), read(prefix + "-key.pem"));
    }

    /** Root CA -> intermediate CA -> leaf with the names as DNS SANs, as a certificate authority issues them. */
    Chain chain(String... names) {
        String prefix = "k" + (++count);
        write(prefix + "-ca.ext", "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
        write(prefix + "-leaf.ext", "basicConstraints=CA:FALSE\nsubjectAltName=DNS:" + String.join(",DNS:", names) + "\n");
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", prefix + "-root-key.pem",
                "-out", prefix + "-root.pem", "-subj", "/CN=Test Root " + prefix, "-days", "365",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"));
        issue(prefix, "int", "/CN=Test Intermediate " + prefix, "root", "ca.ext");
        issue(prefix, "leaf", "/CN=" + names[0], "int", "leaf.ext");
        return new Chain(read(prefix + "-leaf.pem"), read(prefix + "-int.pem"), read(prefix + "-root.pem"),
                read(prefix + "-leaf-key.pem"));
    }

    private void issue(String prefix, String what, String subject, String issuer, String extensions) {
        run(List.of("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", prefix + "-" + what + "-key.pem", "-out", prefix + "-" + what + ".csr", "-subj", subject));
        run(List.of("openssl", "x509", "-req", "-in", prefix + "-" + what + ".csr", "-days", "90",
                "-CA", prefix + "-" + issuer + ".pem", "-CAkey", prefix + "-" + issuer + "-key.pem",
                "-set_serial", Long.toString(System.nanoTime()), "-extfile", prefix + "-" + extensions,
                "-out", prefix + "-" + what + ".pem"));
    }

    /** A certificate that expired on 2020-02-01. */
    Pair expired(String name) {
        String prefix = "c" + (++count);
        write("ca.cnf", "[ca]\ndefault_ca=x\n[x]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\n"
                + "default_md=sha256\npolicy=p\ncopy_extensions=copy\n[p]\ncommonName=supplied\n");
        write("index.txt", "");
        write("serial", "01\n");
        run(List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", prefix + "-key.pem",
                "-out", prefix + ".csr", "-subj", "/CN=" + name));
        run(List.of("openssl", "ca", "-batch", "-config", "ca.cnf", "-selfsign", "-keyfile", prefix + "-key.pem",
                "-in", prefix + ".csr", "-out", prefix + "-cert.pem",
                "-startdate", "20200101000000Z", "-enddate", "20200201000000Z"));
        return new Pair(read(prefix + "-cert.pem"), read(prefix + "-key.pem"));
    }

    /** The key in the traditional form: "RSA PRIVATE KEY" (PKCS#1) or "EC PRIVATE KEY" (SEC1). */
    String traditional(String keyPem, String type) {
        String prefix = "t" + (++count);
        write(prefix + "-in.pem", keyPem);
        List<String> command = type.equals("ec")
                ? List.of("openssl", "ec", "-in", prefix + "-in.pem", "-out", prefix + "-out.pem")
                : List.of("openssl", "rsa", "-traditional", "-in", prefix + "-in.pem", "-out", prefix + "-out.pem");
        run(command);
        return read(prefix + "-out.pem");
    }

    /** The key encrypted with a passphrase ("ENCRYPTED PRIVATE KEY"). */
    String encrypted(String keyPem) {
        String prefix = "x" + (++count);
        write(prefix + "-in.pem", keyPem);
        run(List.of("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:secret",
                "-in", prefix + "-in.pem", "-out", prefix + "-out.pem"));
        return read(prefix + "-out.pem");
    }

    private void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
