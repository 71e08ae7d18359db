#!/usr/bin/env python3
"""Benchmarks whole hflayers layers: a Hopfield layer (self-association) and
a HopfieldPooling layer, B=32, S=1024, input_size 256, 4 heads, f32, random
weights (seeded), compiled with hopfield-compile and timed with
`hopfield-run --bench N`; the ceilings come from `hopfield-bench
--no-hopfield` in the same run (DESIGN.md section 8).

  bench/hflayers_bench.py [--build BUILD] [--runs 10] [--work-dir DIR]
                          [--json FILE]

hopfield-run's FLOP count covers the association only (the two products
Q·Kᵀ and ξ·V: 2·B·H·L·S·(hd + pd), DESIGN.md §8); this script also counts
the projections (2·rows·in·out per Linear: W_Q on the state patterns, W_K
and W_V on the stored patterns, the output projection on the results) and
reports both. Layer norms and softmax are not counted. Standard library
only (uses NumPy for the random numbers when it is there).
"""

import argparse
import datetime
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.dont_write_bytecode = True
import hflayers_export as hx  # noqa: E402
sys.path.insert(0, HERE)
import bench_common as bc  # noqa: E402

B, S, E, H = 32, 1024, 256, 4
HD = E // H  # per-head width (hidden_size and pattern_size default)


def layer_weights(rng, prefix, quantity=None):
    """hflayers' state_dict for input_size E, H heads: packed in_proj,
    out_proj, three layer norms (weights near 1 so they matter)."""
    w = {
        prefix + "association_core.in_proj_weight":
            bc.random_tensor(rng, (3 * E, E), E ** -0.5),
        prefix + "association_core.in_proj_bias":
            bc.random_tensor(rng, (3 * E,), 0.02),
        prefix + "association_core.out_proj.weight":
            bc.random_tensor(rng, (E, E), E ** -0.5),
        prefix + "association_core.out_proj.bias":
            bc.random_tensor(rng, (E,), 0.02),
    }
    for norm in ("stored_pattern", "state_pattern", "pattern_projection"):
        weight = bc.random_tensor(rng, (E,), 0.1)
        weight["data"] = [1.0 + v for v in weight["data"]]
        w[prefix + "norm_%s.weight" % norm] = weight
        w[prefix + "norm_%s.bias" % norm] = bc.random_tensor(rng, (E,), 0.1)
    if quantity is not None:
        w["pooling_weights"] = bc.random_tensor(rng, (1, quantity, E), 1.0)
    return w


def models(work):
    """Writes both models and the input; returns [(name, model path,
    projection FLOPs, association FLOPs)]."""
    x = {"x": {"shape": [B, S, E], "dtype": "float32"}}
    rng = random.Random(2024)
    linear = lambda rows, n_in, n_out: 2.0 * rows * n_in * n_out  # noqa: E731
    out = []
    config = dict(input_size=E, num_heads=H, update_steps_max=0)
    hx.export_model(os.path.join(work, "hopfield.json"), "Hopfield", config,
                    layer_weights(rng, ""), x, node_inputs={"input": "x"},
                    name="bench_hopfield_b32_s1024_e256_h4")
    # Q, K, V on B*S tokens each, out projection on B*S results.
    out.append(("Hopfield self-association", "hopfield.json",
                4 * linear(B * S, E, E), 4.0 * B * H * S * S * HD))
    quantity = 1
    config = dict(input_size=E, num_heads=H, update_steps_max=0,
                  quantity=quantity)
    hx.export_model(os.path.join(work, "pooling.json"), "HopfieldPooling",
                    config, layer_weights(rng, "hopfield.", quantity), x,
                    node_inputs={"input": "x"},
                    name="bench_pooling_b32_s1024_e256_h4_q1")
    # K, V on B*S tokens; Q on the quantity prototypes (once per sample, as
    # hflayers expands them over the batch); out projection on B*quantity.
    out.append(("HopfieldPooling, quantity 1", "pooling.json",
                2 * linear(B * S, E, E) + 2 * linear(B * quantity, E, E),
                4.0 * B * H * quantity * S * HD))
    hx.write_safetensors(os.path.join(work, "x.safetensors"),
                         {"x": bc.random_input(7, (B, S, E))})
    return out


