package org.sae4j.lm.onnx;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX model's graph as far as hooks need it: which node makes which tensor, the inputs, outputs and weights, and a
 * rewrite that makes any tensors the graph's outputs and drops every node they do not depend on. ONNX Runtime runs
 * every node of a graph whatever outputs are asked for, so without the pruning layer 3 of a 6-layer model would still
 * pay for all 6. Fields this class does not read are copied byte for byte.
 */
public final class OnnxGraph {
    // ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto and ValueInfoProto field numbers (onnx.proto3).
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int GRAPH_VALUE_INFO = 13;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_G = 6;
    private static final int ATTRIBUTE_GRAPHS = 11;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int VALUE_NAME = 1;

    /**
     * A node: what it reads (including names its subgraphs read from the outer graph), what it makes, its op, and its
     * name ("" when unnamed; exporters write the module scope there, e.g. {@code /h.0/ln_1/LayerNormalization}).
     */
    public record Node(String opType, List<String> inputs, List<String> outputs, Proto.Field field, String name) {
    }

    /** A weight: its name and dimensions. */
    public record Initializer(String name, long[] dims, Proto.Field field) {
    }

    private final byte[] bytes;
    private final List<Proto.Field> modelFields;
    private final Proto.Field graphField;
    private final List<Proto.Field> graphFields;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> producers = new HashMap<>();
    private final Map<String, Initializer> initializers = new HashMap<>();
    private final List<String> inputs = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private final Map<Proto.Field, Node> byField = new java.util.IdentityHashMap<>();
    private final Map<Proto.Field, Initializer> initializerByField = new java.util.IdentityHashMap<>();
    private boolean externalData;

    private OnnxGraph(byte[] bytes) {
        this.bytes = bytes;
        this.modelFields = Proto.fields(bytes, 0, bytes.length);
        Proto.Field graph = null;
        for (Proto.Field f : modelFields) {
            if (f.number() == MODEL_GRAPH && f.wireType() == Proto.LEN) {
                graph = f;
            }
        }
        if (graph == null) {
            throw new Proto.MalformedException("no graph");
        }
        this.graphField = graph;
        this.graphFields = Proto.fields(bytes, graph.at(), graph.end());
        for (Proto.Field f : graphFields) {
            switch (f.number()) {
                case GRAPH_NODE -> addNode(f);
                case GRAPH_INITIALIZER -> addInitializer(f);
                case GRAPH_INPUT -> inputs.add(valueName(f));
                case GRAPH_OUTPUT -> outputs.add(valueName(f));
                default -> {
                }
            }
        }
    }

    /** Parses an ONNX model; throws {@link Proto.MalformedException} for bytes that are not one. */
    public static OnnxGraph parse(byte[] bytes) {
        return new OnnxGraph(bytes);
    }

