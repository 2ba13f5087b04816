package dbo.algorithm;

import static dbo.algorithm.AgentState.X;
import static dbo.algorithm.AgentState.Y;
import static dbo.algorithm.AgentState.Z;

import dbo.linalg.Vectors;

/**
 * The communication and primal step shared by SLDBO and S3LDBO (ALGORITHMS.md sections 4 and 5):
 * one round carrying (x, h) on the x graph and (y, z, s, r) on the y, z graph, then
 * y+ = W y - beta s, z+ = Proj(W z - gamma r), x+ = W x - alpha h. The mixed trackers W s, W r, W h are
 * returned for the caller's tracking update.
 */
final class TrackedStep {
  static final String S = "s";
  static final String R = "r";
  static final String H = "h";

  private TrackedStep() {}

  static Message message(AgentState st) {
    return new Message(Vectors.concat(st.get(X), st.get(H)),
        Vectors.concat(st.get(Y), st.get(Z), st.get(S), st.get(R)));
  }

  static int[] messageLengths(int dimX, int dimY) {
    return new int[] {2 * dimX, 4 * dimY};
  }

  /**
   * Applies the primal step to {@code st} in place and returns {W s, W r, W h}.
   */
  static double[][] primalStep(AgentState st, Message mixed, StepSizes steps) {
    int p = st.get(X).length;
    int q = st.get(Y).length;
    double[] up = mixed.upper();
    double[] lo = mixed.lower();
    double[] wx = Vectors.slice(up, 0, p);
    double[] wh = Vectors.slice(up, p, p);
    double[] wy = Vectors.slice(lo, 0, q);
    double[] wz = Vectors.slice(lo, q, q);
    double[] ws = Vectors.slice(lo, 2 * q, q);
    double[] wr = Vectors.slice(lo, 3 * q, q);
    st.put(Y, Vectors.axpy(wy, -steps.beta(), st.get(S)));
    st.put(Z, Vectors.projectBall(Vectors.axpy(wz, -steps.gamma(), st.get(R)), steps.zRadius()));
    st.put(X, Vectors.axpy(wx, -steps.alpha(), st.get(H)));
    return new double[][] {ws, wr, wh};
  }

  /** s+ = W s + v+ - v, and likewise for r and h. */
  static void track(AgentState st, double[][] mixedTrackers, double[] vNew, double[] vOld, double[] pNew,
      double[] pOld, double[] uNew, double[] uOld) {
    st.put(S, Vectors.addSub(mixedTrackers[0], vNew, vOld));
    st.put(R, Vectors.addSub(mixedTrackers[1], pNew, pOld));
    st.put(H, Vectors.addSub(mixedTrackers[2], uNew, uOld));
  }
}
