#!/usr/bin/env python3
"""Models whose attention runs on the tensor-core kernel (--precision bf16 /
f16 of the cuda target), against the float64 reference.

Each case is a small model around attention-shaped associations (hflayers
`Hopfield` nodes, `ModernHopfieldAttention` with alpha_hidden 0 = plain
attention, causal or not) with random float32-exact weights and inputs, and
sizes that are not multiples of the kernel's 64-query / 64-key tiles. Stages:

* compile (no GPU): writes model, inputs and the float64 reference outputs
  (hopfield-reference), compiles the artifact, and checks in the PTX that
  the expected number of associations became tensor-core kernels (entries
  `flash_attention_N` with mma.sync bf16/f16 instructions);
* run (GPU): runs each artifact twice; every output must be within 1e-2
  (relative, norm-wise) of the reference and the two runs bit-identical
  (a result that moves between runs is a race).

Example:
  tensor_core_cases.py --stage compile --work-dir W --tool-dir build/bin
  tensor_core_cases.py --stage run --work-dir W --tool-dir build/bin  # GPU
"""

import argparse
import os
import random
import re
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "CPU"))
import hopfield_e2e as e2e  # noqa: E402
import mha_models as mm  # noqa: E402
import option_models as om  # noqa: E402

#: Relative norm-wise error bound with bf16/f16 operands (issue 5).
BOUND = 1e-2


def attention_config(width, heads, hidden, pattern, scaling=None):
    config = om.no_input_norms({"input_size": width, "num_heads": heads,
                                "hidden_size": hidden, "pattern_size": pattern,
                                "update_steps_max": 0})
    if scaling is not None:
        config["scaling"] = scaling
    return config


def self_attention(c, batch, seq, width, heads, hidden, pattern,
                   scaling=None):
    x = c.pattern("x", [batch, seq, width])
    node = c.hopfield("att", {"input": x},
                      attention_config(width, heads, hidden, pattern, scaling))
    c.output("out", node)


def cross_attention(c, batch, queries, keys, width, heads, hidden, pattern):
    q = c.pattern("q", [batch, queries, width])
    k = c.pattern("k", [batch, keys, width])
    v = c.pattern("v", [batch, keys, width])
    node = c.hopfield("att", {"state_pattern": q, "stored_pattern": k,
                              "pattern_projection": v},
                      attention_config(width, heads, hidden, pattern))
    c.output("out", node)


def retrieval(c, batch, queries, keys, width, heads, hidden, pattern, steps,
              eps):
    """Cross attention with Hopfield update steps (the unrolled loop: its
    online passes and association changes on the tensor cores)."""
    config = attention_config(width, heads, hidden, pattern)
    config.update({"update_steps_max": steps, "update_steps_eps": eps})
    q = c.pattern("q", [batch, queries, width])
    k = c.pattern("k", [batch, keys, width])
    v = c.pattern("v", [batch, keys, width])
    node = c.hopfield("ret", {"state_pattern": q, "stored_pattern": k,
                              "pattern_projection": v}, config)
    c.output("out", node)


def mha_block(c, batch, seq, width, heads, causal, alpha, layers=1):
    """`layers` ModernHopfieldAttention layers, each reading the previous
    one's hidden state (the first has none to read)."""
    x = c.pattern("x", [batch, seq, width])
    hidden = None
    for n in range(layers):
        roles = {"input": mm.layer_norm(c, "ln%d" % n, x, width)}
        if hidden:
            roles["hidden"] = hidden
        x = mm.mha_node(c, "att%d" % n, roles,
                        {"embed_dim": width, "num_heads": heads,
                         "alpha_hidden": alpha, "causal": causal},
                        mm.mha_weights(c, width))
        hidden = x + ":hidden"
    c.output("out", x)


def cases():
    """[(name, build(case), precision, extra compile args, kernels)]:
    `kernels` is how many tensor-core kernels the PTX must hold (an update
    budget k gives 2k: k + 1 online passes, k - 1 changes, the last
    step's pass and test feeding nothing)."""
    return [
        ("self_b2_l100_h2_d64", lambda c: self_attention(
            c, 2, 100, 32, 2, 64, 64), "bf16", [], 1),
        ("self_b1_l64_h1_d128", lambda c: self_attention(
            c, 1, 64, 16, 1, 128, 128), "bf16", [], 1),
        ("self_b3_l5_h3_d16_scaling", lambda c: self_attention(
            c, 3, 5, 24, 3, 16, 8, scaling=[0.7, 0.2, 1.3]), "bf16", [], 1),
        ("cross_l70_s130_h4_d32_v16", lambda c: cross_attention(
            c, 2, 70, 130, 40, 4, 32, 16), "bf16", [], 1),
        ("cross_l7_s300_h2_d48_v24", lambda c: cross_attention(
            c, 1, 7, 300, 20, 2, 48, 24), "f16", [], 1),
        ("mha_causal_t77_e64_h2", lambda c: mha_block(
            c, 2, 77, 64, 2, True, 0.0), "bf16", [], 1),
        ("mha_causal_t200_e256_h2_d128", lambda c: mha_block(
            c, 1, 200, 256, 2, True, 0.0), "bf16", [], 1),
        ("mha_noncausal_t129_e64_h4", lambda c: mha_block(
            c, 1, 129, 64, 4, False, 0.0), "f16", [], 1),
        # The second layer reads the first one's hidden state, an additive
        # bias: the generic f32 kernels, in the same bf16 build.
        ("mha_hidden_bias_t33_e32_h2", lambda c: mha_block(
            c, 2, 33, 32, 2, True, 0.5, layers=2), "bf16",
         ["--mha-lowering=bias"], 1),
        # Update steps: every step runs (eps 1e-12), 3 steps; and per-head
        # budgets 4 and 1 with eps 0.2 (head 0 stops after 2 updates).
        ("retrieve_l20_s90_h2_d32_steps3", lambda c: retrieval(
            c, 2, 20, 90, 24, 2, 32, 16, 3, 1e-12), "bf16", [], 6),
        ("retrieve_l33_s150_h2_d64_budgets", lambda c: retrieval(
            c, 2, 33, 150, 40, 2, 64, 32, [4, 1], 0.2), "bf16", [], 8),
        # Batch 1, the queries of a head in one block, values as wide as
        # the keys: the whole loop in one kernel (hopfield_retrieval),
        # per-head budgets, early stop on eps; and every step running, f16.
        ("retrieve_fused_l33_s150_h2_d64", lambda c: retrieval(
            c, 1, 33, 150, 40, 2, 64, 64, [4, 1], 0.2), "bf16", [], 1),
        ("retrieve_fused_l100_s77_h3_d32_f16", lambda c: retrieval(
            c, 1, 100, 77, 48, 3, 32, 32, 3, 1e-12), "f16", [], 1),
    ]