    private void addNode(Proto.Field f) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        String op = "";
        String name = "";
        for (Proto.Field g : Proto.fields(bytes, f.at(), f.end())) {
            switch (g.number()) {
                case NODE_INPUT -> in.add(Proto.string(bytes, g));
                case NODE_OUTPUT -> out.add(Proto.string(bytes, g));
                case NODE_OP_TYPE -> op = Proto.string(bytes, g);
                case NODE_NAME -> name = Proto.string(bytes, g);
                case NODE_ATTRIBUTE -> subgraphInputs(g, in);
                default -> {
                }
            }
        }
        Node n = new Node(op, in, out, f, name);
        nodes.add(n);
        byField.put(f, n);
        for (String o : out) {
            producers.put(o, n);
        }
    }

    /** Names the subgraphs of an If or Loop attribute read: to the pruning they are inputs of the node. */
    private void subgraphInputs(Proto.Field attribute, List<String> into) {
        for (Proto.Field a : Proto.fields(bytes, attribute.at(), attribute.end())) {
            if ((a.number() == ATTRIBUTE_G || a.number() == ATTRIBUTE_GRAPHS) && a.wireType() == Proto.LEN) {
                for (Proto.Field g : Proto.fields(bytes, a.at(), a.end())) {
                    if (g.number() == GRAPH_NODE) {
                        for (Proto.Field n : Proto.fields(bytes, g.at(), g.end())) {
                            if (n.number() == NODE_INPUT) {
                                into.add(Proto.string(bytes, n));
                            } else if (n.number() == NODE_ATTRIBUTE) {
                                subgraphInputs(n, into);
                            }
                        }
                    }
                }
            }
        }
    }

    private void addInitializer(Proto.Field f) {
        String name = "";
        List<Long> dims = new ArrayList<>();
        for (Proto.Field g : Proto.fields(bytes, f.at(), f.end())) {
            if (g.number() == TENSOR_NAME) {
                name = Proto.string(bytes, g);
            } else if (g.number() == TENSOR_DIMS && g.wireType() == Proto.VARINT) {
                dims.add(g.value());
            } else if (g.number() == TENSOR_DIMS && g.wireType() == Proto.LEN) {
                packedVarints(g, dims);
            } else if (g.number() == TENSOR_DATA_LOCATION && g.value() == 1) {
                externalData = true;
            }
        }
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        Initializer i = new Initializer(name, d, f);
        initializers.put(name, i);
        initializerByField.put(f, i);
    }

    private void packedVarints(Proto.Field g, List<Long> into) {
        // A packed repeated field: the payload is varints back to back; read them as fields of number 1.
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int p = g.at();
        while (p < g.end()) {
            b.reset();
            Proto.writeVarint(b, 1L << 3);
            int start = p;
            while (p < g.end() && bytes[p] < 0) {
                p++;
            }
            p++;
            b.write(bytes, start, p - start);
            byte[] one = b.toByteArray();
            into.add(Proto.fields(one, 0, one.length).get(0).value());
        }
    }

    private String valueName(Proto.Field f) {
        for (Proto.Field g : Proto.fields(bytes, f.at(), f.end())) {
            if (g.number() == VALUE_NAME) {
                return Proto.string(bytes, g);
            }
        }
        return "";
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<String> inputs() {
        return inputs;
    }

    public List<String> outputs() {
        return outputs;
    }

    public Map<String, Initializer> initializers() {
        return initializers;
    }

    /**
     * The values of float32 weight {@code name} (raw_data or float_data), for checks that recompute part of the model
     * independently of ONNX Runtime.
     */
    public float[] floats(String name) {
        Initializer init = initializers.get(name);
        if (init == null) {
            throw new IllegalArgumentException("no weight " + name);
        }
        for (Proto.Field g : Proto.fields(bytes, init.field().at(), init.field().end())) {
            if (g.number() == TENSOR_RAW_DATA) {
                java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(bytes, g.at(), g.length())
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                return v;
            }
            if (g.number() == TENSOR_FLOAT_DATA && g.wireType() == Proto.LEN) {
                java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(bytes, g.at(), g.length())
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                return v;
            }
        }
        throw new IllegalArgumentException("weight " + name + " holds no float data");
    }

    /** The node that makes tensor {@code name}, or null for a graph input, a weight or an unknown name. */
    public Node producer(String name) {
        return producers.get(name);
    }

    /** True when the weights live in files beside the model, which a model given as bytes cannot reach. */
    public boolean externalData() {
        return externalData;
    }

    /** True for a tensor some node makes, a graph input or a weight. */
    public boolean hasTensor(String name) {
        return producers.containsKey(name) || inputs.contains(name) || initializers.containsKey(name);
    }

    /**
     * The model with {@code wanted} among its outputs. With {@code prune}, they are its only outputs and only the nodes
     * and weights they depend on are kept (the graph inputs all stay, so the same feeds serve every rewrite); without,
     * they are appended to the model's own outputs and the whole graph still runs.
     */
    public byte[] expose(Collection<String> wanted, boolean prune) {
        Set<String> needed = prune ? cone(wanted) : null;
        ByteArrayOutputStream graph = new ByteArrayOutputStream(graphField.length() + 1024);
        for (Proto.Field f : graphFields) {
            switch (f.number()) {
                case GRAPH_OUTPUT -> {
                    if (needed == null && !wanted.contains(valueName(f))) {
                        Proto.copy(graph, bytes, f);
                    }
                }
                case GRAPH_NODE -> {
                    if (needed == null || keeps(f, needed)) {
                        Proto.copy(graph, bytes, f);
                    }
                }
                case GRAPH_INITIALIZER, GRAPH_VALUE_INFO -> {
                    if (needed == null || needed.contains(nameOf(f))) {
                        Proto.copy(graph, bytes, f);
                    }
                }
                default -> Proto.copy(graph, bytes, f);
            }
        }
        for (String w : wanted) {
            // A ValueInfoProto with a name only: ONNX Runtime infers the type and shape of a graph output.
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            Proto.writeBytes(value, VALUE_NAME, w.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Proto.writeBytes(graph, GRAPH_OUTPUT, value.toByteArray());
        }
        ByteArrayOutputStream model = new ByteArrayOutputStream(bytes.length + 1024);
        for (Proto.Field f : modelFields) {
            if (f == graphField) {
                Proto.writeBytes(model, MODEL_GRAPH, graph.toByteArray());
            } else {
                Proto.copy(model, bytes, f);
            }
        }
        return model.toByteArray();
    }

    private boolean keeps(Proto.Field nodeField, Set<String> needed) {
        Node n = byField.get(nodeField);
        return n != null && n.outputs().stream().anyMatch(needed::contains);
    }

    private String nameOf(Proto.Field f) {
        return f.number() == GRAPH_INITIALIZER ? initializerName(f) : valueName(f);
    }

    private String initializerName(Proto.Field f) {
        Initializer i = initializerByField.get(f);
        return i == null ? "" : i.name();
    }

    /** Every tensor the wanted ones are computed from, themselves included (the backward cone). */
    public Set<String> cone(Collection<String> wanted) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(wanted);
        Set<Node> visited = new HashSet<>();
        while (!todo.isEmpty()) {
            String t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            Node n = producers.get(t);
            if (n != null && visited.add(n)) {
                todo.addAll(n.inputs());
                seen.addAll(n.outputs()); // a kept node makes all its outputs
            }
        }
        return seen;
    }
}
