#!/usr/bin/env python3
"""hflayers option cases: compiled artifacts vs hopfield-reference.

Small named models, one per hflayers option that the reference cases of the
authors' library (../shared/reference-cases) do not cover: per-head scaling,
per-head and unbounded update steps, seq-first layouts, add_zero_association
with masks, the connected value projection, each single *_as_static flag,
the Hopfield-space norm, no input bias, no out projection, every input
LayerNorm off / without affine / with its own eps, float association masks,
association activations, HopfieldLayer and HopfieldPooling variants, unequal
sizes, the encoder and decoder layers and `:association` outputs. Each case
is named after what it exercises; weights and inputs come from a fixed seed
and are float32-exact, so f32 and f64 runs see the same values.

  option_cases.py --work-dir DIR --write-only   writes every case
  option_cases.py --work-dir DIR --tool-dir BIN [--precisions f64,f32]

The second form compiles each case with `hopfield-compile`, runs it with
`hopfield-run` and compares every output and every `<node>:steps*` result
with `hopfield-reference`: relative norm-wise error <= 1e-9 (f64) / 1e-4
(f32), equal step counts (in f32 only where the reference gives the same
counts with every eps scaled by 0.85 and 1.15).
"""

import argparse
import os
import random
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hopfield_e2e as e2e  # noqa: E402
import option_models as om  # noqa: E402

#: eps scale factors whose step counts must agree for a robust f32 check.
EPS_SCALES = (0.85, 1.15)


#: Batch size of every case.
B = 2

#: (name, summary, builder) of every case, in order.
CASES = []


def case(summary):
    """Registers the decorated builder as the case of its name."""
    def register(build):
        CASES.append((build.__name__, summary, build))
        return build
    return register


def all_cases(seed):
    """Every case, built with a random generator seeded by seed and name."""
    cases = []
    for name, summary, build in CASES:
        c = om.Case(name, random.Random("%d/%s" % (seed, name)), summary)
        build(c)
        cases.append(c)
    return cases


def tuple_roles(c, keys, queries, dims, batch_first=True):
    """Stored, state and projection inputs with dims (Y, R, P) features."""
    def shape(seq, feat):
        return [B, seq, feat] if batch_first else [seq, B, feat]
    return {"stored_pattern": c.pattern("y", shape(keys, dims[0])),
            "state_pattern": c.pattern("r", shape(queries, dims[1])),
            "pattern_projection": c.pattern("p", shape(keys, dims[2]))}


def simple_hopfield(c, config, keys=5, queries=3, dims=(8, 8, 8), roles=None,
                    association=False):
    """A model of one Hopfield node "hop" on tuple inputs (or `roles`)."""
    roles = roles or tuple_roles(c, keys, queries, dims)
    c.hopfield("hop", roles, config)
    c.output("out", "hop")
    if association:
        c.output("assoc", "hop:association")


def self_hopfield(c, config, seq=5, association=False):
    """A model of one Hopfield node "hop" on one input (self-association)."""
    simple_hopfield(c, config, roles={"input": c.pattern("x", [B, seq, 8])},
                    association=association)


@case("H=2, scaling [0.25, 1.5] per head")
def hopfield_scaling_per_head(c):
    self_hopfield(c, {"input_size": 8, "num_heads": 2, "scaling": [0.25, 1.5]})


@case("H=2, scaling 2, update_steps_max [1, 5], update_steps_eps [1e-3, 2e-2]")
def hopfield_steps_per_head(c):
    simple_hopfield(c, {"input_size": 8, "num_heads": 2, "scaling": 2.0,
                        "update_steps_max": [1, 5],
                        "update_steps_eps": [1e-3, 2e-2]}, keys=6)


@case("H=2, update_steps_max null (until converged), eps 1e-3")
def hopfield_steps_unbounded(c):
    self_hopfield(c, {"input_size": 8, "num_heads": 2, "scaling": 1.0,
                      "update_steps_max": None, "update_steps_eps": 1e-3},
                  seq=6)


@case("batch_first false, tuple inputs, padding mask, update_steps_max 2")
def hopfield_seq_first(c):
    roles = tuple_roles(c, 6, 3, (8, 8, 8), batch_first=False)
    roles["stored_pattern_padding_mask"] = c.bool_input(
        "pad", [B, 6], [0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1])
    simple_hopfield(c, {"input_size": 8, "num_heads": 2, "batch_first": False,
                        "update_steps_max": 2, "update_steps_eps": 1e-3},
                    roles=roles, association=True)


