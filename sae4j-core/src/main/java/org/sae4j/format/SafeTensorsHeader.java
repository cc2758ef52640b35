package org.sae4j.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sae4j.InvalidInputException;

/**
 * The header of a safetensors file (https://github.com/huggingface/safetensors): an 8-byte little-endian length N,
 * then N bytes of JSON naming each tensor's dtype, shape and data_offsets, relative to the data buffer that
 * follows. It is read and checked before any tensor data is touched, so a malformed file fails fast with one
 * sentence instead of a half-loaded model or a huge allocation.
 *
 * <p>Written ({@link #float32}) deterministically, for the model files. Read, the entries are checked when asked for: a model file asks for all of them and their layout
 * ({@link #entries}), while a data file may hold several large tensors of which the reader wants one
 * ({@link #entry}), and the others need not even be of a type sae4j reads.
 */
public final class SafeTensorsHeader {
    public static final String METADATA_KEY = "__metadata__";
    /** Same cap as the reference implementation, so a corrupt length cannot make us allocate gigabytes. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    // Duplicate names and trailing garbage are ambiguous, so reject them rather than pick a winner.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonFactory WRITER = new JsonFactory();

    /** One tensor's header entry; offsets are relative to the start of the data buffer. */
    public record Entry(String name, NumberType type, long[] shape, long begin, long end) {
        public long numel() {
            return Shapes.numel(shape);
        }
    }

    private final String file;
    private final long dataStart;
    private final long bufferLength;
    private final JsonNode metadata;
    private final Map<String, JsonNode> tensors;

