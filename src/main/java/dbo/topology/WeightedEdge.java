package dbo.topology;

import java.io.Serializable;

/** An undirected edge i-j with mixing weight w_ij = w_ji = {@code weight} (0-based agent ids, i != j). */
public record WeightedEdge(int i, int j, double weight) implements Serializable {}
