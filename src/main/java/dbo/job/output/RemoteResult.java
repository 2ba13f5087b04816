package dbo.job.output;

import dbo.data.DataFileException;
import dbo.data.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;

/**
 * A result directory on a Hadoop file system ({@code --out hdfs://...}, or any scheme but {@code file}),
 * with the guarantees of a local {@link ResultDirectory}: the result appears whole or not at all, under the
 * same names. On the remote file system the run claims the hidden staging directory {@code .NAME.partial}
 * next to the target before anything else is written (a refused --out, an unreachable NameNode or a
 * permission denied leaves nothing anywhere); the result's files are written by the ordinary writers into a
 * local working copy of that staging directory ({@link #localTarget}), uploaded into the remote staging
 * directory when complete, and the remote staging directory is then renamed to the target: on HDFS a
 * rename is atomic, so readers see the old result or the new one, never a part.
 *
 * <p>What {@code --resume} needs is kept on the remote file system: every checkpoint's {@code .resume/}
 * files are uploaded when the checkpoint is complete ({@link #checkpointed}, in the order that keeps the
 * previous checkpoint usable until the new one is), and Spark's own checkpoint files go to
 * {@code .NAME.partial/.checkpoints} there unless {@code spark.checkpoint-dir} is set. A driver started
 * anywhere with {@code --resume URI} downloads {@code .resume/} and continues. The working copy lives under
 * {@code java.io.tmpdir} and is removed when the run ends.
 */
public final class RemoteResult implements AutoCloseable {
  /** The working copy of each open remote result, by its local target (what the writers are given). */
  private static final Map<Path, RemoteResult> OPEN = new ConcurrentHashMap<>();

  private final String target;
  private final String staging;
  private final Path localTarget;
  private final boolean overwrite;
  private boolean published;

  private RemoteResult(String target, String staging, Path localTarget, boolean overwrite) {
    this.target = target;
    this.staging = staging;
    this.localTarget = localTarget;
    this.overwrite = overwrite;
  }

  /**
   * Checks that the remote {@code target} may be written, as {@link ResultDirectory#open(Path, boolean, boolean)}
   * does for a local one, claims its staging directory there and prepares the local working copy (with the
   * interrupted run's {@code .resume/} when {@code resume}).
   *
   * @throws dbo.input.InputException (exit 2, nothing written) when the target is taken, there is nothing to
   *     resume, the file system cannot be reached, its scheme is unknown or the directory is not writable
   */
  public static RemoteResult open(String target, boolean overwrite, boolean resume) {
    String uri = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    org.apache.hadoop.fs.Path t = Storage.path(uri);
    if (t.getParent() == null) {
      throw new BadInputException("--out " + target + " names the root of a file system; name a directory under it");
    }
    String name = t.getName();
    String staging = t.getParent().toString() + "/." + name + ".partial";
    try {
      FileSystem fs = Storage.fileSystem(uri);
      // The target first, so that a file system that cannot be reached is reported under the name the user gave.
      FileStatus existing = Storage.status(uri);
      FileStatus stagingStatus = Storage.status(staging);
      if (existing != null && existing.isFile()) {
        throw new BadInputException("--out " + target + " is a file, not a directory; choose another --out");
      }
      if (resume) {
        if (stagingStatus == null) {
          throw new BadInputException("--resume " + target + ": there is no interrupted run to continue (no ." + name
              + ".partial next to it); run without --resume");
        }
      } else if (stagingStatus != null) {
        boolean failed = Storage.status(staging + "/" + ResultDirectory.FAILURE_LOG) != null;
        if (!overwrite) {
          throw new BadInputException("--out " + target + " has " + (failed ? "a failed" : "an interrupted") + " run (."
              + name + ".partial); pass --resume to continue it or --overwrite to start over");
        }
        fs.delete(Storage.path(staging), true);
      }
      if (existing != null && !resume && !overwrite && fs.listStatus(t).length > 0) {
        throw new BadInputException("--out " + target
            + " already holds a result; pass --overwrite to replace it or choose another --out");
      }
      // Claim the staging directory before anything is written locally: a refusal here leaves nothing anywhere.
      if (!resume && !fs.mkdirs(Storage.path(staging))) {
        throw new BadInputException("--out " + target + ": cannot create " + staging + "; choose a writable --out");
      }
      Path local = workingCopy(uri).resolve(name);
      ResultDirectory.deleteTree(local.getParent());
      Files.createDirectories(local.getParent());
      if (resume) {
        try {
          Path localStaging = local.resolveSibling("." + name + ".partial");
          Files.createDirectories(localStaging);
          // Only the files (progress.bin, a grid's cells): the states they name stay on the remote file system,
          // where the engines read them.
          String remoteResume = staging + "/" + ResultDirectory.RESUME_DIRECTORY;
          if (Storage.isDirectory(remoteResume)) {
            Path localResume = localStaging.resolve(ResultDirectory.RESUME_DIRECTORY);
            Files.createDirectories(localResume);
            for (FileStatus f : fs.listStatus(Storage.path(remoteResume))) {
              if (!f.isFile() || f.getPath().getName().endsWith(".tmp")) continue;
              fs.copyToLocalFile(false, f.getPath(),
                  new org.apache.hadoop.fs.Path(localResume.resolve(f.getPath().getName()).toUri()), true);
            }
          }
        } catch (IOException | RuntimeException e) {
          ResultDirectory.deleteTree(local.getParent());
          throw e;
        }
      }
      RemoteResult r = new RemoteResult(uri, staging, local, overwrite);
      OPEN.put(local, r);
      return r;
    } catch (DataFileException e) {
      throw new BadInputException((resume ? "--resume " : "--out ") + e.getMessage());
    } catch (IOException e) {
      DataFileException d = Storage.failure(uri, e);
      throw new BadInputException((resume ? "--resume " : "--out ") + d.getMessage());
    }
  }

