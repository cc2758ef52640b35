package org.sae4j.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.train.CheckpointSink;
import org.sae4j.tensor.NamedArrays;

/**
 * The file form of {@link NamedArrays}, for training checkpoints: a magic number, a version, then entries of
 * (kind, name, length, big-endian values). Written atomically through {@link AtomicFiles}, so a
 * kill during a save leaves the previous checkpoint intact (and a stray temp file, removed by the next save).
 */
public final class StateFile {
    private static final long MAGIC = 0x534145346A434B50L; // "SAE4jCKP"
    private static final int VERSION = 1;
    /** Test hook: the JVM halts in the middle of this process's Nth save, as a SIGKILL would stop it. */
    static final String CRASH_PROPERTY = "sae4j.test.crashInCheckpoint";
    private static int saves;

    private StateFile() {
    }

    /** Writes {@code state} to {@code file} atomically; a failure (a full disk) leaves the file as it was. */
    public static void write(NamedArrays state, Path file) {
        List<String> names = state.names();
        int crashAt = Integer.getInteger(CRASH_PROPERTY, -1);
        int save = ++saves;
        try {
            AtomicFiles.write(file, raw -> {
                DataOutputStream out = new DataOutputStream(raw);
                out.writeLong(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(names.size());
                int written = 0;
                for (String name : names) {
                    if (save == crashAt && written++ == names.size() / 2) {
                        out.flush();
                        Runtime.getRuntime().halt(137);
                    }
                    writeEntry(out, name, state.get(name));
                }
                out.flush();
            });
        } catch (IOException e) {
            throw new CheckpointSink.StateNotSaved(file.toString(), IoErrors.reason(e), e);
        }
    }

    private static void writeEntry(DataOutputStream out, String name, Object v) throws IOException {
        if (v instanceof String s) {
            out.writeByte('s');
            out.writeUTF(name);
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
            return;
        }
        int n = v instanceof float[] f ? f.length : v instanceof double[] d ? d.length : ((long[]) v).length;
        out.writeByte(v instanceof float[] ? 'f' : v instanceof double[] ? 'd' : 'l');
        out.writeUTF(name);
        out.writeInt(n);
        int width = v instanceof float[] ? 4 : 8;
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        for (int from = 0; from < n; ) {
            int m = Math.min(n - from, buf.capacity() / width);
            buf.clear();
            if (v instanceof float[] f) {
                buf.asFloatBuffer().put(f, from, m);
            } else if (v instanceof double[] d) {
                buf.asDoubleBuffer().put(d, from, m);
            } else {
                buf.asLongBuffer().put((long[]) v, from, m);
            }
            out.write(buf.array(), 0, m * width);
            from += m;
        }
    }

    /** The state written to {@code file}. */
    public static NamedArrays read(Path file) {
        NamedArrays s = new NamedArrays();
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            long size = Files.size(file);
            if (in.readLong() != MAGIC || in.readInt() != VERSION) {
                throw notACheckpoint(file);
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                int kind = in.readByte();
                String name = in.readUTF();
                int n = in.readInt();
                int width = kind == 'f' ? 4 : kind == 's' ? 1 : 8;
                if (n < 0 || (long) n * width > size) {
                    throw notACheckpoint(file);
                }
                byte[] b = in.readNBytes(n * width);
                if (b.length < n * width) {
                    throw new EOFException();
                }
                ByteBuffer buf = ByteBuffer.wrap(b);
                switch (kind) {
                    case 's' -> s.put(name, new String(b, java.nio.charset.StandardCharsets.UTF_8));
                    case 'f' -> {
                        float[] v = new float[n];
                        buf.asFloatBuffer().get(v);
                        s.put(name, v);
                    }
                    case 'd' -> {
                        double[] v = new double[n];
                        buf.asDoubleBuffer().get(v);
                        s.put(name, v);
                    }
                    case 'l' -> {
                        long[] v = new long[n];
                        buf.asLongBuffer().get(v);
                        s.put(name, v);
                    }
                    default -> throw notACheckpoint(file);
                }
            }
        } catch (EOFException e) {
            throw new InvalidInputException("Checkpoint '" + file + "' ends early; expected a complete file written by sae4j train.");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the checkpoint '" + file + "' (" + e.getMessage() + ").");
        }
        return s;
    }

    private static InvalidInputException notACheckpoint(Path file) {
        return new InvalidInputException("File '" + file + "' is not an sae4j checkpoint; expected the .ckpt file "
                + "that sae4j train writes beside its model.");
    }
}
