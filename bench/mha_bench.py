#!/usr/bin/env python3
"""Benchmarks a stack of modern Hopfield attention layers (SPEC section
2.5) against the same stack with standard attention, per MHA lowering
(SPEC 9.6: materialize, bias, concat, and the cost model's auto), and
lists the lowering the cost model chooses for each layer and sequence
length.

  bench/mha_bench.py [--build BUILD] [--runs 5] [--tokens 256,1024,4096]
                     [--choice-tokens 128,256,...,16384]
                     [--lowerings materialize,bias,concat,auto]
                     [--max-gib 2] [--layers 4] [--embed 256] [--heads 4]
                     [--batch 1] [--alpha-hidden 0.5] [--mlp]
                     [--work-dir DIR] [--json FILE]

The MHA stack is `--layers` blocks of LayerNorm -> ModernHopfieldAttention
(causal, alpha_hidden 0.5, the hidden state of block n going to block n+1)
-> ResidualMix(alpha 0.5), with `--mlp` also LayerNorm -> Linear(E, 4E) ->
GELU(tanh) -> Linear(4E, E) -> Add. The standard stack has the same nodes
and weights with alpha_hidden 0 and no hidden state passed on, which is
standard softmax attention (SPEC 9.5). Weights are seeded (GPT-2-like
scale), written with tools/hflayers_export.py; the token dimension is
fixed in each model (the cost model needs T). Each model is compiled with
`hopfield-compile --precision f32 [--mha-lowering=L]` and timed with
`hopfield-run --bench N` (one warm-up, then N runs; median and min).

A lowering that keeps B x H x T x T tensors (materialize, bias, and auto
when it chooses one of them) is skipped, and the table says so, where two
such f32 tensors (h_{n-1} and h_n, alive together between layers) would
exceed --max-gib. Standard library only (NumPy, when present, for the
random inputs).
"""

import argparse
import datetime
import json
import os
import random
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.dont_write_bytecode = True
import hflayers_export as hx  # noqa: E402
sys.path.insert(0, HERE)
import bench_common as bc  # noqa: E402

LOWERINGS = ("materialize", "bias", "concat", "auto")
#: Lowerings that keep B x H x T x T tensors.
QUADRATIC = ("materialize", "bias")
CHOICE_PASS = "hopfield-choose-mha-lowering"


def int_list(text):
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("expected integers separated by "
                                         "commas, got '%s'" % text)
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("expected positive integers")
    return values


def int_list_or_none(text):
    return [] if text.strip().lower() in ("none", "0", "") else int_list(text)


def stack_weights(args):
    """{node: {state_dict name: tensor}} for every node with weights."""
    rng = random.Random(2024)
    E, std = args.embed, 0.02
    residual_std = std / (2 * args.layers) ** 0.5
    norm = lambda: {"weight": bc.random_tensor(rng, (E,), 0.02, 1.0),  # noqa
                    "bias": bc.random_tensor(rng, (E,), 0.02)}
    weights = {}
    for n in range(args.layers):
        weights["b%d_ln1" % n] = norm()
        weights["b%d_attn" % n] = {
            "in_proj_weight": bc.random_tensor(rng, (3 * E, E), std),
            "in_proj_bias": bc.random_tensor(rng, (3 * E,), 0.02),
            "out_proj.weight": bc.random_tensor(rng, (E, E), residual_std),
            "out_proj.bias": bc.random_tensor(rng, (E,), 0.02)}
        if args.mlp:
            weights["b%d_ln2" % n] = norm()
            weights["b%d_fc" % n] = {
                "weight": bc.random_tensor(rng, (4 * E, E), std),
                "bias": bc.random_tensor(rng, (4 * E,), 0.02)}
            weights["b%d_proj" % n] = {
                "weight": bc.random_tensor(rng, (E, 4 * E), residual_std),
                "bias": bc.random_tensor(rng, (E,), 0.02)}
    return weights


