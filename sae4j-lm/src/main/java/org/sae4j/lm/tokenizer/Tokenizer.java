package org.sae4j.lm.tokenizer;

/**
 * Text to token ids as a model's {@code tokenizer.json} says: {@link #encode} gives the ids of the text alone, and
 * {@link #prefix()} and {@link #suffix()} the special tokens the post-processor puts around every model input
 * ([CLS] and [SEP] for BERT, nothing for GPT-2), so a long document can be cut into windows that each get them.
 */
public interface Tokenizer {
    /** The ids of {@code text}, without the special tokens around a model input. */
    int[] encode(String text);

    /** Special tokens before every window. */
    int[] prefix();

    /** Special tokens after every window. */
    int[] suffix();

    /** Ids 0 .. vocabSize() - 1 are valid (the vocabulary with its added tokens). */
    int vocabSize();

    /** The token string of {@code id}, or null. */
    String token(int id);

    /** What kind of tokenizer this is, for capture.json and messages ("WordPiece", "byte-level BPE"). */
    String kind();
}
