#!/usr/bin/env python3
"""ModernHopfieldAttention stacks: every lowering vs hopfield-reference.

4-layer pre-LN GPT-2-style stacks (mha_models.gpt2_stack: LayerNorm,
ModernHopfieldAttention with the hidden state chained, ResidualMix 0.5,
LayerNorm, Linear E->2E, GELU, Linear 2E->E, Add) with E = 8, 2 heads,
T = 7, batch 2 and random float32-exact weights, one per combination of
alpha_hidden {0, 0.5, 0.9} x init {first_scores, zero} x causal (some with
an explicit scale, two with the last layer's :hidden as an output too).

  mha_stack_cases.py --work-dir DIR --tool-dir BIN [--precisions f64,f32]
                     [--lowerings materialize,bias,concat,auto]
  mha_stack_cases.py --suite plain ...

Each case runs hopfield-reference (float64), then compiles and runs it at
every precision with every --mha-lowering ("default" = the option left out)
and checks each output against the reference and every pair of lowerings
against each other: relative norm-wise error <= 1e-9 (f64) / 1e-4 (f32).

--suite plain checks SPEC.md section 9.5, "alpha_hidden = 0 gives exactly
standard attention": the same stack with alpha_hidden 0 and the hidden state
chained, and with each attention layer replaced by an independent hflayers
Hopfield node configured as plain multi-head self-attention with the same
weights (no input LayerNorms, scaling = the MHA scale, 0 update steps, a
bool causal association mask when causal). The compiled MHA stack (every
lowering) must match the compiled plain stack, and both references must
agree.
"""

import argparse
import itertools
import os
import random
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hopfield_e2e as e2e  # noqa: E402
import mha_models as mm  # noqa: E402
import option_models as om  # noqa: E402

B, T, E, HEADS, LAYERS = 2, 7, 8, 2, 4

#: Explicit scales by (alpha_hidden, init, causal); others use 1/sqrt(d).
SCALES = {(0.5, "first_scores", True): 0.5,   # 1/sqrt(2 d_head)
          (0.9, "zero", False): 0.3,
          (0.0, "zero", True): 1.2}

#: Cases that also output the last layer's :hidden.
HIDDEN_OUTPUT = {(0.5, "zero", True), (0.9, "first_scores", False)}


class StackCase:
    """One named stack: `build(c, attention)` fills an om.Case."""

    def __init__(self, name, summary, config, hidden_output=False,
                 hidden_input=False):
        self.name, self.summary, self.config = name, summary, config
        self.hidden_output = hidden_output
        self.hidden_input = hidden_input

    def model(self, seed, attention="mha"):
        c = om.Case(self.name, random.Random("%d/%s" % (seed, self.name)),
                    self.summary)
        mm.gpt2_stack(c, B, T, E, HEADS, LAYERS, self.config,
                      attention=attention, hidden_output=self.hidden_output,
                      hidden_input=self.hidden_input)
        return c


def describe(config, hidden_output):
    words = ["alpha_hidden %g" % config["alpha_hidden"],
             "init %s" % config["init"],
             "causal" if config["causal"] else "not causal"]
    if "scale" in config:
        words.append("scale %g" % config["scale"])
    if hidden_output:
        words.append("+ :hidden output")
    return ", ".join(words)


def stack_cases():
    cases = []
    for alpha, init, causal in itertools.product(
            (0.0, 0.5, 0.9), ("first_scores", "zero"), (True, False)):
        key = (alpha, init, causal)
        config = {"alpha_hidden": alpha, "init": init, "causal": causal}
        if key in SCALES:
            config["scale"] = SCALES[key]
        name = "stack_a%s_%s_%s" % (("%g" % alpha).replace(".", ""),
                                    "first" if init == "first_scores"
                                    else "zero",
                                    "causal" if causal else "bidir")
        hidden = key in HIDDEN_OUTPUT
        cases.append(StackCase(name, describe(config, hidden), config, hidden))
    # The chain starts from a hidden state given as a model input (concat
    # adds it as a weighted bias).
    config = {"alpha_hidden": 0.5, "init": "first_scores", "causal": True}
    cases.append(StackCase("stack_a05_input_hidden_causal",
                           describe(config, True) + ", first layer's hidden "
                           "state a model input", config, True, True))
    return cases


