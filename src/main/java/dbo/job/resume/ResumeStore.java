package dbo.job.resume;

import dbo.data.Storage;
import dbo.job.output.RemoteResult;
import dbo.job.output.ResultDirectory;
import dbo.job.output.Versions;
import dbo.algorithm.AgentAlgorithm;
import dbo.runtime.Checkpointer;
import dbo.runtime.Engine;
import dbo.runtime.ResumePoint;
import dbo.runtime.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a killed driver needs to continue, kept in the staging directory under {@code .resume/}: the
 * agents' states at the last checkpoint (written by the engine, on Spark by the executors) and one
 * {@code progress.bin} naming them, with the results of the algorithms already finished and the driver
 * loop's {@link ResumePoint}. progress.bin is replaced atomically after the states are complete, so a
 * kill at any moment leaves the previous checkpoint usable. Like every {@link ResumeFile}, it records the
 * format version, the tool version and a digest of the resolved configuration; a resume from another
 * configuration or version is refused.
 */
public final class ResumeStore {
  /** Bumped whenever the saved objects change shape. */
  // 2: MetricsRow gained flag_precision and flag_recall; 3: typed agent states; 4: the Spark runner saves one
  // file per agent instead of an object file; 5: MetricsRow gained objective, test_loss and test_error;
  // 6: MetricsRow gained bytes_sent
  static final int FORMAT_VERSION = 6;
  static final String FILE = "progress.bin";
  private static final ResumeFile.Wording WORDING = new ResumeFile.Wording(
      "the interrupted run saved no checkpoint yet",
      "the saved checkpoint cannot be read (%s), it was written by another version",
      "the checkpoint was written by", "the interrupted run");

  /** The contents of progress.bin. */
  public record Progress(int formatVersion, String toolVersion, String configDigest, List<RunResult> finished,
      int algorithm, ResumePoint point, String states) implements ResumeFile.Stamped {}

  private final Path dir;
  private final String configDigest;
  private final List<RunResult> finished = new ArrayList<>();

  public ResumeStore(Path staging, String resolvedConfig) {
    this.dir = staging.resolve(ResultDirectory.RESUME_DIRECTORY);
    this.configDigest = digest(resolvedConfig);
  }

  /** The saved progress, checked against this configuration and tool version. */
  public Progress load(Path target) {
    Progress p = file(dir).load(target, configDigest);
    finished.addAll(p.finished());
    return p;
  }

  /** Records a finished algorithm, so a later resume skips it. */
  public void finished(RunResult r) {
    finished.add(r);
  }

  /** Where the states of {@code p} are: a local directory, or on the remote file system of a remote result. */
  public String states(Progress p) {
    return Storage.child(statesRoot(), p.states());
  }

  /**
   * Where the engines write the agents' states: the {@code .resume/} directory, or for a result on a Hadoop
   * file system its {@code .resume/} there ({@link RemoteResult#statesRoot}), written by the executors
   * directly so that no state passes through the driver's disk.
   */
  private String statesRoot() {
    String remote = RemoteResult.statesRoot(dir);
    return remote != null ? remote : dir.toAbsolutePath().toString();
  }

  /** The checkpointer for algorithm number {@code index}, saving every {@code every} iterations. */
  public Checkpointer checkpointer(int index, int every) {
    return new Checkpointer() {
      @Override
      public int every() {
        return every;
      }

      @Override
      public void save(Engine engine, AgentAlgorithm<?> algorithm, ResumePoint point) {
        String name = "states-" + index + "-" + point.iteration();
        try {
          Files.createDirectories(dir);
          String previous = current();
          engine.saveStates(Storage.child(statesRoot(), name));
          write(dir, new Progress(FORMAT_VERSION, Versions.tool(), configDigest, List.copyOf(finished), index,
              point, name));
          if (previous != null && !previous.equals(name)) {
            String old = Storage.child(statesRoot(), previous);
            Storage.fileSystem(old).delete(Storage.path(old), true);
          }
          // A result on a Hadoop file system keeps its checkpoint there, where a driver started anywhere finds it.
          RemoteResult.checkpointed(dir);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot save the checkpoint in " + dir, e);
        }
      }
    };
  }

  /**
   * Replaces {@code resumeDir/progress.bin} atomically with {@code p} (the checkpointer's write; tests use
   * it to stage a checkpoint from another version or configuration).
   */
  static void write(Path resumeDir, Progress p) throws IOException {
    file(resumeDir).write(p);
  }

  private static ResumeFile<Progress> file(Path resumeDir) {
    return new ResumeFile<>(resumeDir.resolve(FILE), Progress.class, FORMAT_VERSION, WORDING);
  }

  /** The name of the states directory the saved progress names, or null. */
  private String current() throws IOException {
    Progress p = file(dir).peek();
    return p == null ? null : p.states();
  }

  /** Removes everything a resume would have needed, once the result is complete. */
  public void clear() {
    ResultDirectory.deleteTree(dir);
  }

  public static String digest(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
