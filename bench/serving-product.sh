#!/usr/bin/env bash
# The serving data plane as users run it: ./mlforge server (defaults) against a bare JDK HttpServer + Jackson + ONNX
# Runtime server, iris (4 inputs) and a 64-input MLP, wrk at 16 connections, interleaved rounds, CPU per request.
# Needs wrk and python3-onnx (apt-get install -y wrk python3-onnx python3-numpy).
# Usage: bench/serving-product.sh [rounds, default 3] [seconds per run, default 8]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/target/serving
mkdir -p "$OUT"
./mvnw -B -o -q -DskipTests -pl cli,bench -am package
[[ -f "$OUT/mlp64.onnx" ]] || /usr/bin/python3 server/src/test/resources/serving/models/generate_models.py bench-mlp64 "$OUT/mlp64.onnx"
exec java -cp bench/target/mlforge-bench.jar -Dbench.dir="$OUT" dev.mlforge.bench.serving.ProductVsBareBench \
  server/src/test/resources/serving/models/iris_logreg.onnx "$OUT/mlp64.onnx" "${1:-3}" "${2:-8}"
