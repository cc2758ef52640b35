package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bench} says where a step stands against its floor and a product against the machine's roof (issue 19):
 * the SAE step as a multiple of its own encoder product, the product's share of a peak measured on the spot. The
 * test checks the printed figures against each other, never a speed.
 */
class BenchCommandTest {

    @Test
    void saeStepIsStatedAsAMultipleOfItsEncoderProduct() {
        CliTest.Run r = CliTest.run("bench", "--arch", "topk", "--width", "256", "--k", "8", "--input-size", "64",
                "--batch-size", "128", "--seconds", "0.5", "--warmup", "0.2");
        assertEquals(0, r.code(), r.err());
        Matcher step = Pattern.compile("train step\\s+([\\d,]+) samples/s").matcher(r.out());
        Matcher product = Pattern.compile("encoder product\\s+([\\d.]+) ms \\(\\[128x64\\]\\*\\[64x256\\] alone, "
                + "([\\d.]+) GFLOP/s\\); the step is ([\\d.]+)x it").matcher(r.out());
        assertTrue(step.find() && product.find(), r.out());
        double ms = Double.parseDouble(product.group(1));
        double gflops = Double.parseDouble(product.group(2));
        assertEquals(2.0 * 128 * 64 * 256 / (ms / 1e3) / 1e9, gflops, 0.06 * gflops, "GFLOP/s from the product's time");
        double stepMs = 128 / Double.parseDouble(step.group(1).replace(",", "")) * 1e3;
        assertEquals(stepMs / ms, Double.parseDouble(product.group(3)), 0.06 * stepMs / ms, "step / product");
    }

    @Test
    void gemmIsStatedAsAShareOfAMeasuredPeak() {
        CliTest.Run r = CliTest.run("bench", "--gemm", "64,96,128", "--seconds", "0.3", "--warmup", "0.1");
        assertEquals(0, r.code(), r.err());
        Matcher gemm = Pattern.compile("matmul \\[64x96\\]\\*\\[96x128\\]\\s+([\\d.]+) GFLOP/s").matcher(r.out());
        Matcher peak = Pattern.compile("peak\\s+([\\d.]+) GFLOP/s measured just now.*reaches (\\d+)% of it")
                .matcher(r.out());
        assertTrue(gemm.find() && peak.find(), r.out());
        double share = 100 * Double.parseDouble(gemm.group(1)) / Double.parseDouble(peak.group(1));
        assertEquals(share, Integer.parseInt(peak.group(2)), 1.0 + 0.01 * share);
    }
}
