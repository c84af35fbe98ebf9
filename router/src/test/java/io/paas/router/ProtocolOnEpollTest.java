package io.paas.router;

import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The HTTP edge cases again on epoll: the transport where io_uring is switched off (container seccomp profiles). */
class ProtocolOnEpollTest extends ProtocolTest {
    @Override
    String transport() {
        return "epoll";
    }

    @BeforeAll
    static void epollRunsHere() {
        assumeTrue(Transport.EPOLL.available(), "no native epoll on this machine");
    }
}
