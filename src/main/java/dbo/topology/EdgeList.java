package dbo.topology;

import java.io.Serializable;
import java.util.List;

/**
 * A user-supplied edge list as read by {@link Graphs#edgeList}: the graph, and the edges in file order.
 * When {@code weighted} is false every weight is NaN and the mixing weights come from Metropolis-Hastings;
 * when true they are the w_ij given in the file.
 */
public record EdgeList(Graph graph, List<WeightedEdge> edges, boolean weighted) implements Serializable {
  public EdgeList {
    edges = List.copyOf(edges);
  }
}
