package io.paas.cli.support;

import picocli.CommandLine.Option;

/** `--json`: print the API's answer as JSON for scripts, instead of text for people. */
public class JsonOption {
    @Option(names = "--json", description = "print the API answer as JSON")
    boolean json;

    public boolean enabled() {
        return json;
    }
}
