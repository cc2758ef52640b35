#!/usr/bin/env bash
# Runs sae4j on Apache Spark in local mode (or on the master given by --master), building
# sae4j-spark/target/sae4j-spark-local.jar (sae4j with Spark inside) first when it is missing or older than the sources.
# (Named .sh because ./sae4j-spark is the module's folder.) On a cluster, use spark-submit with
# sae4j-spark/target/sae4j-spark-submit.jar instead (see README.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/sae4j-spark/target/sae4j-spark-local.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$here"/sae4j-core/src/main "$here"/sae4j-lm/src/main "$here"/sae4j-cli/src/main "$here"/sae4j-spark/src/main "$here"/pom.xml "$here"/sae4j-*/pom.xml -newer "$jar" -print -quit)" ]; then
  echo "Building sae4j-spark with Spark for local use (first run only; a few minutes)..." >&2
  log="$(mktemp)"
  if ! (cd "$here" && mvn -q -B -DskipTests -Plocal-spark -pl sae4j-spark -am package) >"$log" 2>&1; then
    cat "$log" >&2
    echo "The build failed; see the Maven output above." >&2
    exit 1
  fi
  rm -f "$log"
fi
# Spark in this JVM listens on the loopback only; the Vector API module enables sae4j's fast math backend.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java --add-modules jdk.incubator.vector -Dlog4j2.configurationFile="$here/sae4j-spark/src/main/launcher/log4j2.properties" \
  ${SAE4J_JAVA_OPTS:-} -jar "$jar" "$@"
