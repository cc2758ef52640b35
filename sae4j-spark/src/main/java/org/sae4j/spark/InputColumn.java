package org.sae4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sae4j.InvalidInputException;

/**
 * The input column of an estimator or model: an {@code array<float>}, an {@code array<double>} or an ML
 * {@link Vector} per row, read as {@code float[]} (the values the models compute in). Any other type, a missing
 * column or a null row is one sentence.
 */
public final class InputColumn implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;

    public InputColumn(String name) {
        this.name = name;
    }

    /** Refuses a schema without the column, or with one of another type. */
    public void require(StructType schema) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new InvalidInputException("The data has no column '" + name + "' (its columns: "
                    + String.join(", ", schema.fieldNames()) + "); set the input column to one of them.");
        }
        DataType t = schema.apply(name).dataType();
        if (!(t instanceof VectorUDT) && !(t instanceof ArrayType a
                && (a.elementType().equals(DataTypes.FloatType) || a.elementType().equals(DataTypes.DoubleType)))) {
            throw new InvalidInputException("Column '" + name + "' is of type " + t.simpleString()
                    + "; expected array<float>, array<double> or an ML Vector.");
        }
    }

    /** The column's rows as float arrays, in the data's own partitions and order. */
    public JavaRDD<float[]> rows(Dataset<?> data) {
        require(data.schema());
        InputColumn self = this;
        return data.select(name).toJavaRDD().map(row -> self.values(row, 0));
    }

    /** The values of field {@code i} of {@code row}. */
    public float[] values(Row row, int i) {
        Object v = row.get(i);
        if (v == null) {
            throw new InvalidInputException("Column '" + name + "' holds a null row; drop or fill the null rows.");
        }
        if (v instanceof Vector vector) {
            double[] d = vector.toArray();
            float[] f = new float[d.length];
            for (int j = 0; j < d.length; j++) {
                f[j] = (float) d[j];
            }
            return f;
        }
        List<Object> list = row.getList(i);
        float[] f = new float[list.size()];
        for (int j = 0; j < f.length; j++) {
            Object x = list.get(j);
            if (x == null) {
                throw new InvalidInputException("Column '" + name + "' holds a null value inside a row; fill or drop it.");
            }
            f[j] = ((Number) x).floatValue();
        }
        return f;
    }

    public String name() {
        return name;
    }

    /** How error sentences name the rows. */
    public String describe() {
        return "column '" + name + "'";
    }
}
