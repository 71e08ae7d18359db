#!/usr/bin/env python3
"""Random static-Hopfield models: compiled artifacts vs hopfield-reference.

With a fixed seed this generates random models around one `Hopfield` node in
static execution (random batch, heads, query/key counts, head and value
widths, scalar or per-head beta, bounded / per-head / unbounded update steps,
padding masks with fully masked samples, 2-D and 3-D association masks, both
layouts, run-time (null) dimensions, inline and safetensors weights, and
sometimes a Linear or LayerNorm node before or after it). Each model is
compiled in f64 and f32, run, and compared with the float64 reference:
relative norm-wise error per output tensor (1e-9 in f64, 1e-4 in f32) and
equal per-head step counts.

All random values are float32-exact, so f32 and f64 runs see the same inputs.
Step counts are compared in f32 only when the reference gives the same counts
with every eps scaled by 0.85 and 1.15 (no change of the association is close
to eps); otherwise eps is drawn again, and after a few draws the f32 step
check is skipped (and says so).

Reproduce one model: random_models.py --seed S --only I --work-dir DIR ...
"""

import argparse
import copy
import json
import math
import os
import random
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hopfield_e2e as e2e  # noqa: E402

#: Name of the Hopfield node in every model.
NODE = "hop"

#: eps scale factors whose step counts must agree for a robust step check.
EPS_SCALES = (0.85, 1.15)

#: Sizes that are not multiples of the usual vector and tile widths.
ODD_SIZES = (1, 3, 7, 9, 15, 17, 31, 33, 63, 65, 70)


def gauss_list(rng, count, sigma):
    return [e2e.to_f32(rng.gauss(0.0, sigma)) for _ in range(count)]


def size(rng, high):
    """A size in 1..high, often one of ODD_SIZES."""
    if rng.random() < 0.4:
        return rng.choice([s for s in ODD_SIZES if s <= high])
    return rng.randint(1, high)


def pattern_shape(batch, seq, feat, batch_first):
    return [batch, seq, feat] if batch_first else [seq, batch, feat]


