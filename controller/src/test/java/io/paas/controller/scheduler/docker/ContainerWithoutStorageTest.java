package io.paas.controller.scheduler.docker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * CI on a fresh machine: after a build container's removal failed half-way ("device or resource
 * busy"), Podman 4.3 kept a container whose storage was gone, and every list of containers failed
 * on it with the answer below, so the reconciler saw nothing and apps deployed after answered 404.
 * Its list now removes that container (a force DELETE of it, checked by hand on that Podman: the
 * list worked again) and lists once more; this pins which container the answer names.
 */
class ContainerWithoutStorageTest {
    private static final String ID = "dc67ab2af1cf27da9ebedb2d42c440757dd9aa668fee1c3bd4397c3d2aa587b4";

    @Test
    void theContainerPodmansAnswerNamesIsFoundInTheMessageAndInTheRawBody() {
        assertEquals(ID, ProcessContainers.withoutStorage("getting container from store \"" + ID + "\": container not known"));
        assertEquals(ID, ProcessContainers.withoutStorage("Status 500: {\"cause\":\"container not known\",\"message\":"
                + "\"getting container from store \\\"" + ID + "\\\": container not known\",\"response\":500}"));
    }

    @Test
    void anyOtherFailureIsNotTakenForIt() {
        assertNull(ProcessContainers.withoutStorage("no such container"));
        assertNull(ProcessContainers.withoutStorage("getting container from store \"abc\": container not known"));
        assertNull(ProcessContainers.withoutStorage(null));
    }
}