def stack(args, weights, tokens, mha):
    """The ModelWriter of the MHA (mha=True) or the standard stack."""
    E = args.embed
    writer = hx.ModelWriter(
        {"x": {"shape": [args.batch, tokens, E], "dtype": "float32"}},
        name="mha_stack" if mha else "attention_stack")
    x, hidden = "x", None
    for n in range(args.layers):
        b = "b%d_" % n
        writer.add_node(b + "ln1", "LayerNorm",
                        {"normalized_shape": [E], "eps": 1e-5},
                        weights[b + "ln1"], inputs={"input": x})
        roles = {"input": b + "ln1"}
        if mha and hidden:
            roles["hidden"] = hidden
        writer.add_node(b + "attn", "ModernHopfieldAttention",
                        {"embed_dim": E, "num_heads": args.heads,
                         "alpha_hidden": args.alpha_hidden if mha else 0.0,
                         "causal": True},
                        weights[b + "attn"], inputs=roles)
        hidden = b + "attn:hidden"
        writer.add_node(b + "mix", "ResidualMix", {"alpha": 0.5}, {},
                        inputs={"residual": x, "update": b + "attn"})
        x = b + "mix"
        if args.mlp:
            writer.add_node(b + "ln2", "LayerNorm",
                            {"normalized_shape": [E], "eps": 1e-5},
                            weights[b + "ln2"], inputs={"input": x})
            writer.add_node(b + "fc", "Linear",
                            {"in_features": E, "out_features": 4 * E},
                            weights[b + "fc"], inputs={"input": b + "ln2"})
            writer.add_node(b + "gelu", "GELU", {"approximate": "tanh"}, {},
                            inputs={"input": b + "fc"})
            writer.add_node(b + "proj", "Linear",
                            {"in_features": 4 * E, "out_features": E},
                            weights[b + "proj"], inputs={"input": b + "gelu"})
            writer.add_node(b + "out", "Add", {}, {},
                            inputs={"lhs": x, "rhs": b + "proj"})
            x = b + "out"
    writer.add_output("y", x)
    return writer


class Models:
    """Writes the weights once and a model description per stack and T."""

    def __init__(self, args, work):
        self.args, self.work = args, work
        # Files written by this run (a work dir may hold another run's).
        self.written = set()
        self.weights = stack_weights(args)
        self.weights_file = "weights.safetensors"
        tensors = stack(args, self.weights, 1, True).tensors
        hx.write_safetensors(os.path.join(work, self.weights_file), tensors,
                             metadata={"producer": "bench/mha_bench.py"})

    def model(self, tokens, mha):
        path = os.path.join(self.work, "%s-t%d.json" % (
            "mha" if mha else "attention", tokens))
        if path not in self.written:
            self.written.add(path)
            writer = stack(self.args, self.weights, tokens, mha)
            with open(path, "w") as f:
                json.dump(writer.description(self.weights_file), f, indent=1)
        return path

    def inputs(self, tokens):
        path = os.path.join(self.work, "x-t%d.safetensors" % tokens)
        if path not in self.written:
            self.written.add(path)
            hx.write_safetensors(path, {"x": bc.random_input(
                7, (self.args.batch, tokens, self.args.embed))})
        return path


def run(cmd, check=True):
    return bc.run(cmd, "mha_bench", check)


def lowering_flags(lowering):
    return [] if lowering is None else ["--mha-lowering=" + lowering]


def chosen_lowerings(tools, model, lowering="auto"):
    """The lowering attribute of each hopfield.mha, in order, after the
    choosing pass; an error message (str) when compiling fails."""
    proc = run([os.path.join(tools, "hopfield-compile"), model,
                "--precision", "f32", "--emit", "mlir-after=" + CHOICE_PASS,
                "--mlir-elide-elementsattrs-if-larger=16", "-o", "-"]
               + lowering_flags(lowering), check=False)
    if proc.returncode:
        return (proc.stderr.strip().splitlines() or ["exit %d" %
                                                     proc.returncode])[-1]
    return parse_lowerings(proc.stdout)


def parse_lowerings(text):
    """The `lowering = #hopfield.mha_lowering<...>` of each hopfield.mha
    op in `text` (MLIR), in order; '?' for an op without one."""
    aliases = dict(re.findall(r"^(#[\w.$-]+) = #hopfield\.mha_lowering<(\w+)>",
                              text, re.M))
    found = []
    for line in text.splitlines():
        if not re.search(r"=\s*\"?hopfield\.mha\"?[\s(]", line):
            continue
        m = re.search(r"mha_lowering<(\w+)>", line)
        if m:
            found.append(m.group(1))
        else:
            m = re.search(r"lowering = (#[\w.$-]+)", line)
            found.append(aliases.get(m.group(1), "?") if m else "?")
    return found


