package dbo.runtime;

import dbo.algorithm.OracleCounts;
import dbo.linalg.Vectors;
import java.io.Serializable;
import java.util.List;

/**
 * Everything a logged iteration needs from the agents, reduced over them: O(dim) numbers however many agents
 * there are. Both runners build it with {@link #of}, which sums over the agents in agent order, so the bits
 * do not depend on the runner; the Spark runner calls it on an executor, so the driver receives this and
 * not one report per agent.
 *
 * @param xbar the mean of the agents' x
 * @param ybar the mean of the agents' y
 * @param consensus sum_i ||x_i - xbar||^2
 * @param consensusY sum_i ||y_i - ybar||^2
 * @param consensusZ sum_i ||z_i - zbar||^2 (0 for methods without z)
 * @param estimation sum_i ||x_i - x*||^2, NaN when x* is unknown
 * @param hypergradNorm the norm of the mean hypergradient estimate
 * @param totals oracle calls summed over the agents
 * @param refreshes snapshot refreshes summed over the agents
 * @param finite whether every agent's vectors are finite
 * @param xNormSq sum_i ||x_i||^2
 */
public record Summary(int agents, double[] xbar, double[] ybar, double consensus, double consensusY,
    double consensusZ, double estimation, double hypergradNorm, OracleCounts totals, long refreshes,
    boolean finite, double xNormSq) implements Serializable {

  /**
   * The summary of {@code reports}, which must be in agent order.
   *
   * @param solution x* or null
   */
  public static Summary of(List<AgentReport> reports, double[] solution, int dimX, int dimY) {
    int n = reports.size();
    double[] xSum = new double[dimX];
    double[] ySum = new double[dimY];
    double[] uSum = new double[dimX];
    double[] zSum = new double[dimY];
    OracleCounts totals = new OracleCounts();
    long refreshes = 0;
    boolean finite = true;
    double xNormSq = 0;
    for (int i = 0; i < n; i++) {
      AgentReport r = reports.get(i);
      if (r.agent() != i) throw new IllegalArgumentException("report " + i + " is agent " + r.agent());
      Vectors.addScaledInPlace(xSum, 1.0, r.x());
      Vectors.addScaledInPlace(ySum, 1.0, r.y());
      Vectors.addScaledInPlace(uSum, 1.0, r.hypergradient());
      if (r.z() != null) Vectors.addScaledInPlace(zSum, 1.0, r.z());
      totals.add(r.counts());
      refreshes += r.refreshes();
      finite &= r.finite();
      xNormSq += Vectors.normSquared(r.x());
    }
    double[] xbar = Vectors.scale(1.0 / n, xSum);
    double[] ybar = Vectors.scale(1.0 / n, ySum);
    double[] zbar = Vectors.scale(1.0 / n, zSum);
    double consensus = 0;
    double consensusY = 0;
    double consensusZ = 0;
    double estimation = solution != null ? 0 : Double.NaN;
    for (AgentReport r : reports) {
      consensus += Vectors.distanceSquared(r.x(), xbar);
      consensusY += Vectors.distanceSquared(r.y(), ybar);
      if (r.z() != null) consensusZ += Vectors.distanceSquared(r.z(), zbar);
      if (solution != null) estimation += Vectors.distanceSquared(r.x(), solution);
    }
    double hypergradNorm = Vectors.norm(Vectors.scale(1.0 / n, uSum));
    return new Summary(n, xbar, ybar, consensus, consensusY, consensusZ, estimation, hypergradNorm, totals,
        refreshes, finite, xNormSq);
  }
}
