package org.sae4j.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sae4j.InvalidInputException;
import org.sae4j.eval.EvalReport;
import org.sae4j.model.Model;
import org.sae4j.spark.eval.DistributedEval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sae4j-spark eval}: {@code sae4j eval}'s figures over rows spread across a cluster, computed as sums per
 * partition and merged ({@link DistributedEval}); printed as one JSON object with {@code sae4j eval --json}'s keys.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a model on Spark: the figures of sae4j eval as exact sums per partition, merged.", ""})
final class SparkEvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    // Not sae4j eval's ModelOption: that one also opens SAELens and sparsify folders and Gemma Scope archives on this
    // machine, while the executors here are sent the file's bytes, which must be an sae4j model file.
    @Option(names = "--model", paramLabel = "FILE", required = true, description = "An sae4j model file (.safetensors).")
    Path model;

    @Mixin
    DataInput data = new DataInput();

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "2",
            description = "Partitions of driver-loaded data; 0 keeps a Parquet or store input's own (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--active-threshold", paramLabel = "T",
            description = "A latent is active when |a| > T (default: the model's, 0 for ReLU-like latents).")
    Double activeThreshold;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(model)) {
            throw new InvalidInputException("Model file '" + model + "' does not exist or is not a file.");
        }
        Model m = org.sae4j.io.ModelFile.load(model);
        if (partitions < 0) {
            throw new InvalidInputException("--partitions is " + partitions + "; expected 0 (as the data is) or more.");
        }
        SparkSession spark = SparkSessions.open(master);
        JavaRDD<float[]> rows = data.rows(spark, partitions);
        EvalReport r = DistributedEval.evaluate(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                Files.readAllBytes(model), rows, activeThreshold, data.name());
        spec.commandLine().getOut().println(EvalJson.toJson(m, model.toString(), r, rows.getNumPartitions()));
        return 0;
    }
}
