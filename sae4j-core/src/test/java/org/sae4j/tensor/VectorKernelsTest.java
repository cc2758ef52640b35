package org.sae4j.tensor;

/** Runs when the tests' JVM loads jdk.incubator.vector, as the build configures it to. */
class VectorKernelsTest extends KernelsContract {
    @Override
    Kernels kernels() {
        return VectorKernels.INSTANCE;
    }
}
