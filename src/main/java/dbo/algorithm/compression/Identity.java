package dbo.algorithm.compression;

import java.util.SplittableRandom;

/** No compression: C(v) = v, d doubles on the wire. {@link ChocoMixing} then mixes the messages as they are. */
public record Identity() implements Compressor {
  private static final long serialVersionUID = 1L;

  @Override
  public double[] compress(double[] v, SplittableRandom random) {
    return v.clone();
  }

  @Override
  public long floats(int d) {
    return d;
  }

  @Override
  public long bytes(int d) {
    return (long) d * VALUE_BYTES;
  }

  @Override
  public double delta(int d) {
    return 1.0;
  }

  @Override
  public String describe() {
    return "none";
  }
}