class Model:
    """One generated model: description, inputs and a readable summary."""

    def __init__(self, rng, index, work):
        self.rng, self.index, self.work = rng, index, work
        self.inputs = {}  # name -> (declared shape, tensor)
        self.nodes = []
        self.files = {}  # safetensors file -> {key: (shape, data)}
        self.notes = []
        self.generate()

    def add_input(self, name, shape, dynamic, data, dtype="float"):
        declared = [None if d else s for s, d in zip(shape, dynamic)]
        self.inputs[name] = (declared, shape, data, dtype)

    def weight(self, key, shape, data):
        """An inline weight, or one in a safetensors file of the model."""
        if not self.use_files:
            return e2e.tensor(shape, data, "float32")
        name = "weights.safetensors"
        self.files.setdefault(name, {})[key] = (shape, data)
        return {"file": name, "key": key}

    def generate(self):
        rng = self.rng
        batch, heads = rng.randint(1, 4), rng.randint(1, 3)
        queries, keys = size(rng, 70), size(rng, 70)
        head_dim, pattern_dim = size(rng, 40), size(rng, 40)
        batch_first = rng.random() < 0.6
        single = rng.random() < 0.15
        if single:
            queries, pattern_dim = keys, head_dim
        self.use_files = rng.random() < 0.3
        dyn_b, dyn_l, dyn_s = [rng.random() < 0.3 for _ in range(3)]
        if single:
            dyn_l = dyn_s
        self.heads = heads
        self.shape_note = "B=%d H=%d L=%d S=%d hd=%d pd=%d %s" % (
            batch, heads, queries, keys, head_dim, pattern_dim,
            "bf" if batch_first else "seq-first")
        dyn = [n for n, d in (("B", dyn_b), ("L", dyn_l), ("S", dyn_s)) if d]
        if dyn:
            self.notes.append("dynamic " + ",".join(dyn))

        def pattern_dyn(is_query):
            seq = dyn_l if is_query else dyn_s
            return [dyn_b, seq, False] if batch_first else [seq, dyn_b, False]

        sigma = head_dim ** -0.25
        roles = {}
        if single:
            shape = pattern_shape(batch, keys, head_dim, batch_first)
            self.add_input("x", shape, pattern_dyn(False),
                           gauss_list(rng, batch * keys * head_dim, sigma))
            roles["input"] = "x"
            self.notes.append("single input")
        else:
            for role, name, seq, feat, is_query in (
                    ("stored_pattern", "y", keys, head_dim, False),
                    ("state_pattern", "r", queries, head_dim, True),
                    ("pattern_projection", "p", keys, pattern_dim, False)):
                shape = pattern_shape(batch, seq, feat, batch_first)
                self.add_input(name, shape, pattern_dyn(is_query),
                               gauss_list(rng, batch * seq * feat, sigma))
                roles[role] = name
            if rng.random() < 0.2:
                width = size(rng, 24)
                shape = pattern_shape(batch, queries, width, batch_first)
                self.add_input("r_raw", shape, pattern_dyn(True),
                               gauss_list(rng, batch * queries * width, 1.0))
                self.linear("pre", "r_raw", width, head_dim)
                roles["state_pattern"] = "pre"
            elif rng.random() < 0.2:
                self.layer_norm("norm", "y", head_dim)
                roles["stored_pattern"] = "norm"
        self.masks(rng, roles, batch, heads, queries, keys, dyn_b, dyn_l,
                   dyn_s)
        self.nodes.append({"name": NODE, "op": "Hopfield", "inputs": roles,
                           "config": self.hopfield_config(rng, batch_first)})
        self.output = NODE
        width = heads * pattern_dim
        choice = rng.random()
        if choice < 0.15:
            self.linear("post", NODE, width, size(rng, 24))
        elif choice < 0.3 and width >= 2:
            self.layer_norm("post", NODE, width)

    def linear(self, name, source, width_in, width_out):
        rng = self.rng
        bias = rng.random() < 0.7
        weights = {"weight": self.weight(
            name + ".weight", [width_out, width_in],
            gauss_list(rng, width_out * width_in, width_in ** -0.5))}
        if bias:
            weights["bias"] = self.weight(name + ".bias", [width_out],
                                          gauss_list(rng, width_out, 0.1))
        self.nodes.append({
            "name": name, "op": "Linear", "inputs": {"input": source},
            "config": {"in_features": width_in, "out_features": width_out,
                       "bias": bias},
            "weights": weights})
        self.output = name
        self.notes.append("Linear %s" % name)

    def layer_norm(self, name, source, width):
        rng = self.rng
        affine = rng.random() < 0.7
        weights = {}
        if affine:
            weights["weight"] = self.weight(
                name + ".weight", [width],
                [e2e.to_f32(1.0 + 0.2 * rng.gauss(0, 1))
                 for _ in range(width)])
            weights["bias"] = self.weight(name + ".bias", [width],
                                          gauss_list(rng, width, 0.1))
        self.nodes.append({
            "name": name, "op": "LayerNorm", "inputs": {"input": source},
            "config": {"normalized_shape": [width], "eps": 1e-5,
                       "elementwise_affine": affine},
            "weights": weights})
        self.output = name
        self.notes.append("LayerNorm %s" % name)

    def masks(self, rng, roles, batch, heads, queries, keys, dyn_b, dyn_l,
              dyn_s):
        if rng.random() < 0.35:
            data = [rng.random() < 0.25 for _ in range(batch * keys)]
            if batch > 1 and rng.random() < 0.4:
                b = rng.randrange(batch)
                data[b * keys:(b + 1) * keys] = [True] * keys
                self.notes.append("pad mask, sample %d fully masked" % b)
            else:
                self.notes.append("pad mask")
            self.add_input("pad", [batch, keys], [dyn_b, dyn_s], data, "bool")
            roles["stored_pattern_padding_mask"] = "pad"
        if rng.random() < 0.3:
            three_d = rng.random() < 0.5
            lead = [batch * heads] if three_d else []
            count = (batch * heads if three_d else 1) * queries
            data = [rng.random() < 0.3 for _ in range(count * keys)]
            if rng.random() < 0.3:
                row = rng.randrange(count)
                data[row * keys:(row + 1) * keys] = [True] * keys
            self.add_input("assoc", lead + [queries, keys],
                           [False] * len(lead) + [dyn_l, dyn_s], data, "bool")
            roles["association_mask"] = "assoc"
            self.notes.append("assoc mask %dD" % (3 if three_d else 2))

    def hopfield_config(self, rng, batch_first):
        heads = self.heads
        config = {
            "num_heads": heads, "batch_first": batch_first,
            "stored_pattern_as_static": True, "state_pattern_as_static": True,
            "pattern_projection_as_static": True,
            "disable_out_projection": True}
        for part in ("stored_pattern", "state_pattern", "pattern_projection"):
            config["normalize_" + part] = False
            config["normalize_%s_affine" % part] = False
        beta = rng.choice(["default", "scalar", "list"])
        if beta == "scalar":
            config["scaling"] = round(rng.uniform(0.1, 3.0), 3)
        elif beta == "list":
            config["scaling"] = [round(rng.uniform(0.1, 3.0), 3)
                                 for _ in range(heads)]
        steps = rng.choice(["zero", "bounded", "unbounded", "list"])
        config["update_steps_max"] = {
            "zero": 0, "bounded": rng.randint(1, 5), "unbounded": None,
            "list": [rng.randint(0, 5) for _ in range(heads)]}[steps]
        self.draw_eps(config, unbounded=steps == "unbounded")
        return config

    def draw_eps(self, config, unbounded):
        """Sets update_steps_eps: sometimes the default, else log-uniform in
        [1e-3, 1e-1], sometimes per head (always set when unbounded)."""
        rng = self.rng
        if not unbounded and rng.random() < 0.4:
            config.pop("update_steps_eps", None)
            return
        draw = lambda: float("%.3g" % 10 ** rng.uniform(-3, -1))  # noqa: E731
        config["update_steps_eps"] = (
            [draw() for _ in range(self.heads)] if rng.random() < 0.3
            else draw())

    def hopfield(self):
        return next(n for n in self.nodes if n["name"] == NODE)

    def description(self, precision, eps_scale=1.0):
        """The model description with float inputs of `precision`."""
        inputs = {
            name: {"shape": declared,
                   "dtype": "bool" if dtype == "bool"
                   else e2e.FLOAT_DTYPE[precision]}
            for name, (declared, _, _, dtype) in self.inputs.items()}
        nodes = copy.deepcopy(self.nodes)
        if eps_scale != 1.0:
            config = next(n for n in nodes if n["name"] == NODE)["config"]
            eps = config.get("update_steps_eps", 1e-4)
            config["update_steps_eps"] = (
                [e * eps_scale for e in eps] if isinstance(eps, list)
                else eps * eps_scale)
        return {"format": "hopfield-model/1",
                "name": "random-%d" % self.index, "inputs": inputs,
                "nodes": nodes, "outputs": {"out": self.output}}

    def values(self, precision):
        return {name: e2e.tensor(shape, data, "bool" if dtype == "bool"
                                 else e2e.FLOAT_DTYPE[precision])
                for name, (_, shape, data, dtype) in self.inputs.items()}

    def summary(self):
        config = self.hopfield()["config"]
        return "%s beta=%s steps=%s eps=%s%s" % (
            self.shape_note, config.get("scaling", "default"),
            config["update_steps_max"], config.get("update_steps_eps", "1e-4"),
            "".join(", " + n for n in self.notes))


