package dbo.job.output;

import java.util.LinkedHashMap;
import java.util.Map;

/** Software versions recorded in every manifest. */
public final class Versions {
  private Versions() {}

  /** This tool's version, from the jar manifest when packaged. */
  public static String tool() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-dev" : v;
  }

  public static Map<String, String> all() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("dbo_spark", tool());
    v.put("java", System.getProperty("java.version"));
    v.put("java_vendor", System.getProperty("java.vendor"));
    v.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    v.put("scala", scala.util.Properties.versionNumberString());
    v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    v.put("blas", dbo.linalg.BlasBackend.describe());
    return v;
  }
}
