package dbo.job.config;

import dbo.algorithm.RefreshRule;
import dbo.algorithm.SnapshotMode;
import dbo.algorithm.Strategy;

/**
 * One entry of {@code algorithms}, completed from {@code algorithm-defaults} (ALGORITHMS.md sections 4, 5).
 * Keys that an algorithm does not use (e.g. {@code p} for SLDBO) are carried but ignored.
 *
 * @param type              one of {@link ConfigLoader#ALGORITHM_TYPES}
 * @param label             unique name in tables and plots; default "SLDBO", "S3LDBO(p=0.2)",
 *                          "S3LDBO(p=0.2,shared)" or "S3LDBO(tau=5)"
 * @param alpha             x step; default 0.01; {@code > 0}
 * @param beta              y step; default 0.1; {@code > 0}
 * @param gamma             z step; default 0.1; {@code > 0}
 * @param scaleBySmoothness {@code scale-by-smoothness}: divide the steps by the problem's smoothness
 *                          estimate L; default true
 * @param zRadius           {@code z-radius}, radius of the z projection; default +infinity (no projection); {@code > 0}
 * @param refresh           S3LDBO snapshot refresh rule; default {@link RefreshRule#BERNOULLI}
 * @param p                 refresh probability (bernoulli, shared-coin); default 0.2; in (0, 1]
 * @param tau               refresh period (periodic); default 5; {@code >= 1}
 * @param stagger           periodic: different refresh phases per agent; default true
 * @param snapshot          what a snapshot stores; default {@link SnapshotMode#OUTPUTS}
 * @param theta             moving-average weight of the hypergradient (SPARKLE, D-SOBA, MDBO, MA-DSBO-GT);
 *                          default 0.5; in (0, 1], 1 = no averaging
 * @param xStrategy         {@code x-strategy} of type sparkle; default GT
 * @param yzStrategy        {@code yz-strategy} of type sparkle; default GT
 * @param delta             finite-difference step of d-soba-fo; default 1e-5; {@code > 0}
 * @param innerYSteps       {@code inner-y-steps} T of MA-DSBO-GT; default 5; {@code >= 1}
 * @param innerZSteps       {@code inner-z-steps} N of MA-DSBO-GT; default 5; {@code >= 1}
 * @param neumannTerms      {@code neumann-terms} K of MDBO; default 10; {@code >= 0}
 * @param batch             samples per oracle call; default 0 = the whole shard; {@code >= 0}
 * @param lazyCorrections   {@code lazy-corrections}: mix with (W + I)/2 on a level whose strategy is EXTRA
 *                          or ED; default true
 */
public record AlgorithmConfig(String type, String label, double alpha, double beta, double gamma,
    boolean scaleBySmoothness, double zRadius, RefreshRule refresh, double p, int tau, boolean stagger,
    SnapshotMode snapshot, double theta, Strategy xStrategy, Strategy yzStrategy, double delta, int innerYSteps,
    int innerZSteps, int neumannTerms, int batch, boolean lazyCorrections) {}
