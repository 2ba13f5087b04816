package dbo.data;

import dbo.random.RandomStreams;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The Markov chain of decentralized policy evaluation (ALGORITHMS.md, "Decentralized policy evaluation"):
 * a fixed policy's chain on S states with a seeded random row-stochastic transition matrix P (entries
 * uniform on (0, 1), each row normalized), its stationary distribution d, features phi(s) in R^D (standard
 * normal entries) and the team's mean reward r_bar(s) (standard normal). Everything is a pure function of
 * (seed, S, D), drawn from the shared streams (seed, SHARED, DATA, 0..2), so every process that builds a
 * shard regenerates the same bits. Agents' reward deviations and sampled transitions come from their own
 * streams ({@link #rewards}, {@link #sample}).
 */
public final class SyntheticMarkovChain implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Power iterations for d stop when the L1 change is below this (or after {@link #MAX_POWER_STEPS}). */
  private static final double STATIONARY_TOLERANCE = 1e-15;
  private static final int MAX_POWER_STEPS = 100_000;

  private final int states;
  private final int features;
  /** P row by row: entry (s, s') at s * S + s'. */
  private final double[] transition;
  /** Row-wise cumulative sums of P, for sampling s' ~ P(s, .). */
  private final double[] cumulative;
  private final double[] stationary;
  private final double[] stationaryCumulative;
  /** Phi, (S x D) column-major: phi(s)_j at s + j * S. */
  private final double[] phi;
  private final double[] meanReward;

  public SyntheticMarkovChain(long seed, int states, int features) {
    if (states < 1 || features < 1 || features > states) {
      throw new IllegalArgumentException("need 1 <= features <= states, got states = " + states
          + ", features = " + features);
    }
    this.states = states;
    this.features = features;
    SplittableRandom chain = RandomStreams.of(seed, RandomStreams.SHARED, RandomStreams.DATA, 0);
    transition = new double[states * states];
    cumulative = new double[states * states];
    for (int s = 0; s < states; s++) {
      double sum = 0;
      for (int t = 0; t < states; t++) {
        // 1 - U lies in (0, 1]: every transition has positive probability, so the chain is ergodic.
        double w = 1.0 - chain.nextDouble();
        transition[s * states + t] = w;
        sum += w;
      }
      double acc = 0;
      for (int t = 0; t < states; t++) {
        transition[s * states + t] /= sum;
        acc += transition[s * states + t];
        cumulative[s * states + t] = acc;
      }
    }
    stationary = stationary(transition, states);
    stationaryCumulative = new double[states];
    double acc = 0;
    for (int s = 0; s < states; s++) {
      acc += stationary[s];
      stationaryCumulative[s] = acc;
    }
    SplittableRandom feat = RandomStreams.of(seed, RandomStreams.SHARED, RandomStreams.DATA, 1);
    phi = new double[states * features];
    for (int i = 0; i < phi.length; i++) phi[i] = feat.nextGaussian();
    SplittableRandom rew = RandomStreams.of(seed, RandomStreams.SHARED, RandomStreams.DATA, 2);
    meanReward = new double[states];
    for (int s = 0; s < states; s++) meanReward[s] = rew.nextGaussian();
  }

  /** d with d'P = d', sum d = 1: power iteration from the uniform distribution (P > 0 entrywise). */
  private static double[] stationary(double[] p, int n) {
    double[] d = new double[n];
    java.util.Arrays.fill(d, 1.0 / n);
    for (int step = 0; step < MAX_POWER_STEPS; step++) {
      double[] next = new double[n];
      for (int s = 0; s < n; s++) {
        double ds = d[s];
        for (int t = 0; t < n; t++) next[t] += ds * p[s * n + t];
      }
      double sum = 0;
      for (double v : next) sum += v;
      double change = 0;
      for (int t = 0; t < n; t++) {
        next[t] /= sum;
        change += Math.abs(next[t] - d[t]);
      }
      d = next;
      if (change <= STATIONARY_TOLERANCE) break;
    }
    return d;
  }

  public int states() {
    return states;
  }

  public int features() {
    return features;
  }

  /** P(s, t). */
  public double transition(int s, int t) {
    return transition[s * states + t];
  }

  /** The stationary distribution d (a copy). */
  public double[] stationary() {
    return stationary.clone();
  }

  /** Phi, (S x D) column-major (not copied; do not modify). */
  public double[] phi() {
    return phi;
  }

  /** r_bar, length S (a copy). */
  public double[] meanReward() {
    return meanReward.clone();
  }

  /**
   * Agent i's reward r_i = r_bar + spread (e_i - mean_j e_j), e_j(s) standard normal from the stream
   * (seed, j, HETEROGENEITY): the deviations are centered over the agents, so the mean of the agents'
   * rewards is r_bar (to rounding) whatever the spread.
   */
  public double[] rewards(long seed, int agent, int agents, double spread) {
    double[] r = meanReward.clone();
    if (spread == 0.0) return r;
    double[] mean = new double[states];
    double[] own = null;
    for (int j = 0; j < agents; j++) {
      double[] e = deviation(seed, j);
      for (int s = 0; s < states; s++) mean[s] += e[s] / agents;
      if (j == agent) own = e;
    }
    for (int s = 0; s < states; s++) r[s] += spread * (own[s] - mean[s]);
    return r;
  }

  private double[] deviation(long seed, int agent) {
    SplittableRandom rng = RandomStreams.of(seed, agent, RandomStreams.HETEROGENEITY);
    double[] e = new double[states];
    for (int s = 0; s < states; s++) e[s] = rng.nextGaussian();
    return e;
  }

  /** {@code count} transitions (s, s'), s ~ d and s' ~ P(s, .), independent, from {@code rng}. */
  public Transitions sample(SplittableRandom rng, int count) {
    int[] from = new int[count];
    int[] to = new int[count];
    for (int k = 0; k < count; k++) {
      int s = draw(stationaryCumulative, 0, states, rng.nextDouble());
      from[k] = s;
      to[k] = draw(cumulative, s * states, states, rng.nextDouble());
    }
    return new Transitions(from, to);
  }

  /** The first index t in [0, n) with cum[offset + t] > u (the last one if rounding leaves none). */
  private static int draw(double[] cum, int offset, int n, double u) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cum[offset + mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Sampled transitions: from[k] -> to[k]. */
  public record Transitions(int[] from, int[] to) implements Serializable {
    public int size() {
      return from.length;
    }
  }
}
