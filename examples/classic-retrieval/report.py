#!/usr/bin/env python3
"""Prints what the classic retrieval demo retrieved, from the real outputs.

Reads, from WORK_DIR, the files make_inputs.py wrote and the outputs of
hopfield-run: out-K.json (query K run alone) and out-all.json (all queries in
one run). Every number printed is computed here from those files: the damage
of each query by comparing it with its target pattern, the retrieved pattern
as the stored pattern with the largest dot product with the output.

Example:
  report.py WORK_DIR
"""

import argparse
import json
import os
import sys

#: The model's node, whose steps output is "<node>:steps".
NODE = "retrieve"


def read(work_dir, name):
    with open(os.path.join(work_dir, name)) as f:
        return json.load(f)


def rows(t):
    """The rows of a [1, n, d] tensor."""
    _, n, d = t["shape"]
    return [t["data"][i * d:(i + 1) * d] for i in range(n)]


def dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def sign(x):
    return (x > 0) - (x < 0)


def nearest(vector, patterns):
    """Index of the pattern with the largest dot product with `vector`."""
    return max(range(len(patterns)), key=lambda i: dot(vector, patterns[i]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("work_dir")
    args = parser.parse_args()

    inputs = read(args.work_dir, "inputs.json")
    stored = rows(inputs["stored"])
    queries = rows(inputs["queries"])
    targets = read(args.work_dir, "targets.json")["targets"]
    dim = len(stored[0])

    print("query  target  flipped  zeroed  retrieved  sign match  steps  result")
    right = 0
    alone = []
    for k, (query, target) in enumerate(zip(queries, targets)):
        out = read(args.work_dir, "out-%d.json" % k)
        output = rows(out["retrieved"])[0]
        steps = out[NODE + ":steps"]["data"][0]
        got = nearest(output, stored)
        alone.append(got)
        flipped = sum(q == -x for q, x in zip(query, stored[target]))
        zeroed = sum(q == 0 for q in query)
        match = sum(sign(o) == x for o, x in zip(output, stored[got]))
        if got == target:
            right += 1
            result = "right"
        else:
            # A wrong answer is still the right one for Hopfield retrieval
            # when the damage made the query closer to another pattern.
            closest = nearest(query, stored)
            result = "wrong" + (
                " (the query is nearer to %d)" % closest
                if closest != target else "")
        print("%5d  %6d  %7d  %6d  %9d  %6d/%-3d  %5d  %s" % (
            k, target, flipped, zeroed, got, match, dim, steps, result))
    print("%d of %d queries retrieved the pattern they were copied from." % (
        right, len(queries)))

    batch = read(args.work_dir, "out-all.json")
    together = [nearest(o, stored) for o in rows(batch["retrieved"])]
    print()
    print("All %d queries in one run: %s softmax evaluations; the stopping "
          "test is one per head," % (
              len(queries), " ".join(str(s) for s in batch[NODE + ":steps"]["data"])))
    print("so the batch iterates until its slowest query settles. Same "
          "patterns retrieved as one by one: %s." % (
              "yes" if together == alone else
              "no (%s vs %s)" % (together, alone)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
