package org.sae4j.report.browse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import org.sae4j.data.store.StoreModel;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.tensor.SparseCode;

/**
 * Serves a written site from the JDK's HTTP server on the loopback interface only (nothing outside this machine
 * can connect), and answers {@code api/status} and, when a {@link StoreModel} is at hand, {@code api/try}: the
 * reader's text through the language model and the SAE, each token with its strongest latents.
 */
public final class BrowseServer implements AutoCloseable {
    /** Characters of a tried text at most: one request must not hold the model for minutes. */
    static final int MAX_TEXT = 4000;
    /** Latents listed per token of a tried text. */
    static final int PER_TOKEN = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "css",
            "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "png", "image/png", "json",
            "application/json");

    private final HttpServer server;
    private final Path root;
    private final SparseAutoencoder sae;
    private final StoreModel model;

    private BrowseServer(HttpServer server, Path root, SparseAutoencoder sae, StoreModel model) {
        this.server = server;
        this.root = root;
        this.sae = sae;
        this.model = model;
    }

    /** Starts serving {@code site} on 127.0.0.1:{@code port} (0 picks a free port); {@code model} may be null. */
    public static BrowseServer start(Path site, int port, SparseAutoencoder sae, StoreModel model) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        BrowseServer b = new BrowseServer(s, site.toAbsolutePath().normalize(), sae, model);
        s.createContext("/", b::file);
        s.createContext("/api/status", ex -> b.send(ex, 200, "application/json",
                ("{\"tryText\": " + (model != null) + "}").getBytes(StandardCharsets.UTF_8)));
        s.createContext("/api/try", b::tryText);
        s.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sae4j-browse-server");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return b;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    private void file(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.endsWith("/")) {
            path += "index.html";
        }
        Path p = root.resolve(path.substring(1)).normalize();
        // Only files inside the site, never a path that climbs out of it or a hidden file.
        if (!p.startsWith(root) || !Files.isRegularFile(p) || p.getFileName().toString().startsWith(".")) {
            send(ex, 404, "text/plain; charset=utf-8", "Not found.\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = p.getFileName().toString();
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        send(ex, 200, type, Files.readAllBytes(p));
    }

    private void tryText(HttpExchange ex) throws IOException {
        if (model == null) {
            send(ex, 404, "application/json", error("This server has no language model to run text through."));
            return;
        }
        if (!"POST".equals(ex.getRequestMethod())) {
            send(ex, 405, "application/json", error("Send the text with POST."));
            return;
        }
        String text;
        try (InputStream in = ex.getRequestBody()) {
            text = new String(in.readNBytes(MAX_TEXT * 4 + 1), StandardCharsets.UTF_8);
        }
        if (text.length() > MAX_TEXT || text.isBlank()) {
            send(ex, 400, "application/json", error(text.isBlank() ? "Type some text first."
                    : "The text has more than " + MAX_TEXT + " characters; try a shorter one."));
            return;
        }
        byte[] out;
        try {
            out = JSON.writeValueAsBytes(answer(text));
        } catch (RuntimeException e) {
            out = error("The model could not run this text (" + e.getMessage() + ").");
        }
        send(ex, 200, "application/json", out);
    }

    /** Each token of {@code text} with its {@value #PER_TOKEN} strongest firing latents. */
    ObjectNode answer(String text) {
        StoreModel.Capture c;
        synchronized (model) { // one run at a time: the model may not be thread-safe
            c = model.capture(text);
        }
        float[] x = c.activations().clone();
        sae.normalizer().applyInPlace(x, x.length);
        SparseCode code = sae.encodeSparse(x, c.rows());
        ObjectNode o = JSON.createObjectNode();
        ArrayNode tokens = o.putArray("tokens");
        ArrayNode top = o.putArray("top");
        for (int r = 0; r < c.rows(); r++) {
            tokens.add(c.tokens()[r]);
            int s = code.rowStart()[r];
            int e = code.rowStart()[r + 1];
            Integer[] order = new Integer[e - s];
            for (int i = 0; i < order.length; i++) {
                order[i] = s + i;
            }
            Arrays.sort(order, (a, b) -> Float.compare(code.value()[b], code.value()[a]));
            ArrayNode t = top.addArray();
            for (int i = 0; i < Math.min(PER_TOKEN, order.length) && code.value()[order[i]] > 0; i++) {
                t.addArray().add(code.index()[order[i]]).add(code.value()[order[i]]);
            }
        }
        return o;
    }

    private static byte[] error(String sentence) {
        return JSON.createObjectNode().put("error", sentence).toString().getBytes(StandardCharsets.UTF_8);
    }

    private void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        if (model != null) {
            model.close();
        }
    }
}
