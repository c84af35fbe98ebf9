package io.paas.router;

import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportsTest {
    @Test
    void autoTakesIoUringThenEpollThenNio() throws Exception {
        String expected = Transport.IO_URING.available() ? "io_uring" : Transport.EPOLL.available() ? "epoll" : "nio";
        Router router = Router.start(RouterSettings.of("127.0.0.1", 0, "http://127.0.0.1:1", () -> "t", 1, 100)
                .withAccessLog(false)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            assertEquals(expected, router.transport());
        } finally {
            router.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void settingIsCheckedAtStart() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> RouterSettings.fromEnv(Map.of("PAAS_ROUTER_TRANSPORT", "kqueue")));
        assertEquals("PAAS_ROUTER_TRANSPORT must be one of auto, io_uring, epoll, nio, got 'kqueue'", bad.getMessage());
        assertEquals("epoll", RouterSettings.fromEnv(Map.of("PAAS_ROUTER_TRANSPORT", " EPOLL ")).transport());
        assertEquals("auto", RouterSettings.fromEnv(Map.of()).transport());
    }

    @Test
    void aNamedTransportThatCannotRunHereIsRefusedWithItsReason() {
        // KQUEUE never runs on Linux; io_uring and epoll are refused the same way where they are switched off.
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Transports.require(Transport.KQUEUE, "kqueue"));
        assertTrue(refused.getMessage().startsWith("PAAS_ROUTER_TRANSPORT=kqueue cannot run here: "), refused.getMessage());
        assertTrue(refused.getMessage().endsWith(" (auto picks what works)"), refused.getMessage());
    }
}