@case("HopfieldLayer, batch_first false, separated target weights, "
      "quantity 5, :association")
def layer_seq_first(c):
    config = {"input_size": 8, "num_heads": 2, "quantity": 5,
              "batch_first": False, "lookup_weights_as_separated": True}
    shapes = om.prefixed(om.hopfield_shapes(config), "hopfield.")
    shapes["lookup_weights"] = om.table_shape(5, 8, False)
    shapes["target_weights"] = om.table_shape(5, 8, False)
    c.node("layer", "HopfieldLayer", {"input": c.pattern("x", [4, B, 8])},
           config, shapes)
    c.output("out", "layer")
    c.output("assoc", "layer:association")


@case("HopfieldLayer, lookup weights also the pattern projection (not "
      "separated), quantity 6, 1 update step")
def layer_not_separated(c):
    config = {"input_size": 8, "num_heads": 2, "quantity": 6,
              "update_steps_max": 1, "update_steps_eps": 1e-3}
    shapes = om.prefixed(om.hopfield_shapes(config), "hopfield.")
    shapes["lookup_weights"] = om.table_shape(6, 8, True)
    c.node("layer", "HopfieldLayer", {"input": c.pattern("x", [B, 4, 8])},
           config, shapes)
    c.output("out", "layer")


@case("HopfieldPooling on (stored_pattern, pattern_projection), batch_first "
      "false, stored 6 / projection 5, quantity 3: output (quantity, B*out)")
def pooling_tuple_seq_first(c):
    config = {"input_size": 8, "num_heads": 2, "quantity": 3,
              "batch_first": False, "stored_pattern_size": 6,
              "pattern_projection_size": 5}
    shapes = om.prefixed(om.hopfield_shapes(config), "hopfield.")
    shapes["pooling_weights"] = om.table_shape(3, 8, False)
    roles = {"stored_pattern": c.pattern("y", [7, B, 6]),
             "pattern_projection": c.pattern("p", [7, B, 5])}
    c.node("pool", "HopfieldPooling", roles, config, shapes)
    c.output("out", "pool")
    c.output("assoc", "pool:association")


@case("add_zero_association with a padding mask (sample 1 fully padded) and "
      "a 3-D bool association mask; :association has S+1 columns")
def hopfield_zero_association_masks(c):
    x = c.pattern("x", [B, 5, 8])
    c.bool_input("pad", [B, 5], [0, 1, 0, 1, 0] + [1] * 5)
    c.random_mask("mask", [B * 2, 5, 5], 0.3)
    roles = {"input": x, "stored_pattern_padding_mask": "pad",
             "association_mask": "mask"}
    simple_hopfield(c, {"input_size": 8, "num_heads": 2,
                        "add_zero_association": True, "update_steps_max": 1,
                        "update_steps_eps": 1e-3},
                    roles=roles, association=True)


@case("fully masked rows: sample 1 with every key padded, a query row with "
      "every key masked: zero association rows, output = out_proj bias")
def hopfield_fully_masked_rows(c):
    c.bool_input("pad", [B, 5], [0, 0, 1, 0, 0] + [1] * 5)
    c.bool_input("mask", [3, 5], [0, 1, 0, 0, 0] + [1] * 5 + [0, 0, 0, 1, 0])
    roles = tuple_roles(c, 5, 3, (8, 8, 8))
    roles.update({"stored_pattern_padding_mask": "pad",
                  "association_mask": "mask"})
    simple_hopfield(c, {"input_size": 8, "num_heads": 2}, roles=roles,
                    association=True)


@case("pattern_projection_as_connected: V = (P W_K^T + b_K) W_V^T + b_V; "
      "stored/projection 6, hidden 4")
def hopfield_connected(c):
    simple_hopfield(c, {"input_size": 8, "num_heads": 2, "hidden_size": 4,
                        "stored_pattern_size": 6,
                        "pattern_projection_size": 6,
                        "pattern_projection_as_connected": True},
                    dims=(6, 8, 6))


@case("stored_pattern_as_static only: packed in_proj_weight without the K "
      "rows, hidden 8")
