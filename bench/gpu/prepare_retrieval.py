#!/usr/bin/env python3
"""Compiles hopfield's 3-step retrieval kernels for the retrieval benchmark.

Runs where the compiler is (no GPU needed). For each shape of
retrieval_bench.SHAPES it writes a `Hopfield` cross-association model of
width H*d (heads H, hidden and pattern size d, update_steps_max 2: three
softmax evaluations, eps 1e-12 so that every step runs), compiles it with
`hopfield-compile --target cuda --precision bf16`, and keeps the kernel
module and the launches of its update loop, in order: the online pass over
the keys (flash_attention_0, giving xi_0 K and its log-sum-exp), the next
one (flash_attention_1), the association change between the two
(association_change_2) and the pass over the values (flash_attention_3).
The benchmark launches them on device tensors with the glue between them
(scaling, rounding, the stopping rule) in CuPy/PyTorch. At batch 1 with
the queries of a head in one block, the model compiles to the one fused
kernel (hopfield_retrieval_0) instead.

Example:
  prepare_retrieval.py --tool-dir build/bin --out build-gpu/retrieval
"""

import argparse
import os
import re
import shutil
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "test", "Integration",
                                "CPU"))
import hopfield_e2e as e2e  # noqa: E402
import prepare_attention as pa  # noqa: E402
import retrieval_shapes as shapes  # noqa: E402

STEP_KERNELS = ["flash_attention_0", "flash_attention_1",
                "association_change_2", "flash_attention_3"]
FUSED_KERNELS = ["hopfield_retrieval_0"]


def write_model(shape, work):
    width = shape.heads * shape.head_dim
    weights = {"w_" + role: pa.tiled_weights([width, width], n)
               for n, role in enumerate(("q", "k", "v", "o"), 1)}
    e2e.write_safetensors(os.path.join(work, "weights.safetensors"), weights)
    config = {"input_size": width, "num_heads": shape.heads,
              "hidden_size": shape.head_dim, "pattern_size": shape.head_dim,
              "update_steps_max": 2, "update_steps_eps": 1e-12,
              "input_bias": False}
    for role in ("stored_pattern", "state_pattern", "pattern_projection"):
        config["normalize_" + role] = False
        config["normalize_%s_affine" % role] = False
    tensors = {"r": [shape.batch, shape.queries, width],
               "y": [shape.batch, shape.keys, width]}
    model = {
        "format": "hopfield-model/1", "name": "retrieval_" + shape.name,
        "inputs": {n: {"shape": s, "dtype": "float32"}
                   for n, s in tensors.items()},
        "nodes": [{"name": "ret", "op": "Hopfield",
                   "inputs": {"state_pattern": "r", "stored_pattern": "y",
                              "pattern_projection": "y"},
                   "config": config,
                   "weights": {
                       "association_core.%s" % name:
                           {"file": "weights.safetensors", "key": key}
                       for name, key in (("q_proj_weight", "w_q"),
                                         ("k_proj_weight", "w_k"),
                                         ("v_proj_weight", "w_v"),
                                         ("out_proj.weight", "w_o"))}}],
        "outputs": {"out": "ret"},
    }
    path = os.path.join(work, "model.json")
    e2e.write_json(path, model)
    return path


def launches(mlir):
    """[(kernel, grid, block, shared bytes)] of the tensor-core launches in
    `mlir`, in program order."""
    found = []
    for m in re.finditer(
            r"launch_func\s+@hopfield_flash_kernels::@(\w+) blocks in "
            r"\((%\w+), (%\w+), (%\w+)\) threads in \((%\w+), (%\w+), "
            r"(%\w+)\)\s+dynamic_shared_memory_size (%\w+)", mlir):
        sizes = []
        for name in m.groups()[1:]:
            value = re.search(re.escape(name) +
                              r" = arith.constant (\d+) : (?:index|i32)",
                              mlir)
            sizes.append(int(value.group(1)))
        found.append((m.group(1), sizes[0:3], sizes[3:6], sizes[6]))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    e2e.add_tool_dir_option(parser)
    parser.add_argument("--out", required=True)
    parser.add_argument("--arch", default="sm_90")
    parser.add_argument("--ptxas", default=shutil.which("ptxas") or
                        "/usr/local/cuda/bin/ptxas")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    compile_tool = e2e.find_tool("hopfield-compile", args.tool_dir)
    index = {}
    for shape in shapes.SHAPES:
        work = os.path.join(args.out, "work-" + shape.name)
        os.makedirs(work, exist_ok=True)
        model = write_model(shape, work)
        module = pa.tensor_core_ptx(
            compile_tool, model, work, args.arch,
            marker="// kernel module hopfield_flash_kernels")
        mlir = e2e.run_command(
            [compile_tool, model, "-o", "-", "--target", "cuda",
             "--precision", "bf16", "--emit",
             "mlir-after=hopfield-to-online"], "hopfield-compile")
        found = launches(mlir)
        names = [k for k, _, _, _ in found]
        if names not in (STEP_KERNELS, FUSED_KERNELS):
            raise e2e.E2EError("%s: launches %s" % (shape.name, names))
        cubin, resources = pa.assemble(module, args.out, shape.name,
                                       args.arch, args.ptxas)
        index[shape.name] = {
            "cubin": cubin, "resources": resources,
            "launches": [{"kernel": k, "grid": g, "block": b,
                          "shared_bytes": s} for k, g, b, s in found]}
        print("%s: %s" % (shape.name, " ".join(k for k, _, _, _ in found)))
        shutil.rmtree(work)
    e2e.write_json(os.path.join(args.out, "index.json"), index)
    return 0


if __name__ == "__main__":
    e2e.main_guard(main)
