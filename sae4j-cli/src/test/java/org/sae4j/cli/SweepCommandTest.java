package org.sae4j.cli;

import org.sae4j.io.ModelFile;
import org.sae4j.model.Model;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.model.Autoencoder;

class SweepCommandTest {

    @Test
    void sweepTrainsOneModelPerValueAndTabulatesThem(@TempDir Path dir) throws Exception {
        CliTest.Run r = CliTest.run("sweep", "--over", "beta=0.001,0.5", "--limit", "800", "--epochs", "2", "-q",
                "-o", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Sweep over beta (embedded, 80 samples, held out):"), r.out());
        assertEquals(0.001, ModelFile.loadAutoencoder(dir.resolve("beta-0.001.safetensors")).config().kl().beta());
        assertEquals(0.5, ModelFile.loadAutoencoder(dir.resolve("beta-0.5.safetensors")).config().kl().beta());

        List<String> csv = Files.readAllLines(dir.resolve("sweep.csv"));
        // Embedded images have labels, so the table and the CSV carry eval's probe accuracy.
        assertEquals("beta,mse,fvu,l0,code_size,mean_activation,dead_fraction,model,explained_variance,pareto,knee,probe_accuracy", csv.get(0));
        assertTrue(r.out().contains("   probe"), r.out());
        assertEquals(3, csv.size());
        String[] weak = csv.get(1).split(",");
        String[] strong = csv.get(2).split(",");
        assertEquals("beta-0.5.safetensors", strong[7]);
        // A 500x stronger KL weight pulls the sigmoid code's mean activation much closer to rho = 0.05.
        double weakDistance = Math.abs(Double.parseDouble(weak[5]) - 0.05);
        double strongDistance = Math.abs(Double.parseDouble(strong[5]) - 0.05);
        assertTrue(strongDistance < weakDistance, csv.toString());
        double probe = Double.parseDouble(strong[11]);
        assertTrue(probe >= 0 && probe <= 1, csv.toString());
        assertEquals(640, ImageIO.read(dir.resolve("sweep.png").toFile()).getWidth());
    }

    @Test
    void aKSweepTrainsInOnePassAndEachModelEqualsItsTrainRun(@TempDir Path dir) throws Exception {
        String[] common = {"--arch", "topk", "--width", "48", "--limit", "600", "--epochs", "2", "--batch-size", "64",
            "--k-anneal-steps", "5", "-q"};
        CliTest.Run r = CliTest.run(concat(new String[] {"sweep", "--over", "k=2,4,8,16", "-o", dir.resolve("s").toString()},
                common));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 models over k"), r.out());
        assertTrue(r.out().contains("knee"), r.out());
        List<String> csv = Files.readAllLines(dir.resolve("s/sweep.csv"));
        assertEquals(5, csv.size());
        // More latents kept reconstruct better: the explained variance rises with k, so every model is on the front.
        for (int i = 2; i < csv.size(); i++) {
            assertTrue(Double.parseDouble(csv.get(i).split(",")[8]) > Double.parseDouble(csv.get(i - 1).split(",")[8]), csv.toString());
            assertEquals("true", csv.get(i).split(",")[9], csv.toString());
        }
        for (String k : new String[] {"2", "16"}) {
            Path alone = dir.resolve("k" + k + ".safetensors");
            CliTest.Run t = CliTest.run(concat(new String[] {"train", "--k", k, "-o", alone.toString()}, common));
            assertEquals(0, t.code(), t.err());
            Model a = ModelFile.load(alone);
            Model b = ModelFile.load(dir.resolve("s/k-" + k + ".safetensors"));
            for (int p = 0; p < a.parameters().size(); p++) {
                assertArrayEquals(a.parameters().get(p).value(), b.parameters().get(p).value(), "k=" + k);
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void badSweepsAreRejectedBeforeTraining(@TempDir Path dir) {
        CliTest.run("sweep", "--over", "epochs=1,2").assertUserError("Cannot sweep 'epochs'");
        CliTest.run("sweep", "--over", "beta=0.1,lots").assertUserError("'lots'", "not a number");
        CliTest.run("sweep", "--over", "beta=0.1").assertUserError("at least two values");
        CliTest.run("sweep", "--over", "beta=0.1,1", "--preset", "deep").assertUserError("--rho");
        CliTest.run("sweep", "--over", "rho=0.05,1.5").assertUserError("rho=1.5");
        CliTest.run("sweep", "--over", "k=8,16").assertUserError("--arch");
        CliTest.run("sweep", "--arch", "topk", "--over", "k=8,1.5").assertUserError("'1.5'", "whole number");
        CliTest.run("sweep", "--over", "arch=topk,bogus").assertUserError("bogus");
        assertTrue(!Files.exists(dir.resolve("sae4j-sweep")));
    }
}