def plain_cases():
    cases = []
    for name, config in (
            ("plain_causal_first", {"init": "first_scores", "causal": True}),
            ("plain_bidir_zero", {"init": "zero", "causal": False}),
            ("plain_causal_zero_scale", {"init": "zero", "causal": True,
                                         "scale": 0.4})):
        config = dict(config, alpha_hidden=0.0)
        cases.append(StackCase(name, describe(config, False) +
                               " vs plain Hopfield attention", config))
    return cases


def write_model(case, work, precision, tag=""):
    """Writes the case's model and inputs at `precision`; returns paths."""
    model_path = os.path.join(work, "model%s-%s.json" % (tag, precision))
    inputs_path = os.path.join(work, "inputs%s-%s.json" % (tag, precision))
    e2e.write_json(model_path, case.description(precision))
    e2e.write_json(inputs_path, case.values(precision))
    return model_path, inputs_path


def check_close(actual, expected, precision, what):
    """The relative error of every output of `expected` in `actual`; raises
    beyond the tolerance. Returns the largest."""
    worst = 0.0
    for name in sorted(expected):
        if name not in actual:
            raise e2e.E2EError("%s: no output '%s' (have %s)" % (
                what, name, ", ".join(sorted(actual))))
        error = e2e.relative_error(actual[name], expected[name],
                                   "%s output '%s'" % (what, name))
        if not error <= e2e.TOLERANCE[precision]:
            raise e2e.E2EError("%s output '%s': relative error %.3e > %.0e"
                               % (what, name, error,
                                  e2e.TOLERANCE[precision]))
        worst = max(worst, error)
    return worst


def only_outputs(outputs, names):
    return {name: outputs[name] for name in names if name in outputs}


def run_lowerings(c, work, precision, args, ref, label=""):
    """Compiles and runs `c` at `precision` with every lowering, checks
    each against `ref` and each pair; returns ({lowering: outputs}, text)."""
    model_path, inputs_path = write_model(c, work, precision)
    outs, words = {}, []
    for lowering in args.lowerings:
        name = mm.lowering_name(lowering)
        what = "%s %s%s" % (precision, label, name)
        out = only_outputs(mm.compile_and_run(
            model_path, inputs_path, precision, work, args.tool_dir,
            lowering=lowering), c.outputs)
        words.append("%s %.1e" % (name, check_close(out, ref, precision,
                                                    what + " vs reference")))
        outs[name] = out
    pairwise = 0.0
    for (a, out_a), (b, out_b) in itertools.combinations(outs.items(), 2):
        pairwise = max(pairwise, check_close(
            out_a, out_b, precision, "%s %s%s vs %s" % (precision, label, a,
                                                        b)))
    text = "%s %s" % (precision, ", ".join(words))
    if len(outs) > 1:
        text += ", pairwise <= %.1e" % pairwise
    return outs, text


def check_stack(case, args):
    """Reference, then every precision and lowering; returns (passed,
    line)."""
    work = os.path.join(args.work_dir, case.name)
    os.makedirs(work, exist_ok=True)
    c = case.model(args.seed)
    results = []
    try:
        model_path, inputs_path = write_model(c, work, "f64")
        ref = only_outputs(e2e.run_reference(model_path, inputs_path, work,
                                             args.tool_dir), c.outputs)
        for precision in args.precisions:
            results.append(run_lowerings(c, work, precision, args, ref)[1])
    except e2e.E2EError as e:
        return False, failure_line(case, results, e, work)
    return True, "PASS %s [%s]: %s" % (case.name, case.summary,
                                      "; ".join(results))


