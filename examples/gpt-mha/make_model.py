#!/usr/bin/env python3
"""Writes a small GPT-style decoder with modern Hopfield attention (SPEC
section 2.5) as a hopfield model description, and token-embedding inputs
for it (standard library only).

  make_model.py WORK_DIR [--tokens T] [--layers 4] [--embed 64] [--heads 4]
                [--alpha-hidden 0.5] [--qk-std 0.25] [--seed 2025]
                [--fixed-tokens]

writes to WORK_DIR:

  model.json, model.safetensors   the decoder (tools/hflayers_export.py's
                                  ModelWriter): input x [1, T, E], output y
  tokens.json                     x for T seeded token ids: GPT-2-style
                                  token + position embeddings
  tokens-last-changed.json        the same with another id for the last
                                  token (the causality check of report.py)

Per block (pre-LN, GPT-2 order):

  a = LayerNorm(x)
  a, h = ModernHopfieldAttention(a, hidden=h)   causal, alpha_hidden 0.5
  x = ResidualMix(residual=x, update=a)         alpha 0.5
  m = Linear(4E -> E)(GELU_tanh(Linear(E -> 4E)(LayerNorm(x))))
  x = Add(x, m)

and a final LayerNorm: y [1, T, E]. The hidden state h [1, H, T, T] of
block n goes to block n+1 (role `hidden`); block 1 has none (init
first_scores). The token dimension is `null` (chosen at run time) unless
--fixed-tokens.

Weights are seeded and GPT-2-like in scale (Radford et al. 2019 and its
reference code): every linear map N(0, 0.02), the two projections that
write into the residual stream (attention out_proj and the second MLP
Linear) N(0, 0.02 / sqrt(2 * layers)); token embeddings N(0, 0.02),
position embeddings N(0, 0.01). Two departures, so that the run exercises
every parameter and the attention matters, as in a trained model: GPT-2
starts with zero biases and unit LayerNorms, here they get small random
values (N(0, 0.02), 1 + N(0, 0.02)); and the Q and K rows of in_proj are
N(0, --qk-std = 0.25), which gives scores of standard deviation about 2
(with 0.02 every attention row is all but uniform, and alpha_hidden 0.5
and 0 differ by 1e-4 relative in the output; with 0.25 by 2e-2).
"""

import argparse
import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.dont_write_bytecode = True
import hflayers_export as hx  # noqa: E402

VOCAB = 512


def tensor(rng, shape, std, mean=0.0):
    count = 1
    for d in shape:
        count *= d
    return {"shape": list(shape), "dtype": "float32",
            "data": [mean + rng.gauss(0.0, std) for _ in range(count)]}


def layer_norm(rng, name, writer, source, embed):
    writer.add_node(name, "LayerNorm", {"normalized_shape": [embed],
                                        "eps": 1e-5},
                    {"weight": tensor(rng, (embed,), 0.02, 1.0),
                     "bias": tensor(rng, (embed,), 0.02)},
                    inputs={"input": source})
    return name


def linear(rng, name, writer, source, n_in, n_out, std):
    writer.add_node(name, "Linear", {"in_features": n_in,
                                     "out_features": n_out},
                    {"weight": tensor(rng, (n_out, n_in), std),
                     "bias": tensor(rng, (n_out,), 0.02)},
                    inputs={"input": source})
    return name


def in_proj(rng, embed, std, qk_std):
    """The packed [Q; K; V] weight [3E, E]: Q and K rows N(0, qk_std),
    V rows N(0, std)."""
    q = tensor(rng, (embed, embed), qk_std)["data"]
    k = tensor(rng, (embed, embed), qk_std)["data"]
    v = tensor(rng, (embed, embed), std)["data"]
    return {"shape": [3 * embed, embed], "dtype": "float32",
            "data": q + k + v}


