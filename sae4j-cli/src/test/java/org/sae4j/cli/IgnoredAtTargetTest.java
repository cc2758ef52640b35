package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.io.StateFile;
import org.sae4j.tensor.NamedArrays;

/**
 * At --target-l0 jumprelu and gated train by a top-k budget, so the options that only weigh their sparsity terms
 * change nothing: train and an all-ignoring sweep refuse them in one sentence, a sweep whose other runs use them and
 * a run continued from its checkpoint say so; the run's header names the target where λ would stand.
 */
class IgnoredAtTargetTest {
    private static final String DATA = "synthetic:features=32,dim=12,active=3,samples=600,seed=3";

    private static CliTest.Run train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--width", "48", "--data", DATA, "--epochs", "1",
                "--batch-size", "100", "-q", "-o", out.toString()));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void trainRefusesEachIgnoredOptionInOneSentence(@TempDir Path dir) {
        Path out = dir.resolve("m.safetensors");
        train(out, "--arch", "jumprelu", "--target-l0", "4", "--pre-act-coefficient", "0.3").assertUserError(
                "--pre-act-coefficient has no effect: at --target-l0 jumprelu's thresholds follow each sample's top L0 "
                        + "latents, and that budget trains no pre-activation loss; drop it.");
        train(out, "--arch", "jumprelu", "--target-l0", "4", "--lambda", "1e-3").assertUserError(
                "--lambda has no effect: at --target-l0 jumprelu's thresholds follow each sample's top L0 latents, "
                        + "with no L0 term for lambda to weigh; drop it.");
        train(out, "--arch", "gated", "--target-l0", "4", "--lambda", "1e-3").assertUserError(
                "--lambda has no effect: at --target-l0 gated's thresholds follow each sample's top L0 latents, "
                        + "with no L1 term for lambda to weigh; drop it.");
        train(out, "--arch", "gated", "--target-l0", "4", "--sparsity-warmup", "10").assertUserError(
                "--sparsity-warmup has no effect: at --target-l0 gated's thresholds follow each sample's top L0 latents, "
                        + "so there is no sparsity coefficient to ramp; drop it.");
        // gated has no pre-activation loss at all: the general sentence, as without a target.
        train(out, "--arch", "gated", "--target-l0", "4", "--pre-act-coefficient", "0.3")
                .assertUserError("--pre-act-coefficient does not apply to the gated architecture");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aConfigFileCountsAsGivingTheOption(@TempDir Path dir) throws Exception {
        Path cfg = Files.writeString(dir.resolve("j.yaml"), "arch: jumprelu\npre_act_coefficient: 0.2\n");
        train(dir.resolve("m.safetensors"), "--config", cfg.toString(), "--target-l0", "4")
                .assertUserError("--pre-act-coefficient has no effect");
    }

    @Test
    void theOptionsTakePartWithoutATargetOrForStandard(@TempDir Path dir) {
        CliTest.Run fixed = train(dir.resolve("j.safetensors"), "--arch", "jumprelu", "--lambda", "1e-3",
                "--pre-act-coefficient", "0.3", "--bandwidth", "0.05");
        assertEquals(0, fixed.code(), fixed.err());
        assertTrue(fixed.out().contains("jumprelu SAE 12-48 (lambda=0.001) on"), fixed.out());
        // standard's search starts from --lambda, so the header keeps it; jumprelu's --bandwidth sets θ's floor.
        assertEquals(null, IgnoredAtTarget.reason("standard", 4.0, name -> true));
        assertEquals(null, IgnoredAtTarget.reason("jumprelu", 4.0, "--bandwidth"::equals));
        assertEquals(null, IgnoredAtTarget.reason("jumprelu", 4.0, "--threshold-init"::equals));
    }

    @Test
    void theHeaderNamesTheTargetOfABudgetModel(@TempDir Path dir) {
        for (String arch : new String[] {"jumprelu", "gated"}) {
            CliTest.Run run = train(dir.resolve(arch + ".safetensors"), "--arch", arch, "--target-l0", "4");
            assertEquals(0, run.code(), run.err());
            String header = run.out().lines().findFirst().orElse("");
            assertTrue(header.startsWith("sae4j " + Version.get() + ": " + arch + " SAE 12-48 (target L0 4) on '"),
                    header);
            assertFalse(header.contains("lambda"), header);
            String objective = run.out().lines().skip(1).findFirst().orElse("");
            assertTrue(objective.startsWith("loss mse of the latents above their thresholds, which follow each "
                    + "sample's top 4 "), objective);
        }
    }

    /** A model file continued at a target is checked by its own architecture, which --arch cannot name then. */
    @Test
    void aModelFileContinuedAtATargetIsRefusedWhatItsArchitectureIgnores(@TempDir Path dir) {
        Path first = dir.resolve("g.safetensors");
        assertEquals(0, train(first, "--arch", "gated").code());
        CliTest.Run run = CliTest.run("train", "--resume", first.toString(), "--data", DATA, "--epochs", "1", "-q",
                "--target-l0", "4", "--sparsity-warmup", "10", "-o", dir.resolve("g2.safetensors").toString());
        run.assertUserError("--sparsity-warmup has no effect: at --target-l0 gated's thresholds follow each sample's top "
                + "L0 latents, so there is no sparsity coefficient to ramp; drop it.");
        assertFalse(Files.exists(dir.resolve("g2.safetensors")), "nothing written");
    }

    /** A checkpoint of a run that began with an option now refused still continues, with the warning. */
    @Test
    void aContinuedRunWarnsInsteadOfRefusing(@TempDir Path dir) {
        Path out = dir.resolve("j.safetensors");
        assertEquals(0, train(out, "--arch", "jumprelu", "--target-l0", "4").code());
        Path ckpt = RunCheckpoint.of(out);
        assertTrue(Files.exists(ckpt), "a finished run keeps its checkpoint");
        NamedArrays state = StateFile.read(ckpt);
        state.put("run/args", state.text("run/args") + "\u0000--lambda\u00001e-3");
        StateFile.write(state, ckpt);
        CliTest.Run run = CliTest.run("train", "--resume", out.toString(), "--epochs", "1", "-q");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("Warning: --lambda has no effect: at --target-l0 jumprelu's thresholds follow "
                + "each sample's top L0 latents, with no L0 term for lambda to weigh (the run began with it and "
                + "continues as it began)."), run.out());
    }

    @Test
    void aSweepRefusesWhatEveryRunIgnoresAndWarnsOfWhatSomeDo(@TempDir Path dir) {
        CliTest.run("sweep", "--arch", "jumprelu", "--over", "target-l0=3,5", "--pre-act-coefficient", "0.2",
                "--width", "48", "--data", DATA, "--epochs", "1", "-q", "-o", dir.resolve("a").toString())
                .assertUserError("--pre-act-coefficient has no effect", "; drop it.");
        CliTest.run("sweep", "--arch", "gated", "--over", "lambda=1e-3,1e-2", "--target-l0", "4",
                "--width", "48", "--data", DATA, "--epochs", "1", "-q", "-o", dir.resolve("b").toString())
                .assertUserError("--lambda has no effect: at --target-l0 gated's");
        CliTest.Run mixed = CliTest.run("sweep", "--over", "arch=standard,jumprelu", "--lambda", "1e-3",
                "--target-l0", "4", "--width", "48", "--data", DATA, "--epochs", "1", "--batch-size", "100", "-q",
                "-o", dir.resolve("c").toString());
        assertEquals(0, mixed.code(), mixed.err());
        assertTrue(mixed.out().contains("Warning: --lambda has no effect: at --target-l0 jumprelu's thresholds follow "
                + "each sample's top L0 latents, with no L0 term for lambda to weigh (in the runs arch=jumprelu; the "
                + "others use it)."), mixed.out());
    }
}