def check_plain(case, args):
    """The alpha_hidden = 0 MHA stack vs the plain-attention stack."""
    work = os.path.join(args.work_dir, case.name)
    os.makedirs(work, exist_ok=True)
    mha = case.model(args.seed, "mha")
    plain = case.model(args.seed, "plain")
    results = []
    try:
        mha_model, mha_inputs = write_model(mha, work, "f64", "-mha")
        plain_model, plain_inputs = write_model(plain, work, "f64", "-plain")
        ref = only_outputs(e2e.run_reference(mha_model, mha_inputs, work,
                                             args.tool_dir, "-mha"),
                           mha.outputs)
        plain_ref = only_outputs(e2e.run_reference(
            plain_model, plain_inputs, work, args.tool_dir, "-plain"),
            plain.outputs)
        results.append("references %.1e apart" % check_close(
            plain_ref, ref, "f64", "plain reference vs MHA reference"))
        for precision in args.precisions:
            model_path, inputs_path = write_model(plain, work, precision,
                                                  "-plain")
            plain_out = only_outputs(mm.compile_and_run(
                model_path, inputs_path, precision, work, args.tool_dir,
                tag="-plain"), plain.outputs)
            plain_error = check_close(plain_out, ref, precision,
                                      "%s plain vs reference" % precision)
            outs, text = run_lowerings(mha, work, precision, args, ref,
                                       "MHA ")
            apart = 0.0
            for name, out in outs.items():
                apart = max(apart, check_close(
                    out, plain_out, precision,
                    "%s MHA %s vs compiled plain attention" % (precision,
                                                               name)))
            results.append("%s; plain vs ref %.1e; MHA vs plain <= %.1e" % (
                text, plain_error, apart))
    except e2e.E2EError as e:
        return False, failure_line(case, results, e, work)
    return True, "PASS %s [%s]: %s" % (case.name, case.summary,
                                      "; ".join(results))


def failure_line(case, results, error, work):
    return "FAIL %s [%s]: %s\n    %s (model files in %s)" % (
        case.name, case.summary, "; ".join(results),
        str(error).strip().replace("\n", "\n    "), work)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work-dir", required=True)
    e2e.add_tool_dir_option(parser)
    parser.add_argument("--suite", choices=("stack", "plain"),
                        default="stack")
    parser.add_argument("--seed", type=int, default=20250612)
    parser.add_argument("--precisions", default="f64,f32",
                        help="comma-separated, from f64,f32")
    parser.add_argument("--lowerings", default=",".join(mm.LOWERINGS),
                        help="comma-separated --mha-lowering values; "
                        "'default' compiles without the option")
    parser.add_argument("--only", nargs="+", help="run only these cases")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count()))
    args = parser.parse_args()
    args.precisions = [p for p in args.precisions.split(",") if p]
    for tool in ("hopfield-reference", "hopfield-compile", "hopfield-run"):
        e2e.find_tool(tool, args.tool_dir)
    args.lowerings = mm.parse_lowerings(args.lowerings)
    cases = stack_cases() if args.suite == "stack" else plain_cases()
    if args.only:
        unknown = set(args.only) - {c.name for c in cases}
        if unknown:
            raise e2e.E2EError("unknown cases: %s" % ", ".join(sorted(unknown)))
        cases = [c for c in cases if c.name in args.only]
    check = check_stack if args.suite == "stack" else check_plain
    failures = e2e.check_in_parallel(cases, lambda c: check(c, args),
                                     args.jobs)
    print("%d of %d %s cases passed (%s; lowerings %s)" % (
        len(cases) - failures, len(cases), args.suite,
        ", ".join(args.precisions),
        ", ".join(mm.lowering_name(l) for l in args.lowerings)))
    return 1 if failures else 0


if __name__ == "__main__":
    e2e.main_guard(main)
