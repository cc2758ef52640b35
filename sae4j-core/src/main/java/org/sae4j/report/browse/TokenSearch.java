package org.sae4j.report.browse;

import java.io.IOException;
import org.sae4j.eval.latents.TokenLatents;

/**
 * The data the index's token search reads: {@code data/vocab.js}, the text of every token some latent fired on
 * ({@code window.SAE4J_VOCAB = [[id, "text"], ...]}), and {@code data/tokens/S.js}, one shard per {@value #SHARD}
 * token ids, each calling {@code SAE4J_TOKEN_SHARD(S, {"id": [[latent, value], ...]})} with the latents firing
 * most on each token over every row (not only over the top examples), highest first. Scripts rather than JSON
 * because a page opened from file:// may load scripts but not fetch files; shards so that a search loads only the
 * few it needs, whatever the size of the vocabulary.
 */
final class TokenSearch {
    /** Token ids per shard file. */
    static final int SHARD = 1024;

    private TokenSearch() {
    }

    static void write(SiteFolder site, BrowseData b) throws IOException {
        TokenLatents t = b.profiles().tokenLatents();
        StringBuilder vocab = new StringBuilder("window.SAE4J_VOCAB = {\"shard\": ").append(SHARD)
                .append(", \"perToken\": ").append(t == null ? 0 : t.perToken()).append(", \"tokens\": [");
        int listed = 0;
        for (int from = 0; t != null && from < t.tokens(); from += SHARD) {
            StringBuilder shard = new StringBuilder("SAE4J_TOKEN_SHARD(").append(from / SHARD).append(", {");
            int inShard = 0;
            for (int id = from; id < Math.min(t.tokens(), from + SHARD); id++) {
                int[] ls = t.latents(id);
                if (ls.length == 0) {
                    continue;
                }
                float[] vs = t.values(id);
                vocab.append(listed++ == 0 ? "\n" : ",\n").append('[').append(id).append(',')
                        .append(Text.json(b.tokenText(id))).append(']');
                shard.append(inShard++ == 0 ? "\n" : ",\n").append('"').append(id).append("\":[");
                for (int i = 0; i < ls.length; i++) {
                    shard.append(i == 0 ? "" : ",").append('[').append(ls[i]).append(',').append(vs[i]).append(']');
                }
                shard.append(']');
            }
            if (inShard > 0) {
                site.write("data/tokens/" + from / SHARD + ".js", shard.append("\n});\n").toString());
            }
        }
        site.write("data/vocab.js", vocab.append("\n]};\n").toString());
    }
}
