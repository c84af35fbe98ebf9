package io.paas.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every command's --help, as users read it: it prints, and picocli finds nothing to complain of in
 * its text (CI printed "[picocli WARN] Could not format 'Show an app's figures ... (% of one core)'"
 * for `paas metrics --help`: a lone '%' in a description is a format specifier to picocli).
 */
class HelpTextTest {
    @Test
    void everyCommandsHelpPrintsWithoutAWarning(@TempDir Path temp) throws Exception {
        CliHarness cli = new CliHarness(temp);
        Map<String, CommandLine> commands = PaasMain.commands(null).getSubcommands();
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String command : commands.keySet()) {
                if (commands.get(command).getCommandSpec().usageMessage().hidden()) {
                    continue; // the launcher's own (cds-training), never typed by users
                }
                CliHarness.Result help = cli.run(command, "--help");
                assertEquals(0, help.exitCode(), command + ": " + help.err());
                assertFalse(help.out().isBlank(), command);
                assertFalse(help.out().contains("%n"), command + ": " + help.out());
            }
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    }
}
