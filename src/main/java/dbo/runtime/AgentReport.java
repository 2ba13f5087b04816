package dbo.runtime;

import dbo.algorithm.AgentState;
import dbo.algorithm.OracleCounts;
import java.io.Serializable;

/** The small per-agent summary that travels to the driver at a logged iteration. */
public record AgentReport(int agent, double[] x, double[] y, double[] hypergradient, OracleCounts counts,
    long refreshes, boolean finite) implements Serializable {

  public static AgentReport of(AgentState s) {
    return new AgentReport(s.agent(), s.x(), s.y(), s.hypergradient(), s.counts().copy(), s.refreshes(),
        s.allFinite());
  }
}
