package dbo.job.config;

import dbo.topology.GraphSchedule;
import dbo.topology.TopologyKind;

/**
 * Section {@code topology}: the communication graph and its mixing matrix (ALGORITHMS.md section 2).
 *
 * @param type            graph kind; default {@link TopologyKind#RING}
 * @param rows            torus rows; default 0 = derive from {@code problem.agents}; {@code >= 0}
 * @param cols            torus columns; default 0 = derive; {@code >= 0}. When both are given,
 *                        rows x cols equals the number of agents (checked on load)
 * @param ringMix         {@code ring-mix}, a in (1 - a) I + a W_ring for adjusted-ring; default 0.5; in (0, 1]
 * @param edgeProbability {@code edge-probability} for erdos-renyi; default 0.3; in (0, 1]
 * @param edgeList        {@code edge-list}, path of the edge file; default ""; non-empty when type is edge-list
 * @param lazy            use (W + I) / 2; default false
 * @param linkFailure     {@code link-failure}, probability q that a link fails in an iteration; default 0;
 *                        in [0, 1) (ALGORITHMS.md section 11)
 * @param schedule        {@code schedule}, which subgraph is used at each iteration; default static
 */
public record TopologyConfig(TopologyKind type, int rows, int cols, double ringMix, double edgeProbability,
    String edgeList, boolean lazy, double linkFailure, GraphSchedule schedule) {

  /** Reliable links, static schedule. */
  public TopologyConfig(TopologyKind type, int rows, int cols, double ringMix, double edgeProbability,
                        String edgeList, boolean lazy) {
    this(type, rows, cols, ringMix, edgeProbability, edgeList, lazy, 0.0, GraphSchedule.STATIC);
  }
}
