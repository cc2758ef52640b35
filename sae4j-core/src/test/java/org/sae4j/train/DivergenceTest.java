package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sae4j.InvalidInputException;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.model.Autoencoder;
import org.sae4j.nn.Activation;
import org.sae4j.optim.Sgd;

/** A non-finite loss or gradient rolls back to the last good state at half the learning rate, a few times at most. */
class DivergenceTest {
    static final Dataset IMAGES = DataSources.resolve("embedded").limit(500);

    private static Autoencoder train(double lr, List<String> notices) {
        Autoencoder m = Autoencoder.builder(784).encoder(32).activation(Activation.LINEAR)
                .outputActivation(Activation.LINEAR).seed(1).build();
        Trainer.fit(m, IMAGES, FitOptions.builder().epochs(2).batchSize(50).normalization(Normalizer.Kind.MIN_MAX)
                .optimizer(() -> new Sgd(lr, 0, false)).listener(new TrainingListener() {
                    @Override
                    public void onNotice(String line) {
                        notices.add(line);
                    }
                }).build());
        return m;
    }

    @Test
    void aDivergedStepRollsBackAndHalvesTheRate() {
        List<String> notices = new ArrayList<>();
        Autoencoder rescued = train(8, notices);
        assertEquals(List.of(
                "Step 6: the loss is Infinity; rolled back to step 0 and halved the learning rate (now 0.5 of the planned rate).",
                "Step 10: the loss is Infinity; rolled back to step 0 and halved the learning rate (now 0.25 of the planned rate)."),
                notices);
        // Rolled back to the start at a quarter of 8, it is exactly the run planned at 2.
        Autoencoder planned = train(2, new ArrayList<>());
        for (int i = 0; i < planned.parameters().size(); i++) {
            assertArrayEquals(planned.parameters().get(i).value(), rescued.parameters().get(i).value());
        }
        assertEquals(planned.history().epochs().stream().map(e -> e.loss()).toList(),
                rescued.history().epochs().stream().map(e -> e.loss()).toList());
    }

    @Test
    void aRunThatKeepsDivergingStopsWithASentenceNamingTheStep() {
        List<String> notices = new ArrayList<>();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> train(1000, notices));
        assertEquals(TrainRun.MAX_ROLLBACKS, notices.size());
        assertTrue(e.getMessage().matches("Training diverged at epoch 1, batch \\d+ \\(step \\d+: .*\\) even after halving "
                + "the learning rate 3 times; lower the learning rate .*"), e.getMessage());
    }
}
