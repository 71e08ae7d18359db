#!/usr/bin/env python3
"""Summarises a run of the GPT-style MHA decoder (standard library only).

  report.py WORK_DIR [--max-error 1e-4]

reads, from WORK_DIR, outputs.json (hopfield-run on tokens.json),
outputs-last-changed.json (hopfield-run on tokens-last-changed.json),
reference.json (hopfield-reference, float64, on tokens.json) and, when
they are there, bench.txt (hopfield-run --bench) and reference-standard.json
(hopfield-reference of the same weights with alpha_hidden 0), and prints
the output shape, a checksum, the time, the relative error against the
float64 reference (norm-wise, ||y - ref|| / ||ref||), the causality check
(with the last token changed, every earlier token's output must stay the
same, bit for bit, and the last token's must change) and how far standard
attention is from the MHA reference (it must be more than 100 times
--max-error, or the comparison with the reference could not tell modern
Hopfield attention from standard attention). Exit status 1 when a check
fails.
"""

import argparse
import json
import math
import os
import re
import sys


def load(work, name, output="y"):
    """The tensor `output` of WORK/name."""
    with open(os.path.join(work, name)) as f:
        return json.load(f)[output]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("work")
    parser.add_argument("--max-error", type=float, default=1e-4)
    args = parser.parse_args()
    y = load(args.work, "outputs.json")
    changed = load(args.work, "outputs-last-changed.json")
    ref = load(args.work, "reference.json")
    shape = y["shape"]
    if len(shape) != 3 or shape[0] != 1 or changed["shape"] != shape or \
            ref["shape"] != shape:
        print("error: output shapes %s (compiled), %s (last token changed), "
              "%s (reference); expected [1, T, E] for all three" % (
                  shape, changed["shape"], ref["shape"]))
        return 1
    tokens, embed = shape[1], shape[2]
    data = y["data"]
    print("output y: shape [1, %d, %d]" % (tokens, embed))
    print("checksum: sum %.6f, sum of squares %.6f, y[0, -1, :4] = %s" % (
        math.fsum(data), math.fsum(v * v for v in data),
        " ".join("%.6f" % v for v in data[-embed:][:4])))
    bench = os.path.join(args.work, "bench.txt")
    if os.path.exists(bench):
        with open(bench) as f:
            values = dict(re.findall(r"^(\w+): ([0-9.e+-]+)$", f.read(), re.M))
        if "median_ms" in values:
            print("time: median %.3f ms, min %.3f ms per run (T = %d)" % (
                float(values["median_ms"]), float(values["min_ms"]), tokens))

    status = 0
    diff = math.sqrt(math.fsum((a - b) ** 2 for a, b in zip(data,
                                                            ref["data"])))
    norm = math.sqrt(math.fsum(b * b for b in ref["data"]))
    error = diff / norm
    ok = error <= args.max_error
    print("compiled vs float64 reference: relative error %.2e (limit %g): "
          "%s" % (error, args.max_error, "ok" if ok else "FAILED"))
    status |= not ok

    standard = os.path.join(args.work, "reference-standard.json")
    if os.path.exists(standard):
        other = load(args.work, "reference-standard.json")["data"]
        apart = math.sqrt(math.fsum(
            (a - b) ** 2 for a, b in zip(other, ref["data"]))) / norm
        ok = apart > 100 * args.max_error
        print("standard attention (alpha_hidden 0) vs MHA, float64: relative "
              "difference %.2e (more than 100x the limit: %s)" % (
                  apart, "ok" if ok else "FAILED"))
        status |= not ok

    earlier = tokens - 1
    moved = sum(1 for t in range(earlier)
                if data[t * embed:(t + 1) * embed] !=
                changed["data"][t * embed:(t + 1) * embed])
    worst = max([abs(a - b) for a, b in zip(data[:earlier * embed],
                                            changed["data"][:earlier * embed])]
                or [0.0])
    last = max(abs(a - b) for a, b in zip(data[earlier * embed:],
                                          changed["data"][earlier * embed:]))
    ok = moved == 0 and last > 0.0
    print("causality, last token changed: earlier tokens that moved %d of "
          "%d (max change %.3g), last token max change %.3g: %s" % (
              moved, earlier, worst, last, "ok" if ok else "FAILED"))
    status |= not ok
    return status


if __name__ == "__main__":
    sys.exit(main())
