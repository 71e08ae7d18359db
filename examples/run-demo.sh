#!/usr/bin/env bash
# `make demo`: the furthest the pipeline goes today. The bundled retrieval
# kernel (examples/retrieval.mlir) goes through the hopfield passes:
# canonicalize -> hopfield-to-online -> hopfield-tile, and the tiled IR is
# printed, with what each stage did.
set -euo pipefail

build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
opt="$build/bin/hopfield-opt"
input="$here/retrieval.mlir"
tiles="1,1,4,8"

echo "== input: examples/retrieval.mlir (32 stored patterns, 4 queries, beta = 8) =="
grep -v '^//' "$input"

echo
echo "== after canonicalize, hopfield-to-online, hopfield-tile{tile-sizes=$tiles} =="
lowered=$("$opt" "$input" --canonicalize --hopfield-to-online \
  --hopfield-tile="tile-sizes=$tiles" --canonicalize --cse)
echo "$lowered"

echo
echo "== what happened =="
loops=$(grep -c 'scf.for' <<<"$lowered" || true)
online=$(grep -c 'hopfield.online_associate' <<<"$lowered" || true)
echo "steps per head: folded to the constant $(grep -o 'dense<[0-9]*> : tensor<1xi64>' <<<"$lowered" | head -1)"
echo "online_associate ops: $online, inside $loops scf.for loops (query tiles of 4, key tiles of 8);"
echo "the 4 x 32 association matrix is never built: each key tile updates the running max, sum and accumulator."
echo "Compiling to a native artifact and running it arrive with the CPU end-to-end work (hopfield-compile, hopfield-run)."
