"""Model building blocks and tool wrappers of the ModernHopfieldAttention
drivers (mha_stack_cases.py, mha_memory.py; standard library only).

Models are built with option_models.Case (float32-exact random inputs and
weights from a seeded generator). `gpt2_stack` is a pre-LN GPT-2-style stack
whose attention is either ModernHopfieldAttention with the hidden state
chained from layer to layer, or (attention="plain") an independent hflayers
`Hopfield` node per layer configured as plain multi-head self-attention with
the same weights.
"""

import math
import os

import hopfield_e2e as e2e
import option_models as om

#: The values of hopfield-compile --mha-lowering (SPEC.md section 9.6).
LOWERINGS = ("materialize", "bias", "concat", "auto")


def parse_lowerings(text):
    """The --lowerings argument as a list; "default" (or "none") stands for
    compiling without --mha-lowering."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    result = []
    for name in names:
        if name in ("default", "none"):
            result.append(None)
        elif name in LOWERINGS:
            result.append(name)
        else:
            raise e2e.E2EError("unknown lowering '%s' (expected %s or "
                               "default)" % (name, ", ".join(LOWERINGS)))
    return result


def lowering_name(lowering):
    return lowering or "default"


def lowering_args(lowering):
    """hopfield-compile arguments selecting `lowering` (None: the default)."""
    return ["--mha-lowering=" + lowering] if lowering else []


def compile_and_run(model_path, inputs_path, precision, work_dir, tool_dirs,
                    tag="", lowering=None):
    """hopfield_e2e.compile_and_run with an optional --mha-lowering."""
    return e2e.compile_and_run(
        model_path, inputs_path, precision, work_dir, tool_dirs,
        tag="%s-%s" % (tag, lowering_name(lowering)),
        extra_args=lowering_args(lowering))


# Models.

def layer_norm(c, name, value, width):
    """A LayerNorm node with weight ~ N(1, 0.2) and bias ~ N(0, 0.1)."""
    c.nodes.append({"name": name, "op": "LayerNorm", "inputs": {"input": value},
                    "config": {"normalized_shape": width},
                    "weights": {"weight": c.weight("norm.weight", [width]),
                                "bias": c.weight("norm.bias", [width])}})
    return name


def mha_weights(c, width):
    """torch.nn.MultiheadAttention-named weights of one attention layer."""
    return c.weights({"in_proj_weight": [3 * width, width],
                      "in_proj_bias": [3 * width],
                      "out_proj.weight": [width, width],
                      "out_proj.bias": [width]})


def mha_node(c, name, roles, config, weights):
    c.nodes.append({"name": name, "op": "ModernHopfieldAttention",
                    "inputs": roles, "config": config, "weights": weights})
    return name


def plain_attention_config(width, heads, scale):
    """An hflayers Hopfield config computing one softmax of standard
    multi-head self-attention: no input LayerNorms, 0 update steps."""
    return om.no_input_norms({"input_size": width, "num_heads": heads,
                              "scaling": scale, "update_steps_max": 0})


def plain_attention_node(c, name, value, width, heads, scale, weights,
                         mask=None):
    """A Hopfield node of plain self-attention with MHA-named `weights`."""
    roles = {"input": value}
    if mask:
        roles["association_mask"] = mask
    config = plain_attention_config(width, heads, scale)
    renamed = {"association_core." + key: tensor
               for key, tensor in weights.items()}
    expected = om.hopfield_shapes(config)
    if sorted(expected) != sorted(renamed):
        raise e2e.E2EError("plain attention weights %s, expected %s" % (
            sorted(renamed), sorted(expected)))
    c.nodes.append({"name": name, "op": "Hopfield", "inputs": roles,
                    "config": config, "weights": renamed})
    return name


def gpt2_stack(c, batch, seq, width, heads, layers, mha_config,
               mix_alpha=0.5, attention="mha", hidden_output=False,
               hidden_input=False):
    """A pre-LN stack of `layers` blocks on input "x" [batch, seq, width]:

        ln1 = LayerNorm(x); att = ModernHopfieldAttention(ln1, hidden of the
        previous att); x' = ResidualMix(x, att, mix_alpha);
        x'' = x' + Linear(GELU(Linear(LayerNorm(x')))) (width -> 2 width ->
        width).

    With attention="plain" each att is a Hopfield node of standard
    attention with the same weights (and a causal bool association mask
    input "causal_mask" when mha_config["causal"]); the caller must build
    both variants from generators in the same state. Outputs "out" and,
    with hidden_output, "hidden" (the last att:hidden). With hidden_input
    the first layer reads its hidden state from the model input "h0"
    [batch, heads, seq, seq] (a state no layer produced)."""
    x = c.pattern("x", [batch, seq, width])
    causal = mha_config.get("causal", False)
    scale = mha_config.get("scale")
    if scale is None:
        scale = 1.0 / math.sqrt(width // heads)
    mask = None
    if attention == "plain" and causal:
        mask = c.bool_input("causal_mask", [seq, seq], om.causal(seq))
    hidden = None
    if hidden_input and attention == "mha":
        hidden = c.pattern("h0", [batch, heads, seq, seq])
    for n in range(layers):
        p = "l%d_" % n
        ln1 = layer_norm(c, p + "ln1", x, width)
        weights = mha_weights(c, width)
        if attention == "mha":
            roles = {"input": ln1}
            if hidden:
                roles["hidden"] = hidden
            att = mha_node(c, p + "att", roles,
                           dict(mha_config, embed_dim=width, num_heads=heads),
                           weights)
            hidden = att + ":hidden"
        else:
            att = plain_attention_node(c, p + "att", ln1, width, heads, scale,
                                       weights, mask)
        mix = c.node(p + "mix", "ResidualMix", {"residual": x, "update": att},
                     {"alpha": mix_alpha}, {})
        ln2 = layer_norm(c, p + "ln2", mix, width)
        up = c.node(p + "fc", "Linear", {"input": ln2},
                    {"in_features": width, "out_features": 2 * width},
                    {"weight": [2 * width, width], "bias": [2 * width]})
        act = c.node(p + "gelu", "GELU", {"input": up}, {}, {})
        down = c.node(p + "proj", "Linear", {"input": act},
                      {"in_features": 2 * width, "out_features": width},
                      {"weight": [width, 2 * width], "bias": [width]})
        x = c.node(p + "out", "Add", {"lhs": mix, "rhs": down}, {}, {})
    c.output("out", x)
    if hidden_output and hidden:
        c.output("hidden", hidden)