def hopfield_static_stored(c):
    simple_hopfield(c, {"input_size": 8, "num_heads": 2, "hidden_size": 8,
                        "stored_pattern_as_static": True})


@case("state_pattern_as_static only: packed in_proj_weight without the Q "
      "rows, hidden 8")
def hopfield_static_state(c):
    simple_hopfield(c, {"input_size": 8, "num_heads": 2, "hidden_size": 8,
                        "state_pattern_as_static": True})


@case("pattern_projection_as_static only: packed in_proj_weight without the "
      "V rows, the V slot of in_proj_bias unused, hidden 8")
def hopfield_static_projection(c):
    simple_hopfield(c, {"input_size": 8, "num_heads": 2, "hidden_size": 8,
                        "pattern_projection_as_static": True})


@case("stored_pattern_as_static with separate projections (stored 3 = "
      "hidden 3): q/v_proj_weight, bias Q then V")
def hopfield_static_stored_separate(c):
    simple_hopfield(c, {"input_size": 8, "num_heads": 2, "hidden_size": 3,
                        "stored_pattern_size": 3,
                        "stored_pattern_as_static": True}, dims=(3, 8, 8))


@case("normalize_hopfield_space without affine, eps 1e-3, 1 update step")
def hopfield_space_norm_plain(c):
    self_hopfield(c, {"input_size": 8, "num_heads": 2,
                      "normalize_hopfield_space": True,
                      "normalize_hopfield_space_eps": 1e-3,
                      "update_steps_max": 1, "update_steps_eps": 1e-3})


@case("normalize_hopfield_space with affine p_norm on a static stored "
      "pattern (K is normalised too), hidden 8")
def hopfield_space_norm_static_stored(c):
    simple_hopfield(c, {"input_size": 8, "num_heads": 2, "hidden_size": 8,
                        "stored_pattern_as_static": True,
                        "normalize_hopfield_space": True,
                        "normalize_hopfield_space_affine": True})


@case("input_bias false: no in_proj_bias, no out_proj.bias")
def hopfield_no_input_bias(c):
    simple_hopfield(c, {"input_size": 8, "num_heads": 2, "input_bias": False})


@case("disable_out_projection: the output is the concatenated heads")
def hopfield_no_out_projection(c):
    self_hopfield(c, {"input_size": 8, "num_heads": 2,
                      "disable_out_projection": True})


def norm_case(c, kinds):
    """Input LayerNorms by kind: off, plain (no affine) or eps (affine, own
    eps)."""
    config = {"input_size": 8, "num_heads": 2}
    for (name, kind), eps in zip(kinds, (0.5, 2.0, 0.25)):
        config["normalize_" + name] = kind != "off"
        config["normalize_%s_affine" % name] = kind == "eps"
        if kind == "eps":
            config["normalize_%s_eps" % name] = eps
    simple_hopfield(c, config)


@case("input norms: stored off, state without affine, projection eps 0.25")
def hopfield_norms_stored_off_state_plain_projection_eps(c):
    norm_case(c, (("stored_pattern", "off"), ("state_pattern", "plain"),
                  ("pattern_projection", "eps")))


@case("input norms: stored without affine, state eps 2, projection off")
def hopfield_norms_stored_plain_state_eps_projection_off(c):
    norm_case(c, (("stored_pattern", "plain"), ("state_pattern", "eps"),
                  ("pattern_projection", "off")))


@case("input norms: stored eps 0.5, state off, projection without affine")
def hopfield_norms_stored_eps_state_off_projection_plain(c):
    norm_case(c, (("stored_pattern", "eps"), ("state_pattern", "off"),
                  ("pattern_projection", "plain")))


def float_mask(c, shape):
    """A float association mask: N(0, 2) with a few entries at -30."""
    data = [-30.0 if c.rng.random() < 0.15 else 2.0 * c.rng.gauss(0, 1)
            for _ in range(om.numel(shape))]
    return c.float_input("mask", shape, data)


@case("float association mask (L, S), added to the scaled scores")
def hopfield_float_mask_2d(c):
    x = c.pattern("x", [B, 5, 8])
    roles = {"input": x, "association_mask": float_mask(c, [5, 5])}
    simple_hopfield(c, {"input_size": 8, "num_heads": 2,
                        "update_steps_max": 1, "update_steps_eps": 1e-3},
                    roles=roles)


