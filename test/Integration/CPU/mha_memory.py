#!/usr/bin/env python3
"""Peak memory of a long-sequence ModernHopfieldAttention stack.

Two causal ModernHopfieldAttention layers, the second taking the first one's
output and hidden state (alpha_hidden 0.5, init first_scores), on one
sequence of T tokens of width E with H heads (default T = 16384, E = 128,
H = 4, batch 1), compiled in f32 with the default --mha-lowering (or the
one given) and only the final output as a model output. A materialised
B x H x T x T hidden state would take H * T^2 * 4 bytes (4 GiB at the
defaults) per layer; the concatenated-QK lowering (SPEC.md section 9.6)
needs O(T * n * d_head) per head.

  mha_memory.py --work-dir DIR --tool-dir BIN [--seq T] [--max-rss-mib M]

The driver compiles the model, then runs hopfield-run alone (its own child,
so the compiler's memory does not count) and reads its peak RSS from
wait4(); a hopfield-run whose RSS passes --kill-rss-mib is stopped and the
check fails. It then checks that every output is finite and, as the layers
are causal, that the first --prefix rows match hopfield-reference (float64)
on the model with only the first --prefix tokens (relative norm-wise error
<= 1e-4). Prints the peak RSS, the compile and run times, and fails when
the peak RSS is --max-rss-mib or more.
"""

import argparse
import array
import math
import os
import random
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hopfield_e2e as e2e  # noqa: E402
import mha_models as mm  # noqa: E402
import option_models as om  # noqa: E402


def build_model(rng, seq, width, heads, config):
    """The two-layer model on input "x" [1, seq, width]; weights from
    `rng`, so equal generators give equal weights for every seq."""
    c = om.Case("mha-memory-t%d" % seq, rng, "two causal MHA layers")
    c.inputs["x"] = ([1, seq, width], None, "float")  # data written apart
    first = mm.mha_node(c, "mha0", {"input": "x"},
                        dict(config, embed_dim=width, num_heads=heads),
                        mm.mha_weights(c, width))
    last = mm.mha_node(c, "mha1", {"input": first, "hidden": first + ":hidden"},
                       dict(config, embed_dim=width, num_heads=heads),
                       mm.mha_weights(c, width))
    c.output("out", last)
    return c


def random_tokens(rng, count):
    """`count` float32 values ~ N(0, 1) (an array('f'), so float32-exact)."""
    gauss = rng.gauss
    return array.array("f", (gauss(0.0, 1.0) for _ in range(count)))


