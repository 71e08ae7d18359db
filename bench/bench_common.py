"""Helpers shared by the Python benchmarks (hflayers_bench.py, mha_bench.py):
seeded random weights and inputs, and running a tool with its output kept.
Standard library only (NumPy, when present, only speeds up large inputs)."""

import random
import subprocess
import sys


def random_tensor(rng, shape, std, mean=0.0):
    """A float32 tensor object {"shape", "dtype", "data"} of N(mean, std)
    values from `rng` (a random.Random)."""
    count = 1
    for d in shape:
        count *= d
    return {"shape": list(shape), "dtype": "float32",
            "data": [mean + rng.gauss(0.0, std) for _ in range(count)]}


def random_input(seed, shape):
    """An N(0, 1) input of `shape`, as raw float32 through NumPy when it
    exists (fast for large inputs), else as a tensor object."""
    try:
        import numpy as np
        return np.random.RandomState(seed).standard_normal(shape).astype(
            np.float32)
    except ImportError:
        return random_tensor(random.Random(seed), shape, 1.0)


def run(cmd, program, check=True):
    """Runs `cmd` with stdout and stderr captured; with `check`, a failure
    ends `program` with the command and (the end of) its output. Returns
    the completed process."""
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    if check and proc.returncode:
        sys.exit("%s: %s failed (exit %d)\n%s%s" % (
            program, " ".join(cmd), proc.returncode, proc.stdout[-4000:],
            proc.stderr[-4000:]))
    return proc