@case("float association mask (B*H, L, S) with a padding mask")
def hopfield_float_mask_3d(c):
    roles = tuple_roles(c, 6, 3, (8, 8, 8))
    roles["association_mask"] = float_mask(c, [B * 2, 3, 6])
    roles["stored_pattern_padding_mask"] = c.bool_input(
        "pad", [B, 6], [0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0])
    simple_hopfield(c, {"input_size": 8, "num_heads": 2}, roles=roles)


def activation_case(c, name):
    self_hopfield(c, {"input_size": 8, "num_heads": 2,
                      "association_activation": name}, seq=4)


@case("association_activation tanh")
def hopfield_activation_tanh(c):
    activation_case(c, "tanh")


@case("association_activation sigmoid")
def hopfield_activation_sigmoid(c):
    activation_case(c, "sigmoid")


@case("association_activation selu")
def hopfield_activation_selu(c):
    activation_case(c, "selu")


# The other accepted activations (docs/HflayersNodes.md), one case each;
# erf, erfc and asinh are libm calls in the artifact (hopfield-math-to-libm).
OTHER_ACTIVATIONS = ("relu", "celu", "exp", "expm1", "abs", "neg", "square",
                     "sign", "sin", "cos", "erf", "erfc", "sinh", "cosh",
                     "atan", "asinh")
for _name in OTHER_ACTIVATIONS:
    def _build(c, name=_name):
        activation_case(c, name)
    _build.__name__ = "hopfield_activation_" + _name
    case("association_activation " + _name)(_build)


@case("unequal sizes: input 8, stored 6, projection 5, hidden 3, pattern 2, "
      "output 4, H=2")
def hopfield_unequal_sizes(c):
    simple_hopfield(c, {"input_size": 8, "num_heads": 2, "hidden_size": 3,
                        "pattern_size": 2, "output_size": 4,
                        "stored_pattern_size": 6,
                        "pattern_projection_size": 5}, dims=(6, 8, 5))


@case("outputs NODE and NODE:association (B, H, L, S) after 2 update steps")
def hopfield_association_output(c):
    simple_hopfield(c, {"input_size": 8, "num_heads": 2, "scaling": 1.5,
                        "update_steps_max": 2, "update_steps_eps": 1e-3},
                    keys=6, association=True)


@case("a pre-LN block from basic nodes: LayerNorm, Hopfield, Add, Linear, "
      "GELU (exact and tanh), ResidualMix")
def basic_block(c):
    x = c.pattern("x", [B, 5, 8])
    c.node("ln", "LayerNorm", {"input": x}, {"normalized_shape": 8},
           {"weight": [8], "bias": [8]})
    c.hopfield("hop", {"input": "ln"}, {"input_size": 8, "num_heads": 2})
    c.node("res", "Add", {"lhs": x, "rhs": "hop"}, {}, {})
    c.node("up", "Linear", {"input": "res"},
           {"in_features": 8, "out_features": 16},
           {"weight": [16, 8], "bias": [16]})
    c.node("act", "GELU", {"input": "up"}, {}, {})
    c.node("down", "Linear", {"input": "act"},
           {"in_features": 16, "out_features": 8},
           {"weight": [8, 16], "bias": [8]})
    c.node("act2", "GELU", {"input": "down"}, {"approximate": "tanh"}, {})
    c.node("mix", "ResidualMix", {"residual": "res", "update": "act2"},
           {"alpha": 0.3}, {})
    c.output("out", "mix")


@case("Linear 64 -> 300 with bias on 70 rows: column and row tiles that "
      "do not divide the sizes (the bias row of the last column tile is "
      "padded)")
def linear_ragged_tiles(c):
    x = c.pattern("x", [B, 70, 64])
    c.node("wide", "Linear", {"input": x},
           {"in_features": 64, "out_features": 300},
           {"weight": [300, 64], "bias": [300]})
    c.output("out", "wide")


