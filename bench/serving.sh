#!/usr/bin/env bash
# Serving benchmarks: mlforge against a bare JDK HttpServer + Jackson + ONNX Runtime baseline on the same model and
# payload (wrk on loopback), batching on vs off on a wide MLP, and the JMH in-process platform overhead.
# Needs wrk and, for the generated MLP, python3-onnx and python3-numpy (apt-get install -y wrk python3-onnx).
# Usage: [ROUNDS=3] bench/serving.sh [seconds per wrk run, default 10]. Needs wrk (apt-get install -y wrk).
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

# The batching benchmark's model: 13-1024-1024-1024-3 MLP, random weights (8 MB, memory-bound single-row calls).
[[ -f "$OUT/mlp_wide.onnx" ]] || /usr/bin/python3 "$MODELS/generate_models.py" bench-mlp "$OUT/mlp_wide.onnx"

echo '{"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32", "data": [6.2, 2.8, 4.8, 1.8]}]}' > "$OUT/iris.json"
echo '{"inputs": [{"name": "input", "shape": [1, 13], "datatype": "FP32", "data": [13.2, 1.78, 2.14, 11.2, 100, 2.65, 2.76, 0.26, 1.28, 4.38, 1.05, 3.4, 1050]}]}' > "$OUT/wine.json"

ROUNDS=${ROUNDS:-3}
PIDS=()
stop_servers() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; PIDS=(); }
trap stop_servers EXIT

# start_server PORT BODY_FILE CLASS ARGS...
start_server() {
  local port=$1 body=$2; shift 2
  "${JAVA[@]}" "$@" > "$OUT/server-$port.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 150); do
    if curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary "@$body" \
        "http://127.0.0.1:$port/v2/models/bench/infer"; then
      return 0
    fi
    sleep 0.2
  done
  echo "server on port $port did not start; see $OUT/server-$port.log" >&2
  exit 1
}

# run PORT BODY_FILE CONNECTIONS LABEL: one measured wrk run; appends "req/s p50_ms" to $OUT/LABEL.runs
run() {
  local port=$1 body=$2 connections=$3 label=$4
  BODY_FILE="$body" wrk -t2 -c"$connections" -d"${DURATION}s" --latency -s bench/serving/infer.lua \
    "http://127.0.0.1:$port/v2/models/bench/infer" > "$OUT/wrk-$label.txt"
  awk '/Requests\/sec/ { rps = $2 }
       $1 == "50%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v = v / 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v = v * 1000 }; p50 = v }
       END { print rps, p50 }' "$OUT/wrk-$label.txt" >> "$OUT/$label.runs"
}

# compare LABEL_A PORT_A LABEL_B PORT_B BODY CONNECTIONS: interleaves ROUNDS runs of A and B (the machine is shared,
# so A and B see the same background load), prints the medians and sets RATIO (median B / median A) and P50_B.
compare() {
  local a=$1 port_a=$2 b=$3 port_b=$4 body=$5 connections=$6
  rm -f "$OUT/$a.runs" "$OUT/$b.runs"
  BODY_FILE="$body" wrk -t2 -c"$connections" -d5s -s bench/serving/infer.lua "http://127.0.0.1:$port_a/v2/models/bench/infer" > /dev/null
  BODY_FILE="$body" wrk -t2 -c"$connections" -d5s -s bench/serving/infer.lua "http://127.0.0.1:$port_b/v2/models/bench/infer" > /dev/null
  for _ in $(seq 1 "$ROUNDS"); do
    run "$port_a" "$body" "$connections" "$a"
    run "$port_b" "$body" "$connections" "$b"
  done
  local med_a med_b p50_a
  med_a=$(sort -n "$OUT/$a.runs" | awk '{ r[NR] = $1 } END { print r[int((NR + 1) / 2)] }')
  p50_a=$(sort -k2 -n "$OUT/$a.runs" | awk '{ r[NR] = $2 } END { print r[int((NR + 1) / 2)] }')
  med_b=$(sort -n "$OUT/$b.runs" | awk '{ r[NR] = $1 } END { print r[int((NR + 1) / 2)] }')
  P50_B=$(sort -k2 -n "$OUT/$b.runs" | awk '{ r[NR] = $2 } END { print r[int((NR + 1) / 2)] }')
  printf '%-30s %9.0f req/s  p50 %7.3f ms   (runs: %s)\n' "$a" "$med_a" "$p50_a" "$(cut -d' ' -f1 "$OUT/$a.runs" | tr '\n' ' ')"
  printf '%-30s %9.0f req/s  p50 %7.3f ms   (runs: %s)\n' "$b" "$med_b" "$P50_B" "$(cut -d' ' -f1 "$OUT/$b.runs" | tr '\n' ' ')"
  RATIO=$(awk -v a="$med_a" -v b="$med_b" 'BEGIN { printf "%.2f", b / a }')
}

echo "== single-row iris (logistic regression), 16 connections, $ROUNDS interleaved runs of ${DURATION}s"
start_server 18081 "$OUT/iris.json" dev.mlforge.bench.serving.BaselineServer "$MODELS/iris_logreg.onnx" 18081
start_server 18082 "$OUT/iris.json" dev.mlforge.bench.serving.MlforgeBenchServer "$MODELS/iris_logreg.onnx" 18082 32 0 0.01
compare baseline-iris-16 18081 mlforge-iris-16 18082 "$OUT/iris.json" 16
SERVING_RATIO=$RATIO; MLF_P50=$P50_B
stop_servers

echo "== single-row wide MLP (13-1024-1024-1024-3), 64 connections, batching off (max-batch-size 1) vs on (64)"
start_server 18083 "$OUT/wine.json" dev.mlforge.bench.serving.MlforgeBenchServer "$OUT/mlp_wide.onnx" 18083 1 0 0.01
start_server 18084 "$OUT/wine.json" dev.mlforge.bench.serving.MlforgeBenchServer "$OUT/mlp_wide.onnx" 18084 64 0 0.01
compare mlforge-mlp-64-batching-off 18083 mlforge-mlp-64-batching-on 18084 "$OUT/wine.json" 64
BATCH_RATIO=$RATIO
stop_servers

echo "== JMH: in-process platform overhead per request (iris)"
"${JAVA[@]}" -Djmh.ignoreLock=true -Dbench.model="$MODELS/iris_logreg.onnx" org.openjdk.jmh.Main PlatformOverheadBenchmark \
  -rf text -rff "$OUT/jmh.txt" | tail -4
PLATFORM_US=$(awk '/PlatformOverheadBenchmark.platform/ {print $(NF-3)}' "$OUT/jmh.txt")
ORT_US=$(awk '/PlatformOverheadBenchmark.onnxRuntimeOnly/ {print $(NF-3)}' "$OUT/jmh.txt")

echo
echo "== summary"
echo "mlforge / baseline req/s (16 conn): $SERVING_RATIO  (target >= 0.85); mlforge p50 $MLF_P50 ms (target < 2)"
echo "MLP batching on / off req/s (64 conn): $BATCH_RATIO  (target >= 2)"
awk -v p="$PLATFORM_US" -v o="$ORT_US" 'BEGIN { printf "platform overhead per request: %.1f us  (platform %.1f us - ONNX Runtime alone %.1f us; target < 20)\n", p - o, p, o }'
