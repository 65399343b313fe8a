#!/usr/bin/env bash
# Serving benchmarks: mlforge against a bare JDK HttpServer + Jackson + ONNX Runtime baseline on the same model and
# payload (wrk on loopback), batching on vs off on a wide MLP, and the JMH in-process platform overhead.
# Usage: bench/serving.sh [seconds per wrk run, default 10]. Needs wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
MODELS=server/src/test/resources/serving/models
OUT=bench/target/serving
mkdir -p "$OUT"

./mvnw -B -o -q -pl bench -am package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -DskipTests -Dmdep.outputFile="$PWD/$OUT/classpath.txt" -Dmdep.includeScope=runtime
CP="bench/target/classes:$(cat "$OUT/classpath.txt")"
JAVA=(java -Xmx512m -XX:+UseParallelGC -cp "$CP")

echo '{"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32", "data": [6.2, 2.8, 4.8, 1.8]}]}' > "$OUT/iris.json"
echo '{"inputs": [{"name": "input", "shape": [1, 13], "datatype": "FP32", "data": [13.2, 1.78, 2.14, 11.2, 100, 2.65, 2.76, 0.26, 1.28, 4.38, 1.05, 3.4, 1050]}]}' > "$OUT/wine.json"

SERVER_PID=
stop_server() { if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; fi; }
trap stop_server EXIT

# start_server PORT BODY_FILE CLASS ARGS...
start_server() {
  local port=$1 body=$2; shift 2
  "${JAVA[@]}" "$@" > "$OUT/server-$port.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    if curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary "@$body" \
        "http://127.0.0.1:$port/v2/models/bench/infer"; then
      return 0
    fi
    sleep 0.2
  done
  echo "server on port $port did not start; see $OUT/server-$port.log" >&2
  exit 1
}

# load PORT BODY_FILE CONNECTIONS LABEL -> prints "LABEL req/s p50_ms", sets RPS and P50
load() {
  local port=$1 body=$2 connections=$3 label=$4
  # warm-up, then the measured run
  BODY_FILE="$body" wrk -t2 -c"$connections" -d3s -s bench/serving/infer.lua "http://127.0.0.1:$port/v2/models/bench/infer" > /dev/null
  BODY_FILE="$body" wrk -t2 -c"$connections" -d"${DURATION}s" --latency -s bench/serving/infer.lua \
    "http://127.0.0.1:$port/v2/models/bench/infer" > "$OUT/wrk-$label.txt"
  RPS=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$label.txt")
  P50=$(awk '$1 == "50%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v = v / 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v = v * 1000 }; print v }' "$OUT/wrk-$label.txt")
  printf '%-34s %10.0f req/s   p50 %6.3f ms\n' "$label" "$RPS" "$P50"
}

echo "== single-row iris (logistic regression), 16 connections"
start_server 18081 "$OUT/iris.json" dev.mlforge.bench.serving.BaselineServer "$MODELS/iris_logreg.onnx" 18081
load 18081 "$OUT/iris.json" 16 baseline-iris-16; BASE_RPS=$RPS
stop_server
start_server 18082 "$OUT/iris.json" dev.mlforge.bench.serving.MlforgeBenchServer "$MODELS/iris_logreg.onnx" 18082 32 0 0.01
load 18082 "$OUT/iris.json" 16 mlforge-iris-16; MLF_RPS=$RPS; MLF_P50=$P50
stop_server

echo "== single-row wide MLP (13-256-256-256-3), 64 connections"
start_server 18083 "$OUT/wine.json" dev.mlforge.bench.serving.MlforgeBenchServer "$MODELS/wine_mlp_wide.onnx" 18083 1 0 0.01
load 18083 "$OUT/wine.json" 64 mlforge-mlp-64-batching-off; OFF_RPS=$RPS
stop_server
start_server 18084 "$OUT/wine.json" dev.mlforge.bench.serving.MlforgeBenchServer "$MODELS/wine_mlp_wide.onnx" 18084 64 0 0.01
load 18084 "$OUT/wine.json" 64 mlforge-mlp-64-batching-on; ON_RPS=$RPS
stop_server

echo "== JMH: in-process platform overhead per request (iris)"
"${JAVA[@]}" -Dbench.model="$MODELS/iris_logreg.onnx" org.openjdk.jmh.Main PlatformOverheadBenchmark \
  -rf text -rff "$OUT/jmh.txt" | tail -4
PLATFORM_US=$(awk '/PlatformOverheadBenchmark.platform/ {print $(NF-3)}' "$OUT/jmh.txt")
ORT_US=$(awk '/PlatformOverheadBenchmark.onnxRuntimeOnly/ {print $(NF-3)}' "$OUT/jmh.txt")

echo
echo "== summary"
awk -v m="$MLF_RPS" -v b="$BASE_RPS" -v p="$MLF_P50" 'BEGIN { printf "mlforge / baseline req/s (16 conn): %.2f  (target >= 0.85); mlforge p50 %.3f ms (target < 2)\n", m / b, p }'
awk -v on="$ON_RPS" -v off="$OFF_RPS" 'BEGIN { printf "MLP batching on / off req/s (64 conn): %.2f  (target >= 2)\n", on / off }'
awk -v p="$PLATFORM_US" -v o="$ORT_US" 'BEGIN { printf "platform overhead per request: %.1f us  (platform %.1f us - ONNX Runtime alone %.1f us; target < 20)\n", p - o, p, o }'
