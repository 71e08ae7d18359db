#!/usr/bin/env python3
"""Writes the inputs of the classic retrieval demo (model.json).

N random +-1 patterns of 64 components are stored; each query is a copy of
one of them, damaged by flipping some signs and, for half of the queries,
zeroing half of the components (a half-erased memory). The damage grows
from query to query so that the demo also reaches the point where retrieval
fails. Files written to OUT_DIR:

  inputs.json     stored [1, N, 64] and all queries [1, Q, 64]
  query-K.json    stored and query K alone [1, 1, 64]
  targets.json    {"targets": [...]}: the pattern each query was copied from

Example:
  make_inputs.py OUT_DIR --patterns 32 --seed 7
"""

import argparse
import json
import os
import random

#: The feature size fixed by model.json.
DIM = 64

#: (signs flipped, half zeroed) per query, mildest first. With half of the
#: components zeroed, a flip counts twice as much: 16 flips among the 32
#: remaining components leave no trace of the original pattern.
DAMAGE = [(0, False), (8, False), (16, False), (24, False),
          (0, True), (6, True), (10, True), (16, True)]


def damaged_copy(pattern, flips, zero_half, rng):
    """`pattern` with `flips` signs flipped and, if asked, half of its
    components zeroed; the flips fall on components that stay non-zero."""
    query = list(pattern)
    positions = list(range(len(query)))
    rng.shuffle(positions)
    if zero_half:
        for i in positions[:len(query) // 2]:
            query[i] = 0.0
        positions = positions[len(query) // 2:]
    for i in positions[:flips]:
        query[i] = -query[i]
    return query


def tensor(rows):
    """The JSON tensor [1, len(rows), DIM] of a list of rows."""
    return {"shape": [1, len(rows), DIM], "dtype": "float32",
            "data": [v for row in rows for v in row]}


def write(path, value):
    with open(path, "w") as f:
        json.dump(value, f)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--patterns", type=int, default=32,
                        help="number N of stored patterns (default 32)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.patterns < len(DAMAGE):
        parser.error("--patterns must be at least %d (one per query)" %
                     len(DAMAGE))

    rng = random.Random(args.seed)
    stored = [[rng.choice((-1.0, 1.0)) for _ in range(DIM)]
              for _ in range(args.patterns)]
    targets = rng.sample(range(args.patterns), len(DAMAGE))
    queries = [damaged_copy(stored[t], flips, zero_half, rng)
               for t, (flips, zero_half) in zip(targets, DAMAGE)]

    os.makedirs(args.out_dir, exist_ok=True)
    write(os.path.join(args.out_dir, "inputs.json"),
          {"stored": tensor(stored), "queries": tensor(queries)})
    # The stopping test is shared by all queries of a run (per head, max
    # over the batch), so per-query step counts need one run per query.
    for k, query in enumerate(queries):
        write(os.path.join(args.out_dir, "query-%d.json" % k),
              {"stored": tensor(stored), "queries": tensor([query])})
    write(os.path.join(args.out_dir, "targets.json"), {"targets": targets})


if __name__ == "__main__":
    main()
