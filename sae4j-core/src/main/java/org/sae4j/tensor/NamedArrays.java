package org.sae4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sae4j.InvalidInputException;

/**
 * The one in-memory form of training state: parameters, gradients, optimizer moments, trainer counters and
 * buffers as name → {@code float[]}, {@code double[]} or {@code long[]} (plus short texts such as a format tag).
 * Plain arrays can be summed, scaled, compared and sent between machines; the file format
 * ({@code io.StateFile}) and the data-parallel reduction ({@code train.TrainState}) both work on this alone; it is
 * {@link java.io.Serializable}, so a cluster can broadcast it as it is.
 *
 * <p>Entries keep their insertion order, so a state written twice is written the same way. Arrays are copied
 * in and handed out as they are stored (callers that keep one must not change it).
 */
public final class NamedArrays implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, Object> entries = new LinkedHashMap<>();

    public NamedArrays put(String name, float[] v) {
        entries.put(name, v.clone());
        return this;
    }

    public NamedArrays put(String name, double[] v) {
        entries.put(name, v.clone());
        return this;
    }

    public NamedArrays put(String name, long[] v) {
        entries.put(name, v.clone());
        return this;
    }

    public NamedArrays put(String name, String v) {
        entries.put(name, v);
        return this;
    }

    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /** Every name, in insertion order. */
    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    /** The stored value of {@code name}: a {@code float[]}, {@code double[]}, {@code long[]} or {@code String}. */
    public Object get(String name) {
        return entries.get(name);
    }

    public float[] floats(String name) {
        return get(name, float[].class);
    }

    public double[] doubles(String name) {
        return get(name, double[].class);
    }

    public long[] longs(String name) {
        return get(name, long[].class);
    }

    public String text(String name) {
        return get(name, String.class);
    }

    private <T> T get(String name, Class<T> type) {
        Object o = entries.get(name);
        if (!type.isInstance(o)) {
            throw new InvalidInputException("The checkpoint lacks its '" + name
                    + "' entry; expected a file written by sae4j train.");
        }
        return type.cast(o);
    }

    /** A deep copy. */
    public NamedArrays copy() {
        NamedArrays c = new NamedArrays();
        entries.forEach((name, v) -> c.entries.put(name, v instanceof String ? v : cloneArray(v)));
        return c;
    }

    /**
     * Adds {@code other}'s numeric entry {@code name} into this one's, element by element (both must exist with
     * the same type and length): the sum of a data-parallel reduction.
     */
    public void addInto(String name, NamedArrays other) {
        Object a = entries.get(name);
        Object b = other.entries.get(name);
        requireSameShape(name, a, b);
        if (a instanceof float[] f) {
            float[] g = (float[]) b;
            for (int i = 0; i < f.length; i++) {
                f[i] += g[i];
            }
        } else if (a instanceof double[] d) {
            double[] e = (double[]) b;
            for (int i = 0; i < d.length; i++) {
                d[i] += e[i];
            }
        } else if (a instanceof long[] l) {
            long[] m = (long[]) b;
            for (int i = 0; i < l.length; i++) {
                l[i] += m[i];
            }
        } else {
            throw new IllegalArgumentException("'" + name + "' is a text; only numbers add");
        }
    }

    /** Every numeric entry added into this one's: see {@link #addInto(String, NamedArrays)}. */
    public NamedArrays addInto(NamedArrays other) {
        for (String name : entries.keySet()) {
            if (!(entries.get(name) instanceof String)) {
                addInto(name, other);
            }
        }
        return this;
    }

    /** Multiplies the floating-point entry {@code name} by {@code factor} (a mean is a sum scaled by 1/n). */
    public void scale(String name, double factor) {
        Object a = entries.get(name);
        if (a instanceof float[] f) {
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) (f[i] * factor);
            }
        } else if (a instanceof double[] d) {
            for (int i = 0; i < d.length; i++) {
                d[i] *= factor;
            }
        } else {
            throw new IllegalArgumentException("'" + name + "' is not a floating-point array");
        }
    }

    /** True when both hold entry {@code name} with equal values (bit for bit), or neither holds it. */
    public boolean equalAt(String name, NamedArrays other) {
        return Arrays.deepEquals(new Object[] {entries.get(name)}, new Object[] {other.entries.get(name)});
    }

    /** True when both hold the same names in the same order with equal values (bit for bit). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NamedArrays n) || !names().equals(n.names())) {
            return false;
        }
        for (String name : entries.keySet()) {
            if (!equalAt(name, n)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            h = 31 * h + e.getKey().hashCode() + Arrays.deepHashCode(new Object[] {e.getValue()});
        }
        return h;
    }

    @Override
    public String toString() {
        return "NamedArrays" + names();
    }

    private static Object cloneArray(Object v) {
        if (v instanceof float[] f) {
            return f.clone();
        }
        if (v instanceof double[] d) {
            return d.clone();
        }
        return ((long[]) v).clone();
    }

    private static void requireSameShape(String name, Object a, Object b) {
        if (a == null || b == null || a.getClass() != b.getClass()) {
            throw new IllegalArgumentException("'" + name + "' is missing or of another type in one of the states");
        }
        if (!(a instanceof String) && java.lang.reflect.Array.getLength(a) != java.lang.reflect.Array.getLength(b)) {
            throw new IllegalArgumentException("'" + name + "' has different lengths in the two states");
        }
    }
}
