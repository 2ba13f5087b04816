package dbo.runtime;

import java.io.Serializable;

/**
 * One message on one directed edge: the sender, the receiver's weights w_ij on each level, and the parts
 * of the sender's message that travel on that level's graph (null where the edge is not in that graph).
 */
public record Envelope(int sender, double upperWeight, double lowerWeight, double[] upper, double[] lower)
    implements Serializable {}
