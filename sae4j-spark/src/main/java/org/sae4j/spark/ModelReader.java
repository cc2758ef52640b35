package org.sae4j.spark;

import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsReader.Metadata;
import org.apache.spark.ml.util.MLReader;
import org.sae4j.InvalidInputException;
import org.sae4j.spark.io.HadoopFiles;
import scala.Option;

/** Loads what {@link ModelWriter} saved: the params from Spark's metadata, the model from the sae4j model file. */
final class ModelReader extends MLReader<SparseAutoencoderModel> {

    @Override
    public SparseAutoencoderModel load(String path) {
        HadoopFiles files = new HadoopFiles(sc().hadoopConfiguration());
        if (!files.exists(path + "/" + ModelWriter.MODEL_FILE)) {
            throw new InvalidInputException("'" + path + "' holds no saved sparse autoencoder model (no "
                    + ModelWriter.MODEL_FILE + "); expected a directory SparseAutoencoderModel.save wrote.");
        }
        Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession());
        SparseAutoencoderModel model = new SparseAutoencoderModel(metadata.uid(), files.read(path + "/" + ModelWriter.MODEL_FILE));
        metadata.getAndSetParams(model, Option.empty());
        return model;
    }
}
