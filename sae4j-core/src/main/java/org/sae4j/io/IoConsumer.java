package org.sae4j.io;

import java.io.IOException;

/** A consumer that may throw IOException, so writers can be passed as lambdas without wrapping. */
@FunctionalInterface
public interface IoConsumer<T> {
    void accept(T t) throws IOException;
}
