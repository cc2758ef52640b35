package org.sae4j.eval.groundtruth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;

class DictionaryRecoveryTest {

    @Test
    void decoderRowsAreMappedBackThroughAPerDimensionScale() {
        SparseAutoencoder sae = SaeBuilder.of(Architecture.TOPK, 2).width(2).k(1).build();
        System.arraycopy(new float[] {1, 1, 2, 0}, 0, sae.decoderWeight().value(), 0, 4);
        // standardize: the model sees (x - offset) * scale, so a row w there is w / scale in raw units
        sae.setNormalizer(new Normalizer(Normalizer.Kind.STANDARDIZE, new float[] {5, 5}, new float[] {0.5f, 2}));
        assertArrayEquals(new float[] {2, 0.5f, 4, 0}, DictionaryRecovery.decoderRowsInInputUnits(sae));
        sae.setNormalizer(Normalizer.none());
        assertArrayEquals(new float[] {1, 1, 2, 0}, DictionaryRecovery.decoderRowsInInputUnits(sae));
    }

    @Test
    void perfectDictionaryScoresOneAndClassicModelsHaveNone() {
        SyntheticSpec spec = SyntheticSpec.parse("synthetic:features=4,dim=3,active=1,samples=10");
        SparseAutoencoder sae = SaeBuilder.of(Architecture.TOPK, 3).width(4).k(1).build();
        System.arraycopy(spec.features(), 0, sae.decoderWeight().value(), 0, 12);
        GroundTruthReport g = DictionaryRecovery.of(sae, spec, new double[] {0.1, 0.2, 0.3, 0});
        assertEquals(1.0, g.mmcs(), 1e-6);
        assertEquals(1.0, g.mcc(), 1e-6);
        assertEquals(3, g.aliveLatents(), "density 0 is dead");
        assertEquals(0.75, g.recall(), 1e-12, "the dead latent's feature is not detected");
        assertNull(DictionaryRecovery.of(Autoencoder.builder(3).encoder(2).build(), spec, new double[2]));
    }
}
