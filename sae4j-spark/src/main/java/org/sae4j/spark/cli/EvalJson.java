package org.sae4j.spark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sae4j.eval.EvalReport;
import org.sae4j.io.EvalReportJson;
import org.sae4j.model.Model;

/**
 * {@code sae4j-spark eval}'s output: {@code sae4j eval --json}'s figures from the same writer (ground truth and
 * probes aside, which need the data on one machine), and the number of partitions.
 */
final class EvalJson {
    private EvalJson() {
    }

    static String toJson(Model m, String modelFile, EvalReport r, int partitions) {
        ObjectNode o = EvalReportJson.figures(m, modelFile, r);
        o.put("partitions", partitions);
        return o.toString();
    }
}
