package org.sae4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.sae4j.InvalidInputException;
import org.sae4j.cli.SaeFlags;
import org.sae4j.data.Normalizer;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.spark.io.ModelBytes;
import org.sae4j.spark.train.DistributedTrainer;
import org.sae4j.spark.train.TrainSettings;

/**
 * Trains a dictionary-learning sparse autoencoder on a DataFrame column ({@code array<float>}, {@code array<double>}
 * or an ML Vector), data-parallel over the DataFrame's partitions by periodic model averaging
 * ({@link DistributedTrainer}). The params mirror {@code sae4j train}'s flags and defaults (an unset optional param
 * means what leaving the flag out means).
 */
public final class SparseAutoencoderEstimator extends Estimator<SparseAutoencoderModel>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final Param<String> arch;
    private final IntParam width;
    private final IntParam k;
    private final DoubleParam lambda;
    private final DoubleParam targetL0;
    private final DoubleParam lr;
    private final IntParam batchSize;
    private final IntParam epochs;
    private final LongParam samples;
    private final LongParam seed;
    private final Param<String> scale;
    private final IntParam syncEvery;
    private final IntParam numPartitions;
    private final Param<String> checkpointDir;
    private final IntParam checkpointEvery;

    public SparseAutoencoderEstimator() {
        this(Identifiable.randomUID("saeEstimator"));
    }

    public SparseAutoencoderEstimator(String uid) {
        this.uid = uid;
        inputCol = new Param<>(this, "inputCol", "the column of input vectors: array<float>, array<double> or Vector");
        outputCol = new Param<>(this, "outputCol", "the model's latents column (a SparseVector)");
        arch = new Param<>(this, "arch", "standard, topk, batchtopk, jumprelu, matryoshka or gated");
        width = new IntParam(this, "width", "number of latents (default 8 x the input width)", ParamValidators.gtEq(1));
        k = new IntParam(this, "k", "latents kept per sample: topk, batchtopk, matryoshka (default 32)", ParamValidators.gtEq(1));
        lambda = new DoubleParam(this, "lambda", "sparsity coefficient: standard, gated, jumprelu", ParamValidators.gtEq(0));
        targetL0 = new DoubleParam(this, "targetL0", "reach this L0: a standard SAE's coefficient is searched, "
                + "jumprelu's and gated's thresholds follow a budget", ParamValidators.gt(0));
        lr = new DoubleParam(this, "lr", "learning rate (default 2e-4 / sqrt(width / 2^14))", ParamValidators.gt(0));
        batchSize = new IntParam(this, "batchSize", "rows per step over the whole cluster", ParamValidators.gtEq(1));
        epochs = new IntParam(this, "epochs", "passes over the data", ParamValidators.gtEq(1));
        samples = new LongParam(this, "samples", "train on this many rows in all instead of epochs", ParamValidators.gtEq(1));
        seed = new LongParam(this, "seed", "seed of the weights and the shuffling");
        scale = new Param<>(this, "scale", "input normalisation: minmax, standardize, mean-norm or none");
        syncEvery = new IntParam(this, "syncEvery", "steps each partition takes between two averages", ParamValidators.gtEq(1));
        numPartitions = new IntParam(this, "numPartitions",
                "spread the rows over this many partitions in contiguous ranges first (0: as the data is)", ParamValidators.gtEq(0));
        checkpointDir = new Param<>(this, "checkpointDir", "a Hadoop path to checkpoint into and resume from (empty: none)");
        checkpointEvery = new IntParam(this, "checkpointEvery", "rounds between checkpoints", ParamValidators.gtEq(1));
        setDefault(inputCol, "features");
        setDefault(outputCol, "latents");
        setDefault(arch, "topk");
        setDefault(batchSize, 256);
        setDefault(epochs, 20);
        setDefault(seed, 42L);
        setDefault(scale, "minmax");
        setDefault(syncEvery, 16);
        setDefault(numPartitions, 0);
        setDefault(checkpointDir, "");
        setDefault(checkpointEvery, 1);
    }

    @Override
    public String uid() {
        return uid;
    }

    // Spark finds a stage's params through public no-argument methods that return them.
    public Param<String> inputCol() { return inputCol; }
    public Param<String> outputCol() { return outputCol; }
    public Param<String> arch() { return arch; }
    public IntParam width() { return width; }
    public IntParam k() { return k; }
    public DoubleParam lambda() { return lambda; }
    public DoubleParam targetL0() { return targetL0; }
    public DoubleParam lr() { return lr; }
    public IntParam batchSize() { return batchSize; }
    public IntParam epochs() { return epochs; }
    public LongParam samples() { return samples; }
    public LongParam seed() { return seed; }
    public Param<String> scale() { return scale; }
    public IntParam syncEvery() { return syncEvery; }
    public IntParam numPartitions() { return numPartitions; }
    public Param<String> checkpointDir() { return checkpointDir; }
    public IntParam checkpointEvery() { return checkpointEvery; }

    public SparseAutoencoderEstimator setInputCol(String v) { return put(inputCol, v); }
    public SparseAutoencoderEstimator setOutputCol(String v) { return put(outputCol, v); }
    public SparseAutoencoderEstimator setArch(String v) { return put(arch, v); }
    public SparseAutoencoderEstimator setWidth(int v) { return put(width, (Object) v); }
    public SparseAutoencoderEstimator setK(int v) { return put(k, (Object) v); }
    public SparseAutoencoderEstimator setLambda(double v) { return put(lambda, (Object) v); }
    public SparseAutoencoderEstimator setTargetL0(double v) { return put(targetL0, (Object) v); }
    public SparseAutoencoderEstimator setLr(double v) { return put(lr, (Object) v); }
    public SparseAutoencoderEstimator setBatchSize(int v) { return put(batchSize, (Object) v); }
    public SparseAutoencoderEstimator setEpochs(int v) { return put(epochs, (Object) v); }
    public SparseAutoencoderEstimator setSamples(long v) { return put(samples, (Object) v); }
    public SparseAutoencoderEstimator setSeed(long v) { return put(seed, (Object) v); }
    public SparseAutoencoderEstimator setScale(String v) { return put(scale, v); }
    public SparseAutoencoderEstimator setSyncEvery(int v) { return put(syncEvery, (Object) v); }
    public SparseAutoencoderEstimator setNumPartitions(int v) { return put(numPartitions, (Object) v); }
    public SparseAutoencoderEstimator setCheckpointDir(String v) { return put(checkpointDir, v); }
    public SparseAutoencoderEstimator setCheckpointEvery(int v) { return put(checkpointEvery, (Object) v); }

    // IntParam and friends are Param<Object> to Java: these read them back typed.
    private int intOf(IntParam p) {
        return (Integer) getOrDefault(p);
    }

    private long longOf(LongParam p) {
        return (Long) getOrDefault(p);
    }

    private double doubleOf(DoubleParam p) {
        return (Double) getOrDefault(p);
    }

    private <T> SparseAutoencoderEstimator put(Param<T> p, T v) {
        set(p, v);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return new SparseAutoencoderModel(uid, new byte[0]).setInputCol(getOrDefault(inputCol))
                .setOutputCol(getOrDefault(outputCol)).transformSchema(schema);
    }

    @Override
    public SparseAutoencoderModel fit(Dataset<?> data) {
        transformSchema(data.schema());
        // A target L0 refuses what the architecture would ignore at it, as the command line does, before any data.
        SaeFlags.requireTrainableAt(getOrDefault(arch), false, isDefined(targetL0) ? doubleOf(targetL0) : null,
                option -> option.equals("--lambda") && isDefined(lambda));
        InputColumn input = new InputColumn(getOrDefault(inputCol));
        JavaRDD<float[]> rows = input.rows(data);
        TrainSettings settings = settings();
        SaeBuilder builder = builder(firstWidth(rows, input));
        DistributedTrainer trainer = new DistributedTrainer(
                JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext()), settings, intOf(syncEvery))
                .partitions(intOf(numPartitions));
        if (!getOrDefault(checkpointDir).isEmpty()) {
            trainer.checkpoints(getOrDefault(checkpointDir), intOf(checkpointEvery));
        }
        org.sae4j.model.Model trained = trainer.fit(builder.build(), rows, input.describe());
        SparseAutoencoderModel model = new SparseAutoencoderModel(uid, ModelBytes.of(trained));
        copyValues(model, ParamMap.empty());
        return model.setParent(this);
    }

    /** The model for inputs of {@code d} values from the params (unset ones: the architecture's defaults). */
    SaeBuilder builder(int d) {
        SaeBuilder b = SaeBuilder.of(Architecture.parse(getOrDefault(arch)), d).seed(longOf(seed));
        if (isDefined(width)) {
            b.width(intOf(width));
        }
        if (isDefined(k)) {
            b.k(intOf(k));
        }
        if (isDefined(lambda)) {
            b.coefficient(doubleOf(lambda));
        }
        return b;
    }

    /** The training settings the params give. */
    TrainSettings settings() {
        TrainSettings d = TrainSettings.defaults();
        return new TrainSettings(intOf(epochs), isDefined(samples) ? Long.valueOf(longOf(samples)) : null,
                intOf(batchSize), longOf(seed), d.shuffle(), Normalizer.parse(getOrDefault(scale)), d.optimizer(),
                isDefined(lr) ? Double.valueOf(doubleOf(lr)) : null, null, null, null, null, null, null,
                isDefined(targetL0) ? Double.valueOf(doubleOf(targetL0)) : null);
    }

    private static int firstWidth(JavaRDD<float[]> rows, InputColumn input) {
        java.util.List<float[]> first = rows.take(1);
        if (first.isEmpty()) {
            throw new InvalidInputException("The data has no rows in " + input.describe() + "; expected at least one to train on.");
        }
        return first.get(0).length;
    }

    @Override
    public SparseAutoencoderEstimator copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<SparseAutoencoderEstimator> read() {
        return new DefaultParamsReader<>();
    }

    public static SparseAutoencoderEstimator load(String path) {
        return read().load(path);
    }
}