def run(cmd):
    return bc.run(cmd, "hflayers_bench").stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--runs", type=int, default=10,
                        help="timed runs per model (hopfield-run --bench)")
    parser.add_argument("--work-dir", help="default BUILD/bench-hflayers")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    tools = os.path.join(args.build, "bin")
    work = args.work_dir or os.path.join(args.build, "bench-hflayers")
    os.makedirs(work, exist_ok=True)
    for tool in ("hopfield-compile", "hopfield-run", "hopfield-bench"):
        if not os.access(os.path.join(tools, tool), os.X_OK):
            sys.exit("hflayers_bench: %s is missing; build first (cmake "
                     "--build %s; hopfield-bench needs libopenblas-dev)" % (
                         os.path.join(tools, tool), args.build))

    print("writing the models and the input x [%d, %d, %d] to %s" % (
        B, S, E, work), file=sys.stderr)
    cases = models(work)
    ceilings = os.path.join(work, "ceilings.json")
    print("measuring the FMA peak (hopfield-bench --no-hopfield)",
          file=sys.stderr)
    run([os.path.join(tools, "hopfield-bench"), "--no-hopfield", "--reps",
         "5", "--json", ceilings])
    with open(ceilings) as f:
        ceiling = json.load(f)
    peak = ceiling["fma_peak"]["gflops"]
    sgemm = ceiling["sgemm"]["gflops"]

    rows = []
    for title, model, projection_flops, expected_flops in cases:
        so = os.path.join(work, model.replace(".json", ".so"))
        print("compiling and timing %s" % model, file=sys.stderr)
        run([os.path.join(tools, "hopfield-compile"),
             os.path.join(work, model), "-o", so, "--precision", "f32"])
        text = run([os.path.join(tools, "hopfield-run"), so, "--inputs",
                    os.path.join(work, "x.safetensors"), "--bench",
                    str(args.runs)])
        values = dict(re.findall(r"^(\w+): ([0-9.e+-]+)$", text, re.M))
        median, minimum = float(values["median_ms"]), float(values["min_ms"])
        flops = float(values["flops"])
        if abs(flops - expected_flops) > 1e-5 * expected_flops:
            print("note: hopfield-run counts %.6g association FLOPs, this "
                  "script %.6g" % (flops, expected_flops), file=sys.stderr)
        total = flops + projection_flops
        rows.append({
            "layer": title, "model": model, "median_ms": median,
            "min_ms": minimum, "association_flops": flops,
            "projection_flops": projection_flops,
            "association_gflops": flops / median / 1e6,
            "total_gflops": total / median / 1e6,
            "total_gflops_min": total / minimum / 1e6,
        })

    print("hflayers layers, B=%d S=%d input_size=%d heads=%d, f32, "
          "%d timed runs after 1 warm-up (hopfield-run --bench %d)" % (
              B, S, E, H, args.runs, args.runs))
    print("cpu: %s, %s threads, %s; FMA peak %.1f GFLOP/s (%s), SGEMM %d^3 "
          "%.1f GFLOP/s" % (
              ceiling.get("cpu", "?"), ceiling.get("threads", "?"),
              ceiling.get("date", datetime.datetime.utcnow().isoformat()),
              peak, ceiling["fma_peak"].get("isa", "?"),
              ceiling["sgemm"].get("size", 2048), sgemm))
    print("before the run: CPUs %.0f%% busy, load average %.2f%s" % (
        ceiling.get("cpu_busy_percent_before", float("nan")),
        ceiling.get("load_average", float("nan")),
        " (busy machine: numbers not comparable)"
        if ceiling.get("cpu_busy_percent_before", 0) > 10 else ""))
    print()
    header = ("%-28s %9s %9s %8s %8s %10s %8s %10s %8s" % (
        "layer", "median ms", "min ms", "assoc GF", "proj GF",
        "assoc GF/s", "of peak", "total GF/s", "of peak"))
    print(header)
    for r in rows:
        print("%-28s %9.3f %9.3f %8.3f %8.3f %10.1f %7.1f%% %10.1f %7.1f%%" % (
            r["layer"], r["median_ms"], r["min_ms"],
            r["association_flops"] / 1e9, r["projection_flops"] / 1e9,
            r["association_gflops"], 100.0 * r["association_gflops"] / peak,
            r["total_gflops"], 100.0 * r["total_gflops"] / peak))
    print()
    print("assoc GF/s: hopfield-run's gflops_per_s (association FLOPs only, "
          "median time); total GF/s: association + projection FLOPs over "
          "the median time; of peak: against the FMA peak above.")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"format": "hopfield-hflayers-bench/1",
                       "batch": B, "sequence": S, "input_size": E,
                       "heads": H, "runs": args.runs,
                       "fma_peak_gflops": peak, "sgemm_gflops": sgemm,
                       "ceilings": ceiling, "layers": rows}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
