package dbo.runtime;

import dbo.algorithm.AgentAlgorithm;

/**
 * Receives a resume point after every iteration that is a multiple of its interval, with the engine
 * holding that iteration's states, so that a killed driver can continue (see {@link IterationLoop}).
 */
public interface Checkpointer {
  /** Iterations between two saves (>= 1). */
  int every();

  /** Saves the engine's states and {@code point} durably; called on the driver. */
  void save(Engine engine, AgentAlgorithm<?> algorithm, ResumePoint point);

  /** A checkpointer that saves nothing. */
  Checkpointer NONE = new Checkpointer() {
    @Override
    public int every() {
      return Integer.MAX_VALUE;
    }

    @Override
    public void save(Engine engine, AgentAlgorithm<?> algorithm, ResumePoint point) {}
  };
}
