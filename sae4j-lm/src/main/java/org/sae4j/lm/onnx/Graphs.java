package org.sae4j.lm.onnx;

import org.sae4j.InvalidInputException;

/** Parses model bytes into an {@link OnnxGraph}, or says in one sentence why they are not a usable ONNX model. */
public final class Graphs {
    private Graphs() {
    }

    /** Parses model bytes for the capture code outside this package. */
    public static OnnxGraph parseModel(String name, byte[] bytes) {
        return parse(name, bytes);
    }

    static OnnxGraph parse(String name, byte[] bytes) {
        OnnxGraph g;
        try {
            g = OnnxGraph.parse(bytes);
        } catch (Proto.MalformedException | IndexOutOfBoundsException e) {
            throw new InvalidInputException("File '" + name + "' is not an ONNX model (" + e.getMessage()
                    + "); expected a .onnx file exported from a transformer.");
        }
        if (g.nodes().isEmpty()) {
            throw new InvalidInputException("File '" + name + "' is not an ONNX model (its graph has no nodes); expected a "
                    + ".onnx file exported from a transformer.");
        }
        if (g.externalData()) {
            throw new InvalidInputException("Model '" + name + "' keeps its weights in external data files; expected a "
                    + "single .onnx file with the weights inside (re-export with all tensors in one file).");
        }
        return g;
    }
}
