package org.sae4j.tensor;

class JavaKernelsTest extends KernelsContract {
    @Override
    Kernels kernels() {
        return JavaKernels.INSTANCE;
    }
}
