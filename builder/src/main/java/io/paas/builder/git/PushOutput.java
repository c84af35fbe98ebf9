package io.paas.builder.git;

import io.paas.builder.build.BuildOutput;
import org.eclipse.jgit.transport.ReceivePack;

import java.io.IOException;

/** Sends build lines to the pushing git client as they happen ("remote: ..." lines). */
public class PushOutput implements BuildOutput {
    private final ReceivePack receivePack;

    public PushOutput(ReceivePack receivePack) {
        this.receivePack = receivePack;
    }

    @Override
    public synchronized void line(String text) {
        receivePack.sendMessage(text);
        try {
            // without the flush, git sees every line only when the push ends
            receivePack.getMessageOutputStream().flush();
        } catch (IOException e) {
            // the client went away; the build goes on and its log file keeps the lines
        }
    }
}
