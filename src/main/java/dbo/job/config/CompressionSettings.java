package dbo.job.config;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.compression.ChocoMixing;
import dbo.algorithm.compression.Compressor;
import dbo.algorithm.compression.Identity;
import dbo.algorithm.compression.RandomK;
import dbo.algorithm.compression.StochasticQuantizer;
import dbo.algorithm.compression.TopK;
import java.util.Map;

/**
 * Compressed messages for any method ({@code algorithm-defaults} keys, overridable per entry; docs/ALGORITHMS.md,
 * "Compressed messages"; {@link ChocoMixing}).
 *
 * @param kind           {@code compression}: none (default) | top-k | random-k | quantize
 * @param fraction       {@code compression-k}: fraction of each vector's entries kept by top-k and random-k;
 *                       default 0.1; in (0, 1]
 * @param bits           {@code compression-bits}: bits per entry of quantize; default 8; in [1, 32]
 * @param errorFeedback  {@code error-feedback}: public copies (CHOCO); default true; false compresses the
 *                       messages themselves (an ablation: it does not converge)
 * @param consensusStep  {@code consensus-step}: CHOCO's gamma; default auto ({@link ChocoMixing#AUTO}, written
 *                       as 0 here): the compressor's delta; else in (0, 1]
 */
public record CompressionSettings(Kind kind, double fraction, int bits, boolean errorFeedback,
    double consensusStep) {

  /** The compressors, as spelled in configuration. */
  public enum Kind { NONE, TOP_K, RANDOM_K, QUANTIZE }

  /** No compression, with the reference defaults for the other keys. */
  public static final CompressionSettings NONE = new CompressionSettings(Kind.NONE, 0.1, 8, true, ChocoMixing.AUTO);

  static CompressionSettings read(SectionReader r) {
    Kind kind = r.enumValue("compression", Kind.class, "a compressor");
    double fraction = r.doubleIn("compression-k", 0.0, true, 1.0);
    r.longValue("compression-bits"); // an integer first, then its range: "1 <= compression-bits <= 32"
    int bits = (int) r.doubleIn("compression-bits", 1.0, false, 32.0);
    return new CompressionSettings(kind, fraction, bits, r.bool("error-feedback"), consensusStep(r));
  }

  private static double consensusStep(SectionReader r) {
    if ("auto".equals(r.parsed("consensus-step", s -> s))) return ChocoMixing.AUTO;
    return r.doubleIn("consensus-step", 0.0, true, 1.0);
  }

  public Compressor compressor() {
    return switch (kind) {
      case NONE -> new Identity();
      case TOP_K -> new TopK(fraction);
      case RANDOM_K -> new RandomK(fraction);
      case QUANTIZE -> new StochasticQuantizer(bits);
    };
  }

  /** {@code algorithm} with compressed messages, or itself when {@code compression = none}. */
  AgentAlgorithm<?> apply(AgentAlgorithm<?> algorithm, long seed) {
    return kind == Kind.NONE ? algorithm
        : ChocoMixing.wrap(algorithm, compressor(), errorFeedback, consensusStep, seed);
  }

  /**
   * Refuses a sparsifier (top-k, random-k) on a method with an ED or EXTRA level: there the public copies
   * lag an oscillating message and the error grows for every consensus step (docs/compression.md, measured
   * on E1 and shown by the mean-field recursion); the unbiased quantizer is fine.
   */
  void checkLevels(String prefix, AlgorithmType type, AlgorithmSettings method) {
    if ((kind == Kind.TOP_K || kind == Kind.RANDOM_K)
        && (method.correctsHeterogeneity(true) || method.correctsHeterogeneity(false))) {
      throw new InvalidConfigException(prefix + "compression = " + SectionReader.spelling(kind) + " cannot be used"
          + " with type = " + SectionReader.spelling(type) + ", whose ED or EXTRA level diverges under a biased"
          + " sparsifier for every consensus-step (docs/compression.md); allowed there: none, quantize");
    }
  }

  /**
   * Refuses compression on a graph that changes with the iteration (link failures, a schedule): the
   * aggregate sum_j w_ij xhat_j is kept as a running sum of mixed increments, which equals it only for a
   * fixed W (docs/compression.md).
   */
  void checkStaticGraphs(String prefix, TopologyConfig x, TopologyConfig yz) {
    if (kind == Kind.NONE) return;
    for (TopologyConfig t : new TopologyConfig[] {x, yz}) {
      if (t.linkFailure() > 0 || t.schedule() != dbo.topology.GraphSchedule.STATIC) {
        String level = t == x ? "x" : "y, z";
        throw new InvalidConfigException(prefix + "compression = " + SectionReader.spelling(kind) + " needs a"
            + " static graph, but the " + level + " graph has link-failure = " + SectionReader.fmt(t.linkFailure())
            + " and schedule = " + SectionReader.spelling(t.schedule()) + " (compressed mixing keeps sum_j w_ij"
            + " xhat_j as a running sum, exact only for a fixed W; docs/compression.md); allowed: compression ="
            + " none, or link-failure = 0 and schedule = static");
      }
    }
  }

  /** Appended to a default label: "", "+top-k(0.1)", "+8-bit", "+top-k(0.1),no-ef". */
  String labelSuffix() {
    if (kind == Kind.NONE) return "";
    String c = switch (kind) {
      case TOP_K, RANDOM_K -> SectionReader.spelling(kind) + "(" + SectionReader.fmt(fraction) + ")";
      default -> bits + "-bit";
    };
    return "+" + c + (errorFeedback ? "" : ",no-ef");
  }

  void writeKeys(Map<String, Object> out) {
    out.put("compression", SectionReader.spelling(kind));
    out.put("compression-k", fraction);
    out.put("compression-bits", bits);
    out.put("error-feedback", errorFeedback);
    out.put("consensus-step", consensusStep == ChocoMixing.AUTO ? "auto" : consensusStep);
  }
}
