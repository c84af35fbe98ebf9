package io.paas.controller.drains;

import io.paas.controller.logs.LogLine;

import java.io.IOException;
import java.util.List;

/** How a drain's lines leave: one open connection (syslog) or one request per batch (HTTPS). */
interface DrainTransport {
    /** Makes ready to send; a receiver that is not there fails here. */
    void open() throws IOException;

    /** Sends the lines; any failure means they may be lost. */
    void send(List<LogLine> lines) throws IOException;

    /** How many lines go in one send at most. */
    int batch();

    /** How long to gather lines for one send once the first is there. */
    long lingerMillis();

    void close();
}
