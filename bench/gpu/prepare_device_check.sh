#!/bin/bash
# Compiles, here (no GPU needed), everything device_check.sh runs on the GPU
# machine, into build-gpu/: the reference cases for cuda in f32 and bf16, the
# tensor-core cases with their float64 references, and the benchmarks'
# attention and retrieval kernels. Then, with the device tool, carry build-gpu,
# build/bin/hopfield-run and build/lib/libhopfield_runtime.so and run
# `bench/gpu/device_check.sh $OUT`.
#
#   bench/gpu/prepare_device_check.sh [BUILD_DIR]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
work="$root/build-gpu"
rm -rf "$work"
mkdir -p "$work/cases"
grep -o 'reference-cases/[A-Za-z0-9_.]*json' \
  "$root/test/Integration/CUDA/reference-cases-gpu.test" |
  sort -u | sed "s|^|$root/../shared/|" | xargs -I{} cp {} "$work/cases/"
for precision in f32 bf16; do
  python3 "$root/test/Integration/CPU/reference_case.py" --target cuda \
    --precision $precision --stage compile --work-dir "$work/ref" \
    --tool-dir "$build/bin" "$work"/cases/*.json
done
python3 "$root/test/Integration/CUDA/tensor_core_cases.py" --stage compile \
  --work-dir "$work/tc" --tool-dir "$build/bin"
python3 "$root/bench/gpu/prepare_attention.py" --tool-dir "$build/bin" \
  --out "$work/attention"
python3 "$root/bench/gpu/prepare_retrieval.py" --tool-dir "$build/bin" \
  --out "$work/retrieval"
du -sh "$work"
