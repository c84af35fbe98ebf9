package io.paas.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** paas run takes its own options anywhere, as Heroku's does, and leaves every other word to the command. */
class RunArgumentsTest {
    private static List<String> parsed(String... args) {
        CliContext ctx = new CliContext(new BufferedReader(new StringReader("")), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Map.of(), Path.of("."), null);
        CommandLine.ParseResult result = PaasMain.commands(ctx).parseArgs(args);
        CommandLine.ParseResult run = result.subcommand();
        String app = run.matchedOptionValue("-a", null);
        boolean detach = run.hasMatchedOption("--detach");
        List<String> command = run.matchedPositionalValue(0, List.of());
        return List.of(String.valueOf(app), String.valueOf(detach), String.join(" ", command));
    }

    @Test
    void ownOptionsAnywhereOtherWordsAreTheCommands() {
        assertEquals(List.of("shop", "false", "ls -la /app"), parsed("run", "ls", "-la", "/app", "-a", "shop"));
        assertEquals(List.of("shop", "true", "rake db:migrate"), parsed("run", "-a", "shop", "--detach", "rake", "db:migrate"));
        assertEquals(List.of("null", "false", "grep -a x"), parsed("run", "--", "grep", "-a", "x"));
    }
}
