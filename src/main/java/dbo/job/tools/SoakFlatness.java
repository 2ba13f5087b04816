package dbo.job.tools;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Whether a quantity stayed flat over a soak run: the least-squares slope of its samples against the
 * iteration over the second half of the run (the first half holds warm-up: class loading, JIT, caches
 * filling), in units per 1,000 iterations, and the ratio of the last sample to the first.
 */
record SoakFlatness(double slopePerThousand, double lastOverFirst, int samplesInFit) {

  static SoakFlatness of(List<SoakSample> samples, ToLongFunction<SoakSample> value) {
    if (samples.isEmpty()) return new SoakFlatness(Double.NaN, Double.NaN, 0);
    int from = samples.size() / 2;
    List<SoakSample> half = samples.subList(from, samples.size());
    double[] k = new double[half.size()];
    double[] v = new double[half.size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = half.get(i).iteration();
      v[i] = value.applyAsLong(half.get(i));
    }
    double first = value.applyAsLong(samples.get(0));
    double last = value.applyAsLong(samples.get(samples.size() - 1));
    return new SoakFlatness(slope(k, v) * 1000.0, last / first, k.length);
  }

  /** The least-squares slope of v against k; NaN for fewer than two distinct k. */
  static double slope(double[] k, double[] v) {
    int n = k.length;
    if (n < 2) return Double.NaN;
    double mk = 0;
    double mv = 0;
    for (int i = 0; i < n; i++) {
      mk += k[i] / n;
      mv += v[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (k[i] - mk) * (v[i] - mv);
      sxx += (k[i] - mk) * (k[i] - mk);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }
}
