#!/usr/bin/env python3
"""Exports reference cases of the authors' library with
tools/hflayers_export.py, as a user would from PyTorch, then compiles and
runs the exported model with the real tools and checks the result.

For each case (../shared/reference-cases/*.json): the case's state_dict
becomes torch tensors (float64 for --precision f64, float32 for f32), and

* --via module:   a torch.nn.Module of the case's class name holding those
                  tensors as parameters goes to export_module(),
* --via function: the state_dict goes to export_model(),
* --via cli:      the state_dict is saved with torch.save() and the config
                  as JSON, and `hflayers_export.py` runs as a command.

Then the driver checks the written files (one weights file holding every
state_dict tensor bit for bit, every weight referenced by file and key),
runs hopfield-compile + hopfield-run and checks the output (and with
--association the association matrix) against the library's (1e-9 relative
norm-wise in f64, 1e-4 in f32) and the step count.

Needs torch (Debian's python3-torch):
  export_case.py CASE.json... --precision f32 --work-dir W --tool-dir bin
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))
import hopfield_e2e as e2e  # noqa: E402
import hflayers_export as hx  # noqa: E402
import reference_case as rc  # noqa: E402

try:
    import torch
except ImportError:
    sys.exit("error: %s needs torch (apt-get install python3-torch); this is "
             "%s" % (os.path.basename(__file__), sys.executable))

NODE = "layer"


def torch_state_dict(case, precision):
    dtype = torch.float64 if precision == "f64" else torch.float32
    return {name: torch.tensor(t["data"], dtype=torch.float64)
            .reshape(t["shape"]).to(dtype)
            for name, t in case["state_dict"].items()}


def module_like(class_name, state_dict):
    """A torch.nn.Module whose class is called `class_name` and whose
    state_dict() is `state_dict` (hflayers itself is not installed here)."""
    root = type(class_name, (torch.nn.Module,), {})()
    for name, tensor in state_dict.items():
        *path, leaf = name.split(".")
        module = root
        for part in path:
            if not hasattr(module, part):
                module.add_module(part, torch.nn.Module())
            module = getattr(module, part)
        module.register_parameter(leaf, torch.nn.Parameter(tensor.clone()))
    return root.eval()


def config_of(case):
    """The constructor arguments, with a per-head list given as a tensor
    the way a user writes it (exercises the tensor conversion)."""
    config = dict(case["constructor_args"])
    for key in ("scaling", "update_steps_max", "update_steps_eps"):
        if isinstance(config.get(key), list):
            config[key] = torch.tensor(config[key])
    return config


def export(case, args, work, state_dict, inputs, roles):
    model_path = os.path.join(work, "model.json")
    if args.via == "module":
        hx.export_module(model_path, module_like(case["class"], state_dict),
                         config_of(case), inputs, node_inputs=roles,
                         name=case["name"], node_name=NODE, association=args.association)
    elif args.via == "function":
        hx.export_model(model_path, case["class"], config_of(case),
                        state_dict, inputs, node_inputs=roles, name=case["name"],
                        node_name=NODE, association=args.association)
    else:
        pt = os.path.join(work, "state_dict.pt")
        torch.save(state_dict, pt)
        config = os.path.join(work, "config.json")
        e2e.write_json(config, case["constructor_args"])
        cmd = [sys.executable, os.path.join(ROOT, "tools", "hflayers_export.py"),
               "-o", model_path, "--op", case["class"], "--config", config,
               "--state-dict", pt, "--node-name", NODE]
        for name, spec in inputs.items():
            dims = ",".join("?" if d is None else str(d)
                            for d in spec["shape"])
            cmd += ["--input", "%s=%s:%s" % (name, dims, spec["dtype"])]
        for role, name in roles.items():
            cmd += ["--role", "%s=%s" % (role, name)]
        if args.association:
            cmd.append("--association")
        e2e.run_command(cmd, "hflayers_export.py")
    return model_path


def check_files(model_path, state_dict, where):
    """Every state_dict tensor is in the one weights file, bit for bit, and
    referenced by the node under its own name."""
    model = e2e.read_json(model_path)
    if model.get("format") != "hopfield-model/1":
        raise e2e.E2EError("%s: format %r" % (where, model.get("format")))
    weights = model["nodes"][0]["weights"]
    if sorted(weights) != sorted(state_dict):
        raise e2e.E2EError("%s: weights %s, state_dict %s" % (
            where, sorted(weights), sorted(state_dict)))
    files = {w["file"] for w in weights.values()}
    if len(files) != 1:
        raise e2e.E2EError("%s: weights in %s, expected one file" % (
            where, sorted(files)))
    path = os.path.join(os.path.dirname(model_path), files.pop())
    with open(path, "rb") as f:
        head = f.read(8)
    if int.from_bytes(head, "little") % 8:
        raise e2e.E2EError("%s: header length not a multiple of 8" % where)
    stored = hx.read_safetensors(path)
    for name, tensor in state_dict.items():
        key = weights[name]["key"]
        want = tensor.reshape(-1).tolist()
        got = stored[key]
        if got["shape"] != list(tensor.shape) or got["data"] != want:
            raise e2e.E2EError("%s: tensor '%s' differs in %s" % (
                where, name, path))
    return len(state_dict), os.path.basename(path)


def run_case(path, args):
    case = e2e.read_json(path)
    name = case["name"]
    work = os.path.join(args.work_dir, "%s-%s-%s" % (name, args.via,
                                                     args.precision))
    os.makedirs(work, exist_ok=True)
    described, values = rc.build_model(case, args.precision, args.dynamic_batch)
    inputs = described["inputs"]
    roles = described["nodes"][0]["inputs"]
    state_dict = torch_state_dict(case, args.precision)
    where = "%s (export via %s, %s, work dir %s)" % (name, args.via,
                                                    args.precision, work)
    model_path = export(case, args, work, state_dict, inputs, roles)
    count, weights_file = check_files(model_path, state_dict, where)

    inputs_path = os.path.join(work, "inputs.json")
    e2e.write_json(inputs_path, values)
    outputs = e2e.compile_and_run(model_path, inputs_path, args.precision,
                                  work, args.tool_dir)
    bound = e2e.TOLERANCE[args.precision]
    error = e2e.relative_error(outputs["output"], case["outputs"]["output"],
                               where)
    summary = "%s [%s, via %s]: %d weights in %s, rel error %.3e" % (
        name, args.precision, args.via, count, weights_file, error)
    if not error <= bound:
        raise e2e.E2EError("%s: output error %.3e > %.0e" % (where, error,
                                                            bound))
    if args.association:
        error = e2e.relative_error(outputs["association"],
                                   case["outputs"]["association_matrix"],
                                   where + ", association")
        summary += ", association %.3e" % error
        if not error <= bound:
            raise e2e.E2EError("%s: association error %.3e > %.0e" % (
                where, error, bound))
    steps = e2e.steps_of(outputs, NODE, where)
    if max(steps) != case["library_softmax_evaluations"]:
        raise e2e.E2EError("%s: steps %s, library %d" % (
            where, steps, case["library_softmax_evaluations"]))
    return summary + " (bound %.0e), steps %s" % (bound, steps)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="+", help="reference case files")
    parser.add_argument("--precision", choices=["f32", "f64"], default="f32")
    parser.add_argument("--via", choices=["module", "function", "cli"],
                        default="module")
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--dynamic-batch", action="store_true",
                        help="declare the batch dimension as null")
    parser.add_argument("--association", action="store_true",
                        help="also export and check NODE:association")
    e2e.add_tool_dir_option(parser)
    args = parser.parse_args()
    return e2e.run_cases(args.cases, lambda path: run_case(path, args),
                         (e2e.E2EError, hx.ExportError))


if __name__ == "__main__":
    e2e.main_guard(main)
