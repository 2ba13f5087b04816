package dbo.algorithm;


/**
 * Heterogeneity correction of one level, as the three matrices (A, B2, C) of SPARKLE's primal-dual
 * template (Zhu et al., NeurIPS 2024, arXiv 2411.14166; ALGORITHMS.md section 3), applied by
 * {@link PrimalDualStep}:
 *
 * <pre>
 *   t+ = (I - C) s - eta d - q,     q+ = q + B2 t+,     s+ = A t+                 (q starts at 0)
 *
 *   strategy   A      B2          C       two-step form                              rounds
 *   ED         W      I - W       0       s+ = W(2s - s- - eta (d - d-))              1
 *   EXTRA      I      I - W       I - W   s+ = 2Ws - W s- - eta (d - d-)              1
 *   GT         W^2    (I - W)^2   0       s+ = 2Ws - W^2 s- - eta W^2 (d - d-)        2
 *   DSGD       W      0           0       s+ = W(s - eta d)                           1
 * </pre>
 * Configuration names: {@code ed}, {@code extra}, {@code gt}, {@code dsgd} (keys {@code x-strategy},
 * {@code yz-strategy}).
 */
public enum Strategy {
  /** Adapt-then-combine gradient tracking: two mixing rounds per iteration for W^2. */
  GT("gt", 2),
  /** EXTRA: one round; s+ = t, so W t doubles as next iteration's W s. */
  EXTRA("extra", 1),
  /** Exact diffusion (D^2): one round. */
  ED("ed", 1),
  /** Decentralized SGD without correction: one round, no dual variable. */
  DSGD("dsgd", 1);

  private final String configName;
  private final int rounds;

  Strategy(String configName, int rounds) {
    this.configName = configName;
    this.rounds = rounds;
  }

  public String configName() {
    return configName;
  }

  /** Mixing rounds (products with W) one step of this strategy costs. */
  public int rounds() {
    return rounds;
  }
}