def bench(tools, model, inputs, lowering, runs):
    so = os.path.splitext(model)[0] + "-%s.so" % (lowering or "default")
    start = time.time()
    run([os.path.join(tools, "hopfield-compile"), model, "--precision", "f32",
         "-o", so] + lowering_flags(lowering))
    compile_s = time.time() - start
    text = run([os.path.join(tools, "hopfield-run"), so, "--inputs", inputs,
                "--outputs", os.devnull, "--bench", str(runs)]).stdout
    values = dict(re.findall(r"^(\w+): ([0-9.e+-]+)$", text, re.M))
    os.remove(so)
    return {"median_ms": float(values["median_ms"]),
            "min_ms": float(values["min_ms"]), "compile_s": compile_s}


def machine():
    """CPU model, threads, how busy the CPUs were over half a second, the
    1-minute load average."""
    def stat():
        with open("/proc/stat") as f:
            fields = [int(v) for v in f.readline().split()[1:]]
        return sum(fields), fields[3] + fields[4]
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = re.search(r"^model name\s*:\s*(.*)$", f.read(),
                            re.M).group(1)
        total0, idle0 = stat()
        time.sleep(0.5)
        total1, idle1 = stat()
        busy = 100.0 * (1 - (idle1 - idle0) / max(1, total1 - total0))
        load = os.getloadavg()[0]
    except (OSError, AttributeError):
        busy, load = float("nan"), float("nan")
    return {"cpu": cpu, "threads": os.environ.get("OMP_NUM_THREADS",
                                                  os.cpu_count()),
            "cpu_busy_percent_before": busy, "load_average": load,
            "date": datetime.datetime.now(datetime.timezone.utc).strftime(
                "%Y-%m-%dT%H:%M:%SZ")}


