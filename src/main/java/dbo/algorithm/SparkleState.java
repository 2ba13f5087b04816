package dbo.algorithm;

import java.util.ArrayList;
import java.util.List;

/**
 * One agent's SPARKLE (and D-SOBA) state (ALGORITHMS.md section 6): the template variables of x, y and z
 * (each its iterate, its dual and GT's vectors between rounds, {@link PrimalDualVariable}); the
 * directions v, p, u last evaluated at (x, y, z); and the moving average m of the hypergradient.
 */
public record SparkleState(int agent, PrimalDualVariable xVar, PrimalDualVariable yVar,
    PrimalDualVariable zVar, double[] v, double[] p, double[] u, double[] m, OracleCounts counts,
    long refreshes) implements AgentState {
  private static final long serialVersionUID = 1L;

  @Override
  public double[] x() {
    return xVar.s();
  }

  @Override
  public double[] y() {
    return yVar.s();
  }

  @Override
  public double[] z() {
    return zVar.s();
  }

  @Override
  public double[] hypergradient() {
    return u;
  }

  @Override
  public List<double[]> vectors() {
    List<double[]> out = new ArrayList<>();
    out.addAll(xVar.vectors());
    out.addAll(yVar.vectors());
    out.addAll(zVar.vectors());
    out.addAll(List.of(v, p, u, m));
    return List.copyOf(out);
  }
}
