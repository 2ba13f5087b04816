package dbo.job;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.Sldbo;
import dbo.algorithm.SnapshotSldbo;
import dbo.algorithm.SnapshotMode;
import dbo.algorithm.StepSizes;
import dbo.job.config.AlgorithmConfig;
import dbo.job.config.ExperimentConfig;
import dbo.job.config.ProblemConfig;
import dbo.job.config.TopologyConfig;
import dbo.problem.HyperparameterShape;
import dbo.problem.LogisticHpoProblem;
import dbo.problem.ProblemSpec;
import dbo.problem.QuadraticProblem;
import dbo.runtime.LoopSettings;
import dbo.runtime.MixingPlan;
import dbo.topology.MixingMatrix;
import dbo.topology.TopologySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated experiment, ready to run: the problem, the mixing plan and the algorithms built from a
 * configuration. Building it is where every cross-key check happens, before any output is written;
 * a problem is reported as a {@link BadInputException}.
 */
public record Experiment(ExperimentConfig config, ProblemSpec problem, MixingPlan plan,
    List<AgentAlgorithm> algorithms, LoopSettings loop) {

  public static Experiment of(ExperimentConfig c) {
    try {
      ProblemSpec problem = problem(c.problem(), c.seed());
      MixingMatrix wx = topology(c.topologyX(), c.problem().agents(), c.seed()).build();
      MixingMatrix wyz = c.topologyYz().equals(c.topologyX()) ? wx
          : topology(c.topologyYz(), c.problem().agents(), c.seed()).build();
      MixingPlan plan = new MixingPlan(wx, wyz);
      List<AgentAlgorithm> algorithms = new ArrayList<>();
      for (int i = 0; i < c.algorithms().size(); i++) {
        algorithms.add(algorithm(c.algorithms().get(i), i, problem, c.seed()));
      }
      LoopSettings loop = new LoopSettings(c.run().iterations(), c.run().logEvery(), c.run().tolerance(),
          c.run().divergenceThreshold(), c.run().progressSeconds());
      return new Experiment(c, problem, plan, List.copyOf(algorithms), loop);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  static ProblemSpec problem(ProblemConfig p, long seed) {
    return switch (p.type()) {
      case "quadratic" -> new QuadraticProblem(p.agents(), p.quadratic().dimX(), p.quadratic().dimY(),
          p.quadratic().rho(), p.quadratic().mu(), p.quadratic().samples(), p.heterogeneity(),
          p.unequalShards(), seed);
      case "logistic" -> new LogisticHpoProblem(p.agents(), p.logistic().features(), p.logistic().classes(),
          HyperparameterShape.fromConfig("problem.logistic.hyperparameters", p.logistic().hyperparameters()),
          p.logistic().train(), p.logistic().validation(), p.logistic().test(), p.heterogeneity(),
          p.unequalShards(), seed, p.logistic().initialLambda());
      default -> throw new IllegalArgumentException("problem.type = \"" + p.type()
          + "\" is not a problem; allowed: quadratic, logistic");
    };
  }

  static TopologySpec topology(TopologyConfig t, int agents, long seed) {
    return new TopologySpec(t.type(), agents, t.rows(), t.cols(), t.ringMix(), t.edgeProbability(), seed,
        t.edgeList(), t.lazy());
  }

  static AgentAlgorithm algorithm(AlgorithmConfig a, int index, ProblemSpec problem, long seed) {
    double scale = a.scaleBySmoothness() ? 1.0 / problem.smoothness() : 1.0;
    StepSizes steps = new StepSizes(a.alpha() * scale, a.beta() * scale, a.gamma() * scale, a.zRadius());
    return switch (a.type()) {
      case "sldbo" -> new Sldbo(a.label(), steps);
      case "s3ldbo" -> {
        if (a.snapshot() == SnapshotMode.OPERATORS
            && problem.build(0).freeze(problem.initialX(), problem.initialY()) == null) {
          throw new IllegalArgumentException("algorithms[" + index + "].snapshot = operators needs a problem"
              + " with cheap frozen operators (quadratic), not " + problem.name() + "; use snapshot = outputs");
        }
        yield new SnapshotSldbo(a.label(), steps, a.refresh(), a.p(), a.tau(), a.stagger(), a.snapshot(), seed);
      }
      default -> throw new IllegalArgumentException("algorithms[" + index + "].type = \"" + a.type()
          + "\" is not an algorithm; allowed: sldbo, s3ldbo");
    };
  }
}
