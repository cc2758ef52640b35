package org.sae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.sae4j.train.TrainingStopped;

/**
 * Ctrl-C (SIGINT) and SIGTERM during {@code train}: a JVM shutdown hook asks the training loop to stop at its next
 * step boundary and waits while the loop saves the state of that moment (atomically, as every checkpoint) and says
 * in one line how to continue; the JVM then exits with the signal's status (130, 143). A signal before training
 * starts, or after it ends, needs no checkpoint and says so. Without a hook the JVM would exit at once, mid-step,
 * and a {@code --samples} run with no {@code --checkpoint-every} would lose all its work.
 */
final class StopOnSignal implements AutoCloseable {
    /** How long the hook waits for the loop to reach a step boundary and save: steps of huge SAEs take seconds. */
    private static final long WAIT_SECONDS = 300;

    private enum Phase { PREPARING, TRAINING, TRAINED }

    private final PrintWriter err;
    private final Path out;
    private final CountDownLatch settled = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "sae4j-stop");
    private volatile boolean requested;
    private volatile boolean reported;
    private volatile Phase phase = Phase.PREPARING;

    private StopOnSignal(PrintWriter err, Path out) {
        this.err = err;
        this.out = out;
    }

    /** Installs the hook for a run writing {@code out}; close it when the command ends. */
    static StopOnSignal install(PrintWriter err, Path out) {
        StopOnSignal s = new StopOnSignal(err, out);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** What the training loop polls between steps. */
    BooleanSupplier requested() {
        return () -> requested;
    }

    /** The loop is about to run: from now on a signal waits for the state of its moment to be saved. */
    void training() {
        phase = Phase.TRAINING;
    }

    /** Training ended with its model and last checkpoint saved: a signal from now on needs no checkpoint. */
    void trained() {
        phase = Phase.TRAINED;
        settled.countDown();
    }

    /** The loop stopped on request: says where it stopped and how to continue, then lets the JVM exit. */
    void stopped(TrainingStopped e) {
        Path checkpoint = RunCheckpoint.of(out);
        if (e.search() != null) {
            say(String.format("Stopped in %s; %s.", e.search(), e.saved()
                    ? "the checkpoint '" + checkpoint + "' holds the runs it finished, and this one starts again: continue "
                            + "with 'sae4j train --resume " + out + "'"
                    : "its checkpoint could not be written, so run the command again"));
            reported = true;
            settled.countDown();
            return;
        }
        say(String.format("Stopped at step %,d of %,d; %s: continue with 'sae4j train --resume %s'.", e.step(),
                e.totalSteps(), e.saved() ? "the checkpoint '" + checkpoint + "' holds this moment"
                        : "this moment's checkpoint could not be written, so the run continues from the last one written",
                out));
        reported = true;
        settled.countDown();
    }

    @Override
    public void close() {
        settled.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running, and needs no removing
        }
    }

    private void onSignal() {
        requested = true;
        if (phase == Phase.PREPARING) {
            say("Stopped before training began; nothing was saved to resume, so run the command again.");
            return;
        }
        if (phase == Phase.TRAINING) {
            awaitCheckpoint();
        }
        if (phase == Phase.TRAINED && !reported) {
            say("Stopped after training ended; the model '" + out + "' is saved.");
        }
    }

    private void awaitCheckpoint() {
        try {
            if (!settled.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                say("Stopped without a checkpoint of this moment (no step ended within " + WAIT_SECONDS + " s); 'sae4j "
                        + "train --resume " + out + "' continues from the last checkpoint written.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void say(String line) {
        err.println(line);
        err.flush();
    }
}
