package org.sae4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sae4j.data.Dataset;

/** DataFrames of a dataset's rows for the ML tests: as array<float>, array<double> or Vector, with a label column. */
final class MlData {
    private MlData() {
    }

    /** Label 1 when the row's first value is above its mean over the rows (something a probe can learn). */
    static double[] labels(Dataset data) {
        double mean = 0;
        for (int r = 0; r < data.rows(); r++) {
            mean += data.values()[r * data.cols()];
        }
        mean /= data.rows();
        double[] y = new double[data.rows()];
        for (int r = 0; r < data.rows(); r++) {
            y[r] = data.values()[r * data.cols()] > mean ? 1 : 0;
        }
        return y;
    }

    enum Kind { FLOATS, DOUBLES, VECTOR }

    /** The frame, shuffled into {@code partitions} partitions (0: as created, in row order). */
    static org.apache.spark.sql.Dataset<Row> frame(Dataset data, Kind kind, int partitions) {
        double[] y = labels(data);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < data.rows(); r++) {
            float[] f = Arrays.copyOfRange(data.values(), r * data.cols(), (r + 1) * data.cols());
            double[] d = new double[f.length];
            for (int j = 0; j < f.length; j++) {
                d[j] = f[j];
            }
            Object v = switch (kind) {
                case FLOATS -> f;
                case DOUBLES -> d;
                case VECTOR -> Vectors.dense(d);
            };
            rows.add(RowFactory.create(v, y[r]));
        }
        StructType schema = new StructType()
                .add("features", switch (kind) {
                    case FLOATS -> DataTypes.createArrayType(DataTypes.FloatType, false);
                    case DOUBLES -> DataTypes.createArrayType(DataTypes.DoubleType, false);
                    case VECTOR -> SQLDataTypes.VectorType();
                }, false)
                .add("label", DataTypes.DoubleType, false);
        org.apache.spark.sql.Dataset<Row> frame = TestSpark.session().createDataFrame(rows, schema);
        return partitions > 0 ? frame.repartition(partitions) : frame;
    }
}
