#!/usr/bin/env bash
# A TopK SAE on more than 1M captured MiniLM tokens, scored on held-out documents, and the activation store's read
# speed during training (BENCHMARKS.md, "A TopK SAE on captured MiniLM tokens"). The embedded corpus (Jargon File,
# Devil's Dictionary, King James Bible; 6,695 documents) is split by document: every 20th document is held out and
# captured into a store of its own, the rest trains. Then the same training flags run on a small store and on the
# same rows as an in-memory .npy, so the samples/s differ only in where the rows come from.
# Usage: scripts/bench-lm-sae.sh [OUT_DIR [speed]]   (about 15 minutes on 2 busy cores; needs python3 with numpy for
# the .npy; "speed" runs the read-speed part alone)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
./sae4j --version >/dev/null   # builds the jar when the sources are newer; the copy keeps later edits out of the run
cp sae4j-cli/target/sae4j-cli.jar "$out/sae4j.jar"
run() { /usr/bin/time -f "  (wall %e s, peak RSS %M KB)" java --add-modules jdk.incubator.vector -jar "$out/sae4j.jar" "$@"; }
corpus=sae4j-lm/src/main/resources/org/sae4j/lm/corpus
zcat "$corpus/jargon-devil.txt.gz" "$corpus/kjv.txt.gz" | awk 'NF' > "$out/all.txt"
awk 'NR % 20 != 0' "$out/all.txt" > "$out/train.txt"
awk 'NR % 20 == 0' "$out/all.txt" > "$out/held.txt"
echo "documents: $(wc -l < "$out/train.txt") train, $(wc -l < "$out/held.txt") held out"
flags=(--arch topk --k 32 --expansion 8 --scale none --batch-size 1024 --seed 1)

if [ "${2:-}" != speed ]; then
echo "== capture, MiniLM layer 3"
[ -f "$out/train-acts/capture.json" ] && [ -f "$out/held-acts/capture.json" ] || {
  run capture --model minilm --layer 3 --text "$out/train.txt" --out "$out/train-acts" -q
  run capture --model minilm --layer 3 --text "$out/held.txt" --out "$out/held-acts" -q
}
echo "== train, one epoch over the training store"
run train "${flags[@]}" --epochs 1 -q --data "$out/train-acts" -o "$out/sae.safetensors" | sed -n '/^Summary/,/training time/p;/wall/p'
echo "== eval on the held-out documents"
run eval --model "$out/sae.safetensors" --data "$out/held-acts"
fi

echo "== store read speed: the same rows from a store (streamed) and from an .npy under 64 MiB (in memory)"
rm -rf "$out/small"
run capture --model minilm --layer 3 --text "$out/train.txt" --documents 440 --out "$out/small" -q
python3 - "$out/small" <<'PY'
import json, sys, numpy as np
d = sys.argv[1]
info = json.load(open(d + "/capture.json"))
rows = []
for s in info["shards"]:
    raw = open(d + "/" + s["file"], "rb").read()
    n = int.from_bytes(raw[:8], "little"); h = json.loads(raw[8:8 + n]); t = h["activations"]
    a, b = t["data_offsets"]
    rows.append(np.frombuffer(raw[8 + n + a:8 + n + b], dtype="<f4").reshape(t["shape"]))
x = np.concatenate(rows)
assert x.nbytes < 64 << 20, "the .npy must stay under 64 MiB to load into memory"
np.save(d + ".npy", x)
print("  rows", x.shape, "->", d + ".npy", x.nbytes >> 20, "MiB")
PY
for data in "$out/small" "$out/small.npy"; do
  echo "-- $data"
  run train "${flags[@]}" --epochs 4 -q --data "$data" -o "$out/speed.safetensors" | grep -E "Summary|training time|wall"
done
