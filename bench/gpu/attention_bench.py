#!/usr/bin/env python3
"""Attention on the GPU: hopfield's kernel against PyTorch's SDPA.

Runs on the GPU machine (PyTorch and CuPy there). For each shape of the
issue's grid (B*N = 16384 tokens, hidden 2048, head dim 64 and 128,
N in {1024, 4096, 16384}, causal and not) it times, in one process on one
device, with CUDA events (warm-up excluded, median of --reps):

* torch.nn.functional.scaled_dot_product_attention in bf16 with the flash
  backend and with the cuDNN backend;
* hopfield's association kernel, when --kernels DIR holds the cubins that
  `prepare_attention.py` compiled for each shape (launched through CuPy on
  device-resident tensors, the same as SDPA's).

TFLOP/s count 4*B*H*N*N*d FLOPs (DESIGN section 8), halved for causal. Both
outputs are checked against float64 attention of the same inputs (relative
norm-wise error), hopfield's output buffer is poisoned with NaN first, and
two hopfield runs must agree bit for bit.

Example (on the GPU machine):
  python3 bench/gpu/attention_bench.py --kernels build-gpu/attention \\
      --json $OUT/attention.json
"""

import argparse
import json
import os
import statistics
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import attention_shapes as shapes  # noqa: E402


def time_cuda(torch, fn, warmup, reps):
    """Median milliseconds of `fn()` timed with CUDA events."""
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(reps):
        start = torch.cuda.Event(enable_timing=True)
        stop = torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        stop.record()
        stop.synchronize()
        times.append(start.elapsed_time(stop))
    return statistics.median(times)


def sdpa_runner(torch, backend, q, k, v, causal):
    from torch.nn.attention import sdpa_kernel
    from torch.nn.functional import scaled_dot_product_attention as sdpa

    def run():
        with sdpa_kernel(backend):
            return sdpa(q, k, v, is_causal=causal)
    return run


def sdpa_reference(torch, q, k, v, causal):
    """Attention of the bf16 inputs in float64, one (batch, head) at a time
    (the whole L x S matrix of every head at once would not fit)."""
    out = torch.empty(q.shape, device=q.device, dtype=torch.float64)
    scale = q.shape[-1] ** -0.5
    length = q.shape[-2]
    mask = None
    if causal:
        mask = torch.ones(length, k.shape[-2], device=q.device,
                          dtype=torch.bool).triu(1)
    for b in range(q.shape[0]):
        for h in range(q.shape[1]):
            scores = (q[b, h].double() @ k[b, h].double().T) * scale
            if mask is not None:
                scores.masked_fill_(mask, float("-inf"))
            out[b, h] = torch.softmax(scores, dim=-1) @ v[b, h].double()
    return out


def relative_error(torch, actual, expected):
    a, e = actual.double(), expected.double()
    return (torch.linalg.vector_norm(a - e) /
            torch.linalg.vector_norm(e)).item()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kernels", help="directory prepared by "
                        "prepare_attention.py (omit: SDPA only)")
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--only", help="comma-separated shape names")
    parser.add_argument("--json", help="write all numbers here")
    args = parser.parse_args()

    import torch
    from torch.nn.attention import SDPBackend
    device = torch.device("cuda")
    props = torch.cuda.get_device_properties(device)
    print("device: %s, %d SMs, torch %s" % (
        props.name, props.multi_processor_count, torch.__version__))
    launcher = None
    if args.kernels:
        import hopfield_launch
        launcher = hopfield_launch.Launcher(args.kernels)

    rows = []
    wanted = set(args.only.split(",")) if args.only else None
    for shape in shapes.GRID:
        if wanted and shape.name not in wanted:
            continue
        gen = torch.Generator(device=device).manual_seed(shape.seed)
        dims = (shape.batch, shape.heads, shape.length, shape.head_dim)
        q, k, v = (torch.randn(dims, device=device, dtype=torch.bfloat16,
                               generator=gen) for _ in range(3))
        flops = shape.flops()
        row = {"shape": shape.name, "B": shape.batch, "H": shape.heads,
               "N": shape.length, "d": shape.head_dim,
               "causal": shape.causal, "gflop": flops / 1e9}
        for label, backend in (("flash", SDPBackend.FLASH_ATTENTION),
                               ("cudnn", SDPBackend.CUDNN_ATTENTION)):
            try:
                run = sdpa_runner(torch, backend, q, k, v, shape.causal)
                ms = time_cuda(torch, run, args.warmup, args.reps)
                row[label + "_ms"] = ms
                row[label + "_tflops"] = flops / ms / 1e9
            except RuntimeError as e:
                row[label + "_error"] = str(e).splitlines()[0]
        if launcher and launcher.has(shape):
            # The float64 reference of the bf16 inputs; SDPA's flash output
            # against it too, for scale.
            reference = sdpa_reference(torch, q, k, v, shape.causal)
            flash = sdpa_runner(torch, SDPBackend.FLASH_ATTENTION,
                                q, k, v, shape.causal)()
            row["flash_error"] = relative_error(torch, flash, reference)
            del flash
            buffers = launcher.prepare(torch, q, k, v)
            buffers[3].fill_(float("nan"))  # every element must be written
            out = launcher.launch(shape, *buffers)
            torch.cuda.synchronize()
            row["hopfield_error"] = relative_error(torch, out, reference)
            first = out.clone()
            launcher.launch(shape, *buffers)
            torch.cuda.synchronize()
            row["hopfield_repeatable"] = bool(torch.equal(first, out))
            del first, reference
            ms = time_cuda(
                torch, lambda: launcher.launch(shape, *buffers),
                args.warmup, args.reps)
            del buffers
            row["hopfield_ms"] = ms
            row["hopfield_tflops"] = flops / ms / 1e9
            if "flash_ms" in row:
                row["hopfield_vs_flash"] = row["flash_ms"] / ms
            if "cudnn_ms" in row:
                row["hopfield_vs_cudnn"] = row["cudnn_ms"] / ms
        rows.append(row)
        print(json.dumps(row))
        sys.stdout.flush()
        del q, k, v
        torch.cuda.empty_cache()

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"device": props.name, "rows": rows}, f, indent=1)
    print()
    print("%-22s %9s %9s %9s %9s %9s %8s %8s" % (
        "shape", "flash", "cudnn", "hopfield", "err", "flash err", "vs fl",
        "vs cu"))
    for r in rows:
        def num(key, fmt="%9.1f"):
            return fmt % r[key] if key in r else "%9s" % "-"
        print("%-22s %s %s %s %s %s %s %s" % (
            r["shape"], num("flash_tflops"), num("cudnn_tflops"),
            num("hopfield_tflops"), num("hopfield_error", "%9.1e"),
            num("flash_error", "%9.1e"),
            num("hopfield_vs_flash", "%8.2f"),
            num("hopfield_vs_cudnn", "%8.2f")))
    print("(TFLOP/s; err: relative to float64 attention of the same bf16 "
          "inputs; ratios > 1: hopfield faster)")
    if any(not r.get("hopfield_repeatable", True) for r in rows):
        print("hopfield output CHANGED between two runs")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
