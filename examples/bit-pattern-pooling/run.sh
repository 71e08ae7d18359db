#!/usr/bin/env bash
# The bit-pattern multiple-instance classifier (README.md in this folder):
# train it with torch (seeded, one thread), export it with
# tools/hflayers_export.py, compile it with hopfield-compile, run it on the
# 512 held-out bags with hopfield-run and score it.
# Usage: run.sh [BUILD_DIR [WORK_DIR]]; WORK_DIR (default
# BUILD_DIR/examples/bit-pattern-pooling) receives the model, weights,
# artifact, inputs and outputs. PYTHON overrides the Python with torch.
set -euo pipefail

build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
work=${2:-$build/examples/bit-pattern-pooling}
compile="$build/bin/hopfield-compile"
run="$build/bin/hopfield-run"

for tool in "$compile" "$run"; do
  if [[ ! -x $tool ]]; then
    echo "run.sh: $tool is missing; build first (make build)" >&2
    exit 1
  fi
done

# Debian's python3-torch lives in /usr/bin/python3, which need not be the
# python3 first on PATH.
has_torch='import importlib.util, sys; sys.exit(importlib.util.find_spec("torch") is None)'
python=${PYTHON:-}
if [[ -z $python ]]; then
  for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c "$has_torch" 2>/dev/null; then
      python=$candidate
      break
    fi
  done
fi
if [[ -z $python ]]; then
  echo "run.sh: needs a Python 3 with torch (apt-get install python3-torch)," \
       "or PYTHON=/path/to/python" >&2
  exit 1
fi
mkdir -p "$work"

echo "== train: HopfieldPooling(input_size=8, hidden_size=8, num_heads=8, scaling=0.25,"
echo "   update_steps_max=3, quantity=1) -> Linear(8, 1), 1536 bags, 300 AdamW steps =="
"$python" "$here/train.py" "$work"

echo
echo "== export: tools/hflayers_export.py =="
echo "$work/model.json: nodes $("$python" -c 'import json, sys; m = json.load(open(sys.argv[1])); print(", ".join("%s (%s, %d weights)" % (n["name"], n["op"], len(n["weights"])) for n in m["nodes"]))' "$work/model.json")"

echo
echo "== compile: hopfield-compile model.json -o bit_pattern_pooling.so (f32) =="
"$compile" "$work/model.json" --precision f32 -o "$work/bit_pattern_pooling.so"

echo
echo "== run: hopfield-run on the 512 held-out bags =="
"$run" "$work/bit_pattern_pooling.so" --inputs "$work/test-bags.json" \
  --outputs "$work/outputs.json" --steps

echo
echo "== score =="
"$python" "$here/report.py" "$work" --min-accuracy "${MIN_ACCURACY:-70}"