def mha_stack(c, config, layers=2):
    """`layers` ModernHopfieldAttention nodes, each passing its hidden state
    to the next; the last one's output and hidden state are outputs."""
    shapes = {"in_proj_weight": [24, 8], "in_proj_bias": [24],
              "out_proj.weight": [8, 8], "out_proj.bias": [8]}
    previous = c.pattern("x", [B, 5, 8])
    hidden = None
    for n in range(layers):
        roles = {"input": previous}
        if hidden:
            roles["hidden"] = hidden
        name = "mha%d" % n
        c.node(name, "ModernHopfieldAttention", roles,
               dict(config, embed_dim=8, num_heads=2), shapes)
        previous, hidden = name, name + ":hidden"
    c.output("out", previous)
    c.output("hidden", hidden)


@case("ModernHopfieldAttention: 2 causal layers, alpha_hidden 0.5, "
      "init first_scores, the hidden state passed on")
def mha_causal(c):
    mha_stack(c, {"alpha_hidden": 0.5, "causal": True})


@case("ModernHopfieldAttention: 3 layers, alpha_hidden 0.9, init zero, "
      "scale 0.3, not causal")
def mha_zero_init(c):
    mha_stack(c, {"alpha_hidden": 0.9, "init": "zero", "scale": 0.3}, 3)


@case("ModernHopfieldAttention: alpha_hidden 0 (standard attention)")
def mha_alpha_zero(c):
    mha_stack(c, {"alpha_hidden": 0.0, "causal": True})


@case("HopfieldEncoderLayer: H=2, dim_feedforward 16, relu, "
      "src_key_padding_mask, 1 update step")
def encoder_layer(c):
    hopfield = {"input_size": 8, "num_heads": 2, "update_steps_max": 1,
                "update_steps_eps": 1e-3}
    shapes = om.transformer_shapes(8, 16, ["norm_residual", "norm_output"])
    shapes.update(om.prefixed(om.hopfield_shapes(hopfield),
                              "hopfield_association."))
    roles = {"src": c.pattern("src", [B, 5, 8]),
             "src_key_padding_mask": c.bool_input(
                 "pad", [B, 5], [0, 0, 0, 1, 1, 0, 0, 0, 0, 0])}
    c.node("enc", "HopfieldEncoderLayer", roles,
           {"hopfield_association": hopfield, "dim_feedforward": 16,
            "activation": "relu"}, shapes)
    c.output("out", "enc")


@case("HopfieldDecoderLayer: causal tgt_mask, cross association with memory "
      "of width 6 and a memory padding mask, tanh")
def decoder_layer(c):
    self_config = {"input_size": 8, "num_heads": 2}
    cross_config = {"input_size": 8, "num_heads": 2, "stored_pattern_size": 6,
                    "pattern_projection_size": 6}
    shapes = om.transformer_shapes(
        8, 12, ["norm_residual_self", "norm_residual_cross", "norm_output"])
    shapes.update(om.prefixed(om.hopfield_shapes(self_config),
                              "hopfield_association_self."))
    shapes.update(om.prefixed(om.hopfield_shapes(cross_config),
                              "hopfield_association_cross."))
    roles = {"tgt": c.pattern("tgt", [B, 4, 8]),
             "memory": c.pattern("memory", [B, 6, 6]),
             "tgt_mask": c.bool_input("tgt_mask", [4, 4], om.causal(4)),
             "memory_key_padding_mask": c.bool_input(
                 "memory_pad", [B, 6], [0] * 6 + [0, 0, 0, 0, 1, 1])}
    c.node("dec", "HopfieldDecoderLayer", roles,
           {"hopfield_association_self": self_config,
            "hopfield_association_cross": cross_config,
            "dim_feedforward": 12, "activation": "tanh"}, shapes)
    c.output("out", "dec")


def write_case(case, work, precision, eps_scale=1.0, tag=""):
    """Writes the case's model and inputs at `precision`; returns the paths."""
    model_path = os.path.join(work, "model%s-%s.json" % (tag, precision))
    inputs_path = os.path.join(work, "inputs-%s.json" % precision)
    e2e.write_json(model_path, case.description(precision, eps_scale))
    e2e.write_json(inputs_path, case.values(precision))
    return model_path, inputs_path


def steps_results(outputs):
    """{key: [steps per head]} of every `*:steps*` result."""
    return {key: [int(v) for v in value["data"]]
            for key, value in outputs.items() if ":steps" in key}


