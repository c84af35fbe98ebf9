package io.paas.client.prometheus;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/** What an operator reads first of any of the platform's JVMs: memory, threads, collections, uptime. */
public final class JvmFigures {
    private JvmFigures() {
    }

    /** The figures as PREFIX_jvm_* and PREFIX_process_* families (PREFIX: paas_controller, paas_builder, ...). */
    public static void writeTo(PrometheusText out, String prefix) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        out.family(prefix + "_jvm_memory_used_bytes", "gauge", "Java memory in use, heap and non-heap (metaspace, code cache).")
                .sample(prefix + "_jvm_memory_used_bytes", heap.getUsed(), "area", "heap")
                .sample(prefix + "_jvm_memory_used_bytes", nonHeap.getUsed(), "area", "nonheap");
        out.family(prefix + "_jvm_memory_committed_bytes", "gauge", "Java memory the JVM holds from the system, heap and non-heap.")
                .sample(prefix + "_jvm_memory_committed_bytes", heap.getCommitted(), "area", "heap")
                .sample(prefix + "_jvm_memory_committed_bytes", nonHeap.getCommitted(), "area", "nonheap");
        out.single(prefix + "_jvm_heap_max_bytes", "gauge", "The most the heap may grow to (-Xmx).", heap.getMax());
        out.single(prefix + "_jvm_threads", "gauge", "Live threads.", ManagementFactory.getThreadMXBean().getThreadCount());
        out.family(prefix + "_jvm_gc_collections_total", "counter", "Garbage collections, by collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.sample(prefix + "_jvm_gc_collections_total", Math.max(0, gc.getCollectionCount()), "gc", gc.getName());
        }
        out.family(prefix + "_jvm_gc_seconds_total", "counter", "Time spent in garbage collections, by collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.sample(prefix + "_jvm_gc_seconds_total", Math.max(0, gc.getCollectionTime()) / 1000.0, "gc", gc.getName());
        }
        long rss = residentBytes();
        if (rss >= 0) {
            out.single(prefix + "_process_resident_memory_bytes", "gauge", "Resident memory of the process (VmRSS).", rss);
        }
        out.single(prefix + "_process_uptime_seconds", "gauge", "Seconds since the process started.",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
    }

    /** VmRSS from /proc/self/status; -1 where there is none (not Linux). */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a format this does not know: the figure is left out
        }
        return -1;
    }
}
