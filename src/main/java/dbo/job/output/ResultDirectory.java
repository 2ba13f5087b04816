package dbo.job.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A result directory that appears whole or not at all: results are written to a hidden sibling
 * directory and renamed into place by {@link #commit()}. An existing non-empty directory is refused
 * unless {@code overwrite} is set, and it is replaced only once the new result is complete.
 *
 * <p>The staging directory {@code .NAME.partial} is never a result. It outlives its run in two cases: the
 * run saved a checkpoint ({@code .resume/}, for {@code --resume}), or the run failed on an internal error
 * and its stack trace is in {@code failure.log} there (written by InternalFailure in dbo.job), for diagnosis. Either way a
 * new run to the same target is refused until it is given {@code --resume} (continue from the checkpoint;
 * the old failure.log is dropped when the result is committed) or {@code --overwrite} (discard it).
 */
public final class ResultDirectory implements AutoCloseable {
  /** The stack trace of a failed run, kept in its staging directory. */
  public static final String FAILURE_LOG = "failure.log";
  /** Where a run or grid keeps what {@code --resume} needs, under its staging directory. */
  public static final String RESUME_DIRECTORY = ".resume";
  private final Path target;
  private final Path staging;
  private final boolean overwrite;
  private boolean committed;

  private ResultDirectory(Path target, Path staging, boolean overwrite) {
    this.target = target;
    this.staging = staging;
    this.overwrite = overwrite;
  }

  /**
   * Checks that {@code target} may be written and creates the staging directory next to it.
   *
   * @throws BadInputException when the target exists and is not empty without overwrite, or cannot be
   *     created
   */
  public static ResultDirectory open(Path target, boolean overwrite) {
    return open(target, overwrite, false);
  }

  /**
   * As {@link #open(Path, boolean)}, with one staging directory per target ({@code .NAME.partial}) so that
   * an interrupted run can be found again: with {@code resume} it must exist and is reused; without, an
   * existing one is refused (pass --resume or --overwrite) or, with {@code overwrite}, discarded.
   */
  public static ResultDirectory open(Path target, boolean overwrite, boolean resume) {
    Path abs = target.toAbsolutePath().normalize();
    Path staging = stagingOf(abs);
    if (resume) {
      if (!Files.isDirectory(staging)) {
        throw new BadInputException("--resume " + target + ": there is no interrupted run to continue (no "
            + staging.getFileName() + " next to it); run without --resume");
      }
      return new ResultDirectory(abs, staging, overwrite);
    }
    if (Files.isDirectory(staging)) {
      if (!overwrite && Files.exists(staging.resolve(FAILURE_LOG))) {
        throw new BadInputException("--out " + target + " has a failed run (its stack trace is in "
            + staging.resolve(FAILURE_LOG) + "); pass --overwrite to start over"
            + (Files.exists(staging.resolve(RESUME_DIRECTORY)) ? " or --resume to continue from its last checkpoint" : ""));
      }
      if (!overwrite) {
        throw new BadInputException("--out " + target + " has an interrupted run (" + staging.getFileName()
            + "); pass --resume to continue it or --overwrite to start over");
      }
      deleteTree(staging);
    }
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new BadInputException("--out " + target + " is a file, not a directory; choose another --out");
    }
    if (Files.isDirectory(abs) && !isEmpty(abs) && !overwrite) {
      throw new BadInputException("--out " + target
          + " already holds a result; pass --overwrite to replace it or choose another --out");
    }
    Path parent = abs.getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new BadInputException("cannot create the output directory's parent " + parent + " ("
          + e.getClass().getSimpleName() + "); choose a writable --out");
    }
    if (!Files.isWritable(parent)) {
      throw new BadInputException("output directory parent " + parent + " is not writable; choose a writable --out");
    }
    try {
      Files.createDirectory(staging);
    } catch (IOException e) {
      throw new BadInputException("cannot write in " + parent + " (" + e.getMessage() + "); choose a writable --out");
    }
    return new ResultDirectory(abs, staging, overwrite);
  }

  private static Path stagingOf(Path absoluteTarget) {
    return absoluteTarget.resolveSibling("." + absoluteTarget.getFileName() + ".partial");
  }

  /**
   * The file for the stack trace of a run of {@code target} that failed: {@link #FAILURE_LOG} in its
   * staging directory, which is created again if the run had removed it on the way out.
   */
  public static Path failureLog(Path target) throws IOException {
    Path staging = stagingOf(target.toAbsolutePath().normalize());
    Files.createDirectories(staging);
    return staging.resolve(FAILURE_LOG);
  }

  /** Where to write files before the commit. */
  public Path staging() {
    return staging;
  }

  public Path target() {
    return target;
  }

  /**
   * Moves the finished result into place, replacing an old one only if overwrite was given. Its
   * permissions are first restricted to what the process umask allows, never world-writable
   * ({@link #restrictPermissions}).
   */
  public void commit() {
    try {
      // A resumed run that completes is not a failed one: the log of the attempt before it is not part of the result.
      Files.deleteIfExists(staging.resolve(FAILURE_LOG));
      restrictPermissions(staging);
      Path old = null;
      if (Files.exists(target)) {
        if (!overwrite && !isEmpty(target)) {
          throw new BadInputException("--out " + target + " appeared while the run was going; pass --overwrite");
        }
        old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
        Files.move(target, old);
      }
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staging, target);
      }
      committed = true;
      if (old != null) deleteTree(old);
      RemoteResult remote = RemoteResult.of(target);
      if (remote != null) remote.publish();
    } catch (IOException e) {
      throw new UncheckedIOException("could not move the result into " + target, e);
    }
  }

  /**
   * Removes the staging directory unless the result was committed or it holds what a resume needs
   * ({@code .resume/}) or the log of an earlier failed attempt ({@link #FAILURE_LOG}): a run refused
   * as bad input leaves nothing behind and destroys nothing. (A run that fails on an internal error writes
   * its log after this, through {@link #failureLog}.)
   */
  @Override
  public void close() {
    if (!committed && !Files.exists(staging.resolve(RESUME_DIRECTORY))
        && !Files.exists(staging.resolve(FAILURE_LOG))) {
      deleteTree(staging);
    }
  }

  /**
   * Clears, on every file and directory under {@code root}, the permission bits that {@code root} itself
   * lacks, and write permission for others. {@code root} was created by Java with 777 minus the process
   * umask, so it is the umask's own mask; files written through Hadoop (Parquet, its .crc files) get
   * Hadoop's umask setting instead (022 unless configured), which this brings back to the user's. Under
   * umask 000 the result would be world-writable; it never is. No-op where POSIX permissions do not exist.
   */
  static void restrictPermissions(Path root) throws IOException {
    if (!Files.getFileStore(root).supportsFileAttributeView(PosixFileAttributeView.class)) return;
    Set<PosixFilePermission> mask = EnumSet.copyOf(Files.getPosixFilePermissions(root));
    mask.remove(PosixFilePermission.OTHERS_WRITE);
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isSymbolicLink(p)) continue;
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> allowed = perms.isEmpty() ? EnumSet.noneOf(PosixFilePermission.class)
            : EnumSet.copyOf(perms);
        allowed.retainAll(mask);
        if (!allowed.equals(perms)) Files.setPosixFilePermissions(p, allowed);
      }
    }
  }

  private static boolean isEmpty(Path dir) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes a directory tree, best effort. */
  public static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // Best effort: a leftover temp file must not hide the real outcome of the run.
        }
      });
    } catch (IOException ignored) {
      // Same reason as above.
    }
  }
}
