package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.store.ActivationStore;

/**
 * {@code sae4j capture} and {@code train --data lm:...} through the command line: a capture, a run with no network
 * (a network namespace with no interfaces and a socket-refusing security manager), a disk that fills (nothing
 * half-written), and bad input in one sentence.
 */
class CaptureCommandTest {
    private static final String[] SMALL = {"--documents", "6", "--context", "32", "--layer", "1", "--threads", "2", "-q"};

    private static String[] args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("capture", "--out", out.toString()));
        a.addAll(List.of(SMALL));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void capturesTheEmbeddedCorpusAndTrainsStraightFromTheModel(@TempDir Path dir) {
        CliTest.Run r = CliTest.run(args(dir.resolve("acts"), "--dtype", "bf16"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("capturing [layer 1] of minilm (WordPiece tokenizer) over 'embedded'"), r.out());
        ActivationStore s = ActivationStore.open(dir.resolve("acts"));
        assertEquals("BF16", s.info().dtype());
        assertEquals(6, s.info().documents());
        CliTest.Run t = CliTest.run("train", "--arch", "topk", "--k", "4", "--width", "64", "--epochs", "1", "--scale", "none",
                "-q", "--data", dir.resolve("acts").toString(), "-o", dir.resolve("sae.safetensors").toString());
        assertEquals(0, t.code(), t.err());
        CliTest.Run lm = CliTest.run("train", "--arch", "topk", "--k", "4", "--width", "64", "--epochs", "1", "--scale", "none",
                "-q", "--data", "lm:minilm:layer=1:documents=12:context=32", "-o", dir.resolve("lm.safetensors").toString());
        assertEquals(0, lm.code(), lm.err());
        assertTrue(lm.out().contains("(streamed, 384 features)"), lm.out());
    }

    @Test
    void badInputIsOneSentence(@TempDir Path dir) throws IOException {
        expectError(CliTest.run(args(dir.resolve("a"), "--layer", "9")), "Layer 9 is not in model 'minilm'");
        expectError(CliTest.run(args(dir.resolve("a"), "--model", "gpt-5")), "Model 'gpt-5' is neither a file nor a known name");
        expectError(CliTest.run(args(dir.resolve("a"), "--dtype", "f8")), "Activation dtype 'f8' is not supported");
        Path latin = dir.resolve("l.txt");
        Files.write(latin, new byte[] {'o', 'k', '\n', (byte) 0xE9, '\n'});
        expectError(CliTest.run(args(dir.resolve("a"), "--text", latin.toString())), "not valid UTF-8 at line 2");
        Path m = dir.resolve("m.safetensors");
        assertEquals(0, CliTest.run("train", "--epochs", "1", "--limit", "300", "-q", "-o", m.toString()).code());
        // eval reads lm: sources too (captured as read); a model of another width is refused before any row is scored
        expectError(CliTest.run("eval", "--model", m.toString(), "--data", "lm:minilm:documents=3"),
                "Data 'lm:minilm:documents=3' has 384 features per sample but the model expects 784");
        assertFalse(Files.exists(dir.resolve("a/shard-00000.safetensors")));
    }

    @Test
    void capturesAUsersOwnGpt2Export(@TempDir Path dir) throws IOException {
        // the tiny causal model sae4j-lm's tests export from torch, copied out as a user's model.onnx + tokenizer.json
        Path tiny = Path.of(System.getProperty("user.dir")).getParent().resolve("sae4j-lm/src/test/resources/org/sae4j/lm/tiny-gpt2");
        for (String f : List.of("model.onnx", "tokenizer.json")) {
            Files.copy(tiny.resolve(f), dir.resolve(f));
        }
        Path text = dir.resolve("t.txt");
        Files.writeString(text, "the cat sat on the mat.\nin the beginning there was the word.\n");
        String model = dir.resolve("model.onnx").toString();
        CliTest.Run r = CliTest.run("capture", "--model", model, "--text", text.toString(), "--layer", "1,2", "--context", "64",
                "-q", "--out", dir.resolve("acts").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(byte-level BPE tokenizer)"), r.out());
        ActivationStore one = ActivationStore.open(dir.resolve("acts/layer-1"));
        assertEquals("/h.0/Add_1_output_0", one.info().hook());
        assertEquals(32, one.info().dModel());
        assertEquals("last_hidden_state", ActivationStore.open(dir.resolve("acts/layer-2")).info().hook());
        assertEquals(0, one.provenance(0, 1).positions()[0], "no special token: the first row is position 0");
        expectError(CliTest.run("capture", "--model", model, "--text", text.toString(), "--layer", "3", "-q", "--out",
                dir.resolve("b").toString()), "Layer 3 is not in model");
    }

    private static void expectError(CliTest.Run r, String fragment) {
        assertEquals(1, r.code(), r.out() + r.err());
        List<String> lines = r.err().lines().filter(l -> !l.contains("incubator")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("Error: ") && lines.get(0).contains(fragment), r.err());
    }

    /** JDK 24 removed the security manager: from there on only the network namespace keeps a run off the network. */
    static final boolean SECURITY_MANAGER = Runtime.version().feature() < 24;

    private static List<String> childJava(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector"));
        if (SECURITY_MANAGER) {
            cmd.add("-Djava.security.manager=allow");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static boolean canUnshare(String flag) {
        try {
            Process p = new ProcessBuilder("unshare", flag, "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        return code + "\n" + out;
    }

    @Test
    void aCaptureMakesNoNetworkConnection(@TempDir Path dir) throws Exception {
        List<String> cmd = new ArrayList<>();
        boolean isolated = canUnshare("-n");
        Assumptions.assumeTrue(isolated || SECURITY_MANAGER, "needs a network namespace or a security manager to tell");
        if (isolated) {
            cmd.addAll(List.of("unshare", "-n")); // no interfaces at all, not even loopback: native code cannot connect either
        }
        cmd.addAll(childJava("org.sae4j.cli.NoNetworkMain", args(dir.resolve("acts"))));
        String out = run(cmd);
        assertTrue(out.startsWith("0\n"), out);
        assertFalse(out.contains("NETWORK"), out);
        assertTrue(ActivationStore.open(dir.resolve("acts")).rows() > 0);
    }

    @Test
    void aFullDiskLeavesNoHalfWrittenShard(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(canUnshare("-m") && canUnshare("-r") || isRoot(), "needs a private mount namespace");
        Path mnt = Files.createDirectories(dir.resolve("small"));
        // 1 MiB: room for capture.json and tokenizer.json (0.7 MB), not for a shard of 6 documents (about 0.6 MB x 4)
        String java = String.join(" ", childJava("org.sae4j.cli.Main", args(mnt.resolve("acts"), "--documents", "40")).stream()
                .map(s -> "'" + s + "'").toList());
        String out = run(List.of("unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m sae4j-test " + mnt + " && " + java
                + "; echo \"files: $(ls -A " + mnt + "/acts)\""));
        Assumptions.assumeFalse(out.contains("mount:"), "mount refused: " + out);
        assertTrue(out.startsWith("0\n"), out); // the shell's status; the capture's own is in the text
        assertTrue(out.contains("Error: Cannot write the shard") && out.contains("no space left on device"), out);
        String files = out.substring(out.indexOf("files: "));
        assertFalse(files.contains("shard-"), "a shard or its temp file stayed: " + files);
        try (Stream<Path> s = Files.list(mnt)) {
            assertEquals(0, s.count(), "the tmpfs was private to the child");
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
