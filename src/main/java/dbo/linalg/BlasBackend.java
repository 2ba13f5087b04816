package dbo.linalg;

import dev.ludovic.netlib.blas.BLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which BLAS dev.ludovic.netlib loaded in this JVM, for the manifest and the logs. netlib's JNI wrapper
 * ({@code JNIBLAS}) dlopens the library named by {@code -Ddev.ludovic.netlib.blas.nativeLib} (default
 * {@code libblas.so.3}, which Debian's alternatives point at OpenBLAS or at the reference libblas3) or the
 * path in {@code -Ddev.ludovic.netlib.blas.nativeLibPath}; when that fails it falls back to its Java
 * implementation ({@code VectorBLAS} on Java 16+). The project's scripts ask for {@code libopenblas.so.0}
 * (jobs/lib/env.sh), so the fallback is Java, never the reference BLAS by accident. Every runner in one JVM
 * uses the same implementation, so the in-process and Spark runners agree bit for bit whichever it is.
 */
public final class BlasBackend {
  private BlasBackend() {}

  /** A one-line name: "OpenBLAS (native, PATH)", "reference BLAS (native, PATH)", "Java (VectorBLAS)", .... */
  public static String describe() {
    String impl = BLAS.getInstance().getClass().getName();
    String simple = impl.substring(impl.lastIndexOf('.') + 1);
    if (!simple.startsWith("JNI")) return "Java (" + simple + ")";
    String library = loadedLibrary();
    if (library == null) return "native (" + simple + ", library not found in /proc/self/maps)";
    return kind(library) + " (native, " + library + ")";
  }

  /** The short kind of a native BLAS library from its path: OpenBLAS, reference BLAS, MKL or "native". */
  static String kind(String library) {
    String lower = library.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("openblas")) return "OpenBLAS";
    if (lower.contains("mkl")) return "MKL";
    if (lower.contains("blis")) return "BLIS";
    if (lower.contains("atlas")) return "ATLAS";
    if (lower.contains("/blas/libblas")) return "reference BLAS";
    return "native BLAS";
  }

  /**
   * The mapped file that provides dgemm: the first mapping whose name looks like a BLAS library (not
   * netlib's own JNI shim), as the kernel resolved it (symbolic links followed). Linux only; null elsewhere.
   */
  private static String loadedLibrary() {
    List<String> maps;
    try {
      maps = Files.readAllLines(Path.of("/proc/self/maps"));
    } catch (IOException | RuntimeException e) {
      return null;
    }
    for (String line : maps) {
      int slash = line.indexOf('/');
      if (slash < 0) continue;
      String path = line.substring(slash).trim();
      String file = path.substring(path.lastIndexOf('/') + 1);
      if (file.contains("netlib")) continue;
      if (file.startsWith("libblas") || file.startsWith("libopenblas") || file.contains("mkl_rt")
          || file.startsWith("libblis")) {
        return path;
      }
    }
    return null;
  }
}