  /** Where the writers put the result: a local directory that {@link ResultDirectory} stages and commits. */
  public Path localTarget() {
    return localTarget;
  }

  /** The remote target, as given. */
  public String target() {
    return target;
  }

  /** The remote result whose working copy is {@code localTarget}, or null for a plain local result. */
  static RemoteResult of(Path localTarget) {
    return OPEN.get(localTarget.toAbsolutePath().normalize());
  }

  /**
   * Where Spark's checkpoint files go by default when the result's staging directory is {@code localStaging}:
   * under the remote staging directory for a remote result, else null (the local default).
   */
  public static String checkpointDirectory(Path localStaging) {
    Path abs = localStaging.toAbsolutePath().normalize();
    for (RemoteResult r : OPEN.values()) {
      if (r.localStaging().equals(abs)) return r.staging + "/.checkpoints";
    }
    return null;
  }

  private Path localStaging() {
    return localTarget.resolveSibling("." + localTarget.getFileName() + ".partial");
  }

  /**
   * Where the engines write agent states when the local {@code resumeDir} is a remote result's
   * ({@code .resume/} of its remote staging directory), else null.
   */
  public static String statesRoot(Path resumeDir) {
    Path abs = resumeDir.toAbsolutePath().normalize();
    for (RemoteResult r : OPEN.values()) {
      if (r.localStaging().resolve(ResultDirectory.RESUME_DIRECTORY).equals(abs)) {
        return r.staging + "/" + ResultDirectory.RESUME_DIRECTORY;
      }
    }
    return null;
  }

  /**
   * Uploads the checkpoint just saved in the local {@code resumeDir} ({@code .resume/} of a remote result's
   * working copy; no-op for a local result): its agent states are already on the remote file system
   * ({@link #statesRoot}), so only the files of {@code .resume/} travel ({@code progress.bin}, a grid's
   * finished cells), each replacing the old one by an atomic rename after the states are complete, as
   * locally. A kill at any moment leaves a usable checkpoint there.
   */
  public static void checkpointed(Path resumeDir) {
    Path abs = resumeDir.toAbsolutePath().normalize();
    for (RemoteResult r : OPEN.values()) {
      if (r.localStaging().resolve(ResultDirectory.RESUME_DIRECTORY).equals(abs)) r.upload(abs);
    }
  }

