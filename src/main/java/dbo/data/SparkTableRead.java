package dbo.data;

import dbo.data.TableSource.Format;
import dbo.data.TableSource.Labels;
import dbo.data.TableSource.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.input.PortableDataStream;
import scala.Tuple2;

/**
 * Spark's read of a {@link TableSource} ({@link TableSource#rowsByAgent}): the executors read the file
 * ({@code textFile} with the {@link TableLines} parser for LIBSVM and CSV, {@code binaryFiles} and
 * {@link IdxFiles} for IDX, one task per file with {@link ParquetTable#readFile} for Parquet) and key each
 * needed row by its agent; features never reach the driver. The closures capture only locals (broadcasts,
 * the path, the width), never the table source. Paths are Hadoop URIs ({@link Storage#uri}): the executors
 * open them with the driver's Hadoop configuration, so a table on HDFS needs no local copy anywhere.
 */
final class SparkTableRead {
  private SparkTableRead() {}

  /**
   * See {@link TableSource#rowsByAgent}. The rows some agent needs, read on the executors and keyed by agent (partitioned by
   * {@code partitioner}); a row's number is its position in {@link Labels#lines()}. Rows whose agent is
   * negative are not read into the result.
   *
   * @param labels the driver's scan (its line numbers locate the rows in the file)
   * @param agentOfRow per row, the agent that holds it, or -1
   */
  static JavaPairRDD<Integer, Row> rowsByAgent(TableSource source, JavaSparkContext jsc, Labels labels,
                                               int[] agentOfRow, Partitioner partitioner) {
    String path = source.path();
    Format format = source.format();
    Broadcast<long[]> lines = jsc.broadcast(labels.lines());
    Broadcast<int[]> owners = jsc.broadcast(agentOfRow);
    String file = path;
    int d = labels.features();
    Format f = format;
    JavaPairRDD<Integer, Row> keyed;
    if (format == Format.IDX) {
      List<JavaPairRDD<Integer, Row>> parts = new ArrayList<>();
      for (DataDirectory.ImageFile image : DataDirectory.imageFiles(path)) {
        int first = image.firstRow();
        String name = image.location();
        JavaPairRDD<String, PortableDataStream> bytes = jsc.binaryFiles(Storage.uri(name), 1);
        parts.add(bytes.flatMapToPair(t -> {
          IdxFiles.Images images;
          try (java.io.DataInputStream in = t._2.open()) {
            images = IdxFiles.readImages(name, in);
          }
          int width = images.features();
          List<Tuple2<Integer, Row>> out = new ArrayList<>();
          int[] own = owners.value();
          for (int s = 0; s < images.count(); s++) {
            int row = first + s;
            if (row >= own.length || own[row] < 0) continue;
            byte[] px = Arrays.copyOfRange(images.pixels(), s * width, (s + 1) * width);
            out.add(new Tuple2<>(own[row], new Row(row, null, px)));
          }
          return out.iterator();
        }));
      }
      keyed = parts.get(0);
      for (int k = 1; k < parts.size(); k++) keyed = keyed.union(parts.get(k));
    } else if (format == Format.PARQUET) {
      ParquetTable table = source.parquet();
      List<String> files = table.files();
      Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(jsc.hadoopConfiguration()));
      List<Integer> indices = new ArrayList<>();
      for (int k = 0; k < files.size(); k++) indices.add(k);
      keyed = jsc.parallelize(indices, files.size()).flatMapToPair(fileIndex -> {
        String name = files.get(fileIndex);
        conf.value().install();
        ParquetTable.Rows rows = table.readFile(name, true);
        TableSource.checkWidth(name, rows, d);
        List<Tuple2<Integer, Row>> out = new ArrayList<>();
        for (int r = 0; r < rows.labels().length; r++) {
          int row = Arrays.binarySearch(lines.value(), ((long) fileIndex << TableSource.FILE_SHIFT) | r);
          if (row < 0 || owners.value()[row] < 0) continue;
          out.add(new Tuple2<>(owners.value()[row], new Row(row, Arrays.copyOfRange(rows.features(), r * d,
              (r + 1) * d), null)));
        }
        return out.iterator();
      });
    } else {
      JavaRDD<String> text = jsc.textFile(Storage.uri(path));
      keyed = text.zipWithIndex().flatMapToPair(t -> {
        int row = Arrays.binarySearch(lines.value(), t._2);
        List<Tuple2<Integer, Row>> out = new ArrayList<>(1);
        if (row < 0 || owners.value()[row] < 0) return out.iterator();
        long line = t._2 + 1;
        float[] values = f == Format.LIBSVM ? TableLines.libsvm(file, line, t._1, d).dense(d)
            : TableLines.csv(file, line, t._1, d + 1).values();
        out.add(new Tuple2<>(owners.value()[row], new Row(row, values, null)));
        return out.iterator();
      });
    }
    return keyed.partitionBy(partitioner);
  }
}
