#!/usr/bin/env bash
# Issue 20's comparison: on MiniLM's block-2 MLP (hidden_states layer 3), a TopK transcoder and a skip transcoder
# (MLP input -> MLP output) against an SAE on the MLP output, same width, k, epochs and tokens; held-out figures.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d)}"
cd "$work"
in_hook=/encoder/layer.2/attention/output/LayerNorm/Add_1_output_0
out_hook=/encoder/layer.2/output/dense/Add_output_0
# 440 documents of the embedded corpus: about 40,000 tokens, one shard per hook under 64 MiB, so both load whole.
"$here/sae4j" capture --hook "$in_hook" --hook "$out_hook" --documents 440 --out pairs -q
IN=pairs/encoder_layer.2_attention_output_LayerNorm_Add_1_output_0/shard-00000.safetensors:activations
OUT=pairs/encoder_layer.2_output_dense_Add_output_0/shard-00000.safetensors:activations
common=(--arch topk --expansion 8 --scale none --epochs 4 --seed 1 -q)
# k 32 for all three, then k 22 for the transcoder and the SAE: the skip transcoder's ReLU leaves it near L0 22 at k 32.
"$here/sae4j" train "${common[@]}" --k 32 --data "$IN" --target-data "$OUT" -o transcoder.safetensors
"$here/sae4j" train "${common[@]}" --k 32 --data "$IN" --target-data "$OUT" --skip -o skip.safetensors
"$here/sae4j" train "${common[@]}" --k 32 --data "$OUT" -o sae.safetensors
"$here/sae4j" train "${common[@]}" --k 22 --data "$IN" --target-data "$OUT" -o transcoder22.safetensors
"$here/sae4j" train "${common[@]}" --k 22 --data "$OUT" -o sae22.safetensors
for m in transcoder skip transcoder22; do
  echo "== $m"; "$here/sae4j" eval --model $m.safetensors --data "$IN" --target-data "$OUT" --held-out --no-probe | grep -E '^ *(fvu|L0|dead)'
done
for m in sae sae22; do
  echo "== $m on the MLP output"; "$here/sae4j" eval --model $m.safetensors --data "$OUT" --held-out --no-probe | grep -E '^ *(fvu|L0|dead)'
done
