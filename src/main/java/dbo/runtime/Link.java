package dbo.runtime;

import java.io.Serializable;

/**
 * One entry of the sparse adjacency: a link to {@code neighbour} with the receiving agent's weights on the x graph
 * and on the y, z graph (0 where the edge is absent from that graph). Self links carry w_ii.
 */
public record Link(int neighbour, double upperWeight, double lowerWeight) implements Serializable {}