    private SafeTensorsHeader(String file, long dataStart, long bufferLength, JsonNode metadata,
                              Map<String, JsonNode> tensors) {
        this.file = file;
        this.dataStart = dataStart;
        this.bufferLength = bufferLength;
        this.metadata = metadata;
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** Reads and parses the header of {@code ch}, the file {@code file} (named in errors); no tensor data is read. */
    public static SafeTensorsHeader read(String file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new InvalidInputException("File '" + file + "' is " + size
                    + " bytes long; expected a safetensors file of at least 8 bytes (the header length).");
        }
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, prefix, 0);
        long headerLength = prefix.flip().getLong();
        // Unsigned on disk: a negative long is a length above 2^63.
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new InvalidInputException("File '" + file + "' declares a " + Long.toUnsignedString(headerLength)
                    + "-byte header; expected at most " + MAX_HEADER_BYTES + " bytes (is it a safetensors file?).");
        }
        if (headerLength > size - 8) {
            throw new InvalidInputException("File '" + file + "' declares a " + headerLength
                    + "-byte header but only " + (size - 8) + " bytes follow; expected a complete safetensors file.");
        }
        ByteBuffer json = ByteBuffer.allocate((int) headerLength);
        readFully(ch, json, 8);
        JsonNode root = parse(file, json.array());
        JsonNode metadata = null;
        Map<String, JsonNode> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(METADATA_KEY)) {
                metadata = field.getValue();
            } else {
                tensors.put(field.getKey(), field.getValue());
            }
        }
        long dataStart = 8 + headerLength;
        return new SafeTensorsHeader(file, dataStart, size - dataStart, metadata, tensors);
    }

    private static JsonNode parse(String file, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("File '" + file + "' has a safetensors header that is not valid JSON ("
                    + e.getOriginalMessage() + "); expected a JSON object.", e);
        } catch (IOException e) {
            throw new InvalidInputException("File '" + file + "' has a safetensors header that could not be parsed ("
                    + e.getMessage() + "); expected a JSON object.", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("File '" + file + "' has a safetensors header that is a JSON "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase())
                    + "; expected a JSON object.");
        }
        return root;
    }

    /** The byte position in the file of the data buffer, where every entry's offsets start. */
    public long dataStart() {
        return dataStart;
    }

    /** The tensor names, in file order, without the metadata key; their entries are not checked yet. */
    public Set<String> names() {
        return tensors.keySet();
    }

    /** The string metadata, in file order (empty without a {@value #METADATA_KEY} entry). */
    public Map<String, String> metadata() {
        Map<String, String> out = new LinkedHashMap<>();
        if (metadata == null) {
            return out;
        }
        if (!metadata.isObject()) {
            throw new InvalidInputException("File '" + file + "' has a " + METADATA_KEY + " header entry that is "
                    + describe(metadata) + "; expected an object of string values.");
        }
        for (Map.Entry<String, JsonNode> e : metadata.properties()) {
            if (!e.getValue().isTextual()) {
                throw new InvalidInputException("File '" + file + "' has metadata key '" + e.getKey()
                        + "' with value " + describe(e.getValue()) + "; expected a string.");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /**
     * Every entry, each checked as {@link #entry} checks one, and their layout: the spec forbids overlaps and
     * holes, so sorted by offset each tensor starts where the last ended and the last ends at the end of the file.
     */
    public List<Entry> entries(List<NumberType> accepted, long maxElements) {
        List<Entry> entries = new ArrayList<>();
        for (String name : tensors.keySet()) {
            entries.add(entry(name, accepted, maxElements));
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expectedBegin = 0;
        String previous = null;
        for (Entry e : sorted) {
            if (e.begin() < expectedBegin) {
                throw new InvalidInputException("Tensors '" + previous + "' and '" + e.name() + "' in file '" + file
                        + "' overlap in the data buffer at byte " + e.begin()
                        + "; expected tensors packed back to back.");
            }
            if (e.begin() > expectedBegin) {
                throw new InvalidInputException("File '" + file + "' has a " + (e.begin() - expectedBegin)
                        + "-byte gap in its data buffer before tensor '" + e.name()
                        + "'; expected tensors packed back to back from byte 0.");
            }
            expectedBegin = e.end();
            previous = e.name();
        }
        if (expectedBegin != bufferLength) {
            throw new InvalidInputException("File '" + file + "' has " + (bufferLength - expectedBegin)
                    + " bytes after its last tensor's data; expected the tensors to fill the data buffer exactly.");
        }
        return entries;
    }

    /**
     * The entry of tensor {@code name} (one of {@link #names}), checked: a dtype among {@code accepted}, a shape of
     * at most {@code maxElements} elements, and data_offsets inside the data buffer spanning exactly its bytes.
     */
    public Entry entry(String name, List<NumberType> accepted, long maxElements) {
        JsonNode node = tensors.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no tensor '" + name + "' in " + file);
        }
        String where = "Tensor '" + name + "' in file '" + file + "'";
        if (!node.isObject()) {
            throw new InvalidInputException(where + " has a header entry that is " + describe(node)
                    + "; expected an object with dtype, shape and data_offsets.");
        }
        JsonNode dtype = node.get("dtype");
        if (dtype == null || !dtype.isTextual()) {
            throw new InvalidInputException(where + " has " + (dtype == null ? "no dtype" : "dtype "
                    + describe(dtype)) + "; expected a string such as \"F32\".");
        }
        NumberType type = NumberType.ofSafetensors(dtype.textValue()).filter(accepted::contains)
                .orElseThrow(() -> new InvalidInputException(where + " has unsupported dtype '" + dtype.textValue()
                        + "'; expected one of " + NumberType.safetensorsNames(accepted) + "."));
        long[] shape = longs(where, node, "shape", -1, "an array of non-negative integers");
        long[] offsets = longs(where, node, "data_offsets", 2, "an array [begin, end] of non-negative integers");
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw new InvalidInputException(where + " has data_offsets [" + begin + ", " + end
                    + "] that end before they begin; expected begin <= end.");
        }
        if (end > bufferLength) {
            throw new InvalidInputException(where + " has data_offsets [" + begin + ", " + end
                    + "] past the end of the " + bufferLength + "-byte data buffer; expected end <= "
                    + bufferLength + ".");
        }
        long numel = Shapes.numel(shape);
        long limit = Math.min(maxElements, Long.MAX_VALUE / type.bytes());
        if (numel < 0 || numel > limit) {
            throw new InvalidInputException(where + " has shape " + Arrays.toString(shape)
                    + " with too many elements to load; expected at most " + limit + ".");
        }
        long need = numel * type.bytes();
        if (end - begin != need) {
            throw new InvalidInputException(where + " has data_offsets [" + begin + ", " + end + "] covering "
                    + (end - begin) + " bytes; expected " + need + " bytes for shape " + Arrays.toString(shape)
                    + " of " + type.safetensorsName() + ".");
        }
        return new Entry(name, type, shape, begin, end);
    }

    /** Reads an integer array field; {@code length} -1 means any length. */
    private static long[] longs(String where, JsonNode entry, String field, int length, String expected) {
        JsonNode node = entry.get(field);
        if (node == null) {
            throw new InvalidInputException(where + " has no " + field + "; expected " + expected + ".");
        }
        if (!node.isArray() || (length >= 0 && node.size() != length)) {
            throw new InvalidInputException(where + " has " + field + " " + node + "; expected " + expected + ".");
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new InvalidInputException(where + " has " + field + " " + node + "; expected " + expected + ".");
            }
            out[i] = v.longValue();
        }
        return out;
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? node.getNodeType().toString().toLowerCase() + " " + text.substring(0, 57) + "..."
                : text;
    }

    /** A tensor as a header describes it, for writers that stream data they do not hold. */
    public record Layout(String name, NumberType type, long... shape) {
        long bytes() {
            return Shapes.numel(shape) * type.bytes();
        }
    }

    /**
     * The length prefix and JSON header of a file of F32 tensors of these shapes, packed back to back in iteration
     * order, with {@code metadata} first: the same maps give the same bytes.
     */
    public static byte[] float32(Map<String, long[]> shapes, Map<String, String> metadata) throws IOException {
        List<Layout> layouts = new ArrayList<>();
        shapes.forEach((name, shape) -> layouts.add(new Layout(name, NumberType.FLOAT32, shape)));
        return of(layouts, metadata);
    }

    /**
     * The length prefix and JSON header of tensors laid out back to back in the given order, with {@code metadata}
     * first. The JSON is padded with spaces to a multiple of 8 bytes so the data buffer is 8-byte aligned.
     */
    public static byte[] of(List<Layout> tensors, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator g = WRITER.createGenerator(json)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeObjectFieldStart(METADATA_KEY);
                for (Map.Entry<String, String> e : metadata.entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            long offset = 0;
            for (Layout t : tensors) {
                long end = offset + t.bytes();
                g.writeObjectFieldStart(t.name());
                g.writeStringField("dtype", t.type().safetensorsName());
                g.writeFieldName("shape");
                g.writeArray(t.shape(), 0, t.shape().length);
                g.writeFieldName("data_offsets");
                g.writeArray(new long[] {offset, end}, 0, 2);
                g.writeEndObject();
                offset = end;
            }
            g.writeEndObject();
        }
        int pad = (8 - json.size() % 8) % 8;
        ByteBuffer out = ByteBuffer.allocate(8 + json.size() + pad).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.size() + pad).put(json.toByteArray());
        while (out.hasRemaining()) {
            out.put((byte) ' ');
        }
        return out.array();
    }

    /** Fills {@code dst} from {@code position}; a file that shrinks while it is read ends in an EOFException. */
    private static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        while (dst.hasRemaining()) {
            int n = ch.read(dst, position);
            if (n < 0) {
                throw new EOFException("file ended at byte " + position);
            }
            position += n;
        }
    }
}
