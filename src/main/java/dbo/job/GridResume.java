package dbo.job;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an interrupted grid keeps for {@code --resume}: the results of its finished cells, in the staging
 * directory's {@code .resume/grid.bin}, replaced atomically after every cell. A resumed grid keeps those
 * cells and runs the others from their start (a cell is short next to a grid; its own algorithms'
 * checkpoints are not kept). Like {@link ResumeStore}, it records the format and tool versions and a digest
 * of the resolved configuration, and refuses a resume from another version or configuration.
 */
final class GridResume {
  static final String FILE = "grid.bin";
  /** Bumped whenever the saved objects change shape. */
  static final int FORMAT_VERSION = 1;

  /** The contents of grid.bin. */
  record Saved(int formatVersion, String toolVersion, String configDigest, List<GridRun.CellResult> finished)
      implements Serializable {}

  private final Path dir;
  private final String configDigest;
  private final Map<Integer, GridRun.CellResult> finished = new TreeMap<>();

  GridResume(Path staging, String resolvedConfig) {
    this.dir = staging.resolve(ResumeStore.DIRECTORY);
    this.configDigest = ResumeStore.digest(resolvedConfig);
  }

  /** The finished cells by index, checked against this configuration and tool version. */
  Map<Integer, GridRun.CellResult> load(Path target) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new BadInputException("--resume " + target + ": the interrupted grid finished no cell yet;"
          + " run again with --overwrite");
    }
    Saved s;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        ObjectInputStream in = new ObjectInputStream(raw)) {
      s = (Saved) in.readObject();
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new BadInputException("--resume " + target + ": the saved grid cells cannot be read ("
          + e.getClass().getSimpleName() + "), they were written by another version; run again with --overwrite");
    }
    if (s.formatVersion() != FORMAT_VERSION || !s.toolVersion().equals(Versions.tool())) {
      throw new BadInputException("--resume " + target + ": the grid was saved by dbo-spark " + s.toolVersion()
          + " (format " + s.formatVersion() + "), this is " + Versions.tool()
          + "; resume with that version or run again with --overwrite");
    }
    if (!s.configDigest().equals(configDigest)) {
      throw new BadInputException("--resume " + target + ": the interrupted grid used another configuration;"
          + " resume with the same CONFIG and --set options, or run again with --overwrite");
    }
    for (GridRun.CellResult c : s.finished()) finished.put(c.cell(), c);
    return new TreeMap<>(finished);
  }

  /** Records a finished cell durably. */
  synchronized void finished(GridRun.CellResult cell) {
    finished.put(cell.cell(), cell);
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(FILE + ".tmp");
      try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp));
          ObjectOutputStream out = new ObjectOutputStream(raw)) {
        out.writeObject(new Saved(FORMAT_VERSION, Versions.tool(), configDigest, new ArrayList<>(finished.values())));
      }
      Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the finished grid cells in " + dir, e);
    }
  }

  /** Removes the saved cells once the result is complete. */
  void clear() {
    ResultDirectory.deleteTree(dir);
  }
}
