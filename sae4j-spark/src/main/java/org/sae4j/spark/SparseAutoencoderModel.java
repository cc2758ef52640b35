package org.sae4j.spark;

import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReadable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.sae4j.InvalidInputException;
import org.sae4j.spark.io.ModelBytes;

/**
 * A trained sparse autoencoder as a Spark ML {@link Model}: {@link #transform} appends each row's latents as a
 * {@code SparseVector} column (and its reconstruction, in the input's units, when {@code reconstructionCol} is set),
 * computed on the executors. It holds the sae4j model file's bytes, which is also what it saves: a model saved here
 * opens in {@code sae4j eval}, {@code encode} and {@code export} ({@link #modelFile}).
 */
public final class SparseAutoencoderModel extends Model<SparseAutoencoderModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final byte[] modelFile;
    private transient org.sae4j.model.Model model;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final Param<String> reconstructionCol;

    /** The model whose sae4j model file is {@code modelFile}. */
    public SparseAutoencoderModel(String uid, byte[] modelFile) {
        this.uid = uid;
        this.modelFile = modelFile.clone();
        this.inputCol = new Param<>(this, "inputCol", "the column of input vectors: array<float>, array<double> or Vector");
        this.outputCol = new Param<>(this, "outputCol", "the column the latents are written to (a SparseVector)");
        this.reconstructionCol = new Param<>(this, "reconstructionCol",
                "when not empty, a column for each row's reconstruction (a dense Vector, in the input's units)");
        setDefault(inputCol, "features");
        setDefault(outputCol, "latents");
        setDefault(reconstructionCol, "");
    }

    public SparseAutoencoderModel(byte[] modelFile) {
        this(Identifiable.randomUID("sae"), modelFile);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public Param<String> outputCol() {
        return outputCol;
    }

    public Param<String> reconstructionCol() {
        return reconstructionCol;
    }

    public SparseAutoencoderModel setInputCol(String v) {
        return (SparseAutoencoderModel) set(inputCol, v);
    }

    public SparseAutoencoderModel setOutputCol(String v) {
        return (SparseAutoencoderModel) set(outputCol, v);
    }

    public SparseAutoencoderModel setReconstructionCol(String v) {
        return (SparseAutoencoderModel) set(reconstructionCol, v);
    }

    /** The sae4j model (weights, normaliser, history), loaded once from the file bytes. */
    public synchronized org.sae4j.model.Model sae4jModel() {
        if (model == null) {
            model = ModelBytes.load(modelFile);
        }
        return model;
    }

    /** The sae4j model file's bytes: write them to a {@code .safetensors} file for the {@code sae4j} command line. */
    public byte[] modelFile() {
        return modelFile.clone();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        new InputColumn(getOrDefault(inputCol)).require(schema);
        String out = getOrDefault(outputCol);
        String recon = getOrDefault(reconstructionCol);
        for (String c : recon.isEmpty() ? new String[] {out} : new String[] {out, recon}) {
            if (Arrays.asList(schema.fieldNames()).contains(c)) {
                throw new InvalidInputException("The data already has a column '" + c + "'; choose another output column.");
            }
        }
        StructType s = schema.add(out, SQLDataTypes.VectorType(), false);
        return recon.isEmpty() ? s : s.add(recon, SQLDataTypes.VectorType(), false);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> data) {
        StructType out = transformSchema(data.schema());
        InputColumn input = new InputColumn(getOrDefault(inputCol));
        int field = data.schema().fieldIndex(input.name());
        Broadcast<byte[]> bytes = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext()).broadcast(modelFile);
        return data.toDF().mapPartitions(new EncodeRows(bytes, input, field, !getOrDefault(reconstructionCol).isEmpty()),
                Encoders.row(out));
    }

    @Override
    public SparseAutoencoderModel copy(ParamMap extra) {
        SparseAutoencoderModel c = copyValues(new SparseAutoencoderModel(uid, modelFile), extra);
        return c.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new ModelWriter(this);
    }

    /** The reader (what {@link MLReadable} asks for; Spark's pipeline loader calls this static method by name). */
    public static MLReader<SparseAutoencoderModel> read() {
        return new ModelReader();
    }

    public static SparseAutoencoderModel load(String path) {
        return read().load(path);
    }
}
