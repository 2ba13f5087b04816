package dbo.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dbo.algorithm.RefreshRule;
import dbo.algorithm.SnapshotMode;
import dbo.data.PlacementRule;
import dbo.problem.HyperparameterShape;
import dbo.problem.Heterogeneity;
import dbo.topology.TopologyKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void emptyConfigGivesTheDocumentedDefaults() {
    ExperimentConfig c = ConfigLoader.parse("", List.of());
    assertEquals(1L, c.seed());
    assertEquals(RunnerKind.SPARK, c.runner());
    assertEquals(new SparkSettings("local[*]", ""), c.spark());
    assertEquals(new ProblemConfig(ProblemType.QUADRATIC, 16, Heterogeneity.MILD, false,
        new QuadraticSettings(10, 20, 0.1, 1.0, 50)), c.problem());
    assertEquals(new LogisticSettings(20, 2, HyperparameterShape.PER_FEATURE, 200, 100, 100, -2.0,
        new LogisticSettings.Data(Optional.empty(), "", 0, 0, 0.6, 0.2, 0.2, PlacementRule.iid(), "label", "")),
        ConfigLoader.parse("problem.type = logistic", List.of()).problem().settings());
    assertEquals(new HyperCleaningSettings("data/fashion-mnist", 0.2, PlacementRule.iid(), 50000, 10000, 10000,
        1e-3, 0.0, false, 100, HyperCleaningSettings.Features.RAW),
        ConfigLoader.parse("problem.type = hyper-cleaning", List.of()).problem().settings());
    assertEquals(new TopologyConfig(TopologyKind.RING, 0, 0, 0.5, 0.3, "", false), c.topology());
    assertEquals(new RunSettings(1000, 10, 10, 0.0, 1e12, 5.0), c.run());
    CommonSettings common = new CommonSettings(0.01, 0.1, 0.1, true, Double.POSITIVE_INFINITY, 0, true);
    assertEquals(List.of(
        new AlgorithmConfig(AlgorithmType.SLDBO, "SLDBO", common, new SldboSettings()),
        new AlgorithmConfig(AlgorithmType.S3LDBO, "S3LDBO(p=0.2)", common,
            new S3ldboSettings(RefreshRule.BERNOULLI, 0.2, 5, true, SnapshotMode.OUTPUTS, 200, 0.1))), c.algorithms());
  }

  @Test
  void fileThenOverridesAreLayeredInOrder() throws IOException {
    Path file = dir.resolve("exp.conf");
    Files.writeString(file, """
        seed = 7
        problem { agents = 9, heterogeneity = severe }
        run.iterations = 200
        algorithm-defaults.alpha = 0.05
        algorithms = [ { type = sldbo }, { type = s3ldbo, p = 0.3 } ]
        """);
    ExperimentConfig c = ConfigLoader.load(file, List.of(
        "run.iterations=50", "topology.type=full", "run.iterations = 60", "algorithms.1.p=0.5",
        "algorithms[0].label=base", "spark.master=local[4]", "runner=in-process"));
    assertEquals(7L, c.seed());
    assertEquals(RunnerKind.IN_PROCESS, c.runner());
    assertEquals("local[4]", c.spark().master()); // not valid HOCON on its own: taken literally
    assertEquals(9, c.problem().agents());
    assertEquals(Heterogeneity.SEVERE, c.problem().heterogeneity());
    assertEquals(60, c.run().iterations()); // the later override wins
    assertEquals(TopologyKind.FULL, c.topology().type());
    assertEquals("base", c.algorithms().get(0).label());
    AlgorithmConfig s3 = c.algorithms().get(1);
    assertEquals(0.5, ((S3ldboSettings) s3.method()).p());
    assertEquals("S3LDBO(p=0.5)", s3.label());
    assertEquals(0.05, s3.common().alpha()); // from algorithm-defaults in the file
    assertEquals(0.1, s3.common().beta()); // from reference.conf
  }

  @Test
  void overrideCanAppendAnAlgorithmEntry() {
    ExperimentConfig c = ConfigLoader.parse("", List.of("algorithms.2.type=s3ldbo", "algorithms.2.refresh=periodic"));
    assertEquals(List.of("SLDBO", "S3LDBO(p=0.2)", "S3LDBO(tau=5)"),
        c.algorithms().stream().map(AlgorithmConfig::label).toList());
  }

  @Test
  void overrideCanReplaceTheWholeList() {
    ExperimentConfig c = ConfigLoader.parse("", List.of("algorithms=[{type=sldbo}]"));
    assertEquals(1, c.algorithms().size());
  }

  @Test
  void defaultLabelsNameTheRefreshRule() {
    ExperimentConfig c = ConfigLoader.parse("""
        algorithms = [
          { type = s3ldbo, p = 0.05 }
          { type = s3ldbo, refresh = shared-coin }
          { type = s3ldbo, refresh = periodic, tau = 10 }
          { type = s3ldbo, p = 1 }
        ]
        """, List.of());
    assertEquals(List.of("S3LDBO(p=0.05)", "S3LDBO(p=0.2,shared)", "S3LDBO(tau=10)", "S3LDBO(p=1)"),
        c.algorithms().stream().map(AlgorithmConfig::label).toList());
  }

  @Test
  void zRadiusAcceptsNumbersAndInf() {
    ExperimentConfig c = ConfigLoader.parse("algorithms = [ { type = sldbo, z-radius = 3 }, "
        + "{ type = s3ldbo, z-radius = inf } ]", List.of());
    assertEquals(3.0, c.algorithms().get(0).common().zRadius());
    assertEquals(Double.POSITIVE_INFINITY, c.algorithms().get(1).common().zRadius());
  }

  @Test
  void torusShapeIsDerivedOrChecked() {
    assertEquals(TopologyKind.TORUS, ConfigLoader.parse("topology.type = torus", List.of()).topology().type());
    ConfigLoader.parse("problem.agents = 12, topology { type = torus, rows = 3, cols = 4 }", List.of());
    ConfigLoader.parse("problem.agents = 12, topology { type = torus, rows = 3 }", List.of());
  }

  @Test
  void resolvedJsonParsesBackWithTheEffectiveValues() {
    ExperimentConfig c = ConfigLoader.parse("run.iterations = 42\nalgorithms = [ { type = s3ldbo, p = 0.4 } ]",
        List.of("topology.type=star"));
    assertFalse(c.resolvedJson().contains("\n"));
    Config json = ConfigFactory.parseString(c.resolvedJson(),
        ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
    assertEquals(42, json.getInt("run.iterations"));
    assertEquals("star", json.getString("topology.type"));
    assertEquals(16, json.getInt("problem.agents"));
    Config entry = json.getConfigList("algorithms").get(0);
    assertEquals("S3LDBO(p=0.4)", entry.getString("label"));
    assertEquals(0.4, entry.getDouble("p"));
    assertEquals(0.01, entry.getDouble("alpha")); // defaults are filled into each entry
    assertEquals("inf", entry.getString("z-radius"));
  }

  @Test
  void eachLevelMayUseItsOwnGraph() {
    ExperimentConfig c = ConfigLoader.parse("topology { type = full, lazy = true, yz { type = ring } }", List.of());
    assertEquals(TopologyKind.FULL, c.topologyX().type());
    assertEquals(TopologyKind.RING, c.topologyYz().type());
    assertTrue(c.topologyYz().lazy(), "a level inherits the keys it does not set");
    ExperimentConfig same = ConfigLoader.parse("topology.type = torus", List.of());
    assertEquals(same.topology(), same.topologyX());
    assertEquals(same.topology(), same.topologyYz());
  }

  @Test
  void quickstartConfLoads() {
    ExperimentConfig c = ConfigLoader.load(Path.of("conf/quickstart.conf"), List.of());
    assertEquals(16, c.problem().agents());
    assertEquals(Heterogeneity.SEVERE, c.problem().heterogeneity());
    assertEquals(TopologyKind.TORUS, c.topology().type());
    assertEquals(2000, c.run().iterations());
    assertEquals(1e-8, c.run().tolerance());
    assertEquals(List.of("SLDBO", "S3LDBO(p=0.2)"), c.algorithms().stream().map(AlgorithmConfig::label).toList());
  }

  @Test
  void missingFileNamesThePath() {
    Path missing = dir.resolve("nope.conf");
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(missing, List.of()));
    assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
  }

  @Test
  void malformedFileNamesFileAndLine() throws IOException {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "seed = 1\nproblem {\n  agents = 4\n  type = [\n");
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(file, List.of()));
    assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    assertTrue(e.getMessage().matches(".*bad\\.conf:\\d+: malformed HOCON: .*"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void overrideWithoutEqualsIsRefused() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ConfigLoader.parse("", List.of("run.iterations")));
    assertTrue(e.getMessage().contains("key=value"), e.getMessage());
  }
}
