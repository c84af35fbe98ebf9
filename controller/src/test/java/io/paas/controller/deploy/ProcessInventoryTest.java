package io.paas.controller.deploy;

import io.paas.controller.scheduler.ProcessEvent;
import io.paas.controller.scheduler.RunningProcess;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The inventory never lets an older list undo what an event or a deploy told it later. */
class ProcessInventoryTest {
    private static RunningProcess web(String id, String state) {
        return new RunningProcess(id, "p-app-web-1-v1-" + id, "app", "web", 1, 1, state, null, Instant.now());
    }

    private static List<String> states(ProcessInventory inventory) {
        return inventory.processes("app").stream().map(p -> p.containerId() + ":" + p.state()).toList();
    }

    @Test
    void aListTakenBeforeAnEventDoesNotUndoIt() {
        ProcessInventory inventory = new ProcessInventory(null);
        long listedAt = System.nanoTime();
        // the container died (event) while the list, begun before, was on its way
        inventory.update(new ProcessEvent("app", "a", "die", web("a", "exited"), false), listedAt + 1);
        inventory.replaceAll(List.of(web("a", "running")), listedAt, true);
        assertEquals(List.of("a:exited"), states(inventory));
    }

    @Test
    void aContainerRemovedAfterTheListBeganStaysRemoved() {
        ProcessInventory inventory = new ProcessInventory(null);
        inventory.replaceAll(List.of(web("a", "running")), System.nanoTime(), true);
        long listedAt = System.nanoTime();
        inventory.wrote("a", null);
        inventory.replaceAll(List.of(web("a", "running")), listedAt, true);
        assertEquals(List.of(), states(inventory));
    }

    @Test
    void aNewerListReplacesWhatWasKnown() {
        ProcessInventory inventory = new ProcessInventory(null);
        inventory.update(new ProcessEvent("app", "a", "start", web("a", "running"), false), System.nanoTime());
        inventory.replaceAll(List.of(web("b", "running")), System.nanoTime(), true);
        assertEquals(List.of("b:running"), states(inventory));
    }
}
