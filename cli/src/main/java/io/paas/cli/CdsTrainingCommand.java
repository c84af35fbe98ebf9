package io.paas.cli;

import io.paas.cli.support.Git;
import io.paas.cli.support.Output;
import io.paas.client.Api;
import io.paas.client.ApiException;
import io.paas.client.ControllerClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * Run once by the launcher after a build, with -XX:ArchiveClassesAtExit: loads the classes a typical
 * command needs (JSON, HTTP client, help, git) so the class data sharing archive covers them.
 */
@Command(name = "cds-training", hidden = true)
class CdsTrainingCommand implements Runnable {
    private final CliContext ctx;
    @Spec
    CommandSpec spec;

    CdsTrainingCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run() {
        StringWriter sink = new StringWriter();
        Output out = new Output(new PrintWriter(sink));
        try {
            Api.AppInfo info = ControllerClient.JSON.readValue("{\"app\":{\"name\":\"a\"},\"release\":{\"version\":1,"
                    + "\"config\":{\"K\":\"V\"}},\"formation\":{\"web\":1},\"processes\":[{\"name\":\"p\"}]}", Api.AppInfo.class);
            out.json(info);
            out.table(List.of("A", "B"), List.of(List.of("1", Output.time("2026-01-01T00:00:00.5Z"))));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            new ControllerClient("http://127.0.0.1:1", "t").apps();
        } catch (ApiException expected) {
            // Nothing listens on port 1: this only loads the HTTP client.
        }
        for (CommandLine sub : spec.parent().commandLine().getSubcommands().values()) {
            sub.usage(new PrintWriter(sink));
        }
        new Git(ctx).run("--version");
    }
}
