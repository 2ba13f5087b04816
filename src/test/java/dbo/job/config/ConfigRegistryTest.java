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
import dbo.algorithm.Strategy;
import dbo.data.TableSource;
import dbo.problem.Heterogeneity;
import dbo.problem.HyperparameterShape;
import dbo.topology.TopologyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The registries of methods ({@link AlgorithmType}) and problems ({@link ProblemType}), checked per
 * registered type, so that a new one is covered without editing this test.
 */
class ConfigRegistryTest {

  private static String reference() throws Exception {
    return Files.readString(Path.of(ConfigLoader.class.getResource("/reference.conf").toURI()));
  }

  @Test
  void everyMethodLoadsWithItsDefaultsAndADistinctLabelAndIsDocumented() throws Exception {
    String reference = reference();
    Set<String> labels = new HashSet<>();
    for (AlgorithmType type : AlgorithmType.values()) {
      String spelled = SectionReader.spelling(type);
      ExperimentConfig c = ConfigLoader.parse("algorithms = [ { type = " + spelled + " } ]", List.of());
      AlgorithmConfig a = c.algorithms().get(0);
      assertEquals(type, a.type());
      assertEquals(a.method().defaultLabel(), a.label());
      // Type sparkle with its default pair (GT, GT) is SPARKLE-GT, as it should be.
      if (type != AlgorithmType.SPARKLE) assertTrue(labels.add(a.label()), "two methods label themselves " + a.label());
      assertTrue(reference.contains(" " + spelled + " "), spelled + " is not documented in reference.conf");
      // The manifest's entry: type, label, the common keys and the method's own, parseable back.
      Config json = ConfigFactory.parseString(c.resolvedJson(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
      Map<String, Object> entry = json.getConfigList("algorithms").get(0).root().unwrapped();
      assertEquals(spelled, entry.get("type"));
      assertEquals(a.resolvedKeys().keySet(), entry.keySet());
      assertTrue(entry.keySet().containsAll(List.of("alpha", "beta", "gamma", "batch", "lazy-corrections")));
    }
  }

  @Test
  void everyKeyAMethodReadsIsDocumentedAndOneItDoesNotReadIsRefused() {
    for (AlgorithmType type : AlgorithmType.values()) {
      ExperimentConfig c = ConfigLoader.parse("algorithms = [ { type = " + SectionReader.spelling(type) + " } ]",
          List.of());
      for (String key : c.algorithms().get(0).resolvedKeys().keySet()) {
        if (!key.equals("type") && !key.equals("label")) {
          // Setting a key it reads, on the entry, is accepted.
          Object value = c.algorithms().get(0).resolvedKeys().get(key);
          String rendered = value instanceof String s ? s : String.valueOf(value);
          ConfigLoader.parse("algorithms = [ { type = " + SectionReader.spelling(type) + ", " + key + " = "
              + rendered + " } ]", List.of());
        }
      }
    }
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ConfigLoader.parse("algorithms = [ { type = sldbo, p = 0.5 } ]", List.of()));
    assertTrue(e.getMessage().startsWith("algorithms[0].p is not used by type = sldbo; its keys: alpha"), e.getMessage());
  }

  @Test
  void everyAlgorithmDefaultsKeyIsReadBySomeMethod() {
    Set<String> read = new java.util.TreeSet<>();
    for (AlgorithmType type : AlgorithmType.values()) {
      read.addAll(ConfigLoader.parse("algorithms = [ { type = " + SectionReader.spelling(type) + " } ]", List.of())
          .algorithms().get(0).resolvedKeys().keySet());
    }
    read.removeAll(ConfigSchema.ENTRY_ONLY_KEYS);
    Set<String> documented = new java.util.TreeSet<>(ConfigFactory.parseResources(ConfigLoader.class, "/reference.conf")
        .getConfig("algorithm-defaults").root().keySet());
    assertEquals(documented, read, "algorithm-defaults keys and the keys the registered methods read");
  }

  @Test
  void everyProblemHasItsSectionAndBuilds() {
    for (ProblemType type : ProblemType.values()) {
      ExperimentConfig c = ConfigLoader.parse("problem.type = " + SectionReader.spelling(type), List.of());
      assertEquals(type, c.problem().type());
      assertFalse(c.problem().settings() == null, type.section());
    }
    // A bad value in a section the run does not use is still refused.
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ConfigLoader.parse("problem { type = quadratic, logistic.features = 0 }", List.of()));
    assertTrue(e.getMessage().startsWith("problem.logistic.features = 0 is out of range"), e.getMessage());
  }

  @Test
  void everyConfiguredEnumIsWrittenAsItIsRead() {
    List<Class<? extends Enum<?>>> enums = List.of(RefreshRule.class, SnapshotMode.class, Strategy.class,
        TopologyKind.class, Heterogeneity.class, HyperparameterShape.class, RunnerKind.class);
    for (Class<? extends Enum<?>> type : enums) {
      for (Enum<?> constant : type.getEnumConstants()) {
        try {
          assertEquals(SectionReader.spelling(constant), type.getMethod("configName").invoke(constant), type + "");
        } catch (ReflectiveOperationException ex) {
          throw new AssertionError(ex);
        }
      }
    }
  }

  @Test
  void oneParserNamesKeyValueAndAllowedValues() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ConfigLoader.parse("algorithm-defaults.refresh = sometimes", List.of()));
    assertEquals("algorithm-defaults.refresh = \"sometimes\" is not a refresh rule; allowed: bernoulli, shared-coin,"
        + " periodic, adaptive", e.getMessage());
    e = assertThrows(InvalidConfigException.class,
        () -> ConfigLoader.parse("problem.logistic.data.format = xls", List.of()));
    assertEquals("problem.logistic.data.format = \"xls\" is not a table format; allowed: none, "
        + SectionReader.spellings(TableSource.Format.class), e.getMessage());
    e = assertThrows(InvalidConfigException.class,
        () -> ConfigLoader.parse("problem.hyper-cleaning.placement = zipf", List.of()));
    assertTrue(e.getMessage().startsWith("problem.hyper-cleaning.placement = \"zipf\" is not a placement; allowed: iid"),
        e.getMessage());
  }
}
