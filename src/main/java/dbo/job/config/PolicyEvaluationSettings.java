package dbo.job.config;

import dbo.problem.PolicyEvaluationProblem;
import dbo.problem.ProblemSpec;

/**
 * Section {@code problem.policy-evaluation}: decentralized policy evaluation on a synthetic Markov chain
 * (ALGORITHMS.md, "Decentralized policy evaluation"); the agents' reward spread is {@code problem.heterogeneity}
 * (iid 0, mild 0.5, severe 2) and {@code problem.shard-sizes} scales the agents' sample counts.
 *
 * @param states      S, the chain's states; default 100; in [features, 2000]
 * @param features    D, features per state (the dimension of x and y); default 10; {@code >= 1}
 * @param gamma       discount; default 0.8; in [0, 1)
 * @param mu          ridge of the lower level; default 0.1; {@code > 0}
 * @param samples     training transitions per agent; default 200; {@code >= 1}
 * @param testSamples {@code test-samples}, held-out transitions per agent; default 1000; {@code >= 1}
 */
public record PolicyEvaluationSettings(int states, int features, double gamma, double mu, int samples,
    int testSamples) implements ProblemSettings {

  static PolicyEvaluationSettings read(SectionReader r) {
    int features = r.intAtLeast("features", 1);
    int states = r.intAtLeast("states", 1);
    if (states < features || states > PolicyEvaluationProblem.MAX_STATES) {
      throw r.outOfRange("states", "features <= states <= " + PolicyEvaluationProblem.MAX_STATES + " (features = "
          + features + "; fewer states than features leaves the features linearly dependent)");
    }
    double gamma = r.doubleValue("gamma");
    if (!(gamma >= 0.0 && gamma < 1.0)) {
      throw r.outOfRange("gamma", "0 <= gamma < 1 (a discount of 1 or more has no fixed point)");
    }
    return new PolicyEvaluationSettings(states, features, gamma, r.positive("mu"), r.intAtLeast("samples", 1),
        r.intAtLeast("test-samples", 1));
  }

  @Override
  public ProblemSpec build(ProblemConfig p, long seed) {
    return new PolicyEvaluationProblem(p.agents(), states, features, gamma, mu, samples, testSamples,
        p.heterogeneity(), p.unequalShards(), seed);
  }
}
