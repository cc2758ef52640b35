package org.sae4j.spark;

import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLWriter;
import org.sae4j.spark.io.HadoopFiles;

/**
 * Saves a {@link SparseAutoencoderModel} as Spark ML saves any stage ({@code metadata/}: class, uid, params) plus the
 * sae4j model file ({@code data/model.safetensors}), all into a hidden directory beside the target that is renamed
 * into place at the end: a failed save leaves no half-written model behind.
 */
final class ModelWriter extends MLWriter {
    static final String MODEL_FILE = "data/model.safetensors";
    private final SparseAutoencoderModel instance;

    ModelWriter(SparseAutoencoderModel instance) {
        this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
        HadoopFiles files = new HadoopFiles(sc().hadoopConfiguration());
        String clean = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = clean.lastIndexOf('/');
        String tmp = (slash < 0 ? "" : clean.substring(0, slash + 1)) + "._" + clean.substring(slash + 1) + ".tmp";
        files.delete(tmp, true);
        DefaultParamsWriter$.MODULE$.saveMetadata(instance, tmp, sparkSession());
        files.write(tmp + "/" + MODEL_FILE, instance.modelFile());
        files.rename(tmp, clean);
    }
}
