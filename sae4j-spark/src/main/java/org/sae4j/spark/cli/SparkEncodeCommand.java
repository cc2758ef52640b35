package org.sae4j.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.sae4j.InvalidInputException;
import org.sae4j.spark.SparseAutoencoderModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sae4j-spark encode}: a Parquet column of vectors in, the same rows with a latents column (a SparseVector
 * per row) out, encoded on the executors by {@link SparseAutoencoderModel#transform}.
 */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Append each row's latents (a SparseVector) to a Parquet dataset, on Spark.", ""})
final class SparkEncodeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "An sae4j model file (.safetensors).")
    Path model;

    @Option(names = "--data", paramLabel = "PATH", required = true, description = "A Parquet file or directory.")
    String data;

    @Option(names = "--column", paramLabel = "NAME", defaultValue = "features",
            description = "The column of vectors (default ${DEFAULT-VALUE}).")
    String column;

    @Option(names = "--out", paramLabel = "PATH", required = true, description = "The Parquet directory to write.")
    String out;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(model)) {
            throw new InvalidInputException("Model file '" + model + "' does not exist or is not a file.");
        }
        org.sae4j.io.ModelFile.load(model); // refuses anything but an sae4j model in one sentence
        SparkSession spark = SparkSessions.open(master);
        SparseAutoencoderModel sae = new SparseAutoencoderModel(Files.readAllBytes(model)).setInputCol(column);
        // Spark writes a directory of part files and marks it complete with _SUCCESS only at the end.
        sae.transform(spark.read().parquet(data)).write().parquet(out);
        spec.commandLine().getOut().println("latents written to " + out);
        return 0;
    }
}
