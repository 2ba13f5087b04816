package dbo.job.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refused input: the message starts with the key path and names what is allowed. */
class InvalidConfigTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // name, config text, overrides, message prefix, further fragments the message must contain
        bad("unknown top-level key", "seeed = 3", List.of(), "seeed is not a known key", "did you mean seed?"),
        bad("key in the wrong section", "iterations = 3", List.of(), "iterations is not a known key",
            "run.iterations"),
        bad("unknown nested key", "problem { agnets = 4 }", List.of(), "problem.agnets is not a known key",
            "did you mean problem.agents?", "heterogeneity"),
        bad("unknown key in an algorithm entry", "algorithms = [ { type = sldbo }, { type = s3ldbo, aplha = 1 } ]",
            List.of(), "algorithms[1].aplha is not a known key", "did you mean algorithms[1].alpha?"),
        bad("unknown key from an override", "", List.of("run.iteratons=5"), "run.iteratons is not a known key",
            "did you mean run.iterations?"),
        bad("unknown algorithm type", "algorithms = [ { type = sparkel-ed } ]", List.of(),
            "algorithms[0].type = \"sparkel-ed\" is not an algorithm", "allowed: sldbo, s3ldbo, sparkle",
            "ma-dsbo-gt", "mdbo"),
        bad("unknown strategy", "algorithms = [ { type = sparkle, x-strategy = diffusion } ]", List.of(),
            "algorithms[0].x-strategy", "gt", "extra", "ed", "dsgd"),
        bad("theta above one", "algorithm-defaults.theta = 1.5", List.of(), "algorithm-defaults.theta = 1.5",
            "0 < theta <= 1"),
        bad("negative batch", "algorithms = [ { type = sparkle-ed, batch = -1 } ]", List.of(),
            "algorithms[0].batch = -1", ">= 0"),
        bad("algorithm without type", "algorithms = [ { p = 0.5 } ]", List.of(), "algorithms[0].type is required",
            "sldbo, s3ldbo"),
        bad("empty algorithm list", "algorithms = []", List.of(), "algorithms is empty", "allowed"),
        bad("unknown topology", "topology.type = grid", List.of(), "topology.type = \"grid\" is not a topology",
            "ring, adjusted-ring, torus"),
        bad("unknown topology on the y, z level", "topology.yz.type = grid", List.of(),
            "topology.yz.type = \"grid\" is not a topology", "ring, adjusted-ring, torus"),
        bad("unknown key in a level's topology", "topology { x { tpye = ring } }", List.of(),
            "topology.x.tpye is not a known key", "did you mean topology.x.type?"),
        bad("unknown heterogeneity", "problem.heterogeneity = wild", List.of(),
            "problem.heterogeneity = \"wild\" is not a heterogeneity preset", "iid, mild, severe"),
        bad("unknown runner", "runner = yarn", List.of(), "runner = \"yarn\" is not a runner", "spark, in-process"),
        bad("unknown refresh rule", "algorithms = [ { type = s3ldbo, refresh = sometimes } ]", List.of(),
            "algorithms[0].refresh = \"sometimes\"", "bernoulli, shared-coin, periodic"),
        bad("p = 0", "algorithms = [ { type = s3ldbo, p = 0 } ]", List.of(),
            "algorithms[0].p = 0 is out of range", "allowed: 0 < p <= 1"),
        bad("p = 1.5", "algorithms = [ { type = sldbo }, { type = s3ldbo, p = 1.5 } ]", List.of(),
            "algorithms[1].p = 1.5 is out of range; allowed: 0 < p <= 1"),
        bad("p = 1.5 via override", "", List.of("algorithms.1.p=1.5"),
            "algorithms[1].p = 1.5 is out of range; allowed: 0 < p <= 1"),
        bad("bad default is blamed on algorithm-defaults", "algorithm-defaults.p = 2", List.of(),
            "algorithm-defaults.p = 2 is out of range", "0 < p <= 1"),
        bad("negative alpha", "algorithms = [ { type = sldbo, alpha = -0.1 } ]", List.of(),
            "algorithms[0].alpha = -0.1 is out of range", "alpha >= 0"),
        bad("zero beta (alpha = 0 freezes x, but y must move)", "algorithm-defaults { alpha = 0, beta = 0 }", List.of(),
            "algorithm-defaults.beta = 0 is out of range", "beta > 0"),
        bad("zero gamma", "algorithms = [ { type = sparkle, alpha = 0, gamma = 0 } ]", List.of(),
            "algorithms[0].gamma = 0 is out of range", "gamma > 0"),
        bad("zero tau", "algorithms = [ { type = s3ldbo, refresh = periodic, tau = 0 } ]", List.of(),
            "algorithms[0].tau = 0 is out of range", "tau >= 1"),
        bad("zero z-radius", "algorithms = [ { type = sldbo, z-radius = 0 } ]", List.of(),
            "algorithms[0].z-radius = 0", "z-radius > 0, or \"inf\""),
        bad("wrong type for an int", "problem.agents = abc", List.of(),
            "problem.agents = \"abc\" has the wrong type", "expected an integer"),
        bad("fraction for an int", "run.iterations = 2.5", List.of(),
            "run.iterations = 2.5 has the wrong type", "expected an integer"),
        bad("wrong type for a boolean", "topology.lazy = maybe", List.of(),
            "topology.lazy = \"maybe\" has the wrong type", "true or false"),
        bad("scalar where a section belongs", "spark = 3", List.of(), "spark = 3 has the wrong type",
            "expected an object with keys checkpoint-dir, master"),
        bad("agents = 0", "problem.agents = 0", List.of(), "problem.agents = 0 is out of range",
            "agents >= 1"),
        bad("initial-lambda outside the clip range", "problem.logistic.initial-lambda = 13", List.of(),
            "problem.logistic.initial-lambda = 13 is out of range", "-12 <= initial-lambda <= 12"),
        bad("ring-mix zero", "topology.ring-mix = 0", List.of(), "topology.ring-mix = 0 is out of range",
            "0 < ring-mix <= 1"),
        bad("torus not square", "problem.agents = 10, topology.type = torus", List.of(),
            "topology.rows = 0 and topology.cols = 0", "not a perfect square"),
        bad("torus shape mismatch", "topology { type = torus, rows = 3, cols = 3 }", List.of(),
            "topology.rows = 3 and topology.cols = 3 make 9 agents", "rows x cols = 16"),
        bad("edge-list without a file", "topology.type = edge-list", List.of(), "topology.edge-list is empty"),
        bad("unknown problem type", "problem.type = cleaning", List.of(),
            "problem.type = \"cleaning\" is not a problem type", "quadratic, logistic"),
        bad("duplicate labels", "algorithms = [ { type = s3ldbo }, { type = s3ldbo } ]", List.of(),
            "algorithms[1].label = \"S3LDBO(p=0.2)\" is already used by algorithms[0]", "unique"),
        bad("duplicate explicit labels", "algorithms = [ { type = sldbo, label = A }, { type = s3ldbo, label = A } ]",
            List.of(), "algorithms[1].label = \"A\" is already used by algorithms[0]"),
        bad("override index past the end", "", List.of("algorithms.5.p=0.5"), "algorithms[5]",
            "allowed indices: 0 to 2"),
        bad("malformed HOCON text", "problem { agents = 4", List.of(), "config text:1: malformed HOCON"));
  }

  private static Arguments bad(String name, String hocon, List<String> overrides, String prefix, String... fragments) {
    return Arguments.of(name, hocon, overrides, prefix, List.of(fragments));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedWithAMessageNamingKeyAndAllowedValues(String name, String hocon, List<String> overrides,
      String prefix, List<String> fragments) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.parse(hocon, overrides));
    String message = e.getMessage();
    assertTrue(message.startsWith(prefix), () -> "message should start with <" + prefix + ">: " + message);
    for (String f : fragments) assertTrue(message.contains(f), () -> "message should contain <" + f + ">: " + message);
    assertFalse(message.contains("\n"), "one line");
  }
}
