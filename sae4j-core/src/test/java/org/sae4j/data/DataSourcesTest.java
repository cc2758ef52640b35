package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.data.Fixtures.floatsBigEndian;
import static org.sae4j.data.Fixtures.gzip;
import static org.sae4j.data.Fixtures.idx;
import static org.sae4j.data.Fixtures.ubytes;
import static org.sae4j.data.Fixtures.userError;
import static org.sae4j.data.Fixtures.write;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sae4j.io.NpyWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {
    @TempDir
    Path dir;

    private static void assertPixels(Dataset d, int rows) {
        assertEquals(rows, d.rows());
        assertEquals(784, d.cols());
        assertNotNull(d.labels());
        for (int label : d.labels()) {
            assertTrue(label >= 0 && label <= 9, "label " + label);
        }
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : d.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertTrue(max <= 255f && max > 200f, "max " + max);
    }

    @Test
    void embeddedIsTheDefaultTenThousandTestImages() {
        Dataset d = new DataSources(dir.resolve("absent")).load(null);
        assertPixels(d, 10_000);
        assertEquals(DataSources.EMBEDDED, d.name());
        assertEquals(d.rows(), new DataSources(dir).load("embedded").rows());
    }

    @Test
    void installedFashionMnistLoadsSixtyThousand() {
        Path installed = DataSources.DEFAULT_FASHION_MNIST_DIR;
        Assumptions.assumeTrue(Files.isDirectory(installed), "dataset-fashion-mnist not installed");
        Dataset train = new DataSources(installed).load("fashion-mnist");
        assertPixels(train, 60_000);
        assertEquals("fashion-mnist", train.name());
    }

    @Test
    void fashionMnistFolderIsOverridable() {
        write(dir, "t10k-images-idx3-ubyte.gz", gzip(idx(0x08, new int[] {2, 1, 3}, ubytes(1, 2, 3, 4, 5, 6))));
        write(dir, "t10k-labels-idx1-ubyte", idx(0x08, new int[] {2}, ubytes(7, 8))); // unpacked copy also works
        Dataset d = new DataSources(dir).load("fashion-mnist-test");
        assertEquals(2, d.rows());
        assertEquals(3, d.cols());
        assertArrayEquals(new int[] {7, 8}, d.labels());
        assertEquals("fashion-mnist-test", d.name());
    }

    @Test
    void mismatchedLabelCountIsReported() {
        write(dir, "train-images-idx3-ubyte.gz", gzip(idx(0x08, new int[] {2, 1, 1}, ubytes(1, 2))));
        Path labels = write(dir, "train-labels-idx1-ubyte.gz", gzip(idx(0x08, new int[] {3}, ubytes(1, 2, 3))));
        userError(() -> new DataSources(dir).load("fashion-mnist"), "File '" + labels + "' holds 3 labels",
                "holds 2 images", "expected one label per image");
    }

    @Test
    void missingFashionMnistFolderSaysHowToInstall() {
        Path absent = dir.resolve("nowhere");
        userError(() -> new DataSources(absent).load("fashion-mnist"), "not installed at " + absent,
                "apt-get install dataset-fashion-mnist", "--data embedded");
    }

    @Test
    void dispatchesFilesByNameOrContent() {
        Path csv = write(dir, "m.CSV", "a,b\n1,2\n");
        assertEquals(2, new DataSources(dir).load(csv.toString()).cols());
        Path npy = dir.resolve("m.npy");
        NpyWriter.write(npy, new float[] {1, 2, 3}, 3, 1);
        assertEquals(3, new DataSources(dir).load(npy.toString()).rows());
        byte[] images = idx(0x08, new int[] {2, 2, 2}, ubytes(1, 2, 3, 4, 5, 6, 7, 8));
        Path raw = write(dir, "train-images-idx3-ubyte", images);
        assertEquals(4, new DataSources(dir).load(raw.toString()).cols());
        Path gz = write(dir, "images.gz", gzip(images));
        Dataset d = new DataSources(dir).load(gz.toString());
        assertEquals(2, d.rows());
        assertNull(d.labels());
    }

    @Test
    void rejectsUnknownMissingAndDirectory() {
        Path text = write(dir, "notes.txt", "hello");
        userError(() -> new DataSources(dir).load(text.toString()), "File '" + text + "' is not a recognised data file",
                "expected a .csv file, a .npy file, an IDX file", "embedded");
        Path missing = dir.resolve("gone.csv");
        assertEquals("File '" + missing + "' does not exist.",
                userError(() -> new DataSources(dir).load(missing.toString())));
        userError(() -> new DataSources(dir).load("fashion"), "File 'fashion' does not exist",
                "one of embedded, embedded-held-out, fashion-mnist, fashion-mnist-test");
        userError(() -> new DataSources(dir).load(dir.toString()), "is a directory");
    }

    @Test
    void everyDatasetIsCheckedFinite() {
        Path nan = write(dir, "nan-idx", idx(0x0D, new int[] {2, 2}, floatsBigEndian(1, 2, 3, Float.NaN)));
        userError(() -> new DataSources(dir).load(nan.toString()), "Data '" + nan + "' holds NaN at row 2, column 2",
                "expected finite numbers");
    }
}
