package org.sae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import org.sae4j.InvalidInputException;
import org.sae4j.data.synthetic.SyntheticSpec;

/**
 * Turns a user's {@code --data} string into a dataset: a named source (embedded, fashion-mnist,
 * fashion-mnist-test), a generated one ({@code synthetic:...}, see {@link SyntheticSpec}) or a file path. Every dataset it returns has passed {@link Dataset#requireFinite}.
 */
public final class DataSources {
    public static final String EMBEDDED = "embedded";
    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String FASHION_MNIST_TEST = "fashion-mnist-test";
    /**
     * The last 1,000 embedded images. {@code sae4j train} holds out the last 10% of its data for validation,
     * so a model trained on (any --limit of) the embedded images has never seen these: eval and report
     * score them by default, so their numbers are not flattered by the training rows.
     */
    public static final String EMBEDDED_HELD_OUT = "embedded-held-out";
    public static final int EMBEDDED_HELD_OUT_ROWS = 1000;
    public static final String DEFAULT = EMBEDDED;
    /** Where the Debian package dataset-fashion-mnist installs the files. */
    public static final Path DEFAULT_FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String FASHION_MNIST_DIR_ENV = "SAE4J_FASHION_MNIST_DIR";

    private static final String RESOURCES = "/org/sae4j/data/";
    private static final String FORMS = "expected a .csv file, a .npy file, an IDX file (raw or gzip), "
            + "a .safetensors file (or file.safetensors:TENSOR), "
            + "or one of embedded, embedded-held-out, fashion-mnist, fashion-mnist-test";

    private final Path fashionMnistDir;

    /** Uses $SAE4J_FASHION_MNIST_DIR when set, else the Debian package's folder. */
    public DataSources() {
        this(defaultFashionMnistDir());
    }

    /** Reads fashion-mnist and fashion-mnist-test from {@code fashionMnistDir} (tests point it elsewhere). */
    public DataSources(Path fashionMnistDir) {
        this.fashionMnistDir = fashionMnistDir;
    }

    public static Path defaultFashionMnistDir() {
        String env = System.getenv(FASHION_MNIST_DIR_ENV);
        return env == null || env.isBlank() ? DEFAULT_FASHION_MNIST_DIR : Path.of(env);
    }

    /** Shorthand for {@code new DataSources().load(spec)}. */
    public static Dataset resolve(String spec) {
        return new DataSources().load(spec);
    }

    /**
     * The number of features of a named source, known without loading it (all are 28 x 28 images), or 1
     * for a file; lets the memory needed for a model be checked before the data is read.
     */
    public static int widthHint(String spec) {
        String s = spec == null || spec.isBlank() ? DEFAULT : spec.strip();
        return switch (s) {
            case EMBEDDED, EMBEDDED_HELD_OUT, FASHION_MNIST, FASHION_MNIST_TEST -> 28 * 28;
            default -> 1;
        };
    }

    /** Loads the source {@code spec} names; null or blank means {@link #DEFAULT}. */
    public Dataset load(String spec) {
        String s = spec == null || spec.isBlank() ? DEFAULT : spec.strip();
        if (StreamProvider.looksProvided(s)) {
            throw StreamProvider.notInMemory(s);
        }
        Dataset data = switch (s) {
            case EMBEDDED -> embedded();
            case EMBEDDED_HELD_OUT -> heldOut(embedded());
            case FASHION_MNIST -> fashionMnist("train", FASHION_MNIST);
            case FASHION_MNIST_TEST -> fashionMnist("t10k", FASHION_MNIST_TEST);
            default -> SyntheticSpec.matches(s) ? SyntheticSpec.parse(s).dataset() : file(s);
        };
        return data.requireFinite();
    }

    /** The 10,000 Fashion-MNIST test images bundled in the jar, so the tool works with no download. */
    private static Dataset embedded() {
        Dataset images;
        int[] labels;
        try (InputStream in = resource("t10k-images-idx3-ubyte.gz")) {
            images = IdxReader.readImages(in, EMBEDDED);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled images", e);
        }
        try (InputStream in = resource("t10k-labels-idx1-ubyte.gz")) {
            labels = IdxReader.readLabels(in, EMBEDDED + " labels");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled labels", e);
        }
        return withLabels(images, labels, EMBEDDED + " labels");
    }

