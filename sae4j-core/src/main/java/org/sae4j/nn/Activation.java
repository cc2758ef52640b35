package org.sae4j.nn;

import java.util.Arrays;
import java.util.Locale;
import org.sae4j.InvalidInputException;
import org.sae4j.tensor.Kernels;

/** Elementwise activation functions; backward uses the cached output where that is cheaper. */
public enum Activation {
    LINEAR {
        @Override
        public void forward(Kernels kernels, float[] z, float[] out) {
            System.arraycopy(z, 0, out, 0, z.length);
        }

        @Override
        public void backward(float[] z, float[] out, float[] grad) {
            // derivative 1: grad passes through unchanged
        }
    },
    RELU {
        @Override
        public void forward(Kernels kernels, float[] z, float[] out) {
            for (int i = 0; i < z.length; i++) {
                out[i] = Math.max(z[i], 0f);
            }
        }

        @Override
        public void backward(float[] z, float[] out, float[] grad) {
            for (int i = 0; i < grad.length; i++) {
                grad[i] = z[i] > 0f ? grad[i] : 0f;
            }
        }
    },
    SIGMOID {
        @Override
        public void forward(Kernels kernels, float[] z, float[] out) {
            kernels.sigmoid(z, out, z.length);
        }

        @Override
        public void backward(float[] z, float[] out, float[] grad) {
            for (int i = 0; i < grad.length; i++) {
                grad[i] *= out[i] * (1f - out[i]);
            }
        }
    },
    TANH {
        @Override
        public void forward(Kernels kernels, float[] z, float[] out) {
            kernels.tanh(z, out, z.length);
        }

        @Override
        public void backward(float[] z, float[] out, float[] grad) {
            for (int i = 0; i < grad.length; i++) {
                grad[i] *= 1f - out[i] * out[i];
            }
        }
    };

    /** out = f(z); {@code out} may be {@code z} itself. Transcendentals go through the kernels, where they are hot. */
    public abstract void forward(Kernels kernels, float[] z, float[] out);

    /** {@link #forward(Kernels, float[], float[])} on the default kernels. */
    public void forward(float[] z, float[] out) {
        forward(Kernels.defaults(), z, out);
    }

    /** grad ← grad ⊙ f'(z), given the pre-activation {@code z} and the output {@code out} = f(z). */
    public abstract void backward(float[] z, float[] out, float[] grad);

    /** The lower-case name used in configs and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether every output lies strictly inside (0, 1), as the KL sparsity penalty requires. */
    public boolean isUnitInterval() {
        return this == SIGMOID;
    }

    public static Activation parse(String name) {
        if (name == null) {
            throw new InvalidInputException("No activation given; expected one of "
                    + Arrays.stream(values()).map(Activation::id).toList() + ".");
        }
        for (Activation a : values()) {
            if (a.id().equalsIgnoreCase(name.trim())) {
                return a;
            }
        }
        throw new InvalidInputException("Unknown activation '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Activation::id).toList() + ".");
    }
}
