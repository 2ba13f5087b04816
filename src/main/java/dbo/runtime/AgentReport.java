package dbo.runtime;

import dbo.algorithm.AgentState;
import dbo.algorithm.OracleCounts;
import java.io.Serializable;

/**
 * The small per-agent summary that travels to the driver at a logged iteration; z only feeds the
 * stationarity stopping measure (its consensus error), no metrics column.
 */
public record AgentReport(int agent, double[] x, double[] y, double[] z, double[] hypergradient,
    OracleCounts counts, long refreshes, boolean finite) implements Serializable {

  public static AgentReport of(AgentState s) {
    return new AgentReport(s.agent(), s.x(), s.y(), s.z(), s.hypergradient(), s.counts().copy(), s.refreshes(),
        s.allFinite());
  }
}
