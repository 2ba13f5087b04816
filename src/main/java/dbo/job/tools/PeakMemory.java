package dbo.job.tools;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's peak memory, for a measurement that runs alone in its JVM: the largest heap in use right after
 * a garbage collection (summed over the heap pools, from the collectors' notifications; after a young
 * collection the old generation may still hold garbage, so this bounds the live heap from above), and the
 * process's peak resident set (VmHWM of /proc/self/status: heap, metaspace, thread stacks, direct and native
 * buffers). On a {@code local} Spark master the executors run in this JVM, so both include them.
 */
final class PeakMemory {
  private final Set<String> heapPools;
  private final AtomicLong peakAfterGc = new AtomicLong();

  private PeakMemory() {
    heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .map(java.lang.management.MemoryPoolMXBean::getName).collect(Collectors.toUnmodifiableSet());
  }

  /** Starts listening to every collector of this JVM. */
  static PeakMemory watch() {
    PeakMemory m = new PeakMemory();
    NotificationListener listener = (n, handback) -> {
      if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
      GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
      m.record(info.getGcInfo().getMemoryUsageAfterGc());
    };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
    }
    return m;
  }

  private void record(Map<String, MemoryUsage> afterGc) {
    long used = 0;
    for (Map.Entry<String, MemoryUsage> e : afterGc.entrySet()) {
      if (heapPools.contains(e.getKey())) used += e.getValue().getUsed();
    }
    peakAfterGc.accumulateAndGet(used, Math::max);
  }

  /**
   * A full collection now (System.gc(): G1 collects every region), so the peak also covers what is live at
   * this point; returns the heap in use after it.
   */
  long collectNow() {
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    peakAfterGc.accumulateAndGet(used, Math::max);
    return used;
  }

  /** The largest heap in use after any collection seen so far, in bytes. */
  long peakHeapAfterGc() {
    return peakAfterGc.get();
  }

  /** The process's peak resident set (VmHWM) in bytes, or -1 where /proc/self/status does not exist. */
  static long peakResident() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) return -1;
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