def flash_kernels(ptx):
    """Entries of tensor-core kernels in `ptx` and their mma.sync count."""
    entries = re.findall(
        r"\.entry ((?:flash_attention|association_change|hopfield_retrieval)"
        r"_\d+)", ptx)
    mmas = len(re.findall(r"mma\.sync\.aligned\.m16n8k16\.row\.col\.f32\."
                          r"(?:bf16\.bf16|f16\.f16)\.f32", ptx))
    return entries, mmas


def compile_case(name, build, precision, extra, kernels, args):
    work = os.path.join(args.work_dir, name)
    os.makedirs(work, exist_ok=True)
    c = om.Case(name, random.Random(name), name)
    build(c)
    model_path = os.path.join(work, "model.json")
    inputs_path = os.path.join(work, "inputs.json")
    e2e.write_json(model_path, c.description("f32"))
    e2e.write_json(inputs_path, c.values("f32"))
    reference = e2e.run_reference(model_path, inputs_path, work,
                                  args.tool_dir)
    e2e.write_json(os.path.join(work, "expected.json"), reference)
    target = ["--target", "cuda"] + extra
    ptx_path = os.path.join(work, "kernels.ptx")
    e2e.run_command([e2e.find_tool("hopfield-compile", args.tool_dir),
                     model_path, "-o", ptx_path, "--emit", "ptx",
                     "--precision", precision] + target,
                    "hopfield-compile --emit ptx")
    with open(ptx_path) as f:
        entries, mmas = flash_kernels(f.read())
    if len(entries) != kernels:
        raise e2e.E2EError("%s: %d tensor-core kernels in the PTX, expected "
                           "%d" % (name, len(entries), kernels))
    if kernels and not mmas:
        raise e2e.E2EError("%s: no mma.sync in the PTX" % name)
    e2e.compile_artifact(model_path, precision, work, args.tool_dir,
                         extra_args=target)
    return "%s: compiled (%s, %d tensor-core kernel(s), %d mma.sync)" % (
        name, precision, len(entries), mmas)


def run_case(name, precision, args):
    work = os.path.join(args.work_dir, name)
    artifact = e2e.artifact_path(work, precision)
    inputs_path = os.path.join(work, "inputs.json")
    expected = e2e.read_json(os.path.join(work, "expected.json"))
    runs = []
    for tag in ("a", "b"):
        runs.append(e2e.run_artifact(artifact, inputs_path, precision, work,
                                     args.tool_dir, tag=tag))
    worst = 0.0
    for key, want in sorted(expected.items()):
        if key.endswith(":steps"):
            # The update steps each head ran: as the reference's.
            if runs[0][key]["data"] != want["data"]:
                raise e2e.E2EError("%s: steps %s, reference %s" % (
                    name, runs[0][key]["data"], want["data"]))
            continue
        for run in runs:
            if key not in run:
                raise e2e.E2EError("%s: no output '%s'" % (name, key))
        error = e2e.relative_error(runs[0][key], want, name + " " + key)
        if not error <= BOUND:
            raise e2e.E2EError("%s: output '%s' error %.3e > %.0e" % (
                name, key, error, BOUND))
        if runs[0][key]["data"] != runs[1][key]["data"]:
            raise e2e.E2EError("%s: output '%s' differs between two runs" % (
                name, key))
        worst = max(worst, error)
    return "%s: rel error %.3e (bound %.0e), two runs identical" % (
        name, worst, BOUND)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stage", choices=["compile", "run", "all"],
                        required=True)
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--only", help="comma-separated case names")
    e2e.add_tool_dir_option(parser)
    args = parser.parse_args()
    wanted = set(args.only.split(",")) if args.only else None
    selected = [case for case in cases()
                if not wanted or case[0] in wanted]
    if wanted and len(selected) != len(wanted):
        raise e2e.E2EError("unknown case in --only %s" % args.only)

    def one(case):
        name = case[0]
        lines = []
        if args.stage in ("compile", "all"):
            lines.append(compile_case(*case, args))
        if args.stage in ("run", "all"):
            lines.append(run_case(name, case[2], args))
        return "; ".join(lines)
    by_name = {case[0]: case for case in selected}
    return e2e.run_cases([case[0] for case in selected],
                         lambda name: one(by_name[name]))


if __name__ == "__main__":
    e2e.main_guard(main)
