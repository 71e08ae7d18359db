#!/bin/bash
# The GPU checks, run on the GPU machine over artifacts compiled elsewhere
# by prepare_device_check.sh (same x86-64 build): hopfield-run and the
# runtime library travel in build/, the prepared work in build-gpu/.
#
#   bench/gpu/device_check.sh OUT_DIR [attention_bench.py options]
#
# 1. the device and toolkit;
# 2. the reference cases compiled for cuda in f32 (bound 1e-4) and bf16
#    (1e-2), run and checked against the authors' library, twice, the two
#    outputs compared byte for byte (a result that moves is a race);
# 3. the tensor-core cases (tensor_core_cases.py --stage run: random
#    attention models vs the float64 reference, two identical runs);
# 4. compute-sanitizer (memcheck, racecheck) on a reference case and on a
#    tensor-core case;
# 5. hopfield-run --bench of two artifacts (wall clock and CUDA events);
# 6. the attention benchmark against PyTorch's SDPA;
# 7. the 3-step retrieval benchmark against three SDPA calls.
set -u
out=${1:?usage: device_check.sh OUT_DIR [bench options]}
shift
mkdir -p "$out"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tools="$root/build/bin"
work="$root/build-gpu"
export LD_LIBRARY_PATH="$work/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
status=0

echo "== device"
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm \
  --format=csv 2>&1 | tee "$out/device.txt"

echo "== reference cases on the GPU"
for precision in f32 bf16; do
  for pass in 1 2; do
    python3 "$root/test/Integration/CPU/reference_case.py" --target cuda \
      --precision $precision --stage run --work-dir "$work/ref" \
      --tool-dir "$tools" "$work"/cases/*.json \
      >"$out/reference-$precision-$pass.txt" 2>&1 || status=1
    for f in "$work"/ref/*-$precision/out-$precision.json; do
      [ -f "$f" ] && cp "$f" "${f%.json}.pass$pass.json"
    done
  done
  cat "$out/reference-$precision-1.txt"
  for f in "$work"/ref/*-$precision/out-$precision.pass1.json; do
    if ! cmp -s "$f" "${f%.pass1.json}.pass2.json"; then
      echo "MOVED between runs: $f"
      status=1
    fi
  done
done

echo "== tensor-core cases"
python3 "$root/test/Integration/CUDA/tensor_core_cases.py" --stage run \
  --work-dir "$work/tc" --tool-dir "$tools" 2>&1 | tee "$out/tensor-core.txt"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

echo "== compute-sanitizer"
for case_dir in "$work"/ref/hopfield_default_h1-f32 \
                "$work"/ref/retrieval_static_beta8_steps3-f32 \
                "$work"/tc/self_b2_l100_h2_d64 \
                "$work"/tc/retrieve_l33_s150_h2_d64_budgets \
                "$work"/tc/retrieve_fused_l33_s150_h2_d64; do
  artifact=$(ls "$case_dir"/*.so | head -1)
  for tool in memcheck racecheck; do
    log="$out/sanitizer-$tool-$(basename "$case_dir").txt"
    compute-sanitizer --tool $tool --error-exitcode 9 \
      "$tools/hopfield-run" "$artifact" --inputs "$case_dir/inputs.json" \
      --outputs "$out/sanitized.json" >"$log" 2>&1
    rc=$?
    echo "$tool on $(basename "$case_dir"): exit $rc, $(tail -1 "$log")"
    [ $rc = 0 ] || status=1
  done
done

echo "== hopfield-run --bench (wall clock and CUDA events)"
for case_dir in "$work"/tc/mha_causal_t200_e256_h2_d128 "$work"/ref/hopfield_default_h1-f32; do
  artifact=$(ls "$case_dir"/*.so | head -1)
  echo "$(basename "$case_dir"):"
  "$tools/hopfield-run" "$artifact" --inputs "$case_dir/inputs.json" \
    --outputs "$out/bench-out.json" --bench 20 2>&1 | grep _ms || status=1
done

echo "== attention benchmark"
PYTHONUNBUFFERED=1 python3 "$here/attention_bench.py" \
  --kernels "$work/attention" --json "$out/attention.json" "$@" \
  2>&1 | tee "$out/attention.txt"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

echo "== retrieval benchmark"
PYTHONUNBUFFERED=1 python3 "$here/retrieval_bench.py" \
  --kernels "$work/retrieval" --json "$out/retrieval.json" \
  2>&1 | tee "$out/retrieval.txt"
[ "${PIPESTATUS[0]}" = 0 ] || status=1
echo "device_check: exit $status"
exit $status