def gib(args, tokens):
    """Two f32 B x H x T x T tensors, in GiB."""
    return 2.0 * args.batch * args.heads * tokens * tokens * 4 / 2 ** 30


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--runs", type=int, default=5,
                        help="timed runs per model (hopfield-run --bench)")
    parser.add_argument("--tokens", type=int_list, default=[256, 1024, 4096],
                        help="sequence lengths to time (default 256,1024,"
                        "4096)")
    parser.add_argument("--choice-tokens", type=int_list_or_none,
                        default=[2 ** k for k in range(7, 15)],
                        help="sequence lengths of the cost-model table "
                        "(default 128 to 16384, powers of 2; 'none': no "
                        "table)")
    parser.add_argument("--lowerings", default=",".join(LOWERINGS),
                        help="comma-separated, of %s" % ", ".join(LOWERINGS))
    parser.add_argument("--max-gib", type=float, default=2.0,
                        help="skip T x T lowerings above this (default 2)")
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--embed", type=int, default=256)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--alpha-hidden", type=float, default=0.5)
    parser.add_argument("--mlp", action="store_true",
                        help="GPT-style blocks with the MLP sub-block")
    parser.add_argument("--work-dir", help="default BUILD/bench-mha")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    lowerings = [v for v in args.lowerings.split(",") if v]
    for v in lowerings:
        if v not in LOWERINGS:
            parser.error("unknown lowering '%s' (expected %s)" % (
                v, ", ".join(LOWERINGS)))
    if args.embed % args.heads:
        parser.error("--heads must divide --embed")
    tools = os.path.join(args.build, "bin")
    work = args.work_dir or os.path.join(args.build, "bench-mha")
    os.makedirs(work, exist_ok=True)
    for tool in ("hopfield-compile", "hopfield-run"):
        if not os.access(os.path.join(tools, tool), os.X_OK):
            sys.exit("mha_bench: %s is missing; build first (cmake --build "
                     "%s)" % (os.path.join(tools, tool), args.build))
    print("writing the models (%d layers, embed %d, %d heads%s) to %s" % (
        args.layers, args.embed, args.heads, ", MLP" if args.mlp else "",
        work), file=sys.stderr)
    models = Models(args, work)
    about = machine()

    rows = []
    for tokens in args.tokens:
        inputs = models.inputs(tokens)
        mha, std = models.model(tokens, True), models.model(tokens, False)
        print("T=%d: standard attention" % tokens, file=sys.stderr)
        base = bench(tools, std, inputs, None, args.runs)
        rows.append(dict(base, tokens=tokens, stack="standard",
                         lowering="-", chosen=None, skipped=None))
        for lowering in lowerings:
            chosen = None
            quadratic = lowering in QUADRATIC
            if lowering == "auto":
                chosen = chosen_lowerings(tools, mha)
                if isinstance(chosen, str):
                    sys.exit("mha_bench: %s --emit mlir-after=%s: %s" % (
                        mha, CHOICE_PASS, chosen))
                quadratic = any(c in QUADRATIC for c in chosen)
            row = dict(tokens=tokens, stack="mha", lowering=lowering or
                       "default", chosen=chosen, skipped=None)
            if quadratic and gib(args, tokens) > args.max_gib:
                row["skipped"] = ("T x T state %.3g GiB > --max-gib %g" % (
                    gib(args, tokens), args.max_gib))
                print("T=%d: %s skipped (%s)" % (tokens, row["lowering"],
                                                 row["skipped"]),
                      file=sys.stderr)
            else:
                print("T=%d: MHA, %s" % (tokens, row["lowering"]),
                      file=sys.stderr)
                row.update(bench(tools, mha, inputs, lowering, args.runs))
                row["overhead"] = row["median_ms"] / base["median_ms"]
            rows.append(row)

    choices = []
    for tokens in args.choice_tokens:
        print("T=%d: the cost model's choice" % tokens, file=sys.stderr)
        chosen = chosen_lowerings(tools, models.model(tokens, True))
        choices.append({"tokens": tokens, "layers": chosen,
                        "state_gib": gib(args, tokens) / 2})

    print("## Modern Hopfield attention vs standard attention, f32")
    print()
    print("%d layers of LayerNorm -> attention (causal) -> ResidualMix "
          "0.5%s; B=%d, E=%d, %d heads; MHA alpha_hidden %g with the hidden "
          "state chained, standard: alpha_hidden 0; median of %d timed runs "
          "after 1 warm-up (hopfield-run --bench %d)" % (
              args.layers, " -> MLP 4E (GELU tanh) -> Add"
              if args.mlp else "", args.batch, args.embed, args.heads,
              args.alpha_hidden, args.runs, args.runs))
    print()
    print("cpu: %s, %s threads, %s; before the run: CPUs %.0f%% busy, load "
          "average %.2f%s" % (
              about["cpu"], about["threads"], about["date"],
              about["cpu_busy_percent_before"], about["load_average"],
              " (busy machine: numbers not comparable)"
              if about["cpu_busy_percent_before"] > 10 else ""))
    print()
    print("| T | stack | lowering | median ms | min ms | vs standard | "
          "compile s |")
    print("|---:|---|---|---:|---:|---:|---:|")
    for r in rows:
        lowering = r["lowering"]
        if r["chosen"]:
            lowering += " (%s)" % ", ".join(r["chosen"])
        if r["skipped"]:
            print("| %d | MHA | %s | skipped: %s | | | |" % (
                r["tokens"], lowering, r["skipped"]))
            continue
        print("| %d | %s | %s | %.3f | %.3f | %s | %.1f |" % (
            r["tokens"], "MHA" if r["stack"] == "mha" else "standard",
            lowering, r["median_ms"], r["min_ms"],
            "%.2fx" % r["overhead"] if "overhead" in r else "1.00x",
            r["compile_s"]))
    print()
    print("vs standard: median time over the standard stack's median at the "
          "same T; auto (...): the cost model's choice per layer. Skipped: "
          "two f32 B x H x T x T tensors (%d x %d x T x T x 4 bytes x 2) "
          "would exceed --max-gib %g." % (args.batch, args.heads,
                                           args.max_gib))
    if choices:
        print()
        print("## Lowering chosen by the cost model (--mha-lowering=auto)")
        print()
        print("| T | B x H x T x T state (f32) | %s |" % " | ".join(
            "layer %d" % (n + 1) for n in range(args.layers)))
        print("|---:|---:|%s" % ("---|" * args.layers))
        for c in choices:
            size = c["state_gib"]
            size = ("%.2f MiB" % (size * 1024) if size < 1
                    else "%.2f GiB" % size)
            cells = (c["layers"] if isinstance(c["layers"], list)
                     else ["error: " + c["layers"]])
            cells = cells + [""] * (args.layers - len(cells))
            print("| %d | %s | %s |" % (c["tokens"], size,
                                        " | ".join(cells)))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"format": "hopfield-mha-bench/1",
                       "layers": args.layers, "embed": args.embed,
                       "heads": args.heads, "batch": args.batch,
                       "alpha_hidden": args.alpha_hidden, "mlp": args.mlp,
                       "runs": args.runs, "max_gib": args.max_gib,
                       "machine": about, "timings": rows,
                       "choices": choices}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
