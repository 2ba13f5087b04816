package dbo.job.run;

import dbo.problem.ProblemSpec;
import dbo.runtime.Engine;
import dbo.runtime.InProcessEngine;
import dbo.runtime.MixingPlan;
import dbo.runtime.SparkEngine;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One engine per mixing plan of an experiment, built on first use and closed together: algorithms that
 * mix with the same weights share an engine and its cached shards.
 */
public final class EnginePool implements AutoCloseable {
  private final ProblemSpec problem;
  private final JavaSparkContext jsc;
  private final int checkpointEvery;
  private final Map<MixingPlan, Engine> engines = new IdentityHashMap<>();

  /** @param jsc the Spark context for Spark engines, or null for in-process engines */
  public EnginePool(ProblemSpec problem, JavaSparkContext jsc, int checkpointEvery) {
    this.problem = problem;
    this.jsc = jsc;
    this.checkpointEvery = checkpointEvery;
  }

  public Engine engine(MixingPlan plan) {
    return engines.computeIfAbsent(plan, p -> jsc == null ? new InProcessEngine(problem, p)
        : new SparkEngine(jsc, problem, p, checkpointEvery));
  }

  @Override
  public void close() {
    for (Engine e : engines.values()) e.close();
    engines.clear();
  }
}
