package dbo.algorithm.compression;

import dbo.algorithm.AgentState;
import dbo.algorithm.OracleCounts;
import java.util.ArrayList;
import java.util.List;

/**
 * One agent's state under {@link ChocoMixing}: the wrapped method's state, and per mixing round r of an
 * iteration the agent's public copy xhat_r of what it sends in round r and the running aggregate
 * a_r = sum_j w_ij xhat_{j,r} of its neighbours' public copies (upper part on the x graph, lower part on
 * the y, z graph). {@code messages} counts the rounds done; it keys the compressors' random streams.
 * Everything the runtime asks of a state is the wrapped state's.
 */
public record CompressedState<S extends AgentState>(S inner, double[][] publicUpper, double[][] publicLower,
    double[][] aggregateUpper, double[][] aggregateLower, long messages) implements AgentState {
  private static final long serialVersionUID = 1L;

  @Override
  public int agent() {
    return inner.agent();
  }

  @Override
  public double[] x() {
    return inner.x();
  }

  @Override
  public double[] y() {
    return inner.y();
  }

  @Override
  public double[] z() {
    return inner.z();
  }

  @Override
  public double[] hypergradient() {
    return inner.hypergradient();
  }

  @Override
  public OracleCounts counts() {
    return inner.counts();
  }

  @Override
  public long refreshes() {
    return inner.refreshes();
  }

  @Override
  public List<double[]> vectors() {
    List<double[]> out = new ArrayList<>(inner.vectors());
    for (double[][] family : new double[][][] {publicUpper, publicLower, aggregateUpper, aggregateLower}) {
      out.addAll(List.of(family));
    }
    return List.copyOf(out);
  }
}
