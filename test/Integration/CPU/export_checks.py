#!/usr/bin/env python3
"""Checks of tools/hflayers_export.py that need no hflayers frontend.

  export_checks.py safetensors WORK ARTIFACT INPUTS.json --tool-dir BIN
      writes the inputs of INPUTS.json as torch tensors (float32, then
      float64) with write_safetensors(), reads them back (bit for bit), and
      runs hopfield-run on ARTIFACT with the .safetensors file and with the
      JSON file: the outputs must be identical.
  export_checks.py errors WORK
      every misuse gives one ExportError naming what is wrong (printed).
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

try:
    import torch
except ImportError:
    sys.exit("error: %s needs torch (apt-get install python3-torch); this is "
             "%s" % (os.path.basename(__file__), sys.executable))


def check_safetensors(args):
    values = e2e.read_json(args.inputs)
    run = e2e.find_tool("hopfield-run", args.tool_dir)
    reference = os.path.join(args.work, "out-json.json")
    e2e.run_command([run, args.artifact, "--inputs", args.inputs,
                     "--outputs", reference], "hopfield-run (JSON inputs)")
    expected = e2e.read_json(reference)
    for dtype, name in ((torch.float32, "F32"), (torch.float64, "F64")):
        tensors = {k: torch.tensor(v["data"], dtype=dtype).reshape(v["shape"])
                   for k, v in values.items()}
        path = os.path.join(args.work, "inputs-%s.safetensors" % name)
        written = hx.write_safetensors(path, tensors, metadata={"note": "x"})
        back = hx.read_safetensors(path)
        for k, t in tensors.items():
            if (written[k] != (name, list(t.shape)) or
                    back[k]["data"] != t.reshape(-1).tolist()):
                raise e2e.E2EError("%s: '%s' does not read back" % (path, k))
        with open(path, "rb") as f:
            length = int.from_bytes(f.read(8), "little")
        out = os.path.join(args.work, "out-%s.json" % name)
        e2e.run_command([run, args.artifact, "--inputs", path, "--outputs",
                         out], "hopfield-run (%s safetensors inputs)" % name)
        same = e2e.read_json(out) == expected
        print("%s: %d tensors, header %d bytes (multiple of 8: %s), "
              "hopfield-run output identical to JSON inputs: %s" % (
                  name, len(tensors), length, length % 8 == 0,
                  "yes" if same else "no"))
        if not same:
            return 1
    return 0


def check_errors(args):
    x = {"x": {"shape": [None, 4, 8], "dtype": "float32"}}
    w = {"pooling_weights": torch.zeros(1, 1, 8)}
    path = os.path.join(args.work, "m.json")
    cases = [
        ("unknown op", lambda: hx.export_model(path, "Attention", {}, w, x)),
        ("integer tensor", lambda: hx.export_model(
            path, "HopfieldPooling", {}, {"t": torch.zeros(2, dtype=torch.int64)},
            x)),
        ("NaN", lambda: hx.export_model(
            path, "HopfieldPooling", {}, {"t": torch.tensor([float("nan")])},
            x)),
        ("not a tensor", lambda: hx.export_model(
            path, "HopfieldPooling", {}, {"t": [1.0, 2.0]}, x)),
        ("module in config", lambda: hx.export_model(
            path, "HopfieldPooling", {"input_size": torch.nn.Linear(2, 2)},
            w, x)),
        ("infinite config", lambda: hx.export_model(
            path, "HopfieldPooling", {"scaling": float("inf")}, w, x)),
        ("bad input spec", lambda: hx.export_model(
            path, "HopfieldPooling", {}, w, {"x": {"shape": [2, 3]}})),
        ("bad input dtype", lambda: hx.export_model(
            path, "HopfieldPooling", {}, w,
            {"x": {"shape": [2], "dtype": "int8"}})),
        ("role of no input", lambda: hx.export_model(
            path, "HopfieldPooling", {}, w, x, node_inputs={"input": "y"})),
        ("not an hflayers module", lambda: hx.export_module(
            path, torch.nn.Linear(2, 2), {}, x)),
    ]
    failures = 0
    for what, call in cases:
        try:
            call()
            print("%s: no error" % what)
            failures += 1
        except hx.ExportError as e:
            print("%s: %s" % (what, e))
    if os.path.exists(path):
        print("a failed export left %s behind" % path)
        failures += 1
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="check", required=True)
    p = sub.add_parser("safetensors")
    p.add_argument("work")
    p.add_argument("artifact")
    p.add_argument("inputs")
    e2e.add_tool_dir_option(p)
    p = sub.add_parser("errors")
    p.add_argument("work")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    return (check_safetensors if args.check == "safetensors"
            else check_errors)(args)


if __name__ == "__main__":
    e2e.main_guard(main)
