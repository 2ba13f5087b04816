package dbo.data;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop configuration, serializable, so that executors open the same file systems (spark.hadoop.*
 * settings included). Broadcast once per engine: a task that received a Configuration of its own would
 * parse hundreds of properties every time. A task that reads data calls {@link #install()} so that
 * {@link Storage} opens files with it.
 */
public final class HadoopConf implements Serializable {
  private static final long serialVersionUID = 1L;
  private transient Configuration conf;

  public HadoopConf(Configuration conf) {
    this.conf = conf;
  }

  public Configuration get() {
    return conf;
  }

  /** Makes this the configuration {@link Storage} uses in this JVM (an executor's, when called in a task). */
  public void install() {
    Storage.use(conf);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }
}
