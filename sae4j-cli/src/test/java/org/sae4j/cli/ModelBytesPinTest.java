package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.ChildJvm;

/**
 * The bytes of models trained by the build before the training step became a seam (commit 1ec54a6), pinned:
 * refactoring the trainer must not change a single bit of what it trains. The runs use the pure-Java kernels,
 * whose results do not depend on the CPU's vector width (the vector backend's sums do), so the digests hold on
 * any x86 machine and JDK 17 or 25.
 */
class ModelBytesPinTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "deep        | --epochs 2 --limit 2000                                        | 0d3941f277f90086758fd7722aa934302af584a6d31c372e06155a7a61403289",
        "topk        | --arch topk --expansion 2 --k 16 --epochs 1 --limit 3000        | 48734d622f1990b5ec0d79b9268baed10e003ada1b3a8de2c17d117dd279dcf7",
        "batchtopk   | --arch batchtopk --expansion 2 --epochs 1 --limit 3000          | 6391c7338914b1824b4f59d65b4f8cd78287372f7565c64b14b8c9d48b8ff270",
        "jumprelu    | --arch jumprelu --expansion 2 --epochs 1 --limit 3000           | 35651f58200c1b0d6a0264942537500880c911c6bfcc3440d5f1991ab80354d2",
        "standard    | --arch standard --expansion 2 --epochs 1 --limit 3000           | b09c05dd56315826d121bd8d26f9dbe8da8735dc7d2e56f1eeb96d9f9d665658",
        "gated       | --arch gated --expansion 2 --epochs 1 --limit 3000              | bc4e341e9d268be8fbaec4e809971c19f2c33ffe3ec5424b4cbe389d7ee7611a",
        "matryoshka  | --arch matryoshka --expansion 2 --epochs 1 --limit 3000         | 971551568b893c6d2b63f2fda79b1cbbbcf5304132468fc28f7d3f9946f24593",
    })
    void trainsTheSameBytesAsBeforeTheRefactoring(String name, String flags, String sha256, @TempDir Path dir)
            throws Exception {
        Path out = dir.resolve(name + ".safetensors");
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(List.of(flags.trim().split("\\s+")));
        args.addAll(List.of("-q", "-o", out.toString()));
        ChildJvm.Result r = ChildJvm.run(List.of("-Dsae4j.kernels=java"), "org.sae4j.cli.Main", args.toArray(String[]::new));
        assertEquals(0, r.code(), r.output());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out));
        assertEquals(sha256, HexFormat.of().formatHex(digest), name + " model bytes changed");
    }
}
