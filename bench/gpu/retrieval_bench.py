#!/usr/bin/env python3
"""Hopfield retrieval on the GPU: hopfield's update loop against SDPA.

Runs on the GPU machine (PyTorch and CuPy there). A 3-step retrieval
(update_steps_max 2: three softmax evaluations, the state moving to
beta xi K between them, the last one over the values) in bf16 for each
shape of retrieval_shapes.SHAPES, timed with CUDA events in one process
(warm-up excluded, median of --reps):

* three calls of torch's scaled_dot_product_attention (flash and cuDNN
  backends): x <- SDPA(x, K, K) twice, then SDPA(x, K, V);
* hopfield's compiled update loop (prepare_retrieval.py), either its four
  tensor-core kernels in the compiled order (online pass, online pass,
  association change for the per-head stopping rule, pass over the values)
  with the glue the compiled model runs between them (state = beta acc
  rounded to bf16, the change summed per (batch, head), its max over the
  batch against eps, the state kept for stopped heads) in PyTorch; or, at
  batch 1 with a head's queries in one block, its one fused kernel that
  runs the whole loop.

TFLOP/s count the three attention passes, 3 * 4*B*H*L*S*d, for both (the
stopping rule is work only hopfield does). Outputs are checked against the
float64 iteration of the same bf16 inputs; hopfield's twice, bit for bit.

Example (on the GPU machine):
  python3 bench/gpu/retrieval_bench.py --kernels build-gpu/retrieval \\
      --json $OUT/retrieval.json
"""

import argparse
import json
import os
import sys

import numpy

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import attention_bench as ab  # noqa: E402
import retrieval_shapes as shapes  # noqa: E402

EPS = 1e-12  # the model's update_steps_eps: every step runs


def descriptor(tensor):
    """A contiguous tensor as MLIR's memref kernel parameters."""
    if not tensor.is_contiguous():
        raise ValueError("expected a contiguous tensor")
    pointer = numpy.uint64(tensor.data_ptr())
    return ([pointer, pointer, numpy.int64(0)] +
            [numpy.int64(s) for s in tensor.shape] +
            [numpy.int64(s) for s in tensor.stride()])


class Retrieval:
    def __init__(self, cupy, directory, entry):
        module = cupy.RawModule(path=os.path.join(directory, entry["cubin"]))
        self.launches = []
        for launch in entry["launches"]:
            function = module.get_function(launch["kernel"])
            function.max_dynamic_shared_size_bytes = launch["shared_bytes"]
            if launch["shared_bytes"] > 48 * 1024:
                function.preferred_shared_memory_carveout = 100
            self.launches.append((function, launch))

    def launch(self, n, *tensors):
        function, launch = self.launches[n]
        args = []
        for t in tensors:
            args += descriptor(t)
        function(tuple(launch["grid"]), tuple(launch["block"]), tuple(args),
                 shared_mem=launch["shared_bytes"])

    @property
    def fused(self):
        return len(self.launches) == 1

    def buffers(self, torch, q, v, beta):
        b, h, n, d = q.shape
        f32 = dict(device=q.device, dtype=torch.float32)
        out_shape = (b, h, n, v.shape[-1])
        if self.fused:
            return {"states": torch.empty((3, h, n, d), device=q.device,
                                          dtype=q.dtype),
                    "lse": torch.empty((3, h, n), **f32),
                    "betas": torch.full((h,), beta, **f32),
                    "budget": torch.full((h,), 2, device=q.device,
                                         dtype=torch.int64),
                    "threshold": torch.full((h,), EPS * EPS, **f32),
                    "out": torch.empty(out_shape, **f32),
                    "steps": torch.empty((h,), device=q.device,
                                         dtype=torch.int64)}
        return {"acc0": torch.empty(q.shape, **f32),
                "acc1": torch.empty(q.shape, **f32),
                "out": torch.empty(out_shape, **f32),
                "rows": torch.empty((b, h, n), **f32),
                "stats": [torch.empty((b, h, n), **f32) for _ in range(6)]}

    def run(self, torch, beta, q0, k, v, buf, timed=None):
        """The compiled loop, step by step; with `timed` (a launch number),
        only that kernel on the states of the last full run."""
        if self.fused:
            self.launch(0, q0, k, v, buf["states"], buf["lse"], buf["betas"],
                        buf["budget"], buf["threshold"], buf["out"],
                        buf["steps"])
            return buf["out"]
        lse0, sum0, lse1, sum1, lse3, sum3 = buf["stats"]
        kernels = [lambda: self.launch(0, q0, k, k, buf["acc0"], lse0, sum0),
                   lambda: self.launch(1, buf["q1"], k, k, buf["acc1"], lse1,
                                       sum1),
                   lambda: self.launch(2, buf["q1"], q0, k, lse1, lse0,
                                       buf["rows"]),
                   lambda: self.launch(3, buf["q2"], k, v, buf["out"], lse3,
                                       sum3)]
        if timed is not None:
            return kernels[timed]()
        kernels[0]()
        buf["q1"] = (buf["acc0"] * beta).to(torch.bfloat16)
        kernels[1]()
        kernels[2]()
        change = buf["rows"].sum(dim=2).amax(dim=0)
        active = (change > EPS * EPS)[None, :, None, None]
        buf["q2"] = torch.where(
            active, (buf["acc1"] * beta).to(torch.bfloat16), buf["q1"])
        kernels[3]()
        return buf["out"]