  private void upload(Path resumeDir) {
    String remote = staging + "/" + ResultDirectory.RESUME_DIRECTORY;
    try (var files = Files.list(resumeDir)) {
      FileSystem fs = Storage.fileSystem(remote);
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = f.getFileName().toString();
        if (name.endsWith(".tmp")) continue;
        org.apache.hadoop.fs.Path tmp = Storage.path(remote + "/" + name + ".tmp");
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(f.toUri()), tmp);
        FileContext.getFileContext(tmp.toUri(), Storage.conf()).rename(tmp, Storage.path(remote + "/" + name),
            Options.Rename.OVERWRITE);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot upload the checkpoint to " + remote, e);
    }
  }

  /**
   * Publishes the committed working copy: its files are uploaded into the remote staging directory (whose
   * resume files and Spark checkpoints are dropped first), which is then renamed to the target; an old
   * result is moved aside first and deleted after, as {@link ResultDirectory#commit} does locally.
   */
  void publish() {
    try {
      FileSystem fs = Storage.fileSystem(target);
      org.apache.hadoop.fs.Path stagingPath = Storage.path(staging);
      fs.delete(new org.apache.hadoop.fs.Path(stagingPath, ResultDirectory.RESUME_DIRECTORY), true);
      fs.delete(new org.apache.hadoop.fs.Path(stagingPath, ".checkpoints"), true);
      fs.delete(new org.apache.hadoop.fs.Path(stagingPath, ResultDirectory.FAILURE_LOG), true);
      try (var list = Files.list(localTarget)) {
        for (Path p : (Iterable<Path>) list::iterator) {
          fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(p.toUri()),
              new org.apache.hadoop.fs.Path(stagingPath, p.getFileName().toString()));
        }
      }
      org.apache.hadoop.fs.Path t = Storage.path(target);
      org.apache.hadoop.fs.Path old = null;
      if (fs.exists(t)) {
        if (!overwrite && fs.listStatus(t).length > 0) {
          throw new BadInputException("--out " + target + " appeared while the run was going; pass --overwrite");
        }
        old = new org.apache.hadoop.fs.Path(t.getParent(), "." + t.getName() + ".old-" + UUID.randomUUID());
        if (!fs.rename(t, old)) throw new IOException("cannot move the old result " + t + " aside");
      }
      if (!fs.rename(stagingPath, t)) throw new IOException("cannot rename " + stagingPath + " to " + t);
      published = true;
      if (old != null) fs.delete(old, true);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("could not publish the result to " + target, e);
    }
  }

  /**
   * Ends the run's use of the remote directory. Unless the result was published, the remote staging
   * directory is removed when it holds no checkpoint (a run refused as bad input leaves nothing behind),
   * and the local failure log, if any, is uploaded into it; the working copy is deleted, except after an
   * internal failure, whose log the message on stderr names.
   */
  @Override
  public void close() {
    OPEN.remove(localTarget);
    Path failure = localStaging().resolve(ResultDirectory.FAILURE_LOG);
    try {
      if (!published) {
        FileSystem fs = Storage.fileSystem(staging);
        boolean checkpoint = Storage.status(staging + "/" + ResultDirectory.RESUME_DIRECTORY) != null;
        if (Files.exists(failure)) {
          fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(failure.toUri()),
              Storage.path(staging + "/" + ResultDirectory.FAILURE_LOG));
        } else if (!checkpoint) {
          fs.delete(Storage.path(staging), true);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Best effort: the outcome of the run is reported either way.
    } finally {
      // The failure line on stderr names the local log; it stays for the user (a copy is on the remote side).
      if (published || !Files.exists(failure)) ResultDirectory.deleteTree(localTarget.getParent());
    }
  }

  /** A local directory of its own for each remote target. */
  private static Path workingCopy(String uri) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8));
      return Path.of(System.getProperty("java.io.tmpdir"), "dbo-spark-remote", HexFormat.of().formatHex(d, 0, 8))
          .toAbsolutePath().normalize();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
