package dbo.job.config;

import dbo.algorithm.StepSizes;
import dbo.problem.ProblemSpec;
import java.util.function.BooleanSupplier;

/**
 * What building one {@code algorithms} entry needs besides its settings.
 *
 * @param at         the entry's prefix in messages, e.g. {@code algorithms[2].}
 * @param label      the entry's label (its own or the default)
 * @param steps      the step sizes, already scaled by the smoothness when {@code scale-by-smoothness} is on
 * @param batch      samples per oracle call; 0 = the whole shard
 * @param problem    the problem it runs on
 * @param smoothness the problem's smoothness estimate L
 * @param seed       the master seed
 * @param cheapFrozenOperators whether the problem's shards freeze H and J cheaply (S3LDBO's operator
 *     snapshots); asked only when needed, since answering builds a shard
 */
public record AlgorithmContext(String at, String label, StepSizes steps, int batch, ProblemSpec problem,
    double smoothness, long seed, BooleanSupplier cheapFrozenOperators) {}
