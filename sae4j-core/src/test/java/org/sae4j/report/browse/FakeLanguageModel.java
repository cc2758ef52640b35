package org.sae4j.report.browse;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.sae4j.data.store.StoreInfo;
import org.sae4j.data.store.StoreModel;

/**
 * The test's stand-in for sae4j-lm: opens only stores of {@link BrowseFixtures#MODEL}; a word is a token, its
 * activation {@link BrowseFixtures#tokenVector} exactly, so the browser's "try your own text" can be checked
 * against a direct computation. Registered in the test class path's META-INF/services.
 */
public final class FakeLanguageModel implements StoreModel {

    /** The provider the browser finds through ServiceLoader. */
    public static final class Provider implements StoreModel.Provider {
        @Override
        public Optional<StoreModel> open(Path storeDir, StoreInfo info) {
            return BrowseFixtures.MODEL.equals(info.model()) ? Optional.of(new FakeLanguageModel()) : Optional.empty();
        }
    }

    static int id(String word) {
        int i = Arrays.asList(BrowseFixtures.WORDS).indexOf(word);
        return i < 0 ? 3 : i;
    }

    @Override
    public float[] inputEmbedding() {
        int d = BrowseFixtures.D;
        float[] e = new float[BrowseFixtures.WORDS.length * d];
        for (int t = 0; t < BrowseFixtures.WORDS.length; t++) {
            System.arraycopy(BrowseFixtures.tokenVector(t), 0, e, t * d, d);
        }
        return e;
    }

    @Override
    public Capture capture(String text) {
        String[] words = text.trim().split("\\s+");
        int d = BrowseFixtures.D;
        int[] ids = new int[words.length];
        float[] a = new float[words.length * d];
        for (int i = 0; i < words.length; i++) {
            ids[i] = id(words[i]);
            System.arraycopy(BrowseFixtures.tokenVector(ids[i]), 0, a, i * d, d);
        }
        return new Capture(ids, words, a, d);
    }
}
