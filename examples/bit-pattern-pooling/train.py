#!/usr/bin/env python3
"""Trains the bit-pattern classifier of this example and exports it.

The task is the multiple-instance demo of the authors' library (SPEC.md
§3.11, `BitPatternSet`): a bag holds 16 instances of 8 bits; a positive bag
contains one of 8 "signal" bit patterns, a negative bag none. The model is
the library's pooling head

    HopfieldPooling(input_size=8, ...)  ->  Linear(8, 1)  ->  logit

with hflayers' HopfieldPooling forward written out in plain torch from
SPEC.md §3.8-3.9 (hflayers is not installed here): its parameters carry the
library's state_dict names, so the export is what a user of hflayers gets.
Everything is seeded and runs on one thread: the same weights every run.

Files written to OUT_DIR:

  model.json, model.safetensors  the model description and its weights
                                 (tools/hflayers_export.py)
  test-bags.json                 the held-out bags, input of hopfield-run
  expected.json                  labels and torch's logits of those bags

  train.py OUT_DIR [--steps 300] [--seed 0]
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
sys.dont_write_bytecode = True
import hflayers_export as hx  # noqa: E402

#: The data set: BitPatternSet(num_bags=2048, num_instances=16,
#: num_signals=8, num_signals_per_bag=1, num_bits=8).
BAGS, INSTANCES, SIGNALS, BITS = 2048, 16, 8, 8
#: The last TEST_BAGS bags are held out.
TEST_BAGS = 512

#: The HopfieldPooling constructor arguments: the "adapted" pooling of the
#: library's demo (hidden_size 8, 8 heads, 3 update steps, beta 0.25), one
#: pooled pattern; its dropout (0.5) is inactive at inference and left out.
POOLING = dict(input_size=BITS, hidden_size=8, num_heads=8, scaling=0.25,
               update_steps_max=3, update_steps_eps=1e-4, quantity=1)


def bit_pattern_set(seed):
    """Bags [BAGS, INSTANCES, BITS] of 0/1 floats and labels [BAGS]."""
    rng = np.random.RandomState(seed)
    codes = rng.choice(np.arange(1, 2 ** BITS), SIGNALS, replace=False)
    signals = set(int(c) for c in codes)
    # Every instance is a non-zero code that is no signal.
    others = np.array([c for c in range(1, 2 ** BITS) if c not in signals])
    bag_codes = others[rng.randint(len(others), size=(BAGS, INSTANCES))]
    labels = np.zeros(BAGS, dtype=np.float32)
    labels[rng.permutation(BAGS)[:BAGS // 2]] = 1
    for b in np.nonzero(labels)[0]:  # implant one signal
        bag_codes[b, rng.randint(INSTANCES)] = codes[rng.randint(SIGNALS)]
    bits = (bag_codes[..., None] >> np.arange(BITS - 1, -1, -1)) & 1
    return bits.astype(np.float32), labels, sorted(signals)


class Pooling(torch.nn.Module):
    """hflayers' HopfieldPooling (SPEC §3.4, §3.8, §3.9) with POOLING's
    arguments, in eval mode; parameter names as the library's state_dict."""

    def __init__(self, input_size, hidden_size, num_heads, scaling,
                 update_steps_max, update_steps_eps, quantity):
        super().__init__()
        self.heads, self.hd = num_heads, hidden_size
        self.beta, self.steps_max = scaling, update_steps_max
        self.eps = update_steps_eps
        width = num_heads * hidden_size
        self.pooling_weights = torch.nn.Parameter(
            0.02 * torch.randn(1, quantity, input_size))
        self.hopfield = torch.nn.Module()
        core = torch.nn.Module()
        core.in_proj_weight = torch.nn.Parameter(
            0.02 * torch.randn(3 * width, input_size))
        core.in_proj_bias = torch.nn.Parameter(torch.zeros(3 * width))
        core.out_proj = torch.nn.Linear(width, input_size)
        torch.nn.init.normal_(core.out_proj.weight, std=0.02)
        torch.nn.init.zeros_(core.out_proj.bias)
        self.hopfield.association_core = core
        for name in ("stored_pattern", "state_pattern", "pattern_projection"):
            setattr(self.hopfield, "norm_" + name,
                    torch.nn.LayerNorm(input_size))
        self.last_steps = None

    def forward(self, x):
        h, core = self.hopfield, self.hopfield.association_core
        batch, length = x.shape[0], x.shape[1]
        state = self.pooling_weights.expand(batch, -1, -1)
        y = h.norm_stored_pattern(x)
        r = h.norm_state_pattern(state)
        p = h.norm_pattern_projection(x)
        wq, wk, wv = core.in_proj_weight.chunk(3)
        bq, bk, bv = core.in_proj_bias.chunk(3)

        def heads(t):  # (B, N, H*hd) -> (B, H, N, hd)
            return t.reshape(t.shape[0], t.shape[1], self.heads,
                             -1).transpose(1, 2)

        q = heads(torch.nn.functional.linear(r, wq, bq))
        k = heads(torch.nn.functional.linear(y, wk, bk))
        v = heads(torch.nn.functional.linear(p, wv, bv))
        xi = torch.softmax(self.beta * q @ k.transpose(-1, -2), dim=-1)
        # The update loop: per head, until steps_max updates or the
        # association moved by at most eps (max over the batch, Frobenius).
        steps = torch.ones(self.heads, dtype=torch.long)
        active = torch.ones(self.heads, dtype=torch.bool)
        for _ in range(self.steps_max):
            new = torch.softmax(self.beta * (xi @ k) @ k.transpose(-1, -2),
                                dim=-1)
            new = torch.where(active[None, :, None, None], new, xi)
            with torch.no_grad():
                change = (new - xi).flatten(2).norm(dim=-1).amax(dim=0)
            steps += active.long()
            xi = new
            active = active & (change > self.eps)
            if not bool(active.any()):
                break
        self.last_steps = steps.tolist()
        o = (xi @ v).transpose(1, 2).reshape(batch, -1, self.heads * self.hd)
        return core.out_proj(o).flatten(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--steps", type=int, default=300,
                        help="full-batch AdamW steps (default 300)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lr", type=float, default=1e-2,
                        help="AdamW learning rate (default 1e-2)")

    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)  # the same sums in the same order every run

    bits, labels, signals = bit_pattern_set(args.seed)
    train_x = torch.from_numpy(bits[:-TEST_BAGS])
    train_y = torch.from_numpy(labels[:-TEST_BAGS])
    test_x = torch.from_numpy(bits[-TEST_BAGS:])
    test_y = labels[-TEST_BAGS:]

    pool = Pooling(**POOLING)
    head = torch.nn.Linear(POOLING["quantity"] * BITS, 1)
    params = list(pool.parameters()) + list(head.parameters())
    optimizer = torch.optim.AdamW(params, lr=args.lr)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    start = time.time()
    for step in range(args.steps):
        optimizer.zero_grad()
        loss = loss_fn(head(pool(train_x)).squeeze(-1), train_y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
    seconds = time.time() - start

    pool.eval()
    with torch.no_grad():
        train_acc = ((head(pool(train_x)).squeeze(-1) > 0).float() ==
                     train_y).float().mean().item()
        logits = head(pool(test_x)).squeeze(-1)
    test_acc = float(((logits > 0).numpy() == (test_y > 0)).mean())
    print("trained %d steps in %.1f s: loss %.4f, train accuracy %.1f%%, "
          "torch test accuracy %.1f%% (%d bags), steps per head %s" % (
              args.steps, seconds, loss.item(), 100 * train_acc,
              100 * test_acc, TEST_BAGS, pool.last_steps))
    sys.stdout.flush()

    # The export: the pooling layer as an hflayers node, the classifier as a
    # Linear node, one weights file.
    model = hx.ModelWriter(
        {"bags": {"shape": [None, INSTANCES, BITS], "dtype": "float32"}},
        name="bit_pattern_pooling")
    model.add_node("pool", "HopfieldPooling", POOLING, pool.state_dict(),
                   inputs={"input": "bags"})
    model.add_module("classifier", head, inputs={"input": "pool"})
    model.add_output("logit", "classifier")
    model.save(os.path.join(args.out_dir, "model.json"))

    def encode(array, dtype="float32"):
        return {"shape": list(array.shape), "dtype": dtype,
                "data": array.reshape(-1).tolist()}

    with open(os.path.join(args.out_dir, "test-bags.json"), "w") as f:
        json.dump({"bags": encode(test_x.numpy())}, f)
    with open(os.path.join(args.out_dir, "expected.json"), "w") as f:
        json.dump({"labels": test_y.astype(int).tolist(),
                   "torch_logits": logits.tolist(),
                   "torch_steps": pool.last_steps,
                   "signals": signals}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
