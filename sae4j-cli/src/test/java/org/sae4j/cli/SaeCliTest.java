package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.io.ModelFile;
import org.sae4j.model.Model;
import org.sae4j.model.sae.SparseAutoencoder;

/** The dictionary-learning half through the command line: train, eval, encode, export and reload, bad input. */
class SaeCliTest {
    private static final String SYNTH = "synthetic:features=32,dim=16,samples=3000,seed=2";

    @Test
    void trainEvalExportAndReadBackTheSaeLensDirectory(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("sae.safetensors");
        CliTest.Run train = CliTest.run("train", "--arch", "batchtopk", "--width", "64", "--k", "4", "--data", SYNTH,
                "--scale", "standardize", "--epochs", "2", "--batch-size", "128", "-q", "-o", model.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("batchtopk SAE 16-64 (k=4)"), train.out());
        assertTrue(train.out().contains("explained variance"), train.out());
        SparseAutoencoder sae = (SparseAutoencoder) ModelFile.load(model);
        assertEquals(64, sae.latentSize());

        CliTest.Run json = CliTest.run("eval", "--model", model.toString(), "--data", SYNTH, "--limit", "500", "--json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().strip().startsWith("{") && json.out().contains("\"explained_variance\""), json.out());

        Path export = dir.resolve("saelens");
        CliTest.Run ex = CliTest.run("export", "--model", model.toString(), "--out", export.toString(), "--data", SYNTH,
                "--limit", "1000");
        assertEquals(0, ex.code(), ex.err());
        assertTrue(ex.out().contains("jumprelu"), ex.out());
        for (String f : new String[] {"cfg.json", "sae_weights.safetensors", "sparsity.safetensors"}) {
            assertTrue(Files.isRegularFile(export.resolve(f)), f);
        }
        // The exported directory is a model for every command, and encodes as the original (raw units both ways).
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        assertEquals(0, CliTest.run("encode", "--model", model.toString(), "--data", SYNTH, "--limit", "200",
                "--out", a.toString()).code());
        CliTest.Run fromDir = CliTest.run("encode", "--model", export.toString(), "--data", SYNTH, "--limit", "200",
                "--out", b.toString());
        assertEquals(0, fromDir.code(), fromDir.err());
        float[] va = NpyReader.read(a).values();
        float[] vb = NpyReader.read(b).values();
        assertEquals(va.length, vb.length);
        for (int i = 0; i < va.length; i++) {
            assertEquals(va[i], vb[i], 1e-4 + 1e-4 * Math.abs(va[i]), "latent value " + i);
        }
    }

    @Test
    void everyArchitectureTrainsFromTheCommandLine(@TempDir Path dir) {
        for (String arch : new String[] {"standard", "topk", "jumprelu", "matryoshka", "gated"}) {
            Path model = dir.resolve(arch + ".safetensors");
            CliTest.Run r = CliTest.run("train", "--arch", arch, "--expansion", "2", "--data", SYNTH, "--limit", "600",
                    "--epochs", "1", "--batch-size", "64", "-q", "-o", model.toString());
            assertEquals(0, r.code(), arch + ": " + r.err());
            Model m = ModelFile.load(model);
            assertTrue(m.describe().startsWith(arch + " SAE 16-32"), m.describe());
        }
    }

    @Test
    void configFilesTakeTheSameKeys(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("sae.yaml");
        Files.writeString(cfg, "arch: topk\nwidth: 48\nk: 6\nepochs: 1\nscale: none\n");
        Path model = dir.resolve("m.safetensors");
        CliTest.Run r = CliTest.run("train", "--config", cfg.toString(), "--data", SYNTH, "--limit", "500", "-q",
                "-o", model.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(6, ((SparseAutoencoder) ModelFile.load(model)).config().k());
    }

    @Test
    void badSaeSettingsGetOneSentence(@TempDir Path dir) throws Exception {
        String out = dir.resolve("x.safetensors").toString();
        CliTest.run("train", "--arch", "topk", "--width", "16", "--k", "17", "-o", out).assertUserError("k = 17", "1 <= k <= width");
        CliTest.run("train", "--arch", "topk", "--width", "16", "--k", "0", "-o", out).assertUserError("k = 0");
        CliTest.run("train", "--arch", "topk", "--width", "0", "-o", out).assertUserError("width 0");
        CliTest.run("train", "--arch", "jumprelu", "--width", "16", "--threshold-init", "0", "-o", out)
                .assertUserError("threshold 0.0", "theta > 0");
        CliTest.run("train", "--arch", "jumprelu", "--width", "16", "--threshold-init", "-1", "-o", out)
                .assertUserError("theta > 0");
        CliTest.run("train", "--arch", "wide", "-o", out).assertUserError("Unknown architecture 'wide'");
        // Impossible sizes are refused before any data loads, with the memory needed and available.
        CliTest.run("train", "--arch", "topk", "--width", "1000000", "-o", out)
                .assertUserError("Training a topk SAE 784-1000000 in batches of 256 needs", "is available");
        CliTest.run("train", "--arch", "topk", "--expansion", "100000", "-o", out).assertUserError("needs", "memory");
        CliTest.run("train", "--arch", "topk", "--lambda", "1", "-o", out).assertUserError("--lambda does not apply to the topk");
        CliTest.run("train", "--arch", "topk", "--encoder", "32", "-o", out).assertUserError("--encoder");
        CliTest.run("train", "--k", "8", "-o", out).assertUserError("give --arch too");
        CliTest.run("train", "--arch", "matryoshka", "--width", "16", "--groups", "4,4", "-o", out)
                .assertUserError("sum to 8", "width 16");

        Path badDir = dir.resolve("sae-dir");
        Files.createDirectories(badDir);
        Files.writeString(badDir.resolve("cfg.json"), "{\"architecture\": \"topk\", \"d_in\": 4, \"d_sae\": 8, \"k\": 2}");
        Files.writeString(badDir.resolve("sae_weights.safetensors"), "");
        CliTest.run("eval", "--model", badDir.toString()).assertUserError(badDir.getFileName().toString());
        CliTest.run("export", "--model", out, "--out", dir.resolve("e").toString()).assertUserError(out);
    }

    @Test
    void encodeOfAnSaeOnImagesHasOneColumnPerLatent(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.safetensors");
        assertEquals(0, CliTest.run("train", "--arch", "topk", "--width", "128", "--k", "8", "--limit", "1000",
                "--epochs", "1", "-q", "-o", model.toString()).code());
        Path npy = dir.resolve("codes.npy");
        assertEquals(0, CliTest.run("encode", "--model", model.toString(), "--limit", "50", "--out", npy.toString()).code());
        Dataset codes = NpyReader.read(npy);
        assertEquals(128, codes.cols());
        Model m = ModelFile.load(model);
        assertArrayEquals(m.encode(DataSources.resolve("embedded").limit(50)).values(), codes.values());
    }
}
