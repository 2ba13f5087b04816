package dbo.problem;

import dbo.data.Placement;
import dbo.data.PlacementRule;
import dbo.data.Splits;
import dbo.random.RandomStreams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Who holds which sample in {@link HyperCleaningProblem}, a pure function of (labels, sizes, agents,
 * placement, corruption, seed), recomputed wherever it is needed (it costs a few milliseconds).
 *
 * <ul>
 *   <li>{@link #split}: the seeded train / validation / test split of the data set ({@link Splits}).</li>
 *   <li>Corruption: for training position t (an index into {@code split.train()}), two draws from the stream
 *       (seed, SHARED, {@link #CORRUPTION}) in order, u and r: when u &lt; p the observed label is class r,
 *       uniform over all K classes (so it may equal the true label); {@link #corrupted} marks the positions
 *       whose observed label differs from the true one, about p (K - 1) / K of them.</li>
 *   <li>{@link #train}, {@link #validation}: both placed by the same rule and seed on the true labels, so
 *       an agent's validation shard has the class mix of its training shard (see {@link Placement});
 *       indices are positions in the split's lists. {@link #test}: always iid and equal, so that the summed
 *       per-agent test accuracies are the accuracy on the whole test split.</li>
 *   <li>The coordinates of x: agent 0's training samples in placement order, then agent 1's, and so on;
 *       {@link #offsets}[i] is where agent i's block starts, so x_{offsets[i] + k} weighs
 *       {@code train.indices()[i][k]}.</li>
 * </ul>
 */
public record HyperCleaningLayout(Splits.Split split, int[] observedLabels, boolean[] corrupted, Placement train,
                                  Placement validation, Placement test, int[] offsets) {
  /** Stream purpose of the label corruption. */
  public static final long CORRUPTION = 104;

  /** Computes the layout; {@code labels} are the data set's true labels. */
  public static HyperCleaningLayout of(int[] labels, int classes, int agents, int trainSize, int validationSize,
                                       int testSize, double corruption, PlacementRule rule, long seed) {
    Splits.Split split = Splits.of(labels.length, trainSize, validationSize, testSize, seed);
    int[] trueTrain = select(labels, split.train());
    int[] observed = trueTrain.clone();
    boolean[] corrupted = new boolean[trueTrain.length];
    SplittableRandom rng = RandomStreams.of(seed, RandomStreams.SHARED, CORRUPTION);
    for (int t = 0; t < trueTrain.length; t++) {
      // Both draws happen for every sample so that the stream position does not depend on p.
      boolean replace = rng.nextDouble() < corruption;
      int random = rng.nextInt(classes);
      if (replace) observed[t] = random;
      corrupted[t] = observed[t] != trueTrain[t];
    }
    Placement train = Placement.of(trueTrain, classes, agents, rule, seed);
    Placement validation = Placement.of(select(labels, split.validation()), classes, agents, rule, seed);
    Placement test = testSize == 0 ? null
        : Placement.of(select(labels, split.test()), classes, agents, PlacementRule.iid(), seed);
    int[] offsets = new int[agents + 1];
    for (int i = 0; i < agents; i++) offsets[i + 1] = offsets[i] + train.indices()[i].length;
    return new HyperCleaningLayout(split, observed, corrupted, train, validation, test, offsets);
  }

  /** The corrupted flags in the order of the coordinates of x. */
  public boolean[] corruptedByCoordinate() {
    boolean[] out = new boolean[corrupted.length];
    for (int i = 0; i < train.agents(); i++) {
      int[] rows = train.indices()[i];
      for (int k = 0; k < rows.length; k++) out[offsets[i] + k] = corrupted[rows[k]];
    }
    return out;
  }

  /** Number of training samples whose observed label is wrong. */
  public int corruptedCount() {
    int c = 0;
    for (boolean b : corrupted) if (b) c++;
    return c;
  }

  /** The split's sizes and SHA-256 digest, as the manifest records them. */
  Map<String, Object> describeSplit() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("train", split.train().length);
    out.put("validation", split.validation().length);
    out.put("test", split.test().length);
    out.put("sha256", split.digest());
    return out;
  }

  /**
   * Per agent, as the manifest records them: its shard sizes, corrupted count, the true-label class
   * histograms of its training, validation and test shards and the histogram of its observed training labels.
   */
  List<Map<String, Object>> describeAgents(int classes) {
    List<Map<String, Object>> agentsOut = new ArrayList<>();
    for (int i = 0; i < train.agents(); i++) {
      int[] positions = train.indices()[i];
      int[] observed = new int[classes];
      int wrong = 0;
      for (int t : positions) {
        observed[observedLabels[t]]++;
        if (corrupted[t]) wrong++;
      }
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("agent", i);
      a.put("train", positions.length);
      a.put("validation", validation.indices()[i].length);
      a.put("test", test == null ? 0 : test.indices()[i].length);
      a.put("corrupted", wrong);
      a.put("train_classes", train.histograms()[i].clone());
      a.put("train_observed_classes", observed);
      a.put("validation_classes", validation.histograms()[i].clone());
      a.put("test_classes", test == null ? new int[classes] : test.histograms()[i].clone());
      agentsOut.add(a);
    }
    return agentsOut;
  }

  static int[] select(int[] values, int[] rows) {
    int[] out = new int[rows.length];
    for (int k = 0; k < rows.length; k++) out[k] = values[rows[k]];
    return out;
  }
}