    private static Dataset heldOut(Dataset all) {
        Dataset tail = all.slice(all.rows() - EMBEDDED_HELD_OUT_ROWS, all.rows());
        return new Dataset(EMBEDDED_HELD_OUT, tail.values(), tail.rows(), tail.cols(), tail.labels());
    }

    private static InputStream resource(String file) {
        InputStream in = DataSources.class.getResourceAsStream(RESOURCES + file);
        if (in == null) {
            // A packaging bug, not a user error.
            throw new IllegalStateException("bundled resource " + RESOURCES + file + " is missing from the jar");
        }
        return in;
    }

    private Dataset fashionMnist(String split, String name) {
        if (!Files.isDirectory(fashionMnistDir)) {
            throw new InvalidInputException("Fashion-MNIST is not installed at " + fashionMnistDir
                    + "; run 'apt-get install dataset-fashion-mnist' (or set " + FASHION_MNIST_DIR_ENV
                    + ") or use --data embedded.");
        }
        Path imagesFile = idxFile(split + "-images-idx3-ubyte");
        Path labelsFile = idxFile(split + "-labels-idx1-ubyte");
        Dataset images = IdxReader.readImages(imagesFile);
        int[] labels = IdxReader.readLabels(labelsFile);
        Dataset labelled = withLabels(images, labels, labelsFile.toString());
        return new Dataset(name, labelled.values(), labelled.rows(), labelled.cols(), labelled.labels());
    }

    /** Prefers the .gz the package ships, but takes an unpacked copy too. */
    private Path idxFile(String base) {
        Path gz = fashionMnistDir.resolve(base + ".gz");
        Path raw = fashionMnistDir.resolve(base);
        return Files.exists(gz) || !Files.exists(raw) ? gz : raw;
    }

    private static Dataset withLabels(Dataset images, int[] labels, String labelsName) {
        if (labels.length != images.rows()) {
            throw new InvalidInputException("File '" + labelsName + "' holds " + labels.length + " labels but '"
                    + images.name() + "' holds " + images.rows() + " images; expected one label per image.");
        }
        return new Dataset(images.name(), images.values(), images.rows(), images.cols(), labels);
    }

    private static Dataset file(String spec) {
        String[] tensor = safetensorsTensor(spec);
        if (tensor != null) {
            return SafeTensorsData.read(Path.of(tensor[0]), tensor[1]);
        }
        Path path;
        try {
            path = Path.of(spec);
        } catch (InvalidPathException e) {
            throw new InvalidInputException("Data '" + spec + "' is not a valid file path; " + FORMS + ".", e);
        }
        if (!Files.exists(path)) {
            boolean bareWord = !spec.contains("/") && !spec.contains("\\") && !spec.contains(".");
            throw new InvalidInputException("File '" + spec + "' does not exist"
                    + (bareWord ? "; " + FORMS + "." : "."));
        }
        DataFiles.requireFile(path);
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return CsvReader.read(path);
        }
        if (lower.endsWith(".npy")) {
            return NpyReader.read(path);
        }
        if (lower.endsWith(".safetensors")) {
            return SafeTensorsData.read(path, null);
        }
        if (IdxReader.looksLikeIdx(head(path))) {
            return IdxReader.readImages(path);
        }
        throw new InvalidInputException("File '" + spec + "' is not a recognised data file; " + FORMS + ".");
    }

    /**
     * Splits {@code file.safetensors:NAME} into file and tensor name, or returns null when the spec has no such
     * suffix (or names an existing file, so a file whose name holds ':' still reads whole).
     */
    private static String[] safetensorsTensor(String spec) {
        String marker = ".safetensors:";
        int at = spec.toLowerCase(Locale.ROOT).lastIndexOf(marker);
        if (at < 0 || existsAsIs(spec)) {
            return null;
        }
        String file = spec.substring(0, at + marker.length() - 1);
        String name = spec.substring(at + marker.length());
        if (name.isEmpty()) {
            throw new InvalidInputException("Data '" + spec + "' names no tensor after the ':'; expected "
                    + "file.safetensors:TENSOR.");
        }
        return new String[] {file, name};
    }

    private static boolean existsAsIs(String spec) {
        try {
            return Files.exists(Path.of(spec));
        } catch (InvalidPathException e) {
            return false; // e.g. ':' on Windows; then it is the tensor suffix
        }
    }

    private static byte[] head(Path path) {
        try (InputStream in = DataFiles.open(path)) {
            return in.readNBytes(4);
        } catch (IOException e) {
            throw DataFiles.unreadable(path.toString(), e);
        }
    }
}
