package io.paas.controller.drains;

import io.paas.controller.platform.CaTrust;

import io.paas.controller.platform.PlatformSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.time.Duration;

/** The drains' settings (infra/PLATFORM.md, "Log drains"), each an environment variable or the same config property. */
@ApplicationScoped
public class DrainSettings {
    /** Drains one app may have, as Heroku limits them. */
    static final int PER_APP = 5;

    private final boolean allowPlatformAddresses;
    private final boolean allowHttp;
    private final int buffer;
    private final int maxDrains;
    private final Duration retryMax;
    private final Duration reportEvery;
    private final Path caFile;
    private volatile SSLContext tls;

    @Inject
    public DrainSettings(PlatformSettings platform) {
        this.allowPlatformAddresses = platform.allowPlatformAddresses();
        this.allowHttp = setting("paas.drains.allow.http", Boolean.class, false);
        this.buffer = setting("paas.drains.buffer", Integer.class, 10_000);
        this.maxDrains = setting("paas.drains.max", Integer.class, 500);
        this.retryMax = Duration.ofMillis(setting("paas.drains.retry.max.millis", Long.class, 30_000L));
        this.reportEvery = Duration.ofSeconds(setting("paas.drains.report.seconds", Long.class, 60L));
        String ca = setting("paas.drain.ca.file", String.class, "");
        this.caFile = ca.isBlank() ? null : Path.of(ca.strip());
    }

    /** PAAS_ALLOW_PLATFORM_ADDRESSES: drains may point at loopback and this machine (checked again at each connection). */
    boolean allowPlatformAddresses() {
        return allowPlatformAddresses;
    }

    /** PAAS_DRAINS_ALLOW_HTTP: http:// drains (logs in the clear) are taken. */
    boolean allowHttp() {
        return allowHttp;
    }

    /** PAAS_DRAINS_BUFFER: lines a drain holds while its receiver is slow; more are dropped and counted. */
    int buffer() {
        return buffer;
    }

    /** PAAS_DRAINS_MAX: drains on the whole platform, each with a thread of its own. */
    int maxDrains() {
        return maxDrains;
    }

    /** PAAS_DRAINS_RETRY_MAX_MILLIS: the longest wait between attempts to reach a receiver that is down. */
    Duration retryMax() {
        return retryMax;
    }

    /** PAAS_DRAINS_REPORT_SECONDS: how often an L10 line tells of lines still being dropped. */
    Duration reportEvery() {
        return reportEvery;
    }

    /** The JDK's authorities plus PAAS_DRAIN_CA_FILE's, read when the first TLS drain starts. */
    SSLContext tls() {
        if (tls == null) {
            tls = CaTrust.context(caFile, "PAAS_DRAIN_CA_FILE");
        }
        return tls;
    }

    private static <T> T setting(String property, Class<T> type, T fallback) {
        return ConfigProvider.getConfig().getOptionalValue(property, type).orElse(fallback);
    }
}
