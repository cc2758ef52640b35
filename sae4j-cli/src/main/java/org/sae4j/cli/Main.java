package org.sae4j.cli;

import java.io.PrintWriter;
import org.sae4j.ErrorText;
import org.sae4j.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sae4j} command-line program. */
@Command(name = "sae4j",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Train, evaluate and use sparse autoencoders.",
        subcommands = {CaptureCommand.class, TrainCommand.class, EvalCommand.class, EncodeCommand.class, ReportCommand.class,
                BrowseCommand.class, ExportCommand.class, InfoCommand.class,
                BenchCommand.class, SweepCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  sae4j train                    deep autoencoder on the embedded images",
                "  sae4j train --preset classic   784-200-784 sigmoid, KL rho=0.05 beta=3",
                "  sae4j eval --model sae4j-model.safetensors",
                "  sae4j encode --model sae4j-model.safetensors --out codes.npy",
                "  sae4j report --model sae4j-model.safetensors   HTML page of what it learned",
                "  sae4j sweep --over beta=0.001,0.01,0.1 --epochs 5",
                "  sae4j bench"})
public final class Main implements Runnable {
    /** Exit code of a user error (bad file, value or setting); picocli uses 2 for a malformed command line. */
    static final int USER_ERROR = 1;
    /** Exit code of a run stopped by Ctrl-C or SIGTERM (the JVM itself exits with 128 + the signal, 130 or 143). */
    static final int STOPPED = 130;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        // A thread that is not the command's own (the main thread reports what its workers hand back) says the
        // same one sentence; the JVM then stops, since the command may be waiting on that thread.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (OutOfMemory.causedBy(e)) {
                err.println("Error: " + OutOfMemory.sentence(null));
                err.flush();
                Runtime.getRuntime().halt(USER_ERROR);
            }
            e.printStackTrace();
        });
        int code = execute(out, err, args);
        out.flush(); // print() does not auto-flush, and System.exit would drop what is buffered
        err.flush();
        System.exit(code);
    }

    /** Runs one command line, printing to the given writers; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        // A config file's values come first and flags after them, so a flag given twice means "last wins".
        cmd.setOverwrittenOptionsAllowed(true);
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("Error: " + ErrorText.printable(ex.getMessage()));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            return CommandLine.ExitCode.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (OutOfMemory.causedBy(ex)) {
                err.println("Error: " + OutOfMemory.sentence(commandLine.getCommandName()));
                return USER_ERROR;
            }
            if (ex instanceof InvalidInputException) {
                err.println("Error: " + ErrorText.printable(ex.getMessage()));
                return USER_ERROR;
            }
            // A file operation no command turned into its own sentence: still one line, with the OS reason.
            if (ex instanceof java.io.IOException io) {
                err.println("Error: A file could not be read or written (" + org.sae4j.IoErrors.reason(io) + ").");
                return USER_ERROR;
            }
            throw ex;
        });
        OutOfMemory.reset();
        try {
            return cmd.execute(ConfigFileArgs.expand(cmd, args));
        } catch (InvalidInputException e) {
            err.println("Error: " + ErrorText.printable(e.getMessage()));
            return USER_ERROR;
        } catch (OutOfMemoryError e) {
            // Errors pass through picocli's handlers. By now the command's arrays are unreachable, so there is room
            // to say so; the sentence has a fallback for when there is not.
            err.println("Error: " + OutOfMemory.sentence(subcommand(cmd)));
            return USER_ERROR;
        }
    }

    /** The subcommand the command line named (train, eval, ...), or null. */
    private static String subcommand(CommandLine cmd) {
        CommandLine.ParseResult parsed = cmd.getParseResult();
        return parsed != null && parsed.subcommand() != null ? parsed.subcommand().commandSpec().name() : null;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
