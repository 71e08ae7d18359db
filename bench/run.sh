#!/usr/bin/env bash
# Builds hopfield-bench and hopfield-compile (if needed) and runs the default
# benchmark: self-retrieval B=8 N=4096 d=64, f32, one softmax, 5 timed runs.
#
#   bench/run.sh [BUILD_DIR] [hopfield-bench options...]
#
# BUILD_DIR defaults to build/ at the repository root. Extra options go to
# hopfield-bench (for example --json results.json or --threads 1). The table
# goes to stdout and the JSON results to BUILD_DIR/bench-results.json.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${root}/build"
if [[ $# -gt 0 && "$1" != --* ]]; then
  build="$1"
  shift
fi

if [[ ! -f "${build}/build.ninja" ]]; then
  cmake -G Ninja -S "${root}" -B "${build}" -DCMAKE_BUILD_TYPE=Release
fi
ninja -C "${build}" hopfield-compile >&2
# Without OpenBLAS, CMake defines no hopfield-bench target.
if ! ninja -C "${build}" -t query hopfield-bench >/dev/null 2>&1; then
  echo "run.sh: hopfield-bench is not part of the build: it needs OpenBLAS" \
       "(libopenblas-dev); install it and rerun" >&2
  exit 1
fi
ninja -C "${build}" hopfield-bench >&2

exec "${build}/bin/hopfield-bench" --reps 5 \
  --json "${build}/bench-results.json" "$@"
