package io.paas.controller.scheduler;

import java.util.List;

/** An image the engine pulled: pinned ("repo@sha256:..."), and the TCP ports it EXPOSEs, lowest first. */
public record PulledImage(String pinned, List<Integer> exposedTcpPorts) {
}
