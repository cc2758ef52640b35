package org.sae4j.spark.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sae4j-spark} program: {@code train}, {@code encode}, {@code eval}, {@code browse} and {@code capture} on Spark, in local mode by default (the
 * {@code ./sae4j-spark} launcher) or on a cluster under {@code spark-submit}, which sets the master. Every failure
 * is one sentence on stderr and a non-zero exit code, never a stack trace.
 */
@Command(name = "sae4j-spark", mixinStandardHelpOptions = true, version = "sae4j-spark 0.1.0",
        description = "Train and use sparse autoencoders on Apache Spark.",
        subcommands = {SparkTrainCommand.class, SparkEncodeCommand.class, SparkEvalCommand.class, SparkBrowseCommand.class,
                SparkCaptureCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  sae4j-spark train --arch topk --k 16 --data synthetic:samples=20000 --partitions 2",
                "  sae4j-spark train --data acts.parquet --column resid --arch topk --width 24576 \\",
                "      --master spark://host:7077 --sync-every 32 --checkpoint-dir hdfs:///sae/ckpt",
                "  sae4j-spark encode --model sae.safetensors --data acts.parquet --out latents.parquet",
                "  sae4j-spark eval --model sae.safetensors --data acts-store/ --partitions 0",
                "  sae4j-spark browse --model sae.safetensors --data acts-store/ --out sae-browse --partitions 8",
                "  sae4j-spark capture --text docs.txt --model minilm --layer 3 --out acts --partitions 8"})
public final class SparkMain implements Runnable {
    static final int USER_ERROR = 1;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line, printing to the given writers; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new SparkMain());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("Error: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandName() + " --help' for the options.");
            return CommandLine.ExitCode.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("Error: " + SparkErrors.sentence(ex));
            return USER_ERROR;
        });
        return cmd.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
