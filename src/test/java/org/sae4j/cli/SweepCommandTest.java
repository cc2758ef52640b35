package org.sae4j.cli;

import org.sae4j.io.ModelFile;
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
        assertEquals("beta,mse,fvu,l0,code_size,mean_activation,dead_fraction,model,probe_accuracy", csv.get(0));
        assertTrue(r.out().contains("   probe"), r.out());
        assertEquals(3, csv.size());
        String[] weak = csv.get(1).split(",");
        String[] strong = csv.get(2).split(",");
        assertEquals("beta-0.5.safetensors", strong[7]);
        // A 500x stronger KL weight pulls the sigmoid code's mean activation much closer to rho = 0.05.
        double weakDistance = Math.abs(Double.parseDouble(weak[5]) - 0.05);
        double strongDistance = Math.abs(Double.parseDouble(strong[5]) - 0.05);
        assertTrue(strongDistance < weakDistance, csv.toString());
        double probe = Double.parseDouble(strong[8]);
        assertTrue(probe >= 0 && probe <= 1, csv.toString());
        assertEquals(640, ImageIO.read(dir.resolve("sweep.png").toFile()).getWidth());
    }

    @Test
    void badSweepsAreRejectedBeforeTraining(@TempDir Path dir) {
        CliTest.run("sweep", "--over", "epochs=1,2").assertUserError("Cannot sweep 'epochs'");
        CliTest.run("sweep", "--over", "beta=0.1,lots").assertUserError("'lots'", "not a number");
        CliTest.run("sweep", "--over", "beta=0.1").assertUserError("at least two values");
        CliTest.run("sweep", "--over", "beta=0.1,1", "--preset", "deep").assertUserError("--rho");
        CliTest.run("sweep", "--over", "rho=0.05,1.5").assertUserError("rho=1.5");
        assertTrue(!Files.exists(dir.resolve("sae4j-sweep")));
    }
}