def write_files(model, work, precision, eps_scale=1.0, tag=""):
    """Writes the model and its inputs; returns both paths."""
    model_path = os.path.join(work, "model%s-%s.json" % (tag, precision))
    inputs_path = os.path.join(work, "inputs-%s.json" % precision)
    e2e.write_json(model_path, model.description(precision, eps_scale))
    e2e.write_json(inputs_path, model.values(precision))
    return model_path, inputs_path


def robust_reference(model, work, tool_dir):
    """Reference outputs; redraws eps until the step counts do not depend on
    it. Returns (outputs, whether f32 step counts are comparable)."""
    attempts = 6
    for attempt in range(attempts):
        model_path, inputs_path = write_files(model, work, "f64")
        ref = e2e.run_reference(model_path, inputs_path, work, tool_dir)
        steps = e2e.steps_of(ref, NODE, "reference")
        robust = True
        for scale in EPS_SCALES:
            path, _ = write_files(model, work, "f64", scale, "-eps%g" % scale)
            other = e2e.run_reference(path, inputs_path, work, tool_dir,
                                      "-eps%g" % scale)
            robust &= e2e.steps_of(other, NODE, "reference") == steps
        if robust or attempt == attempts - 1:
            break
        config = model.hopfield()["config"]
        model.draw_eps(config, unbounded=config["update_steps_max"] is None)
    if not robust:
        model.notes.append("f32 steps not compared (changes close to eps)")
    return ref, robust


