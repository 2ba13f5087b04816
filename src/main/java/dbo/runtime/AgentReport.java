package dbo.runtime;

import dbo.algorithm.AgentState;
import dbo.algorithm.OracleCounts;
import dbo.linalg.Vectors;
import java.io.Serializable;

/** The small per-agent summary that travels to the driver at a logged iteration. */
public record AgentReport(int agent, double[] x, double[] y, double[] hypergradient, OracleCounts counts,
    long refreshes, boolean finite) implements Serializable {

  public static AgentReport of(AgentState s) {
    boolean finite = true;
    for (double[] v : s.vectors().values()) finite &= Vectors.isFinite(v);
    return new AgentReport(s.agent(), s.get(AgentState.X), s.get(AgentState.Y),
        s.get(AgentState.HYPERGRADIENT), s.counts().copy(), s.refreshes(), finite);
  }
}
