package dbo.job.resume;

import dbo.job.output.BadInputException;
import dbo.job.output.Versions;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One file under a staging directory's {@code .resume/} that holds a single serialized object stamped with
 * the format version, the tool version and a digest of the resolved configuration it was written for. It is
 * replaced atomically, so a kill at any moment leaves the previous version readable; {@link #load} refuses,
 * with a one-line {@link BadInputException}, a file that is missing, unreadable, from another format or tool
 * version, or from another configuration. Serves {@link ResumeStore} (a run's progress) and
 * {@code dbo.job.grid.GridResume} (a grid's finished cells).
 *
 * @param <T> the saved object
 */
public final class ResumeFile<T extends ResumeFile.Stamped> {

  /** What every saved object records about what wrote it. */
  public interface Stamped extends Serializable {
    /** The saving class's format version: bumped whenever the saved objects change shape. */
    int formatVersion();

    /** {@link Versions#tool()} of the writer. */
    String toolVersion();

    /** {@link ResumeStore#digest} of the resolved configuration. */
    String configDigest();
  }

  /**
   * The words of {@link #load}'s errors, each following "--resume TARGET: ".
   *
   * @param missing why there is no file, e.g. "the interrupted run saved no checkpoint yet"
   * @param unreadable the file cannot be deserialized, with {@code %s} for the exception's simple name
   * @param writtenBy the subject of "... dbo-spark VERSION (format N)", e.g. "the checkpoint was written by"
   * @param interrupted what used another configuration, e.g. "the interrupted run"
   */
  public record Wording(String missing, String unreadable, String writtenBy, String interrupted) {}

  private final Path file;
  private final Class<T> type;
  private final int formatVersion;
  private final Wording wording;

  public ResumeFile(Path file, Class<T> type, int formatVersion, Wording wording) {
    this.file = file;
    this.type = type;
    this.formatVersion = formatVersion;
    this.wording = wording;
  }

  /**
   * The saved object, checked against this format and tool version and {@code configDigest}.
   *
   * @param target the result directory being resumed, for the messages
   * @throws BadInputException when there is no such object or it may not be resumed
   */
  public T load(Path target, String configDigest) {
    String prefix = "--resume " + target + ": ";
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(prefix + wording.missing() + "; run again with --overwrite");
    }
    T saved;
    try {
      saved = read();
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new BadInputException(prefix + String.format(wording.unreadable(), e.getClass().getSimpleName())
          + "; run again with --overwrite");
    }
    if (saved.formatVersion() != formatVersion || !saved.toolVersion().equals(Versions.tool())) {
      throw new BadInputException(prefix + wording.writtenBy() + " dbo-spark " + saved.toolVersion() + " (format "
          + saved.formatVersion() + "), this is " + Versions.tool()
          + "; resume with that version or run again with --overwrite");
    }
    if (!saved.configDigest().equals(configDigest)) {
      throw new BadInputException(prefix + wording.interrupted() + " used another configuration;"
          + " resume with the same CONFIG and --set options, or run again with --overwrite");
    }
    return saved;
  }

  /** The saved object without any check, or null when there is none or its classes are unknown. */
  T peek() throws IOException {
    if (!Files.isRegularFile(file)) return null;
    try {
      return read();
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /** Replaces the file atomically with {@code value}. */
  public void write(T value) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp));
        ObjectOutputStream out = new ObjectOutputStream(raw)) {
      out.writeObject(value);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private T read() throws IOException, ClassNotFoundException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        ObjectInputStream in = new ObjectInputStream(raw)) {
      return type.cast(in.readObject());
    }
  }
}
