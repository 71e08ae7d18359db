#!/usr/bin/env python3
"""Compiles hopfield's tensor-core attention kernel for each benchmark shape.

Runs where the compiler is (no GPU needed). For each shape of
attention_shapes.GRID it writes a one-layer ModernHopfieldAttention model
with alpha_hidden 0 (= standard multi-head attention, causal or not, scale
1/sqrt(d)) of embed_dim H*d on [B, N, H*d], compiles it with
`hopfield-compile --target cuda --precision bf16 --emit ptx`, keeps the
kernel module that holds the association (`flash_attention_0`), assembles
it with ptxas for --arch, and records the launch geometry and dynamic
shared memory. The projection
weights only shape the model: the benchmark launches the association kernel
alone on its own device tensors (hopfield_launch.py).

Example:
  prepare_attention.py --tool-dir build/bin --out build-gpu/attention
"""

import argparse
import array
import json
import os
import random
import re
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "test", "Integration",
                                "CPU"))
import attention_shapes as shapes  # noqa: E402
import hopfield_e2e as e2e  # noqa: E402

def tiled_weights(shape, seed):
    """Float32 weights of `shape`: a random block of 4096 values repeated
    (fast to write; the benchmark never runs the projections)."""
    rng = random.Random(seed)
    width = shape[-1]
    block = [rng.gauss(0.0, width ** -0.5) for _ in range(4096)]
    count = 1
    for d in shape:
        count *= d
    data = array.array("f", block * (count // len(block) + 1))[:count]
    return (shape, "float32", data)


def write_model(shape, work):
    width = shape.heads * shape.head_dim
    weights = {"in_proj_weight": tiled_weights([3 * width, width], 1),
               "in_proj_bias": tiled_weights([3 * width], 2),
               "out_proj.weight": tiled_weights([width, width], 3),
               "out_proj.bias": tiled_weights([width], 4)}
    e2e.write_safetensors(os.path.join(work, "weights.safetensors"), weights)
    model = {
        "format": "hopfield-model/1", "name": "bench_" + shape.name,
        "inputs": {"x": {"shape": [shape.batch, shape.length, width],
                         "dtype": "float32"}},
        "nodes": [{"name": "att", "op": "ModernHopfieldAttention",
                   "inputs": {"input": "x"},
                   "config": {"embed_dim": width, "num_heads": shape.heads,
                              "alpha_hidden": 0.0, "causal": shape.causal},
                   "weights": {name: {"file": "weights.safetensors",
                                      "key": name} for name in weights}}],
        "outputs": {"out": "att"},
    }
    path = os.path.join(work, "model.json")
    e2e.write_json(path, model)
    return path


def kernel_module(ptx, marker=".entry flash_attention_0("):
    """The PTX module (of the concatenated ones) whose text holds
    `marker`."""
    starts = [m.start() for m in re.finditer(r"^// kernel module ", ptx,
                                             re.M)]
    starts.append(len(ptx))
    for begin, end in zip(starts, starts[1:]):
        if marker in ptx[begin:end]:
            return ptx[begin:end]
    raise e2e.E2EError("no '%s' in the PTX (did the association take the "
                       "tensor-core path?)" % marker)


def tensor_core_ptx(compile_tool, model, work, arch,
                    marker=".entry flash_attention_0("):
    """Compiles `model` for cuda in bf16 and returns its tensor-core kernel
    module's PTX."""
    ptx_all = os.path.join(work, "kernels.ptx")
    e2e.run_command([compile_tool, model, "-o", ptx_all, "--target", "cuda",
                     "--cuda-arch", arch, "--precision", "bf16", "--emit",
                     "ptx"], "hopfield-compile")
    with open(ptx_all) as f:
        return kernel_module(f.read(), marker)


def assemble(module, out, name, arch, ptxas):
    """Writes `module` to OUT/NAME.ptx, assembles NAME.cubin with ptxas and
    returns the cubin's file name and ptxas's resource report."""
    ptx = os.path.join(out, name + ".ptx")
    with open(ptx, "w") as f:
        f.write(module)
    cubin = os.path.join(out, name + ".cubin")
    report = subprocess.run(
        [ptxas, "-arch=" + arch, "-v", ptx, "-o", cubin],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        universal_newlines=True, check=True).stdout
    resources = " ".join(line.split("info    : ")[-1].strip()
                         for line in report.splitlines()
                         if "registers" in line or "spill" in line)
    return os.path.basename(cubin), resources


def launch_geometry(mlir):
    """Grid, block and dynamic shared memory of the flash kernel's launch
    in `mlir` (the output of --emit mlir-after=hopfield-gpu-flash-attention;
    its sizes are constants)."""
    launch = re.search(
        r"launch_func\s+@hopfield_flash_kernels::\S+ blocks in "
        r"\((%\w+), (%\w+), (%\w+)\) threads in \((%\w+), (%\w+), "
        r"(%\w+)\)\s+dynamic_shared_memory_size (%\w+)", mlir)
    if not launch:
        raise e2e.E2EError("no launch of the flash kernel in the MLIR")

    def constant(name):
        value = re.search(re.escape(name) +
                          r" = arith.constant (\d+) : (?:index|i32)", mlir)
        if not value:
            raise e2e.E2EError("no constant %s in the MLIR" % name)
        return int(value.group(1))
    sizes = [constant(name) for name in launch.groups()]
    return sizes[0:3], sizes[3:6], sizes[6]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    e2e.add_tool_dir_option(parser)
    parser.add_argument("--out", required=True)
    parser.add_argument("--arch", default="sm_90")
    parser.add_argument("--ptxas", default=shutil.which("ptxas") or
                        "/usr/local/cuda/bin/ptxas")
    parser.add_argument("--only", help="comma-separated shape names")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    compile_tool = e2e.find_tool("hopfield-compile", args.tool_dir)
    wanted = set(args.only.split(",")) if args.only else None
    index = {}
    for shape in shapes.GRID:
        if wanted and shape.name not in wanted:
            continue
        work = os.path.join(args.out, "work-" + shape.name)
        os.makedirs(work, exist_ok=True)
        model = write_model(shape, work)
        module = tensor_core_ptx(compile_tool, model, work, args.arch)
        launches = e2e.run_command(
            [compile_tool, model, "-o", "-", "--target", "cuda",
             "--precision", "bf16", "--emit",
             "mlir-after=hopfield-gpu-flash-attention"], "hopfield-compile")
        cubin, resources = assemble(module, args.out, shape.name, args.arch,
                                    args.ptxas)
        grid, block, shared = launch_geometry(launches)
        index[shape.name] = {
            "cubin": cubin, "kernel": "flash_attention_0",
            "grid": grid, "block": block, "shared_bytes": shared,
            "resources": resources}
        print("%s: %s" % (shape.name, resources))
        shutil.rmtree(work)
    e2e.write_json(os.path.join(args.out, "index.json"), index)
    return 0


if __name__ == "__main__":
    e2e.main_guard(main)
