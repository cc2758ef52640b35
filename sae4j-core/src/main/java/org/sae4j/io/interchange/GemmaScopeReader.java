package org.sae4j.io.interchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.sae4j.InvalidInputException;
import org.sae4j.data.NpyArray;

/**
 * Reads a Gemma Scope {@code params.npz} (google/gemma-scope-* on Hugging Face): a zip of .npy arrays
 * W_enc [d_in, d_sae], W_dec [d_sae, d_in], b_enc [d_sae], b_dec [d_in], threshold [d_sae], a JumpReLU SAE
 * that does not subtract b_dec from its input. Names and handling follow SAELens 6.18.0's
 * gemma_2_sae_huggingface_loader ({@code loading/pretrained_sae_loaders.py}): keys spelled w_enc/w_dec are
 * accepted too, and a scaling_factor other than all ones is folded into W_dec. Only the arrays above are
 * read; each .npy's declared shape is checked against its zip entry's size before any allocation.
 * SAELens's extra sqrt(d_in) rescaling for the embedding-layer SAEs depends on the Hugging Face folder name
 * and is not applied.
 */
public final class GemmaScopeReader {
    public static final String FILE = "params.npz";
    private static final String[] NAMES = {"W_enc", "W_dec", "b_enc", "b_dec", "threshold", "scaling_factor"};

    private GemmaScopeReader() {
    }

    public static ExternalSae read(Path npz) {
        Map<String, NpyArray> arrays = arrays(npz);
        NpyArray enc = require(npz, arrays, "W_enc");
        if (enc.shape().length != 2 || enc.shape()[0] < 1 || enc.shape()[1] < 1) {
            throw new InvalidInputException("Array 'W_enc' in file '" + npz + "' has shape "
                    + Arrays.toString(enc.shape()) + "; expected [d_in, d_sae].");
        }
        int dIn = (int) enc.shape()[0];
        int dSae = (int) enc.shape()[1];
        float[] wDec = shaped(npz, require(npz, arrays, "W_dec"), dSae, dIn);
        NpyArray scaling = arrays.get("scaling_factor");
        if (scaling != null) {
            float[] s = shaped(npz, scaling, dSae);
            if (!Folds.allOnes(s)) {
                Folds.scaleDecoderRows(wDec, s, dIn);
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("source_format", "gemma-scope");
        return new ExternalSae(ExternalSae.JUMPRELU, dIn, dSae, enc.values(),
                shaped(npz, require(npz, arrays, "b_enc"), dSae), wDec, shaped(npz, require(npz, arrays, "b_dec"), dIn),
                shaped(npz, require(npz, arrays, "threshold"), dSae), null, null, null, null, false, "none", null, null,
                metadata, npz.toString());
    }

    private static Map<String, NpyArray> arrays(Path npz) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String key = key(e.getName());
                if (key == null || out.containsKey(key)) {
                    continue;
                }
                if (e.getSize() < 0) {
                    throw new InvalidInputException("Entry '" + e.getName() + "' in file '" + npz
                            + "' does not declare its size; expected an .npz written by numpy.");
                }
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(key, NpyArray.read(in, npz + ":" + e.getName(), e.getSize()));
                }
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("File '" + npz + "' does not exist; expected a Gemma Scope params.npz.", e);
        } catch (ZipException e) {
            throw new InvalidInputException("File '" + npz + "' is not a readable .npz archive (" + e.getMessage()
                    + "); expected a zip of .npy files written by numpy.savez.", e);
        } catch (IOException e) {
            if (!Files.exists(npz)) {
                throw new InvalidInputException("File '" + npz + "' does not exist; expected a Gemma Scope params.npz.", e);
            }
            throw new InvalidInputException("File '" + npz + "' could not be read (" + e.getMessage() + ").", e);
        }
        return out;
    }

    /** The array name for an entry we need ("W_enc.npy" or "w_enc.npy" gives "W_enc"), else null. */
    private static String key(String entry) {
        if (!entry.toLowerCase(Locale.ROOT).endsWith(".npy")) {
            return null;
        }
        String base = entry.substring(0, entry.length() - 4);
        String normal = base.startsWith("w_") ? "W_" + base.substring(2) : base;
        return Arrays.asList(NAMES).contains(normal) ? normal : null;
    }

    private static NpyArray require(Path npz, Map<String, NpyArray> arrays, String name) {
        NpyArray a = arrays.get(name);
        if (a == null) {
            throw new InvalidInputException("File '" + npz + "' has no array '" + name + "'; expected W_enc, W_dec, "
                    + "b_enc, b_dec and threshold (a Gemma Scope JumpReLU SAE).");
        }
        return a;
    }

    private static float[] shaped(Path npz, NpyArray a, long... shape) {
        if (!Arrays.equals(a.shape(), shape)) {
            String name = a.name().substring(a.name().lastIndexOf(':') + 1).replace(".npy", "");
            throw new InvalidInputException("Array '" + name + "' in file '" + npz + "' has shape "
                    + Arrays.toString(a.shape()) + "; expected " + Arrays.toString(shape) + ".");
        }
        return a.values();
    }
}
