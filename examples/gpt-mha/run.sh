#!/usr/bin/env bash
# A GPT-style decoder with modern Hopfield attention (README.md in this
# folder): write it with tools/hflayers_export.py (seeded weights), compile
# it with hopfield-compile, run it with hopfield-run on T token embeddings,
# check it against the float64 reference (hopfield-reference), check
# causality and how far it is from standard attention, and print a summary.
# Usage: run.sh [BUILD_DIR [WORK_DIR]]; WORK_DIR (default
# BUILD_DIR/examples/gpt-mha) receives the model, weights, artifact, inputs
# and outputs. Environment: TOKENS (T, default 128; the model takes any T),
# MHA_LOWERING (materialize, bias, concat or auto: passed to hopfield-compile
# as --mha-lowering when set), BENCH_RUNS (timed runs, default 10; 0: no
# timing), PYTHON (default python3; standard library only).
set -euo pipefail

build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
work=${2:-$build/examples/gpt-mha}
tokens=${TOKENS:-128}
runs=${BENCH_RUNS:-10}
python=${PYTHON:-python3}
compile="$build/bin/hopfield-compile"
run="$build/bin/hopfield-run"
reference="$build/bin/hopfield-reference"

for tool in "$compile" "$run" "$reference"; do
  if [[ ! -x $tool ]]; then
    echo "run.sh: $tool is missing; build first (make build)" >&2
    exit 1
  fi
done
mkdir -p "$work"

echo "== model: 4 pre-LN blocks, embed 64, 4 heads, causal MHA (alpha_hidden 0.5,"
echo "   hidden state chained), ResidualMix 0.5, MLP 64 -> 256 -> 64 (GELU tanh) =="
"$python" "$here/make_model.py" "$work" --tokens "$tokens"

lowering=()
if [[ -n ${MHA_LOWERING:-} ]]; then
  lowering=(--mha-lowering="$MHA_LOWERING")
fi
echo
echo "== compile: hopfield-compile model.json -o gpt_mha.so (f32${MHA_LOWERING:+, --mha-lowering=$MHA_LOWERING}) =="
start=$(date +%s.%N)
"$compile" "$work/model.json" --precision f32 "${lowering[@]}" -o "$work/gpt_mha.so"
echo "compiled in $("$python" -c 'import sys, time; print("%.1f s" % (time.time() - float(sys.argv[1])))' "$start")"
# The lowering of each hopfield.mha, when this compiler chooses one.
help=$("$compile" --help 2>/dev/null || true)
if [[ $help == *--mha-lowering* ]]; then
  "$compile" "$work/model.json" --precision f32 "${lowering[@]}" \
    --emit mlir-after=hopfield-choose-mha-lowering \
    --mlir-elide-elementsattrs-if-larger=16 -o - 2>/dev/null \
    | grep -o 'mha_lowering<[a-z]*>' | sed 's/mha_lowering<\(.*\)>/\1/' \
    | tr '\n' ' ' | sed 's/^/mha lowering per layer: /; s/ $/\n/' || true
fi

echo
echo "== run: hopfield-run on x [1, $tokens, 64], and with the last token changed =="
"$run" "$work/gpt_mha.so" --inputs "$work/tokens.json" \
  --outputs "$work/outputs.json"
"$run" "$work/gpt_mha.so" --inputs "$work/tokens-last-changed.json" \
  --outputs "$work/outputs-last-changed.json"
rm -f "$work/bench.txt"
if [[ $runs -gt 0 ]]; then
  "$run" "$work/gpt_mha.so" --inputs "$work/tokens.json" --bench "$runs" \
    --outputs /dev/null > "$work/bench.txt"
fi
"$reference" "$work/model.json" --inputs "$work/tokens.json" \
  --outputs "$work/reference.json"
# The same weights with standard attention (alpha_hidden 0), float64: how
# much the hidden state changes the output.
"$python" "$here/make_model.py" "$work/standard" --tokens "$tokens" \
  --alpha-hidden 0 > /dev/null
"$reference" "$work/standard/model.json" --inputs "$work/tokens.json" \
  --outputs "$work/reference-standard.json"

echo
echo "== summary =="
"$python" "$here/report.py" "$work"
