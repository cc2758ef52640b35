package org.sae4j.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.sae4j.format.NpyHeader;

/** Writes .npy shards of generated activations for the streaming tests and the shard benchmark. */
public final class TestShards {
    private TestShards() {
    }

    /** Sparse non-negative rows: a few active coordinates each, as activations look. */
    public static void write(Path file, long rows, int cols, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            b.put(NpyHeader.float32Matrix(rows, cols));
            for (long r = 0; r < rows; r++) {
                if (b.remaining() < cols * 4) {
                    b.flip();
                    ch.write(b);
                    b.clear();
                }
                for (int c = 0; c < cols; c++) {
                    b.putFloat(random.nextInt(8) == 0 ? (float) random.nextDouble() : 0f);
                }
            }
            b.flip();
            ch.write(b);
        }
    }

    /**
     * Dense rows of {@code cols} values, roughly normal with standard deviation {@code scale}, as a BF16
     * .safetensors shard whose only tensor is {@code acts} (the form activation caches take).
     */
    public static void writeBf16(Path file, long rows, int cols, double scale, long seed) throws IOException {
        long n = rows * cols * 2;
        String header = "{\"acts\":{\"dtype\":\"BF16\",\"shape\":[" + rows + "," + cols + "],\"data_offsets\":[0," + n + "]}}";
        SplittableRandom random = new SplittableRandom(seed);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(header.length()).put(header.getBytes());
            for (long i = 0; i < rows * cols; i++) {
                if (b.remaining() < 2) {
                    b.flip();
                    ch.write(b);
                    b.clear();
                }
                double g = random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5; // variance 1/4
                b.putShort((short) (Float.floatToIntBits((float) (2 * g * scale)) >>> 16));
            }
            b.flip();
            ch.write(b);
        }
    }

    /** Overwrites row {@code row}, column {@code col} (from 0) of a shard these methods wrote with {@code value}. */
    public static void poison(Path file, long row, int col, float value) throws IOException {
        boolean npy = file.getFileName().toString().endsWith(".npy");
        long offset;
        ByteBuffer v = ByteBuffer.allocate(npy ? 4 : 2).order(ByteOrder.LITTLE_ENDIAN);
        long cols;
        try (Shards s = Shards.open(file.toString())) {
            cols = s.cols();
        }
        if (npy) {
            byte[] start = new byte[10];
            try (var in = Files.newInputStream(file)) {
                in.readNBytes(start, 0, 10);
            }
            offset = 10 + (ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xffff);
            v.putFloat(value);
        } else {
            SafeTensorsData.Layout l = SafeTensorsData.locate(file, null);
            offset = l.dataOffset();
            v.putShort((short) (Float.floatToIntBits(value) >>> 16));
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(v.flip(), offset + (row * cols + col) * v.capacity());
        }
    }
}
