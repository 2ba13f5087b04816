package dbo.algorithm.compression;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.AgentState;
import dbo.algorithm.Message;
import dbo.linalg.Vectors;
import dbo.problem.LocalProblem;
import dbo.random.RandomStreams;
import java.util.SplittableRandom;

/**
 * Any method of this package with compressed messages, CHOCO-gossip style (Koloskova, Stich, Jaggi,
 * ICML 2019; docs/ALGORITHMS.md, "Compressed messages"). In round r, agent i with public copy xhat_i of
 * its message and aggregate a_i = sum_j w_ij xhat_j sends q_i = C(m_i - xhat_i), one compressor call per
 * mixed vector (blocks of dim x in the upper part, of dim y in the lower part); the runner mixes the q's
 * as usual; then
 *
 * <pre>
 *   xhat_i += q_i;   a_i += sum_j w_ij q_j;   the method sees  m_i + gamma (a_i - xhat_i)  in place of (W m)_i
 * </pre>
 *
 * which is (W m)_i exactly when C is the identity and gamma = 1, and in general sums over the agents to
 * sum_i m_i (W doubly stochastic): the mean of every mixed vector is kept, so tracking stays exact. With
 * {@code errorFeedback} off there are no public copies: q_i = C(m_i), xhat_i = q_i and a_i = sum_j w_ij
 * q_j each round (the ablation that shows what the copies are for). The runtime is untouched: it mixes
 * the q's as it would the messages. {@link Identity} sends the messages themselves and keeps no copies,
 * so it is the wrapped method bit for bit.
 *
 * @param <S> the wrapped method's state
 */
public final class ChocoMixing<S extends AgentState> implements AgentAlgorithm<CompressedState<S>> {
  private static final long serialVersionUID = 1L;
  /** The consensus step that follows the compressor: gamma = delta (Koloskova et al. take gamma of order delta). */
  public static final double AUTO = 0.0;

  private final AgentAlgorithm<S> inner;
  private final Compressor compressor;
  private final boolean errorFeedback;
  private final double consensusStep;
  private final long seed;

  /**
   * @param compressor    C, applied to each mixed vector
   * @param errorFeedback keep public copies (CHOCO); false = compress the messages themselves
   * @param consensusStep gamma, in (0, 1]; or {@link #AUTO}: per part, the compressor's delta for the part's
   *                      vectors (the fraction of entries a sparsifier sends, 1 for the quantizer)
   * @param seed          master seed of the compressors' streams
   */
  public ChocoMixing(AgentAlgorithm<S> inner, Compressor compressor, boolean errorFeedback, double consensusStep,
      long seed) {
    if (!(consensusStep == AUTO || consensusStep > 0 && consensusStep <= 1)) {
      throw new IllegalArgumentException("consensus step " + consensusStep
          + " is out of range; allowed: 0 < gamma <= 1");
    }
    this.inner = inner;
    this.compressor = compressor;
    this.errorFeedback = errorFeedback;
    this.consensusStep = consensusStep;
    this.seed = seed;
  }

  /** {@code inner} with compressed messages (a wildcard-typed convenience for builders). */
  public static AgentAlgorithm<?> wrap(AgentAlgorithm<?> inner, Compressor compressor, boolean errorFeedback,
      double consensusStep, long seed) {
    return new ChocoMixing<>(inner, compressor, errorFeedback, consensusStep, seed);
  }

  public AgentAlgorithm<S> inner() {
    return inner;
  }

  public Compressor compressor() {
    return compressor;
  }

