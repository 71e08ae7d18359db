"""Helpers shared by the CPU end-to-end drivers (standard library only).

Tensors use the reference-case encoding {"shape", "dtype", "data"} with flat,
row-major data. The tools are `hopfield-compile`, `hopfield-run` and the
float64 reference `hopfield-reference`, found in --tool-dir or on PATH.
"""

import array
import concurrent.futures
import json
import math
import os
import shutil
import struct
import subprocess
import sys

#: Relative norm-wise error bounds per precision (SPEC.md section 9.7; bf16
#: and f16, the cuda target's tensor-core operands, from issue 5).
TOLERANCE = {"f64": 1e-9, "f32": 1e-4, "bf16": 1e-2, "f16": 1e-2}

#: The dtype name of float tensors per precision (bf16/f16 models keep
#: float32 tensors).
FLOAT_DTYPE = {"f64": "float64", "f32": "float32", "bf16": "float32",
               "f16": "float32"}


class E2EError(Exception):
    """A failed check or tool run; the message says what and where."""


def find_tool(name, tool_dirs=None):
    """Path of tool `name` in the first of `tool_dirs` that has it, or on
    PATH when tool_dirs is empty."""
    for tool_dir in tool_dirs or []:
        path = os.path.join(tool_dir, name)
        if os.access(path, os.X_OK):
            return path
    if tool_dirs:
        raise E2EError("tool '%s' not found in %s" % (
            name, ", ".join(tool_dirs)))
    path = shutil.which(name)
    if not path:
        raise E2EError("tool '%s' not found on PATH (use --tool-dir)" % name)
    return path


#: Seconds one tool run may take before it counts as a failure.
COMMAND_TIMEOUT = 300


def run_command(cmd, what):
    """Runs `cmd`; raises E2EError with its output when it fails or takes
    longer than COMMAND_TIMEOUT seconds."""
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True,
                              timeout=COMMAND_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise E2EError("%s did not finish in %d s: %s" % (
            what, COMMAND_TIMEOUT, " ".join(cmd)))
    if proc.returncode != 0:
        raise E2EError("%s failed (exit %d): %s\n%s%s" % (
            what, proc.returncode, " ".join(cmd), proc.stdout, proc.stderr))
    return proc.stdout


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f)


def read_json(path):
    with open(path) as f:
        return json.load(f)


# safetensors (weights and inputs too large for JSON).

SAFETENSORS_DTYPE = {"float32": ("F32", "f"), "float64": ("F64", "d")}


