package io.paas.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Tests of commands a logged-in user runs against a FakeController that gives the subclass's canned answers. */
abstract class LoggedInCliTest {
    @TempDir
    Path temp;
    FakeController controller;
    CliHarness cli;

    /** Adds the answers the commands under test need. */
    abstract FakeController answers(FakeController fake);

    @BeforeEach
    void start() throws Exception {
        controller = answers(new FakeController());
        cli = new CliHarness(temp);
        cli.saveLogin(controller.url(), "http://127.0.0.1:7101");
    }

    @AfterEach
    void stop() {
        controller.close();
    }
}
