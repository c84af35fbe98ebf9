package io.paas.router;

/** The HTTP edge cases again on NIO: the transport where no native library loads (other CPUs, other systems). */
class ProtocolOnNioTest extends ProtocolTest {
    @Override
    String transport() {
        return "nio";
    }
}
