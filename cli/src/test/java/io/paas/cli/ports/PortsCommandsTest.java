package io.paas.cli.ports;

import io.paas.cli.support.CliException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortsCommandsTest {
    @Test
    void aBarePortOrDokkusFormNamesTheContainerPort() {
        assertEquals(8080, PortsCommands.containerPort("8080"));
        assertEquals(3000, PortsCommands.containerPort("http:80:3000"));
        assertEquals(3000, PortsCommands.containerPort("https:443:3000"));
        CliException hostPort = assertThrows(CliException.class, () -> PortsCommands.containerPort("http:8080:3000"));
        assertTrue(hostPort.getMessage().contains("give http:80:3000"), hostPort.getMessage());
        for (String bad : new String[] {"0", "65536", "web", "tcp:80:3000", "http:80:"}) {
            assertThrows(CliException.class, () -> PortsCommands.containerPort(bad), bad);
        }
    }
}
