package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.DMaml;
import dbo.algorithm.Sldbo;
import dbo.algorithm.StepSizes;
import dbo.data.ClassTables;
import dbo.problem.MetaLearningProblem;
import org.junit.jupiter.api.Test;

/**
 * Learning the representation pays: after a short SLDBO run on generated classes (whose means share a
 * low-dimensional subspace), the meta-test accuracy on 600 tasks from held-out classes, each head fitted
 * with the learned feature map frozen, is above the initial (random) feature map's by more than both 95%
 * intervals; so is decentralized first-order MAML's.
 */
class MetaLearningTrainingTest {
  static final MetaLearningProblem PROBLEM = new MetaLearningProblem(4,
      new ClassTables.Synthetic(24, 30, 20, 3, 2.0, 1.5, 17), 5, 2, 5, 4, 8, 10, 8, 0.002, 1.0, 600, 23);
  static final MixingPlan PLAN = Fixtures.ring(4);

  private static MetaLearningProblem.Accuracy trained(AgentAlgorithm<?> a, int iterations) {
    IterationLoop loop = new IterationLoop(PROBLEM, PLAN, Fixtures.loop(iterations, iterations), Fixtures.SILENT);
    try (Engine e = new InProcessEngine(PROBLEM, PLAN)) {
      loop.run(e, a);
      return PROBLEM.metaTest(e.summary(null).xbar());
    }
  }

  private static void assertBetter(MetaLearningProblem.Accuracy learned, MetaLearningProblem.Accuracy initial) {
    assertTrue(learned.mean() - learned.halfWidth() > initial.mean() + initial.halfWidth(),
        "learned " + learned + ", initial " + initial);
  }

  @Test
  void sldboLearnsAFeatureMapThatTransfersToNewClasses() {
    MetaLearningProblem.Accuracy initial = PROBLEM.metaTest(PROBLEM.initialX());
    assertBetter(trained(new Sldbo("SLDBO", new StepSizes(2.0, 3.0, 3.0, Double.POSITIVE_INFINITY)), 60), initial);
  }

  @Test
  void decentralizedMamlLearnsOneToo() {
    MetaLearningProblem.Accuracy initial = PROBLEM.metaTest(PROBLEM.initialX());
    assertBetter(trained(new DMaml("D-MAML", 1.0, 5, 0.5, PROBLEM.headDim()), 60), initial);
  }
}
