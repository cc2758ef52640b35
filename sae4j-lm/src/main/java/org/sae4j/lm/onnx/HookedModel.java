package org.sae4j.lm.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sae4j.InvalidInputException;

/**
 * An ONNX Runtime session over a model rewritten so that the hooked tensors are its outputs (and, pruned, so that it
 * computes nothing else). It takes a padded batch of token ids with its attention mask and returns, per hook, the
 * values [batch, sequence, width]. The thread count is fixed, so the same batch gives the same bits every run.
 */
public final class HookedModel implements AutoCloseable {
    /** The inputs a BERT-family or decoder-only export takes; any other input is refused with a sentence. */
    public static final Set<String> KNOWN_INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids", "position_ids");

    private final OrtEnvironment env;
    private final OrtSession session;
    private final List<String> hooks;
    private final Set<String> inputs;

    /** One batch's values per hook, each [rows, seq, width] flat. */
    public record Output(int rows, int seq, int width, List<float[]> values) {
    }

    /**
     * A session over {@code model} (the bytes of an ONNX file named {@code name} in errors) with {@code hooks} as its
     * outputs, pruned to them when {@code prune}.
     */
    public HookedModel(String name, byte[] model, List<String> hooks, boolean prune, int threads) {
        this.hooks = List.copyOf(hooks);
        OnnxGraph graph = Graphs.parse(name, model);
        byte[] patched = graph.expose(hooks, prune);
        this.env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "sae4j");
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(patched, o);
            this.inputs = new LinkedHashSet<>(session.getInputNames());
            for (String in : inputs) {
                if (!KNOWN_INPUTS.contains(in)) {
                    session.close();
                    throw new InvalidInputException("Model '" + name + "' takes an input '" + in + "'; expected a BERT-family "
                            + "or decoder-only model whose inputs are among input_ids, attention_mask, token_type_ids and "
                            + "position_ids.");
                }
                NodeInfo info = session.getInputInfo().get(in);
                if (!(info.getInfo() instanceof TensorInfo t) || t.type != ai.onnxruntime.OnnxJavaType.INT64) {
                    session.close();
                    throw new InvalidInputException("Model '" + name + "' takes input '" + in + "' as " + info.getInfo()
                            + "; expected int64 token ids.");
                }
            }
        } catch (OrtException e) {
            throw new InvalidInputException("ONNX Runtime cannot load model '" + name + "' (" + firstLine(e) + ").");
        }
    }

    public List<String> hooks() {
        return hooks;
    }

    /**
     * Runs a batch: {@code ids} and {@code mask} are [rows, seq] flat (mask 1 for a real token, 0 for padding).
     * Position ids, where the model takes them, count real tokens from 0.
     */
    public Output run(long[] ids, long[] mask, int rows, int seq) {
        Map<String, OnnxTensor> feeds = new HashMap<>();
        long[] shape = {rows, seq};
        try {
            for (String in : inputs) {
                long[] v = switch (in) {
                    case "input_ids" -> ids;
                    case "attention_mask" -> mask;
                    case "token_type_ids" -> new long[ids.length];
                    default -> positions(mask, rows, seq);
                };
                feeds.put(in, OnnxTensor.createTensor(env, LongBuffer.wrap(v), shape));
            }
            try (OrtSession.Result r = session.run(feeds, new LinkedHashSet<>(hooks))) {
                List<float[]> values = new ArrayList<>();
                int width = -1;
                for (String h : hooks) {
                    OnnxTensor t = (OnnxTensor) r.get(h).orElseThrow();
                    long[] s = t.getInfo().getShape();
                    if (s.length != 3 || s[0] != rows || s[1] != seq) {
                        throw new InvalidInputException("Hook '" + h + "' has shape " + java.util.Arrays.toString(s)
                                + "; expected [batch, sequence, width], one vector per token.");
                    }
                    if (t.getInfo().type != ai.onnxruntime.OnnxJavaType.FLOAT) {
                        throw new InvalidInputException("Hook '" + h + "' holds " + t.getInfo().type + "; expected float32 values.");
                    }
                    if (width >= 0 && s[2] != width) {
                        throw new InvalidInputException("Hooks '" + hooks.get(0) + "' and '" + h + "' differ in width ("
                                + width + " and " + s[2] + "); capture them separately.");
                    }
                    width = (int) s[2];
                    FloatBuffer b = t.getFloatBuffer();
                    float[] v = new float[b.remaining()];
                    b.get(v);
                    values.add(v);
                }
                return new Output(rows, seq, width, values);
            }
        } catch (OrtException e) {
            throw new InvalidInputException("ONNX Runtime failed on a batch of " + rows + " x " + seq + " tokens ("
                    + firstLine(e) + ").");
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private static long[] positions(long[] mask, int rows, int seq) {
        long[] p = new long[mask.length];
        for (int r = 0; r < rows; r++) {
            long n = 0;
            for (int i = 0; i < seq; i++) {
                p[r * seq + i] = mask[r * seq + i] != 0 ? n++ : 0;
            }
        }
        return p;
    }

    static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing frees native memory; nothing to report
        }
    }
}
