package org.sae4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.sae4j.format.NpyHeader;

/**
 * A numpy .npz: a zip of .npy files, one per array, stored uncompressed as {@code np.savez} writes them
 * (codes are mostly indices and values that deflate barely shrinks, and stored entries cost no CPU). Large
 * entries get zip64 records, which numpy's zipfile reads.
 */
final class NpzWriter {
    /** Zip's earliest date: entries carry no clock time, so the same arrays give the same bytes. */
    private static final LocalDateTime EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private NpzWriter() {
    }

    /**
     * One array: its .npy header, then its data from {@code file} (already little-endian) when that is not
     * null, else {@code inline}.
     */
    record Entry(String name, byte[] header, Path file, byte[] inline) {
        static Entry ofFile(String name, String descr, String shape, Path file) {
            return new Entry(name, NpyHeader.of(descr, shape), file, null);
        }

        static Entry ofBytes(String name, String descr, String shape, byte[] data) {
            return new Entry(name, NpyHeader.of(descr, shape), null, data);
        }
    }

    static void write(OutputStream out, List<Entry> entries) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Entry e : entries) {
            // A stored entry needs its size and CRC before its bytes: one read of the data file for the CRC
            // (from the page cache, as it was just written), one to copy it.
            CRC32 crc = new CRC32();
            crc.update(e.header());
            long size = e.header().length + each(e, crc::update);
            ZipEntry z = new ZipEntry(e.name() + ".npy");
            z.setMethod(ZipEntry.STORED);
            z.setSize(size);
            z.setCompressedSize(size);
            z.setCrc(crc.getValue());
            z.setTimeLocal(EPOCH);
            zip.putNextEntry(z);
            zip.write(e.header());
            each(e, zip::write);
            zip.closeEntry();
        }
        zip.finish(); // not close(): the caller owns the stream
    }

    private interface Bytes {
        void accept(byte[] b, int off, int len) throws IOException;
    }

    /** Hands the entry's data to {@code sink} a buffer at a time; returns its length. */
    private static long each(Entry e, Bytes sink) throws IOException {
        if (e.file() == null) {
            sink.accept(e.inline(), 0, e.inline().length);
            return e.inline().length;
        }
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(e.file())) {
            for (int r; (r = in.read(buf)) > 0; n += r) {
                sink.accept(buf, 0, r);
            }
        }
        return n;
    }
}
