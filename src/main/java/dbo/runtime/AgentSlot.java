package dbo.runtime;

import dbo.algorithm.AgentState;
import dbo.algorithm.Message;
import java.io.Serializable;

/**
 * What the Spark runner keeps for one agent after a mixing round: its state and the message it sends in the
 * next round (computed in the same task, so neighbours read it instead of recomputing it).
 */
record AgentSlot(AgentState state, Message outgoing) implements Serializable {}
