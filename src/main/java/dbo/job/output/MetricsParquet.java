package dbo.job.output;

import dbo.runtime.MetricsRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Writes metric rows as one Parquet file set through Spark SQL; NaN becomes null. */
public final class MetricsParquet {
  private MetricsParquet() {}

  /** The table's schema, column for column as in {@link MetricsRow#COLUMNS}. */
  public static StructType schema() {
    List<StructField> fields = new ArrayList<>();
    for (String c : MetricsRow.COLUMNS) {
      DataType t = switch (c) {
        case "algorithm" -> DataTypes.StringType;
        case "iteration", "grad_f", "grad_g", "hvp", "jvp", "comm_rounds", "floats_sent", "comm_rounds_x",
            "comm_rounds_yz", "floats_sent_x", "floats_sent_yz", "bytes_sent" -> DataTypes.LongType;
        default -> DataTypes.DoubleType;
      };
      fields.add(DataTypes.createStructField(c, t, !c.equals("algorithm") && t == DataTypes.DoubleType));
    }
    return DataTypes.createStructType(fields);
  }

  /** The schema of {@code table}: its lead columns (never null) in front of {@link #schema()}. */
  public static StructType schema(MetricsTable table) {
    List<StructField> fields = new ArrayList<>();
    for (MetricsTable.Lead l : table.lead()) {
      fields.add(DataTypes.createStructField(l.name(), l.integer() ? DataTypes.LongType : DataTypes.StringType,
          false));
    }
    fields.addAll(Arrays.asList(schema().fields()));
    return DataTypes.createStructType(fields);
  }

  public static void write(SparkSession spark, Path dir, List<MetricsRow> rows) {
    write(spark, dir, MetricsTable.of(rows));
  }

  public static void write(SparkSession spark, Path dir, MetricsTable table) {
    List<Row> out = new ArrayList<>();
    for (List<Object> r : table.rows()) out.add(row(r));
    spark.createDataFrame(out, schema(table)).coalesce(1).write().parquet(dir.toUri().toString());
  }

  /** A Spark row of the given values, NaN (a metric that does not apply) becoming null. */
  static Row row(List<Object> values) {
    Object[] v = values.toArray();
    for (int i = 0; i < v.length; i++) {
      if (v[i] instanceof Double d && d.isNaN()) v[i] = null;
    }
    return RowFactory.create(v);
  }
}