def write_safetensors(path, tensors):
    """Writes {name: (shape, dtype name, flat data)} as .safetensors (data
    a sequence of numbers or an array.array of the dtype)."""
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        shape, dtype, data = tensors[name]
        code, fmt = SAFETENSORS_DTYPE[dtype]
        if (isinstance(data, array.array) and data.typecode == fmt and
                sys.byteorder == "little"):
            blob = data.tobytes()
        else:
            blob = struct.pack("<%d%s" % (len(data), fmt), *data)
        header[name] = {"dtype": code, "shape": list(shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def to_f32(x):
    """`x` rounded to the nearest float32 value."""
    return struct.unpack("f", struct.pack("f", x))[0]


def tensor(shape, data, dtype):
    return {"shape": list(shape), "dtype": dtype, "data": list(data)}


def compile_artifact(model_path, precision, work_dir, tool_dirs, tag="",
                     tile_sizes=None, extra_args=()):
    """Compiles `model_path` at `precision` (with `tile_sizes`, "b,h,l,s",
    when given, and `extra_args`, e.g. --target cuda); returns the
    artifact's path."""
    artifact = artifact_path(work_dir, precision, tag)
    command = [find_tool("hopfield-compile", tool_dirs), model_path, "-o",
               artifact, "--precision", precision]
    if tile_sizes:
        command += ["--tile-sizes", tile_sizes]
    command += list(extra_args)
    run_command(command, "hopfield-compile")
    return artifact


def compile_and_run(model_path, inputs_path, precision, work_dir, tool_dirs,
                    tag="", tile_sizes=None, extra_args=()):
    """compile_artifact, then runs the artifact on `inputs_path`; returns
    the outputs object."""
    artifact = compile_artifact(model_path, precision, work_dir, tool_dirs,
                                tag, tile_sizes, extra_args)
    return run_artifact(artifact, inputs_path, precision, work_dir,
                        tool_dirs, tag)


def artifact_path(work_dir, precision, tag=""):
    """Where compile_artifact puts the artifact of `precision`."""
    return os.path.join(work_dir, "model%s-%s.so" % (tag, precision))


def run_artifact(artifact, inputs_path, precision, work_dir, tool_dirs,
                 tag=""):
    """Runs a compiled artifact on `inputs_path`; returns the outputs
    object."""
    if not os.path.isfile(artifact):
        raise E2EError("no artifact %s (compile it first)" % artifact)
    outputs = os.path.join(work_dir, "out%s-%s.json" % (tag, precision))
    run_command([find_tool("hopfield-run", tool_dirs), artifact, "--inputs",
                 inputs_path, "--outputs", outputs], "hopfield-run")
    return read_json(outputs)


def run_reference(model_path, inputs_path, work_dir, tool_dirs, tag=""):
    """Runs hopfield-reference and returns the outputs object."""
    outputs = os.path.join(work_dir, "ref%s.json" % tag)
    run_command([find_tool("hopfield-reference", tool_dirs), model_path,
                 "--inputs", inputs_path, "--outputs", outputs],
                "hopfield-reference")
    return read_json(outputs)


def relative_error(actual, expected, what):
    """||actual - expected|| / ||expected|| (absolute when ||expected|| = 0).

    Both are encoded tensors; a shape mismatch or a non-finite value raises.
    """
    if list(actual["shape"]) != list(expected["shape"]):
        raise E2EError("%s: shape %s, expected %s" % (
            what, actual["shape"], expected["shape"]))
    diff = norm = 0.0
    for a, e in zip(actual["data"], expected["data"]):
        if not math.isfinite(a):
            raise E2EError("%s: non-finite value %r" % (what, a))
        diff += (a - e) ** 2
        norm += e * e
    return math.sqrt(diff) / math.sqrt(norm) if norm > 0 else math.sqrt(diff)


def steps_of(outputs, node, what):
    """The per-head steps list of `node` in an outputs object."""
    key = node + ":steps"
    if key not in outputs:
        raise E2EError("%s: no '%s' output (have %s)" % (
            what, key, ", ".join(sorted(outputs))))
    return [int(v) for v in outputs[key]["data"]]


def run_cases(paths, run_one, errors=(E2EError,)):
    """Runs `run_one(path)` for every case, printing `PASS <summary>` or
    `FAIL <path>: <error>` and a closing count; returns the exit status."""
    failures = 0
    for path in paths:
        try:
            print("PASS " + run_one(path))
        except errors as e:
            failures += 1
            print("FAIL %s: %s" % (path, e))
        sys.stdout.flush()
    if failures:
        print("%d of %d cases failed" % (failures, len(paths)))
        return 1
    print("all %d cases passed" % len(paths))
    return 0


def check_in_parallel(items, check, jobs):
    """Runs `check(item)` -> (passed, line) on `jobs` threads, printing each
    line in order of `items`; returns the number that failed."""
    failures = 0
    with concurrent.futures.ThreadPoolExecutor(max(1, jobs)) as pool:
        for passed, line in pool.map(check, items):
            failures += not passed
            print(line)
            sys.stdout.flush()
    return failures


def main_guard(main):
    """Runs main(); turns E2EError into a message and exit status 1."""
    try:
        sys.exit(main())
    except E2EError as e:
        print("FAIL: %s" % e, file=sys.stderr)
        sys.exit(1)


def add_tool_dir_option(parser):
    """--tool-dir DIR, repeatable: where to look for the tools."""
    parser.add_argument("--tool-dir", action="append", dest="tool_dir",
                        help="directory of the hopfield tools; repeat to "
                        "search several (default: PATH)")
