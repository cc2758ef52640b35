package org.sae4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.io.ModelFile;
import org.sae4j.model.Model;

/** The estimator and model as Spark ML stages: fit, transform, save and load, and a pipeline with a probe. */
class SparkMlTest {
    static final Dataset DATA = SyntheticSpec.parse("synthetic:features=40,dim=12,active=3,samples=1500,seed=9").dataset();
    private static SparseAutoencoderModel fitted;

    static SparseAutoencoderEstimator estimator() {
        // Contiguous partitions of the frame's row order: the same rows whatever the column's type.
        return new SparseAutoencoderEstimator().setArch("topk").setWidth(48).setK(4).setEpochs(2).setBatchSize(100)
                .setLr(3e-3).setSeed(3).setSyncEvery(4).setScale("mean-norm").setNumPartitions(2);
    }

    @BeforeAll
    static void fit() {
        fitted = estimator().fit(MlData.frame(DATA, MlData.Kind.FLOATS, 0));
    }

    /** A target L0 refuses what the architecture ignores at it, as the command line does, before reading any data. */
    @Test
    void aTargetRefusesWhatTheArchitectureIgnoresAtIt() {
        org.apache.spark.sql.Dataset<Row> frame = MlData.frame(DATA, MlData.Kind.FLOATS, 0);
        InvalidInputException lambda = assertThrows(InvalidInputException.class,
                () -> estimator().setArch("jumprelu").setLambda(1e-3).setTargetL0(4).fit(frame));
        assertEquals("--lambda has no effect: at --target-l0 jumprelu's thresholds follow each sample's top L0 latents, "
                + "with no L0 term for lambda to weigh; drop it.", lambda.getMessage());
        InvalidInputException topk = assertThrows(InvalidInputException.class,
                () -> estimator().setTargetL0(4).fit(frame));
        assertTrue(topk.getMessage().startsWith("--target-l0 adapts a sparsity coefficient"), topk.getMessage());
    }

    @Test
    void transformGivesEachRowItsEncodeAsASparseVector() {
        List<Row> rows = fitted.transform(MlData.frame(DATA, MlData.Kind.FLOATS, 3)).select("features", "latents").collectAsList();
        Model m = fitted.sae4jModel();
        assertEquals(DATA.rows(), rows.size());
        for (Row r : rows) {
            List<Float> in = r.getList(0);
            float[] x = new float[in.size()];
            for (int j = 0; j < x.length; j++) {
                x[j] = in.get(j);
            }
            float[] expected = m.encode(new Dataset("row", x, 1, x.length)).values();
            Vector latents = r.getAs(1);
            assertTrue(latents instanceof SparseVector);
            double[] got = latents.toArray();
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[j], (float) got[j], "latent " + j);
            }
        }
    }

    @Test
    void vectorAndDoubleColumnsTrainTheSameModelAsFloats() {
        SparseAutoencoderModel vectors = estimator().fit(MlData.frame(DATA, MlData.Kind.VECTOR, 0));
        assertArrayEquals(fitted.modelFile(), vectors.modelFile());
        Row r = vectors.setReconstructionCol("recon").transform(MlData.frame(DATA, MlData.Kind.DOUBLES, 2)).first();
        assertEquals(12, ((Vector) r.getAs("recon")).size());
        assertEquals(48, ((Vector) r.getAs("latents")).size());
    }

    @Test
    void aSavedModelLoadsBackAndOpensInSae4j(@TempDir Path dir) throws Exception {
        String path = dir.resolve("sae").toString();
        fitted.setOutputCol("codes").write().save(path);
        SparseAutoencoderModel back = SparseAutoencoderModel.load(path);
        assertArrayEquals(fitted.modelFile(), back.modelFile());
        assertEquals("codes", back.getOrDefault(back.outputCol()));
        assertEquals(fitted.uid(), back.uid());
        Model file = ModelFile.load(dir.resolve("sae/data/model.safetensors"));
        assertEquals(48, file.latentSize());
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().startsWith("._")), "no temporary left");
        fitted.setOutputCol("latents");
    }

    @Test
    void aPipelineOfTheSaeAndALogisticRegressionProbeRunsAndSavesWhole(@TempDir Path dir) throws Exception {
        LogisticRegression probe = new LogisticRegression().setFeaturesCol("latents").setLabelCol("label").setMaxIter(10);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {estimator(), probe});
        org.apache.spark.sql.Dataset<Row> frame = MlData.frame(DATA, MlData.Kind.VECTOR, 2);
        PipelineModel model = pipeline.fit(frame);
        double accuracy = accuracy(model.transform(frame));
        assertTrue(accuracy > 0.7, "probe accuracy " + accuracy);
        model.write().overwrite().save(dir.resolve("pipeline").toString());
        PipelineModel back = PipelineModel.load(dir.resolve("pipeline").toString());
        assertEquals(accuracy, accuracy(back.transform(frame)));
    }

    private static double accuracy(org.apache.spark.sql.Dataset<Row> predicted) {
        long right = predicted.filter("prediction = label").count();
        return (double) right / predicted.count();
    }
}
