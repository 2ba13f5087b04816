package dbo.algorithm;

import dbo.linalg.Vectors;

/**
 * The communication and primal step shared by SLDBO and S3LDBO (ALGORITHMS.md sections 4 and 5):
 * one round carrying (x, h) on the x graph and (y, z, s, r) on the y, z graph, then
 * y+ = W y - beta s, z+ = Proj(W z - gamma r), x+ = W x - alpha h. The mixed trackers W s, W r, W h are
 * returned for the caller's tracking update.
 */
final class TrackedStep {
  private TrackedStep() {}

  /** The new iterate (x+, y+, z+) and the mixed trackers W s, W r, W h of one round. */
  record Primal(double[] x, double[] y, double[] z, double[] ws, double[] wr, double[] wh) {}

  static Message message(double[] x, double[] y, double[] z, double[] s, double[] r, double[] h) {
    return new Message(Vectors.concat(x, h), Vectors.concat(y, z, s, r));
  }

  static int[] messageLengths(int dimX, int dimY) {
    return new int[] {2 * dimX, 4 * dimY};
  }

  /** The primal step from the mixed message and the agent's own trackers s, r, h. */
  static Primal primalStep(Message mixed, double[] s, double[] r, double[] h, StepSizes steps) {
    int p = h.length;
    int q = s.length;
    double[] up = mixed.upper();
    double[] lo = mixed.lower();
    double[] wx = Vectors.slice(up, 0, p);
    double[] wh = Vectors.slice(up, p, p);
    double[] wy = Vectors.slice(lo, 0, q);
    double[] wz = Vectors.slice(lo, q, q);
    double[] ws = Vectors.slice(lo, 2 * q, q);
    double[] wr = Vectors.slice(lo, 3 * q, q);
    double[] y = Vectors.axpy(wy, -steps.beta(), s);
    double[] z = Vectors.projectBall(Vectors.axpy(wz, -steps.gamma(), r), steps.zRadius());
    double[] x = Vectors.axpy(wx, -steps.alpha(), h);
    return new Primal(x, y, z, ws, wr, wh);
  }
}
