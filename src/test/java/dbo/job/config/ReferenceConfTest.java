package dbo.job.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** reference.conf is the one place a key is documented, so every key there must carry a comment. */
class ReferenceConfTest {

  @Test
  void everyKeyHasAComment() {
    ConfigObject root = ConfigFactory.parseResources(ConfigLoader.class, "/reference.conf").root();
    List<String> undocumented = new ArrayList<>();
    collectUndocumented(root, "", undocumented);
    assertTrue(undocumented.isEmpty(), "keys without a comment in reference.conf: " + undocumented);
  }

  private static void collectUndocumented(ConfigObject node, String prefix, List<String> out) {
    for (Map.Entry<String, ConfigValue> e : node.entrySet()) {
      String path = prefix + e.getKey();
      if (e.getValue().valueType() == ConfigValueType.OBJECT) {
        collectUndocumented((ConfigObject) e.getValue(), path + ".", out);
      } else if (e.getValue().origin().comments().stream().allMatch(String::isBlank)) {
        out.add(path);
      }
    }
  }
}