def reference(case, work, tool_dirs):
    """The reference outputs and whether its step counts are robust to the
    eps scales (then f32 step counts are compared too)."""
    model_path, inputs_path = write_case(case, work, "f64")
    ref = e2e.run_reference(model_path, inputs_path, work, tool_dirs)
    steps = steps_results(ref)
    robust = True
    for scale in EPS_SCALES:
        tag = "-eps%g" % scale
        path, _ = write_case(case, work, "f64", scale, tag)
        other = e2e.run_reference(path, inputs_path, work, tool_dirs, tag)
        robust &= steps_results(other) == steps
    return ref, robust


def compare(case, ref, out, precision, robust):
    """Checks compiled outputs `out` against `ref`; returns a summary."""
    errors = []
    for name in case.outputs:
        error = e2e.relative_error(out[name], ref[name],
                                   "%s output '%s'" % (precision, name))
        errors.append(error)
        if not error <= e2e.TOLERANCE[precision]:
            raise e2e.E2EError("%s output '%s' error %.3e > %.0e" % (
                precision, name, error, e2e.TOLERANCE[precision]))
    got = steps_results(out)
    for key, steps in sorted(steps_results(ref).items()):
        if key not in got:
            raise e2e.E2EError("%s: no '%s' result (have %s)" % (
                precision, key, ", ".join(sorted(out)) or "none"))
        if got[key] != steps and (precision == "f64" or robust):
            raise e2e.E2EError("%s %s %s, reference %s" % (
                precision, key, got[key], steps))
    return "%s err %.1e" % (precision, max(errors))


def check_case(case, args):
    """Writes, runs and checks one case; returns (passed, line)."""
    work = os.path.join(args.work_dir, case.name)
    os.makedirs(work, exist_ok=True)
    results = []
    try:
        ref, robust = reference(case, work, args.tool_dir)
        results.append("ref steps %s" % " ".join(
            "%s=%s" % (k.split(":", 1)[1], v)
            for k, v in sorted(steps_results(ref).items())))
        if not robust:
            results.append("f32 steps not compared (changes close to eps)")
        for precision in args.precisions:
            model_path, inputs_path = write_case(case, work, precision)
            out = e2e.compile_and_run(model_path, inputs_path, precision,
                                      work, args.tool_dir)
            results.append(compare(case, ref, out, precision, robust))
    except e2e.E2EError as e:
        return False, "FAIL %s [%s]: %s\n    %s (model files in %s)" % (
            case.name, case.summary, ", ".join(results),
            str(e).strip().replace("\n", "\n    "), work)
    return True, "PASS %s [%s]: %s" % (case.name, case.summary,
                                      ", ".join(results))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work-dir", required=True)
    e2e.add_tool_dir_option(parser)
    parser.add_argument("--seed", type=int, default=20250611)
    parser.add_argument("--precisions", default="f64,f32",
                        help="comma-separated, from f64,f32")
    parser.add_argument("--only", nargs="+", help="run only these cases")
    parser.add_argument("--write-only", action="store_true",
                        help="only write the cases (model-f64/f32.json, "
                        "inputs-f64/f32.json per case directory)")
    parser.add_argument("--reference-only", action="store_true",
                        help="only run hopfield-reference")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count()))
    args = parser.parse_args()
    args.precisions = [] if args.reference_only else args.precisions.split(",")
    cases = all_cases(args.seed)
    if args.only:
        unknown = set(args.only) - {c.name for c in cases}
        if unknown:
            raise e2e.E2EError("unknown cases: %s" % ", ".join(sorted(unknown)))
        cases = [c for c in cases if c.name in args.only]
    if args.write_only:
        for case in cases:
            work = os.path.join(args.work_dir, case.name)
            os.makedirs(work, exist_ok=True)
            for precision in ("f64", "f32"):
                write_case(case, work, precision)
            print("wrote %s [%s]" % (case.name, case.summary))
        return 0
    tools = ["hopfield-reference"]
    if args.precisions:
        tools += ["hopfield-compile", "hopfield-run"]
    for tool in tools:
        e2e.find_tool(tool, args.tool_dir)
    failures = e2e.check_in_parallel(cases, lambda c: check_case(c, args),
                                     args.jobs)
    print("%d of %d option cases passed (%s)" % (
        len(cases) - failures, len(cases),
        ", ".join(args.precisions) or "reference only"))
    return 1 if failures else 0


if __name__ == "__main__":
    e2e.main_guard(main)
