package dbo.job.config;

import dbo.problem.ProblemSpec;
import dbo.problem.QuadraticProblem;

/**
 * Section {@code problem.quadratic}: the synthetic quadratic bilevel problem (ALGORITHMS.md section 8),
 * g_i = 0.5 y'H_i y - y'(B_i x + c_i), f_i = 0.5||y - d_i||^2 + 0.5 rho ||x||^2.
 *
 * @param dimX    {@code dim-x}, dimension of x; default 10; {@code >= 1}
 * @param dimY    {@code dim-y}, dimension of y and z; default 20; {@code >= 1}
 * @param rho     upper-level ridge weight; default 0.1; {@code >= 0}
 * @param mu      lower bound on the eigenvalues of every H_i; default 1.0; {@code > 0}
 * @param samples samples per agent from which the agent's data are built; default 50; {@code >= 1}
 */
public record QuadraticSettings(int dimX, int dimY, double rho, double mu, int samples) implements ProblemSettings {

  static QuadraticSettings read(SectionReader r) {
    return new QuadraticSettings(r.intAtLeast("dim-x", 1), r.intAtLeast("dim-y", 1), r.nonNegative("rho"),
        r.positive("mu"), r.intAtLeast("samples", 1));
  }

  @Override
  public ProblemSpec build(ProblemConfig p, long seed) {
    return new QuadraticProblem(p.agents(), dimX, dimY, rho, mu, samples, p.heterogeneity(), p.unequalShards(),
        seed);
  }
}
