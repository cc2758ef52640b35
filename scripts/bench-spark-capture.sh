#!/usr/bin/env bash
# Distributed capture's throughput (BENCHMARKS.md): ./sae4j-spark.sh capture with 1 and 2 partitions (local mode, one
# ONNX Runtime thread per task) beside sae4j capture in one JVM, MiniLM layer 3 pruned, context 128, on the first N
# documents of the embedded corpus. tokens/s counts the tokens run through the model (special ones included) over the
# whole capture: Spark's job, the driver's and executors' model load, the shards and capture.json.
set -euo pipefail
cd "$(dirname "$0")/.."
docs="${1:-400}"
cli=sae4j-cli/target/sae4j-cli.jar
[ -f "$cli" ] || mvn -q -B -DskipTests package
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "sae4j capture (2 threads): $(java --add-modules jdk.incubator.vector -jar "$cli" capture --layer 3 --documents "$docs" \
    --threads 2 -q --out "$out/one" 2>/dev/null | grep captured)"
for p in 1 2; do
  echo "sae4j-spark capture --partitions $p: $(./sae4j-spark.sh capture --layer 3 --documents "$docs" --partitions "$p" \
      --out "$out/spark-$p" 2>/dev/null | grep captured)"
done
