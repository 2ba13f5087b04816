package dbo.problem;

/**
 * The three lower-level oracles at one point (x, y) with one direction z: grad_y g, H z = d2g/dy2 z and
 * J z = d2g/dxdy z (lengths q, q, p). What SLDBO, S3LDBO and SPARKLE ask for at every evaluation
 * ({@link LocalProblem#lowerOracles}).
 */
public record LowerOracles(double[] gradY, double[] hessianVector, double[] jacobianVector) {}
