package dbo.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.job.config.ConfigLoader;
import dbo.job.config.ExperimentConfig;
import dbo.job.run.Experiment;
import dbo.job.output.ResultDirectory;
import dbo.topology.GraphSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code topology.link-failure} and {@code topology.schedule} keys from a configuration: read per level,
 * off by default (a static plan), and bad values refused by the CLI with one line naming the key, exit 2 and
 * nothing written. No run reaches Spark: each input fails while the configuration is read.
 */
class LinkFailureInputTest {
  @Test
  void keysAreReadPerLevelAndOffByDefault() {
    ExperimentConfig plain = ConfigLoader.parse(TestConfig.small().text(), List.of());
    assertEquals(0.0, plain.topology().linkFailure());
    assertEquals(GraphSchedule.STATIC, plain.topology().schedule());
    assertTrue(Experiment.of(plain).plan().isStatic());
    ExperimentConfig c = ConfigLoader.parse(TestConfig.small().set("topology.link-failure", 0.3)
        .set("topology.yz.link-failure", 0.1).set("topology.x.schedule", "alternate").text(), List.of());
    assertEquals(0.3, c.topologyX().linkFailure());
    assertEquals(GraphSchedule.ALTERNATE, c.topologyX().schedule());
    assertEquals(0.1, c.topologyYz().linkFailure());
    assertEquals(GraphSchedule.STATIC, c.topologyYz().schedule());
    Experiment e = Experiment.of(c);
    assertFalse(e.plan().upperMixing().isStatic() || e.plan().lowerMixing().isStatic());
  }

  @Test
  void badValuesExitTwoWithOneLineNamingTheKeyAndWriteNothing() throws IOException {
    Path dir = Files.createTempDirectory("dbo-link-inputs");
    try {
      List<List<String>> cases = List.of(
          List.of("topology.link-failure = 1", "topology.link-failure = 1"),
          List.of("topology.link-failure = -0.1", "topology.link-failure = -0.1"),
          List.of("topology.yz.link-failure = 1.5", "topology.yz.link-failure = 1.5"),
          List.of("topology.schedule = hourly", "topology.schedule = \"hourly\" is not a graph schedule"),
          List.of("topology.schedule = one-peer-exponential", "topology.schedule = one-peer-exponential needs"));
      for (List<String> c : cases) {
        Path conf = dir.resolve("experiment.conf");
        Files.writeString(conf, TestConfig.small().text() + "\n" + c.get(0) + "\n");
        Path out = dir.resolve("out");
        Cli.Run run = Cli.main(conf.toString(), "--out", out.toString(), "--quiet");
        assertEquals(Main.EXIT_BAD_INPUT, run.code(), c.get(0) + ": " + run.err());
        assertEquals(1, run.errors().size(), c.get(0) + ": " + run.err());
        assertTrue(run.errors().get(0).contains(c.get(1)), c.get(0) + ": " + run.errors().get(0));
        assertFalse(Files.exists(out), c.get(0) + ": something was written");
      }
    } finally {
      ResultDirectory.deleteTree(dir);
    }
  }
}