def check_model(index, args):
    """Generates, compiles, runs and checks model `index`; returns
    (passed, summary line)."""
    rng = random.Random("%d/%d" % (args.seed, index))
    work = os.path.join(args.work_dir, "model-%03d" % index)
    os.makedirs(work, exist_ok=True)
    model = Model(rng, index, work)
    for name, tensors in model.files.items():
        e2e.write_safetensors(os.path.join(work, name), {
            key: (shape, "float32", data)
            for key, (shape, data) in tensors.items()})
        model.notes.append("weights in " + name)
    results = []
    try:
        ref, f32_steps = robust_reference(model, work, args.tool_dir)
        ref_steps = e2e.steps_of(ref, NODE, "reference")
        results.append("ref steps %s" % ref_steps)
        for precision in args.precisions:
            if args.reference_only:
                break
            model_path, inputs_path = write_files(model, work, precision)
            out = e2e.compile_and_run(model_path, inputs_path, precision,
                                      work, args.tool_dir,
                                      tile_sizes=args.tile_sizes)
            error = e2e.relative_error(out["out"], ref["out"], precision)
            steps = e2e.steps_of(out, NODE, precision)
            results.append("%s err %.1e" % (precision, error))
            if not error <= e2e.TOLERANCE[precision]:
                raise e2e.E2EError("%s output error %.3e > %.0e" % (
                    precision, error, e2e.TOLERANCE[precision]))
            if steps != ref_steps and (precision == "f64" or f32_steps):
                raise e2e.E2EError("%s steps %s, reference %s" % (
                    precision, steps, ref_steps))
        passed, status = True, "ok"
    except e2e.E2EError as e:
        passed = False
        tools = "".join(" --tool-dir " + d for d in args.tool_dir or [])
        status = "FAILED: %s\n    reproduce: %s --seed %d --only %d " \
                 "--work-dir %s%s (model files in %s)" % (
                     str(e).strip(), os.path.abspath(__file__), args.seed,
                     index, args.work_dir, tools, work)
    return passed, "model %03d [%s]: %s: %s" % (
        index, model.summary(), ", ".join(results), status)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--only", type=int, nargs="+",
                        help="run only these model indices")
    parser.add_argument("--work-dir", required=True)
    e2e.add_tool_dir_option(parser)
    parser.add_argument("--precisions", default="f64,f32",
                        help="comma-separated, from f64,f32")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count()))
    parser.add_argument("--tile-sizes",
                        help="hopfield-compile --tile-sizes (b,h,l,s)")
    parser.add_argument("--reference-only", action="store_true",
                        help="only generate and run the reference")
    args = parser.parse_args()
    args.precisions = args.precisions.split(",")
    indices = args.only if args.only else range(args.count)
    tools = ["hopfield-reference"]
    if not args.reference_only:
        tools += ["hopfield-compile", "hopfield-run"]
    for tool in tools:
        e2e.find_tool(tool, args.tool_dir)
    failures = e2e.check_in_parallel(indices, lambda i: check_model(i, args),
                                     args.jobs)
    total = len(indices)
    print("%d of %d random models passed (seed %d)" % (
        total - failures, total, args.seed))
    return 1 if failures else 0


if __name__ == "__main__":
    e2e.main_guard(main)
