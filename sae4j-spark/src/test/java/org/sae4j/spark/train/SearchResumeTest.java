package org.sae4j.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.model.Model;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.spark.TestSpark;
import org.sae4j.spark.io.ModelBytes;

/**
 * A coefficient search on a cluster keeps its progress in the checkpoint directory after every run, so a job
 * stopped in the middle of it goes on from its last finished run, to the bytes of a job never stopped; progress
 * saved for other settings is refused in one sentence.
 */
class SearchResumeTest {
    private static final Dataset TRAIN = SyntheticSpec.parse("synthetic:features=64,dim=32,active=3,seed=5,samples=8000")
            .dataset();

    private static TrainSettings settings(double target) {
        return new TrainSettings(4, null, 256, 1, true, Normalizer.Kind.NONE, "adam", 4e-3, null, null, null, null, null,
                null, target);
    }

    private static DistributedTrainer trainer(double target, String dir, List<String> heard, String stopAfter) {
        DistributedTrainer t = new DistributedTrainer(TestSpark.context(), settings(target), 16).partitions(2)
                .notices(line -> {
                    heard.add(line);
                    if (stopAfter != null && line.startsWith(stopAfter)) {
                        throw new IllegalStateException("stopped"); // a driver killed right after that run was saved
                    }
                });
        return dir == null ? t : t.checkpoints(dir, 4);
    }

    private static byte[] fit(DistributedTrainer t) {
        return fit(t, 128, TRAIN);
    }

    private static byte[] fit(DistributedTrainer t, int width, Dataset rows) {
        Model m = t.fit(SaeBuilder.of(Architecture.STANDARD, 32).width(width).seed(1).build(), TestSpark.rows(rows, 1),
                "the synthetic rows");
        return ModelBytes.of(m);
    }

    @Test
    void aStoppedSearchGoesOnFromItsLastRunToTheUnbrokenBytes(@TempDir Path dir) {
        List<String> unbrokenLines = new ArrayList<>();
        byte[] unbroken = fit(trainer(4, null, unbrokenLines, null));
        long runs = unbrokenLines.stream().filter(l -> l.startsWith("run ")).count();
        assertTrue(runs >= 2, "the search needs two fixed runs or more for this test: " + unbrokenLines);

        String ckpt = dir.resolve("ckpt").toString();
        List<String> first = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> fit(trainer(4, ckpt, first, "run 1 of")));
        assertTrue(Files.exists(dir.resolve("ckpt/search.ckpt")), "the search's progress is saved");

        List<String> second = new ArrayList<>();
        byte[] resumed = fit(trainer(4, ckpt, second, null));
        assertTrue(second.get(0).startsWith("resuming the coefficient search for L0 4 after 2 runs"), second.get(0));
        assertEquals(unbrokenLines.get(unbrokenLines.size() - 1), second.get(second.size() - 1), "the same run kept");
        assertArrayEquals(unbroken, resumed, "the resumed job ends with the unbroken job's bytes");
        // The runs it did not repeat: the steered run and run 1 are read back, not trained again.
        assertEquals(unbrokenLines.subList(1, 3), second.subList(1, 3), "the finished runs, as measured before");
    }

    /**
     * A finished job's directory, given to a job with the same settings and partition sizes but another model or
     * other data, is refused before anything trains: its search's runs and its kept run started from another model,
     * and resuming them would hand back the first job's model.
     */
    @Test
    void aDirectoryOfAnotherModelOrOtherDataIsRefused(@TempDir Path dir) {
        String ckpt = dir.resolve("ckpt").toString();
        fit(trainer(4, ckpt, new ArrayList<>(), null));
        Dataset other = SyntheticSpec.parse("synthetic:features=64,dim=32,active=3,seed=6,samples=8000").dataset();
        for (int width : new int[] {128, 96}) { // other data at the same width; the same data at another width
            List<String> heard = new ArrayList<>();
            Dataset rows = width == 128 ? other : TRAIN;
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> fit(trainer(4, ckpt, heard, null), width, rows));
            assertEquals("The checkpoint in '" + ckpt + "' was written by a run that started from another model (other "
                    + "model flags, seed or data); give the same ones, or another checkpoint directory.", e.getMessage());
            assertTrue(heard.isEmpty(), "refused before the search: " + heard);
        }
        assertTrue(fit(trainer(4, ckpt, new ArrayList<>(), null)).length > 0, "the same job still resumes");
    }

    @Test
    void anUnreadableProgressFileIsNamed(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("ckpt");
        Files.createDirectories(ckpt);
        Files.write(ckpt.resolve("search.ckpt"), new byte[] {1, 2, 3});
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> fit(trainer(4, ckpt.toString(), new ArrayList<>(), null)));
        assertEquals("'" + ckpt + "/search.ckpt' is not a coefficient search's progress that sae4j can read; delete it "
                + "to start the search again.", e.getMessage());
    }

    @Test
    void progressSavedForOtherSettingsIsRefused(@TempDir Path dir) {
        String ckpt = dir.resolve("ckpt").toString();
        assertThrows(IllegalStateException.class, () -> fit(trainer(4, ckpt, new ArrayList<>(), "steered run")));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> fit(trainer(5, ckpt, new ArrayList<>(), null)));
        assertTrue(e.getMessage().startsWith("The checkpoint in '" + ckpt + "' was written by a run with other settings"),
                e.getMessage());
    }
}
