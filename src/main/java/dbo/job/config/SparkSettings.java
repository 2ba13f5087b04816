package dbo.job.config;

/**
 * Section {@code spark}: settings the Spark runner passes to its session.
 *
 * @param master        {@code spark.master}, the master URL; default {@code local[*]}; non-empty
 * @param checkpointDir {@code spark.checkpoint-dir}; default {@code ""}, meaning a temporary directory
 *                      chosen by the job
 */
public record SparkSettings(String master, String checkpointDir) {}