def run_measured(command, kill_rss_mib, timeout):
    """Runs `command` (its output to `command[-1]`.log); returns (exit
    status, peak RSS MiB, seconds, output, why stopped). Stops it when its
    RSS passes kill_rss_mib or it runs longer than `timeout` s (exit status
    None then)."""
    start = time.monotonic()
    log_path = command[-1] + ".log"
    with open(log_path, "w+") as log:
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        stopped = None
        status_path = "/proc/%d/status" % proc.pid
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            try:
                with open(status_path) as f:
                    rss_kib = next((int(line.split()[1]) for line in f
                                    if line.startswith("VmRSS:")), 0)
            except (OSError, ValueError):
                rss_kib = 0
            if rss_kib > kill_rss_mib * 1024:
                stopped = "its RSS passed %g MiB" % kill_rss_mib
            elif time.monotonic() - start > timeout:
                stopped = "it ran longer than %g s" % timeout
            if stopped:
                os.kill(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        proc.returncode = -1  # reaped by wait4 above
        seconds = time.monotonic() - start
        log.seek(0)
        output = log.read()
    code = None if stopped else (os.WEXITSTATUS(status)
                                 if os.WIFEXITED(status) else -1)
    return code, usage.ru_maxrss / 1024.0, seconds, output, stopped


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work-dir", required=True)
    e2e.add_tool_dir_option(parser)
    parser.add_argument("--seq", type=int, default=16384)
    parser.add_argument("--embed", type=int, default=128)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--alpha-hidden", type=float, default=0.5)
    parser.add_argument("--prefix", type=int, default=2048,
                        help="rows checked against hopfield-reference")
    parser.add_argument("--lowering", default="default",
                        help="--mha-lowering value; 'default' leaves the "
                        "option out (auto)")
    parser.add_argument("--max-rss-mib", type=float, default=1024)
    parser.add_argument("--kill-rss-mib", type=float, default=3072,
                        help="stop hopfield-run when its RSS passes this")
    parser.add_argument("--run-timeout", type=float, default=540)
    parser.add_argument("--seed", type=int, default=20250613)
    args = parser.parse_args()
    seq, width, heads = args.seq, args.embed, args.heads
    prefix = min(args.prefix, seq)
    lowering = mm.parse_lowerings(args.lowering)[0]
    for tool in ("hopfield-reference", "hopfield-compile", "hopfield-run"):
        e2e.find_tool(tool, args.tool_dir)
    os.makedirs(args.work_dir, exist_ok=True)
    config = {"alpha_hidden": args.alpha_hidden, "causal": True}
    dhead = width // heads
    print("memory: 2 causal MHA layers B=1 T=%d E=%d H=%d d_head=%d "
          "alpha_hidden %g, f32, lowering %s" % (
              seq, width, heads, dhead, args.alpha_hidden,
              mm.lowering_name(lowering)))
    print("hidden_state_mib_if_materialised: %.1f" % (
        heads * seq * seq * 4 / 2.0 ** 20))
    sys.stdout.flush()

    # The full model (f32) and its input as .safetensors.
    tokens = random_tokens(random.Random("%d/x" % args.seed), seq * width)
    model = build_model(random.Random("%d/w" % args.seed), seq, width, heads,
                        config)
    model_path = os.path.join(args.work_dir, "model-t%d-f32.json" % seq)
    inputs_path = os.path.join(args.work_dir, "inputs-t%d-f32.safetensors"
                               % seq)
    e2e.write_json(model_path, model.description("f32"))
    e2e.write_safetensors(inputs_path, {"x": ([1, seq, width], "float32",
                                             tokens)})
    start = time.monotonic()
    artifact = e2e.compile_artifact(model_path, "f32", args.work_dir,
                                    args.tool_dir, "-t%d" % seq,
                                    extra_args=mm.lowering_args(lowering))
    print("compile_s: %.1f" % (time.monotonic() - start))

    outputs_path = os.path.join(args.work_dir, "out-t%d-f32.json" % seq)
    command = [e2e.find_tool("hopfield-run", args.tool_dir), artifact,
               "--inputs", inputs_path, "--outputs", outputs_path]
    code, rss_mib, run_s, log, stopped = run_measured(
        command, args.kill_rss_mib, args.run_timeout)
    print("run_s: %.1f" % run_s)
    print("peak_rss_mib: %d" % round(rss_mib))
    sys.stdout.flush()
    if code is None:
        raise e2e.E2EError(
            "hopfield-run stopped after %.1f s: %s (peak RSS %.0f MiB so "
            "far, limit %g MiB)" % (run_s, stopped, rss_mib,
                                    args.max_rss_mib))
    if code != 0:
        raise e2e.E2EError("hopfield-run failed (exit %d): %s\n%s" % (
            code, " ".join(command), log))
    out = e2e.read_json(outputs_path)["out"]
    if out["shape"] != [1, seq, width]:
        raise e2e.E2EError("output shape %s, expected %s" % (
            out["shape"], [1, seq, width]))
    bad = sum(1 for v in out["data"] if not math.isfinite(v))
    if bad:
        raise e2e.E2EError("%d non-finite output values" % bad)
    print("output finite: %d values" % len(out["data"]))

    # The first `prefix` rows against the reference on the first `prefix`
    # tokens (causal: row t depends on tokens 0..t only).
    small = build_model(random.Random("%d/w" % args.seed), prefix, width,
                        heads, config)
    small_model = os.path.join(args.work_dir, "model-t%d-f64.json" % prefix)
    small_inputs = os.path.join(args.work_dir, "inputs-t%d-f64.json" % prefix)
    e2e.write_json(small_model, small.description("f64"))
    e2e.write_json(small_inputs, {"x": e2e.tensor(
        [1, prefix, width], tokens[:prefix * width], "float64")})
    start = time.monotonic()
    ref = e2e.run_reference(small_model, small_inputs, args.work_dir,
                            args.tool_dir, "-t%d" % prefix)["out"]
    rows = {"shape": [1, prefix, width],
            "data": out["data"][:prefix * width]}
    error = e2e.relative_error(rows, ref, "first %d rows" % prefix)
    print("prefix_rows: %d, rel_error vs float64 reference: %.2e "
          "(limit 1e-04, reference %.1f s)" % (prefix, error,
                                               time.monotonic() - start))
    if not error <= e2e.TOLERANCE["f32"]:
        raise e2e.E2EError("first %d rows: relative error %.3e > 1e-4" % (
            prefix, error))
    if not rss_mib < args.max_rss_mib:
        raise e2e.E2EError("peak RSS %.0f MiB is not below the limit of %g "
                           "MiB" % (rss_mib, args.max_rss_mib))
    print("peak RSS within the limit of %g MiB" % args.max_rss_mib)
    return 0


if __name__ == "__main__":
    e2e.main_guard(main)
