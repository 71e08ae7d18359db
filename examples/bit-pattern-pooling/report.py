#!/usr/bin/env python3
"""Scores the compiled classifier on the held-out bags (standard library).

  report.py WORK_DIR [--min-accuracy PERCENT]

reads WORK_DIR/expected.json (labels and torch's logits, from train.py) and
WORK_DIR/outputs.json (hopfield-run's output "logit" [B, 1]) and prints the
accuracy, the confusion counts and how far the compiled logits are from
torch's. Exit status 1 when the accuracy is below --min-accuracy, or when the two disagree beyond 1e-4 (relative,
norm-wise) or on a prediction whose logit is not within 1e-4 of zero.
"""

import argparse
import json
import math
import os
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("work")
    parser.add_argument("--min-accuracy", type=float, default=0.0)
    work = parser.parse_args().work
    minimum = parser.parse_args().min_accuracy
    with open(os.path.join(work, "expected.json")) as f:
        expected = json.load(f)
    with open(os.path.join(work, "outputs.json")) as f:
        outputs = json.load(f)
    logit = outputs["logit"]
    labels = expected["labels"]
    reference = expected["torch_logits"]
    if logit["shape"] != [len(labels), 1]:
        print("error: logit has shape %s, expected [%d, 1]" % (
            logit["shape"], len(labels)))
        return 1
    got = logit["data"]
    predicted = [1 if v > 0 else 0 for v in got]
    tp = sum(1 for p, y in zip(predicted, labels) if p == 1 and y == 1)
    tn = sum(1 for p, y in zip(predicted, labels) if p == 0 and y == 0)
    fp = sum(1 for p, y in zip(predicted, labels) if p == 1 and y == 0)
    fn = len(labels) - tp - tn - fp
    torch_right = sum(1 for r, y in zip(reference, labels) if (r > 0) == (y == 1))
    diff = math.sqrt(sum((a - b) ** 2 for a, b in zip(got, reference)))
    norm = math.sqrt(sum(b * b for b in reference))
    error = diff / norm
    flipped = sum(1 for a, b in zip(got, reference)
                  if (a > 0) != (b > 0) and abs(b) > 1e-4 * norm)
    print("bags: %d (%d positive, %d negative)" % (
        len(labels), sum(labels), len(labels) - sum(labels)))
    print("compiled accuracy: %d/%d = %.1f%%" % (
        tp + tn, len(labels), 100.0 * (tp + tn) / len(labels)))
    print("  true positives %d, true negatives %d, false positives %d, "
          "false negatives %d" % (tp, tn, fp, fn))
    print("torch accuracy:    %d/%d = %.1f%%" % (
        torch_right, len(labels), 100.0 * torch_right / len(labels)))
    print("compiled vs torch logits: relative error %.2e, predictions that "
          "differ: %d" % (error, flipped))
    status = 0
    if error > 1e-4 or flipped:
        print("error: the compiled model does not compute what torch computed")
        status = 1
    if minimum:
        met = 100.0 * (tp + tn) / len(labels) >= minimum
        print("accuracy >= %g%%: %s" % (minimum, "yes" if met else "no"))
        status = status or (0 if met else 1)
    return status


if __name__ == "__main__":
    sys.exit(main())