def reference(torch, beta, q0, k, v):
    """The same iteration in float64, one (batch, head) at a time."""
    out = torch.empty(q0.shape, device=q0.device, dtype=torch.float64)
    for b in range(q0.shape[0]):
        for h in range(q0.shape[1]):
            kk, vv = k[b, h].double(), v[b, h].double()
            state = q0[b, h].double()
            for _ in range(2):
                state = beta * (torch.softmax(state @ kk.T, dim=-1) @ kk)
            out[b, h] = torch.softmax(state @ kk.T, dim=-1) @ vv
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kernels", required=True,
                        help="directory prepared by prepare_retrieval.py")
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--json", help="write all numbers here")
    args = parser.parse_args()

    import cupy
    import torch
    from torch.nn.attention import SDPBackend, sdpa_kernel
    from torch.nn.functional import scaled_dot_product_attention as sdpa
    device = torch.device("cuda")
    with open(os.path.join(args.kernels, "index.json")) as f:
        index = json.load(f)
    rows = []
    for shape in shapes.SHAPES:
        gen = torch.Generator(device=device).manual_seed(shape.seed)
        x, k, v = (torch.randn((shape.batch, shape.heads, n, shape.head_dim),
                               device=device, dtype=torch.bfloat16,
                               generator=gen)
                   for n in (shape.queries, shape.keys, shape.keys))
        beta = shape.head_dim ** -0.5
        # hopfield's state holds beta (folded into the query projection).
        q0 = (x.float() * beta).to(torch.bfloat16)
        flops = 3 * shape.flops()
        row = {"shape": shape.name, "B": shape.batch, "H": shape.heads,
               "L": shape.queries, "S": shape.keys, "d": shape.head_dim,
               "gflop": flops / 1e9}

        def three_calls(backend):
            def run():
                with sdpa_kernel(backend):
                    y = sdpa(q0 / beta, k, k, scale=beta)
                    y = sdpa(y, k, k, scale=beta)
                    return sdpa(y, k, v, scale=beta)
            return run
        want = reference(torch, beta, q0, k, v)
        for label, backend in (("flash", SDPBackend.FLASH_ATTENTION),
                               ("cudnn", SDPBackend.CUDNN_ATTENTION)):
            try:
                run = three_calls(backend)
                row[label + "_error"] = ab.relative_error(torch, run(), want)
                ms = ab.time_cuda(torch, run, args.warmup, args.reps)
                row[label + "_ms"] = ms
                row[label + "_tflops"] = flops / ms / 1e9
            except RuntimeError as e:
                row[label + "_error"] = str(e).splitlines()[0]

        ours = Retrieval(cupy, args.kernels, index[shape.name])
        row["kernels"] = "fused" if ours.fused else "steps"
        buf = ours.buffers(torch, q0, v, beta)
        buf["out"].fill_(float("nan"))  # every element must be written
        out = ours.run(torch, beta, q0, k, v, buf).clone()
        torch.cuda.synchronize()
        row["hopfield_error"] = ab.relative_error(torch, out, want)
        again = ours.run(torch, beta, q0, k, v, buf)
        torch.cuda.synchronize()
        row["hopfield_repeatable"] = bool(torch.equal(out, again))
        if ours.fused:
            row["hopfield_steps"] = buf["steps"].tolist()
        ms = ab.time_cuda(torch, lambda: ours.run(torch, beta, q0, k, v, buf),
                          args.warmup, args.reps)
        row["hopfield_ms"] = ms
        row["hopfield_tflops"] = flops / ms / 1e9
        # Where the time goes: each kernel alone, and the rest (the glue
        # between them, launch gaps).
        for n, name in enumerate(("pass0", "pass1", "change", "pass_v")):
            if ours.fused:
                break
            row["kernel_%s_ms" % name] = ab.time_cuda(
                torch, lambda: ours.run(torch, beta, q0, k, v, buf, timed=n),
                args.warmup, args.reps)
        if not ours.fused:
            row["glue_ms"] = ms - sum(
                row["kernel_%s_ms" % name]
                for name in ("pass0", "pass1", "change", "pass_v"))
        for label in ("flash", "cudnn"):
            if label + "_ms" in row:
                row["hopfield_vs_" + label] = row[label + "_ms"] / ms
        rows.append(row)
        print(json.dumps(row))
        sys.stdout.flush()
        del x, k, v, q0, buf, out, again, want
        torch.cuda.empty_cache()

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"device": torch.cuda.get_device_name(device),
                       "rows": rows}, f, indent=1)
    print()
    print("%-22s %6s %9s %9s %9s %9s %9s %8s %8s" % (
        "shape", "loop", "3x flash", "3x cudnn", "hopfield", "err",
        "flash err", "vs fl", "vs cu"))
    for r in rows:
        def num(key, fmt="%9.1f"):
            return fmt % r[key] if isinstance(r.get(key), float) else \
                "%9s" % "-"
        print("%-22s %6s %s %s %s %s %s %s %s" % (
            r["shape"], r["kernels"], num("flash_tflops"),
            num("cudnn_tflops"),
            num("hopfield_tflops"), num("hopfield_error", "%9.1e"),
            num("flash_error", "%9.1e"), num("hopfield_vs_flash", "%8.2f"),
            num("hopfield_vs_cudnn", "%8.2f")))
    print("(TFLOP/s of the three attention passes; err: relative to the "
          "float64 iteration; ratios > 1: hopfield faster)")
    for r in rows:
        if "glue_ms" not in r:
            print("%s: hopfield %.3f ms, one kernel, steps %s (3x flash "
                  "%.3f ms)" % (r["shape"], r["hopfield_ms"],
                                r.get("hopfield_steps"),
                                r.get("flash_ms", float("nan"))))
            continue
        print("%s: hopfield %.3f ms = passes %.3f + %.3f + %.3f (values), "
              "change %.3f, glue and gaps %.3f" % (
                  r["shape"], r["hopfield_ms"], r["kernel_pass0_ms"],
                  r["kernel_pass1_ms"], r["kernel_pass_v_ms"],
                  r["kernel_change_ms"], r["glue_ms"]))
    bad = [r["shape"] for r in rows if not r["hopfield_repeatable"]
           or not r["hopfield_error"] <= 1e-2
           or r.get("hopfield_steps", [3]) != [3] * len(
               r.get("hopfield_steps", [3]))]
    if bad:
        print("hopfield retrieval FAILED (error or repeatability): %s" % bad)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
