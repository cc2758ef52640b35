package org.sae4j.train;

/**
 * Samples since each latent last fired, kept by the trainer (as sparsify does) and handed to the model as a
 * dead mask: a latent is dead once it has gone {@code window} samples without firing.
 */
final class DeadLatents {
    private final long[] sinceFired;
    private final long window;

    DeadLatents(int latents, long window) {
        this.sinceFired = new long[latents];
        this.window = window;
    }

    /** Folds in one batch of {@code samples} rows, where fires[i] counts the rows in which latent i fired. */
    void update(int[] fires, int samples) {
        for (int i = 0; i < sinceFired.length; i++) {
            sinceFired[i] = fires[i] > 0 ? 0 : sinceFired[i] + samples;
        }
    }

    boolean[] mask() {
        boolean[] dead = new boolean[sinceFired.length];
        for (int i = 0; i < dead.length; i++) {
            dead[i] = sinceFired[i] >= window;
        }
        return dead;
    }

    double fraction() {
        int n = 0;
        for (long s : sinceFired) {
            n += s >= window ? 1 : 0;
        }
        return (double) n / sinceFired.length;
    }

    /** Marks resampled latents alive again, so they get a full window to prove themselves. */
    void revive(int[] latents) {
        for (int i : latents) {
            sinceFired[i] = 0;
        }
    }

    /** The counters, for a checkpoint. */
    long[] state() {
        return sinceFired.clone();
    }

    void restore(long[] state) {
        System.arraycopy(state, 0, sinceFired, 0, sinceFired.length);
    }
}
