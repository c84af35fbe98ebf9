package io.paas.controller.scheduler;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanTest {

    @Test
    void nothingRunningStartsEverything() {
        Plan plan = Plan.between(desired("web", 2, 1), List.of());
        assertEquals(List.of("web.1@v1", "web.2@v1"), startKeys(plan));
        assertTrue(plan.toKeep().isEmpty());
        assertTrue(plan.toStop().isEmpty());
    }

    @Test
    void scaleUpStartsOnlyTheNewIndexes() {
        List<RunningProcess> observed = List.of(running("web", 1, 3), running("web", 2, 3));
        Plan plan = Plan.between(desired("web", 4, 3), observed);
        assertEquals(List.of("web.3@v3", "web.4@v3"), startKeys(plan));
        assertEquals(observed, plan.toKeep());
        assertTrue(plan.toStop().isEmpty());
    }

    @Test
    void scaleDownStopsTheHighestIndexes() {
        List<RunningProcess> observed = List.of(running("web", 1, 3), running("web", 2, 3), running("web", 3, 3));
        Plan plan = Plan.between(desired("web", 1, 3), observed);
        assertTrue(plan.toStart().isEmpty());
        assertEquals(List.of("web.1@v3"), keys(plan.toKeep()));
        assertEquals(List.of("web.2@v3", "web.3@v3"), keys(plan.toStop()));
    }

    @Test
    void scaleToZeroStopsAll() {
        List<RunningProcess> observed = List.of(running("worker", 1, 2));
        Plan plan = Plan.between(List.of(), observed);
        assertEquals(observed, plan.toStop());
        assertTrue(plan.toKeep().isEmpty());
    }

    @Test
    void aContainerMadeBeforeAppsWereKeptApartIsReplacedLikeAnOldRelease() {
        RunningProcess unconfined = new RunningProcess("c1", "n1", "app", "web", 1, 3, 0, "running", "127.0.0.1:1",
                Instant.EPOCH, false);
        RunningProcess confined = running("web", 2, 3);
        Plan plan = Plan.between(desired("web", 2, 3), List.of(unconfined, confined));
        assertEquals(List.of("web.1@v3"), startKeys(plan));
        assertEquals(List.of(confined), plan.toKeep());
        assertEquals(List.of(unconfined), plan.toStop());
    }

    @Test
    void newReleaseReplacesEveryProcess() {
        List<RunningProcess> observed = List.of(running("web", 1, 3), running("web", 2, 3), running("worker", 1, 3));
        List<ProcessSpec> desired = new ArrayList<>(desired("web", 2, 4));
        desired.addAll(desired("worker", 1, 4));
        Plan plan = Plan.between(desired, observed);
        assertEquals(List.of("web.1@v4", "web.2@v4", "worker.1@v4"), startKeys(plan));
        assertTrue(plan.toKeep().isEmpty());
        assertEquals(observed, plan.toStop());
    }

    @Test
    void crashedContainerIsStoppedAndStartedAgain() {
        RunningProcess crashed = process("web", 2, 5, "exited");
        List<RunningProcess> observed = List.of(running("web", 1, 5), crashed);
        Plan plan = Plan.between(desired("web", 2, 5), observed);
        assertEquals(List.of("web.2@v5"), startKeys(plan));
        assertEquals(List.of("web.1@v5"), keys(plan.toKeep()));
        assertEquals(List.of(crashed), plan.toStop());
    }

    @Test
    void createdButNeverStartedCountsAsMissing() {
        RunningProcess created = process("web", 1, 1, "created");
        Plan plan = Plan.between(desired("web", 1, 1), List.of(created));
        assertEquals(List.of("web.1@v1"), startKeys(plan));
        assertEquals(List.of(created), plan.toStop());
    }

    @Test
    void duplicateRunningContainersOfOneKeyKeepOnlyOne() {
        RunningProcess first = running("web", 1, 1);
        RunningProcess twin = new RunningProcess("other-id", "twin", "app", "web", 1, 1, "running", "127.0.0.1:2", Instant.EPOCH);
        Plan plan = Plan.between(desired("web", 1, 1), List.of(first, twin));
        assertEquals(List.of(first), plan.toKeep());
        assertEquals(List.of(twin), plan.toStop());
    }

    @Test
    void desiredStateReachedIsANoOp() {
        List<RunningProcess> observed = List.of(running("web", 1, 2), running("web", 2, 2));
        Plan plan = Plan.between(desired("web", 2, 2), observed);
        assertTrue(plan.isNoOp());
        assertEquals(observed, plan.toKeep());
    }

    private static List<ProcessSpec> desired(String type, int quantity, int release) {
        List<ProcessSpec> specs = new ArrayList<>();
        for (int i = 1; i <= quantity; i++) {
            specs.add(new ProcessSpec("app", type, i, release, "img", "cmd", Map.of("PORT", "5000"), 0));
        }
        return specs;
    }

    private static RunningProcess running(String type, int index, int release) {
        return process(type, index, release, "running");
    }

    private static RunningProcess process(String type, int index, int release, String state) {
        String name = "p-app-" + type + "-" + index + "-v" + release;
        return new RunningProcess("id-" + name, name, "app", type, index, release, state,
                "running".equals(state) ? "127.0.0.1:1" : null, Instant.EPOCH);
    }

    private static List<String> startKeys(Plan plan) {
        return plan.toStart().stream().map(ProcessSpec::key).toList();
    }

    private static List<String> keys(List<RunningProcess> processes) {
        return processes.stream().map(RunningProcess::key).toList();
    }
}