  @Override
  public String label() {
    return inner.label();
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Class<CompressedState<S>> stateType() {
    return (Class) CompressedState.class;
  }

  @Override
  public CompressedState<S> restored(AgentState saved) {
    CompressedState<S> s = AgentAlgorithm.super.restored(saved);
    inner.restored(s.inner());
    return s;
  }

  @Override
  public int rounds() {
    return inner.rounds();
  }

  @Override
  public CompressedState<S> initialize(int agent, LocalProblem problem, double[] x0, double[] y0) {
    S s = inner.initialize(agent, problem, x0, y0);
    int n = exact() ? 0 : rounds();
    double[][] pu = new double[n][];
    double[][] pl = new double[n][];
    double[][] au = new double[n][];
    double[][] al = new double[n][];
    for (int r = 0; r < n; r++) {
      int[] len = inner.messageLengths(r, x0.length, y0.length);
      pu[r] = new double[len[0]];
      pl[r] = new double[len[1]];
      au[r] = new double[len[0]];
      al[r] = new double[len[1]];
    }
    return new CompressedState<>(s, pu, pl, au, al, 0);
  }

  @Override
  public Message message(CompressedState<S> st, int round) {
    Message m = inner.message(st.inner(), round);
    return exact() ? m : sent(st, round, m);
  }

  @Override
  public CompressedState<S> update(CompressedState<S> st, int round, Message mixed, LocalProblem problem,
      long iteration) {
    if (exact()) {
      return new CompressedState<>(inner.update(st.inner(), round, mixed, problem, iteration), st.publicUpper(),
          st.publicLower(), st.aggregateUpper(), st.aggregateLower(), st.messages() + 1);
    }
    Message m = inner.message(st.inner(), round);
    Message q = sent(st, round, m);
    double[] pu = errorFeedback ? Vectors.add(st.publicUpper()[round], q.upper()) : q.upper();
    double[] pl = errorFeedback ? Vectors.add(st.publicLower()[round], q.lower()) : q.lower();
    double[] au = errorFeedback ? Vectors.add(st.aggregateUpper()[round], mixed.upper()) : mixed.upper();
    double[] al = errorFeedback ? Vectors.add(st.aggregateLower()[round], mixed.lower()) : mixed.lower();
    Message seen = new Message(Vectors.axpy(m.upper(), step(pu.length, st.x().length), Vectors.sub(au, pu)),
        Vectors.axpy(m.lower(), step(pl.length, st.y().length), Vectors.sub(al, pl)));
    S next = inner.update(st.inner(), round, seen, problem, iteration);
    return new CompressedState<>(next, with(st.publicUpper(), round, pu), with(st.publicLower(), round, pl),
        with(st.aggregateUpper(), round, au), with(st.aggregateLower(), round, al), st.messages() + 1);
  }

  @Override
  public int[] messageLengths(int round, int dimX, int dimY) {
    return inner.messageLengths(round, dimX, dimY);
  }

  @Override
  public long[] floatsPerMessage(int round, int dimX, int dimY) {
    int[] len = messageLengths(round, dimX, dimY);
    return new long[] {
        perBlock(len[0], dimX, true), perBlock(len[1], dimY, true)};
  }

  @Override
  public long[] bytesPerMessage(int round, int dimX, int dimY) {
    int[] len = messageLengths(round, dimX, dimY);
    return new long[] {perBlock(len[0], dimX, false), perBlock(len[1], dimY, false)};
  }

  private long perBlock(int length, int block, boolean floats) {
    int b = blockLength(length, block);
    if (b == 0) return 0;
    long per = floats ? compressor.floats(b) : compressor.bytes(b);
    return (length / b) * per;
  }

  /** The mixed vectors of a part are its consecutive blocks of {@code block}; else the part is one vector. */
  private static int blockLength(int length, int block) {
    return block > 0 && length % block == 0 ? block : length;
  }

  /** gamma for a part of {@code length} made of vectors of {@code block}. */
  double step(int length, int block) {
    return consensusStep != AUTO ? consensusStep : compressor.delta(blockLength(length, block));
  }

  private boolean exact() {
    return compressor instanceof Identity;
  }

  /** q = C(m - xhat) (or C(m) without error feedback), upper part first, from the message's own stream. */
  private Message sent(CompressedState<S> st, int round, Message m) {
    SplittableRandom random = RandomStreams.of(seed, st.agent(), RandomStreams.COMPRESSION, st.messages());
    double[] du = errorFeedback ? Vectors.sub(m.upper(), st.publicUpper()[round]) : m.upper();
    double[] dl = errorFeedback ? Vectors.sub(m.lower(), st.publicLower()[round]) : m.lower();
    return new Message(compress(du, st.x().length, random), compress(dl, st.y().length, random));
  }

  private double[] compress(double[] part, int block, SplittableRandom random) {
    int b = blockLength(part.length, block);
    double[] out = new double[part.length];
    for (int from = 0; from < part.length; from += b) {
      System.arraycopy(compressor.compress(Vectors.slice(part, from, b), random), 0, out, from, b);
    }
    return out;
  }

  private static double[][] with(double[][] rows, int index, double[] row) {
    double[][] out = rows.clone();
    out[index] = row;
    return out;
  }

  @Override
  public String toString() {
    return inner + " with " + compressor.describe() + " messages (CHOCO, error feedback "
        + (errorFeedback ? "on" : "off") + ", consensus step " + (consensusStep == AUTO ? "auto" : consensusStep)
        + ", seed " + seed + ")";
  }
}
