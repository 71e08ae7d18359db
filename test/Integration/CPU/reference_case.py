#!/usr/bin/env python3
"""Runs reference cases of the authors' library through the hopfield tools.

For each case file (../shared/reference-cases/*.json) this writes a model
description (format "hopfield-model/1") with one node, the case's inputs,
runs `hopfield-compile` + `hopfield-run` (or `hopfield-reference` with
--reference) and checks

* the relative norm-wise error of the output against the library's output
  (1e-9 in f64, 1e-4 in f32),
* the largest per-head step count against `library_softmax_evaluations`,
* for classic-retrieval cases, that sign(output) is the target pattern.

Example:
  reference_case.py CASE.json --precision f32 --work-dir W --tool-dir bin

`--stage compile` and then `--stage run` with the same work dir split the
two steps across machines (compile here, run where the GPU is).
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hopfield_e2e as e2e  # noqa: E402

#: Name of the one node in the generated model.
NODE = "layer"

#: The mask arguments of `forward` and their model input roles.
MASKS = ("stored_pattern_padding_mask", "association_mask")


def input_roles(case):
    """Role names of the pattern inputs, in the order of the case."""
    form = case["forward"]["input_form"]
    if form == "tensor":
        return ["input"]
    if form.startswith("tuple(") and form.endswith(")"):
        return form[len("tuple("):-1].split(",")
    raise e2e.E2EError("unknown forward.input_form '%s'" % form)


def build_model(case, precision, dynamic_batch):
    """The model description and the inputs object of a case."""
    forward = case["forward"]
    batch_first = case["constructor_args"].get("batch_first", True)
    inputs, values, node_inputs = {}, {}, {}
    for role in input_roles(case):
        t = forward["inputs"][role]
        shape = list(t["shape"])
        if dynamic_batch:
            shape[0 if batch_first else 1] = None
        inputs[role] = {"shape": shape, "dtype": e2e.FLOAT_DTYPE[precision]}
        values[role] = e2e.tensor(t["shape"], t["data"],
                                  e2e.FLOAT_DTYPE[precision])
        node_inputs[role] = role
    for role in MASKS:
        t = forward.get(role)
        if t is None:
            continue
        shape = list(t["shape"])
        # The padding mask is (B, S); a 3-D association mask's first
        # dimension is B*H, which stays static.
        if dynamic_batch and role == "stored_pattern_padding_mask":
            shape[0] = None
        inputs[role] = {"shape": shape, "dtype": "bool"}
        values[role] = e2e.tensor(t["shape"], [bool(v) for v in t["data"]],
                                  "bool")
        node_inputs[role] = role
    model = {
        "format": "hopfield-model/1",
        "name": case["name"],
        "inputs": inputs,
        "nodes": [{
            "name": NODE,
            "op": case["class"],
            "inputs": node_inputs,
            "config": case["constructor_args"],
            "weights": case["state_dict"],
        }],
        "outputs": {"output": NODE},
    }
    return model, values


def check_classic(case, output):
    """sign(output) of each query must equal its target stored pattern."""
    classic = case["classic_retrieval"]
    stored = case["forward"]["inputs"]["stored_pattern"]
    batch, num_stored, dim = stored["shape"]
    if batch != 1:
        raise e2e.E2EError("classic cases have batch 1, not %d" % batch)
    for query, target in enumerate(classic["target_indices"]):
        if target >= num_stored:
            raise e2e.E2EError("classic target %d out of range" % target)
        got = output["data"][query * dim:(query + 1) * dim]
        want = stored["data"][target * dim:(target + 1) * dim]
        sign = [(v > 0) - (v < 0) for v in got]
        if sign != [(v > 0) - (v < 0) for v in want]:
            raise e2e.E2EError(
                "query %d: sign(output) differs from stored pattern %d" %
                (query, target))
    return len(classic["target_indices"])


def run_case(path, args):
    """Runs one case; returns a one-line summary or raises E2EError."""
    if not os.path.isfile(path):
        raise e2e.E2EError("no reference case file %s" % path)
    case = e2e.read_json(path)
    name = case["name"]
    work = os.path.join(args.work_dir, name + "-" + args.precision)
    os.makedirs(work, exist_ok=True)
    model, values = build_model(case, args.precision, args.dynamic_batch)
    model_path = os.path.join(work, "model.json")
    inputs_path = os.path.join(work, "inputs.json")
    e2e.write_json(model_path, model)
    e2e.write_json(inputs_path, values)
    if args.reference:
        outputs = e2e.run_reference(model_path, inputs_path, work,
                                    args.tool_dir)
        mode = "reference"
    else:
        artifact = e2e.artifact_path(work, args.precision)
        if args.stage in ("all", "compile"):
            e2e.compile_artifact(model_path, args.precision, work,
                                 args.tool_dir,
                                 extra_args=["--target", args.target])
        if args.stage == "compile":
            return "%s: compiled %s for %s (%s)" % (
                name, args.precision, args.target, artifact)
        outputs = e2e.run_artifact(artifact, inputs_path, args.precision,
                                   work, args.tool_dir)
        mode = "compiled %s" % args.precision
        if args.target != "cpu":
            mode += " for " + args.target
    where = "%s (%s, work dir %s)" % (name, mode, work)
    if "output" not in outputs:
        raise e2e.E2EError("%s: no 'output' in the outputs" % where)
    expected = case["outputs"]["output"]
    error = e2e.relative_error(outputs["output"], expected, where)
    bound = e2e.TOLERANCE["f64" if args.reference else args.precision]
    steps = e2e.steps_of(outputs, NODE, where)
    library_steps = case["library_softmax_evaluations"]
    summary = "%s [%s]: rel error %.3e (bound %.0e), steps %s (library %d)" % (
        name, mode, error, bound, steps, library_steps)
    if not error <= bound:
        raise e2e.E2EError("%s: output error too large\n  %s" % (
            where, summary))
    if max(steps) != library_steps:
        raise e2e.E2EError("%s: step count differs\n  %s" % (where, summary))
    if "classic_retrieval" in case:
        count = check_classic(case, outputs["output"])
        summary += ", sign(output) = target for %d queries" % count
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="+", help="reference case files")
    parser.add_argument("--precision", choices=["f32", "f64", "bf16", "f16"],
                        default="f64",
                        help="bf16 and f16 need --target cuda")
    parser.add_argument("--target", choices=["cpu", "cuda"], default="cpu",
                        help="hopfield-compile --target (cuda runs need a "
                        "GPU and its driver)")
    parser.add_argument("--work-dir", required=True,
                        help="directory for models, inputs and artifacts")
    e2e.add_tool_dir_option(parser)
    parser.add_argument("--stage", choices=["all", "compile", "run"],
                        default="all",
                        help="compile only, run an artifact compiled "
                        "before into the same work dir (e.g. on a GPU "
                        "machine without the compiler), or both")
    parser.add_argument("--dynamic-batch", action="store_true",
                        help="declare the batch dimension as null")
    parser.add_argument("--reference", action="store_true",
                        help="run hopfield-reference instead of compiling")
    args = parser.parse_args()
    return e2e.run_cases(args.cases, lambda path: run_case(path, args))


if __name__ == "__main__":
    e2e.main_guard(main)