def decoder(layers, embed, heads, alpha_hidden, seed, tokens, qk_std):
    """The ModelWriter of the decoder; `tokens` is T or None."""
    rng = random.Random(seed)
    writer = hx.ModelWriter(
        {"x": {"shape": [1, tokens, embed], "dtype": "float32"}},
        name="gpt_mha")
    std, residual_std = 0.02, 0.02 / math.sqrt(2 * layers)
    x, hidden = "x", None
    for n in range(layers):
        p = "b%d." % n
        a = layer_norm(rng, p[:-1] + "_ln1", writer, x, embed)
        roles = {"input": a}
        if hidden:
            roles["hidden"] = hidden
        attn = p[:-1] + "_attn"
        writer.add_node(
            attn, "ModernHopfieldAttention",
            {"embed_dim": embed, "num_heads": heads,
             "alpha_hidden": alpha_hidden, "causal": True},
            {"in_proj_weight": in_proj(rng, embed, std, qk_std),
             "in_proj_bias": tensor(rng, (3 * embed,), 0.02),
             "out_proj.weight": tensor(rng, (embed, embed), residual_std),
             "out_proj.bias": tensor(rng, (embed,), 0.02)},
            inputs=roles)
        hidden = attn + ":hidden"
        mix = p[:-1] + "_mix"
        writer.add_node(mix, "ResidualMix", {"alpha": 0.5}, {},
                        inputs={"residual": x, "update": attn})
        m = layer_norm(rng, p[:-1] + "_ln2", writer, mix, embed)
        m = linear(rng, p[:-1] + "_fc", writer, m, embed, 4 * embed, std)
        gelu = p[:-1] + "_gelu"
        writer.add_node(gelu, "GELU", {"approximate": "tanh"}, {},
                        inputs={"input": m})
        m = linear(rng, p[:-1] + "_proj", writer, gelu, 4 * embed, embed,
                   residual_std)
        x = p[:-1] + "_out"
        writer.add_node(x, "Add", {}, {}, inputs={"lhs": mix, "rhs": m})
    layer_norm(rng, "ln_f", writer, x, embed)
    writer.add_output("y", "ln_f")
    return writer


def embeddings(tokens, embed, seed, change_last):
    """x [1, T, E]: wte[id] + wpe[position] for T seeded ids; the
    tables are drawn row by row, so a longer T keeps the shorter one's
    rows. With change_last the last id is another one."""
    rng = random.Random(seed + 1)
    wte = [[rng.gauss(0.0, 0.02) for _ in range(embed)]
           for _ in range(VOCAB)]
    ids_rng = random.Random(seed + 2)
    ids = [ids_rng.randrange(VOCAB) for _ in range(tokens)]
    if change_last:
        ids[-1] = (ids[-1] + VOCAB // 2) % VOCAB
    pos_rng = random.Random(seed + 3)
    data = []
    for t in range(tokens):
        wpe = [pos_rng.gauss(0.0, 0.01) for _ in range(embed)]
        data.extend(a + b for a, b in zip(wte[ids[t]], wpe))
    return ids, {"x": {"shape": [1, tokens, embed], "dtype": "float32",
                       "data": data}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("work")
    parser.add_argument("--tokens", type=int, default=128,
                        help="T of the inputs (default 128)")
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--embed", type=int, default=64)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--alpha-hidden", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--qk-std", type=float, default=0.25,
                        help="std of the Q and K rows of in_proj (0.25; "
                        "GPT-2's initialisation: 0.02)")
    parser.add_argument("--fixed-tokens", action="store_true",
                        help="declare T in the model instead of null")
    args = parser.parse_args()
    if args.tokens < 2:
        parser.error("--tokens must be at least 2 (the causality check "
                     "changes the last token)")
    os.makedirs(args.work, exist_ok=True)
    writer = decoder(args.layers, args.embed, args.heads, args.alpha_hidden,
                     args.seed, args.tokens if args.fixed_tokens else None,
                     args.qk_std)
    model = writer.save(os.path.join(args.work, "model.json"))
    ids = {}
    for name, change in (("tokens.json", False),
                         ("tokens-last-changed.json", True)):
        ids[name], inputs = embeddings(args.tokens, args.embed, args.seed,
                                       change)
        with open(os.path.join(args.work, name), "w") as f:
            json.dump(inputs, f)
    weights = sum(len(t["data"]) for t in writer.tensors.values())
    print("model.json: %d layers, embed %d, %d heads, alpha_hidden %g, "
          "%d nodes, %d weight tensors (%d parameters), x [1, %s, %d]" % (
              args.layers, args.embed, args.heads, args.alpha_hidden,
              len(model["nodes"]), len(writer.tensors), weights,
              args.tokens if args.fixed_tokens else "T", args.embed))
    print("tokens.json: T = %d token ids (%s, ...), the last %d; "
          "tokens-last-changed.json: the last %d" % (
              args.tokens, ", ".join(map(str, ids["tokens.json"][:4])),
              ids["tokens.json"][-1], ids["tokens-last-changed.json"][-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
