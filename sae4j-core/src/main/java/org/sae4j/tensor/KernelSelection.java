package org.sae4j.tensor;

import java.util.Locale;
import org.sae4j.InvalidInputException;

/** Picks the default backend once, at first use; see {@link Kernels#defaults()}. */
final class KernelSelection {
    static final Kernels DEFAULT = select();

    private KernelSelection() {
    }

    private static Kernels select() {
        String wanted = System.getProperty("sae4j.kernels", System.getenv().getOrDefault("SAE4J_KERNELS", "auto"))
                .trim().toLowerCase(Locale.ROOT);
        boolean vectorAvailable = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return switch (wanted) {
            case "java" -> JavaKernels.INSTANCE;
            // VectorKernels is only touched, and so loaded, when its module is there.
            case "auto" -> vectorAvailable ? VectorKernels.INSTANCE : JavaKernels.INSTANCE;
            case "vector" -> {
                if (!vectorAvailable) {
                    throw new InvalidInputException("SAE4J_KERNELS=vector needs the JVM option "
                            + "--add-modules jdk.incubator.vector; the sae4j launcher adds it.");
                }
                yield VectorKernels.INSTANCE;
            }
            default -> throw new InvalidInputException("Math backend '" + wanted
                    + "' is unknown; expected java, vector or auto.");
        };
    }
}
