package dbo.problem;

import dbo.data.Placement;
import dbo.data.PlacementRule;
import dbo.data.Splits;
import dbo.data.TableSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every row of a {@link LogisticHpoTableProblem}'s table goes, a pure function of (labels, fractions,
 * placement, n, seed): the seeded train / validation / test split ({@link Splits}), training and validation
 * rows placed on agents by the problem's rule, test rows iid. Computed from the labels only.
 *
 * @param labels the driver's scan of the table
 * @param rows per role (0 train, 1 validation, 2 test) and agent, the table rows, ascending
 * @param agentOfRow per table row, the agent holding it or -1 (unused rows)
 * @param splitSizes the seeded split's train, validation and test sizes (before placement)
 * @param splitDigest {@link Splits.Split#digest()} of that split
 */
public record TableLayout(TableSource.Labels labels, int[][][] rows, int[] agentOfRow, int[] splitSizes,
                          String splitDigest)
    implements java.io.Serializable {
  /** The names of the three roles in {@link #rows()}, as the manifest spells them. */
  static final String[] ROLES = {"train", "validation", "test"};

  /**
   * Splits and places the rows.
   *
   * @param path the table's path, for error messages
   * @throws IllegalArgumentException when the table has one class or an agent would get no rows
   */
  static TableLayout of(TableSource.Labels labels, String path, double trainFraction, double validationFraction,
                        double testFraction, PlacementRule placement, int agents, long seed) {
    int n = labels.rows();
    int train = (int) Math.floor(trainFraction * n);
    int validation = (int) Math.floor(validationFraction * n);
    int test = (int) Math.floor(testFraction * n);
    if (labels.classValues().length < 2) {
      throw new IllegalArgumentException(path + ": every row has the same label; logistic regression"
          + " needs at least 2 classes");
    }
    if (train < agents || validation < agents || (test > 0 && test < agents)) {
      throw new IllegalArgumentException(path + ": " + n + " rows give train = " + train + ", validation = "
          + validation + ", test = " + test + " for " + agents + " agents, which would leave an agent without"
          + " samples; lower problem.agents or raise problem.logistic.data.train / validation / test");
    }
    Splits.Split split = Splits.of(n, train, validation, test, seed);
    int[][][] rows = new int[3][][];
    int[] agentOf = new int[n];
    Arrays.fill(agentOf, -1);
    int[][] sets = {split.train(), split.validation(), split.test()};
    for (int role = 0; role < 3; role++) {
      if (sets[role].length == 0) {
        rows[role] = new int[agents][0];
        continue;
      }
      int[] setLabels = new int[sets[role].length];
      for (int k = 0; k < setLabels.length; k++) setLabels[k] = labels.labels()[sets[role][k]];
      PlacementRule rule = role == 2 ? PlacementRule.iid() : placement;
      Placement p = Placement.of(setLabels, labels.classValues().length, agents, rule, seed);
      rows[role] = new int[agents][];
      for (int i = 0; i < agents; i++) {
        int[] at = p.indices()[i];
        int[] r = new int[at.length];
        for (int k = 0; k < at.length; k++) {
          r[k] = sets[role][at[k]];
          agentOf[r[k]] = i;
        }
        rows[role][i] = r;
      }
    }
    return new TableLayout(labels, rows, agentOf,
        new int[] {split.train().length, split.validation().length, split.test().length}, split.digest());
  }

  /** Number of classes K. */
  public int classes() {
    return labels.classValues().length;
  }

  /** The split's sizes per role and its SHA-256 digest, as the manifest records them. */
  Map<String, Object> describeSplit() {
    Map<String, Object> split = new LinkedHashMap<>();
    for (int role = 0; role < 3; role++) split.put(ROLES[role], splitSizes[role]);
    split.put("sha256", splitDigest);
    return split;
  }

  /**
   * Per agent its train / validation / test sizes and class histograms (class index k counts rows whose
   * label is {@code class_values[k]}), as the manifest records them.
   */
  List<Map<String, Object>> describeAgents() {
    int k = classes();
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < rows[0].length; i++) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("agent", i);
      for (int role = 0; role < 3; role++) a.put(ROLES[role], rows[role][i].length);
      for (int role = 0; role < 3; role++) {
        int[] histogram = new int[k];
        for (int row : rows[role][i]) histogram[labels.labels()[row]]++;
        a.put(ROLES[role] + "_classes", histogram);
      }
      out.add(a);
    }
    return out;
  }
}
