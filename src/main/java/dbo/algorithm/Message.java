package dbo.algorithm;

import java.io.Serializable;

/**
 * What one agent sends its neighbours in one mixing round: the upper-level part travels on the x graph,
 * the lower-level part (y, z and their trackers) on the y, z graph. After mixing, a message holds the
 * weighted sums sum_j w_ij m_j of each part. Either part may be empty.
 */
public record Message(double[] upper, double[] lower) implements Serializable {}
