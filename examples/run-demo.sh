#!/usr/bin/env bash
# `make demo`: classic Hopfield retrieval, compiled and run. The model
# (examples/classic-retrieval/model.json) is given 32 random +-1 patterns to
# store and asked to restore damaged copies of them.
# Usage: run-demo.sh [BUILD_DIR [WORK_DIR]]; WORK_DIR (default
# BUILD_DIR/demo/classic-retrieval) receives the artifact, inputs and outputs.
set -euo pipefail

build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
demo="$here/classic-retrieval"
compile="$build/bin/hopfield-compile"
run="$build/bin/hopfield-run"
work=${2:-$build/demo/classic-retrieval}

for tool in "$compile" "$run"; do
  if [[ ! -x $tool ]]; then
    echo "run-demo.sh: $tool is missing; build first (make build)" >&2
    exit 1
  fi
done
mkdir -p "$work"

echo "== compile: examples/classic-retrieval/model.json, f32 =="
echo "Hopfield node in static execution: stored patterns are the keys and the"
echo "values, the queries are the states, beta = 8, updated until the"
echo "association changes by at most 1e-4."
"$compile" "$demo/model.json" --precision f32 -o "$work/classic_retrieval.so"
echo "artifact: $work/classic_retrieval.so"

echo
echo "== inputs: 32 random +-1 patterns of 64 components, 8 damaged queries =="
python3 "$demo/make_inputs.py" "$work" --patterns 32 --seed 7
echo "written to $work: inputs.json (all queries), query-K.json, targets.json"
queries=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["targets"]))' \
  "$work/targets.json")

echo
echo "== run: hopfield-run --steps, each query alone, then all together =="
for ((k = 0; k < queries; ++k)); do
  echo "query $k: $("$run" "$work/classic_retrieval.so" \
    --inputs "$work/query-$k.json" --outputs "$work/out-$k.json" --steps)"
done
echo "all:     $("$run" "$work/classic_retrieval.so" \
  --inputs "$work/inputs.json" --outputs "$work/out-all.json" --steps)"

echo
echo "== what was retrieved =="
echo "(retrieved: the stored pattern with the largest dot product with the"
echo "output; sign match: components whose sign equals that pattern's; steps:"
echo "softmax evaluations, 1 + the update steps)"
python3 "$demo/report.py" "$work"
