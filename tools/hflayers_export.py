#!/usr/bin/env python3
"""Exports an hflayers layer (Hopfield, HopfieldPooling, HopfieldLayer, ...)
as a hopfield model description (format "hopfield-model/1", DESIGN.md §5,
docs/HflayersNodes.md) that `hopfield-compile` turns into an artifact.

The description has one node: `config` holds the layer's constructor
arguments, `weights` point to a `.safetensors` file written next to the
model that holds every `state_dict` tensor under its own name.

From Python, next to the training code:

    import hflayers_export as hx
    pool = HopfieldPooling(input_size=8, num_heads=2, quantity=1)
    ...  # train
    hx.export_module("pool.json", pool, dict(input_size=8, num_heads=2, quantity=1),
                     inputs={"x": {"shape": [None, 16, 8], "dtype": "float32"}},
                     node_inputs={"input": "x"})

or, without the module object, `export_model(path, "HopfieldPooling",
config, state_dict, inputs, ...)`. From the shell:

    hflayers_export.py -o pool.json --op HopfieldPooling \\
        --config '{"input_size": 8, "num_heads": 2}' --state-dict pool.pt \\
        --input x=?,16,8 --role input=x

This module needs only the Python standard library. Tensors may be torch
tensors (torch is imported only to convert them, never at import time),
NumPy arrays or the reference-case encoding {"shape", "dtype", "data"}.
float32 and float64 tensors are written as they are (F32, F64); float16 and
bfloat16 are widened to F32 (exactly). The safetensors file is written by
this module: an 8-byte little-endian header length, a JSON header
{name: {"dtype", "shape", "data_offsets"}} padded with spaces to a multiple
of 8 bytes, then the raw little-endian data.
"""

import argparse
import json
import math
import os
import struct
import sys

__all__ = [
    "HFLAYERS_OPS", "NODE_OPS", "ExportError", "ModelWriter", "export_model",
    "export_module", "write_safetensors", "read_safetensors", "to_json_value",
]

#: The hflayers classes a model description accepts as `op`
#: (docs/HflayersNodes.md).
HFLAYERS_OPS = ("Hopfield", "HopfieldPooling", "HopfieldLayer",
                "HopfieldEncoderLayer", "HopfieldDecoderLayer")

#: The other ops of a model description (DESIGN.md §5), for heads around
#: the hflayers layers; config and weights use torch's names.
NODE_OPS = ("Linear", "LayerNorm", "GELU", "Add", "ResidualMix",
            "ModernHopfieldAttention")

#: Dtypes of model inputs (DESIGN.md §5).
INPUT_DTYPES = ("float32", "float64", "float16", "bfloat16", "bool", "uint8",
                "int64")

#: safetensors dtype -> (struct format, bytes per element).
_ST_FORMATS = {"F32": ("f", 4), "F64": ("d", 8)}

#: Source dtype name (torch or NumPy spelling, without prefix) -> the
#: safetensors dtype written.
_DTYPE_MAP = {"float32": "F32", "float": "F32", "float64": "F64",
              "double": "F64", "float16": "F32", "half": "F32",
              "bfloat16": "F32"}


class ExportError(Exception):
    """A value that cannot be exported; the message names it."""


# ---------------------------------------------------------------------------
# Tensors
# ---------------------------------------------------------------------------

def _is_torch_tensor(x):
    return type(x).__module__.split(".")[0] == "torch" and hasattr(x, "detach")


def _is_numpy_array(x):
    return type(x).__module__.split(".")[0] == "numpy" and hasattr(x, "tobytes")


def _tensor_bytes(name, value):
    """(safetensors dtype, shape, little-endian bytes) of one tensor."""
    if _is_torch_tensor(value):
        import torch  # only here: converting a torch tensor needs torch
        t = value.detach().cpu().contiguous()
        dtype = str(t.dtype).replace("torch.", "")
        st = _DTYPE_MAP.get(dtype)
        if st is None:
            raise ExportError("tensor '%s' has dtype %s; only floating-point "
                              "tensors can be exported" % (name, t.dtype))
        t = t.to(torch.float64 if st == "F64" else torch.float32)
        if not bool(torch.isfinite(t).all()):
            raise ExportError("tensor '%s' holds a NaN or infinity" % name)
        shape = list(t.shape)
        try:
            data = t.numpy().astype("<f8" if st == "F64" else "<f4").tobytes()
        except (ImportError, RuntimeError):  # torch without NumPy: slower
            flat = t.reshape(-1).tolist()
            data = struct.pack("<%d%s" % (len(flat), _ST_FORMATS[st][0]),
                               *flat)
        return st, shape, data
    if _is_numpy_array(value):
        dtype = value.dtype.name
        st = _DTYPE_MAP.get(dtype)
        if st is None:
            raise ExportError("array '%s' has dtype %s; only floating-point "
                              "arrays can be exported" % (name, dtype))
        data = value.astype("<f8" if st == "F64" else "<f4", order="C")
        if not all(math.isfinite(v) for v in data.reshape(-1).tolist()):
            raise ExportError("array '%s' holds a NaN or infinity" % name)
        return st, list(value.shape), data.tobytes()
    if isinstance(value, dict) and {"shape", "data"} <= set(value):
        dtype = value.get("dtype", "float32")
        st = _DTYPE_MAP.get(dtype)
        if st is None:
            raise ExportError("tensor '%s' has dtype %s; only floating-point "
                              "tensors can be exported" % (name, dtype))
        shape = [int(d) for d in value["shape"]]
        flat = [float(v) for v in value["data"]]
        if not all(math.isfinite(v) for v in flat):
            raise ExportError("tensor '%s' holds a NaN or infinity" % name)
        if len(flat) != math.prod(shape):
            raise ExportError("tensor '%s' has %d values, its shape %s needs "
                              "%d" % (name, len(flat), shape,
                                      math.prod(shape)))
        return st, shape, struct.pack("<%d%s" % (len(flat),
                                                 _ST_FORMATS[st][0]), *flat)
    raise ExportError("tensor '%s' is a %s; expected a torch tensor, a NumPy "
                      "array or {\"shape\", \"dtype\", \"data\"}" % (
                          name, type(value).__name__))


def write_safetensors(path, tensors, metadata=None):
    """Writes {name: tensor} to `path` in the safetensors format, in name
    order, and returns {name: (safetensors dtype, shape)}."""
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        if not isinstance(name, str) or not name:
            raise ExportError("tensor names must be non-empty strings, not "
                              "%r" % (name,))
        st, shape, data = _tensor_bytes(name, tensors[name])
        header[name] = {"dtype": st, "shape": shape,
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # the data starts 8-byte aligned
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
    return {k: (v["dtype"], v["shape"]) for k, v in header.items()
            if k != "__metadata__"}


def read_safetensors(path):
    """Reads an F32/F64 safetensors file as {name: {"shape", "dtype",
    "data"}} (the reference-case encoding; "__metadata__" is skipped)."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise ExportError("%s: too short for a safetensors file" % path)
    (length,) = struct.unpack("<Q", raw[:8])
    if length > len(raw) - 8:
        raise ExportError("%s: header length %d exceeds the file" % (path,
                                                                     length))
    header = json.loads(raw[8:8 + length].decode("utf-8"))
    data = raw[8 + length:]
    out = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        st = entry["dtype"]
        if st not in _ST_FORMATS:
            raise ExportError("%s: tensor '%s' has dtype %s (this reader "
                              "knows F32 and F64)" % (path, name, st))
        fmt, size = _ST_FORMATS[st]
        begin, end = entry["data_offsets"]
        count = math.prod(entry["shape"])
        if end - begin != count * size or end > len(data):
            raise ExportError("%s: tensor '%s' has bad data_offsets" % (path,
                                                                        name))
        out[name] = {"shape": list(entry["shape"]),
                     "dtype": "float32" if st == "F32" else "float64",
                     "data": list(struct.unpack("<%d%s" % (count, fmt),
                                                data[begin:end]))}
    return out


# ---------------------------------------------------------------------------
# Config values
# ---------------------------------------------------------------------------

def to_json_value(value, where="config"):
    """A constructor argument as JSON: None, bools, numbers, strings, lists
    and dicts as they are; tuples as lists; torch tensors and NumPy arrays
    (per-head `scaling`, `update_steps_max`, ...) as numbers or lists."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError("%s is %r; a model description holds finite "
                              "numbers only" % (where, value))
        return value
    if _is_torch_tensor(value) or _is_numpy_array(value):
        if _is_torch_tensor(value):
            value = value.detach().cpu()
        return to_json_value(value.tolist(), where)
    if type(value).__module__.split(".")[0] == "numpy" and hasattr(value,
                                                                   "item"):
        return to_json_value(value.item(), where)  # a NumPy scalar
    if isinstance(value, (list, tuple)):
        return [to_json_value(v, "%s[%d]" % (where, i))
                for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {str(k): to_json_value(v, "%s.%s" % (where, k))
                for k, v in value.items()}
    raise ExportError("%s is a %s, which a model description cannot hold "
                      "(pass the constructor arguments, not modules)" % (
                          where, type(value).__name__))


def _check_inputs(inputs):
    if not isinstance(inputs, dict) or not inputs:
        raise ExportError("inputs must be a non-empty dict name -> "
                          "{\"shape\", \"dtype\"}")
    out = {}
    for name, spec in inputs.items():
        if not isinstance(spec, dict) or set(spec) != {"shape", "dtype"}:
            raise ExportError("input '%s' must be {\"shape\": [...], "
                              "\"dtype\": ...}, not %r" % (name, spec))
        shape = []
        for d in spec["shape"]:
            if d is not None and (isinstance(d, bool) or not isinstance(d, int)
                                  or d < 0):
                raise ExportError("input '%s': dimension %r must be a "
                                  "non-negative integer or None" % (name, d))
            shape.append(d)
        if spec["dtype"] not in INPUT_DTYPES:
            raise ExportError("input '%s': dtype %r is not one of %s" % (
                name, spec["dtype"], ", ".join(INPUT_DTYPES)))
        out[str(name)] = {"shape": shape, "dtype": spec["dtype"]}
    return out


# ---------------------------------------------------------------------------
# Model descriptions
# ---------------------------------------------------------------------------

def _format_json(value, indent=""):
    """JSON with one key per line; short objects and lists of scalars on
    one line."""
    inner = indent + "  "
    flat = json.dumps(value)
    if isinstance(value, dict) and len(flat) <= 96 and not any(
            isinstance(v, dict) for v in value.values()):
        return flat
    if isinstance(value, dict) and value:
        items = ["%s%s: %s" % (inner, json.dumps(k), _format_json(v, inner))
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list))
                                       for v in value):
        items = [inner + _format_json(v, inner) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return flat


def _torch_config(module):
    """The constructor arguments of a torch.nn.Linear or LayerNorm."""
    op = type(module).__name__
    if op == "Linear":
        return {"in_features": module.in_features,
                "out_features": module.out_features,
                "bias": module.bias is not None}
    if op == "LayerNorm":
        return {"normalized_shape": list(module.normalized_shape),
                "eps": module.eps,
                "elementwise_affine": module.elementwise_affine}
    raise ExportError("pass the constructor arguments of the %s" % op)


class ModelWriter:
    """A model description of one or more nodes whose weights go to one
    .safetensors file next to it:

        m = ModelWriter({"x": {"shape": [None, 16, 8], "dtype": "float32"}},
                        name="bags")
        m.add_module("pool", pool, pool_kwargs, inputs={"input": "x"})
        m.add_module("head", linear, inputs={"input": "pool"})
        m.add_output("logit", "head")
        m.save("bags.json")        # also writes bags.safetensors

    Weight keys in the file are "<node>.<state_dict name>" (as in the
    state_dict of a torch module holding the nodes as children), or the
    plain state_dict names with key_prefix=""."""

    def __init__(self, inputs, name=None):
        self.inputs = _check_inputs(inputs)
        self.name = name
        self.nodes, self.outputs, self.tensors = [], {}, {}

    def _values(self):
        values = set(self.inputs)
        for node in self.nodes:
            values.add(node["name"])
        return values

    def add_node(self, name, op, config, state_dict, inputs=None,
                 key_prefix=None):
        """Adds node `name` computing `op` (an hflayers class, or one of
        NODE_OPS) with constructor arguments `config` and the tensors of
        `state_dict`; `inputs` maps its roles to model inputs or earlier
        nodes (default: every model input is the role of its own name)."""
        if op not in HFLAYERS_OPS + NODE_OPS:
            raise ExportError("op '%s' is not an hflayers layer (%s) or a "
                              "node op (%s)" % (op, ", ".join(HFLAYERS_OPS),
                                                ", ".join(NODE_OPS)))
        if not isinstance(name, str) or not name or ":" in name:
            raise ExportError("node name %r must be a non-empty string "
                              "without ':'" % (name,))
        known = self._values()
        if name in known:
            raise ExportError("node name '%s' is already used" % name)
        if not hasattr(state_dict, "keys"):
            raise ExportError("node '%s': state_dict must be a mapping name "
                              "-> tensor" % name)
        if inputs is None:
            inputs = {k: k for k in self.inputs}
        for role, value in inputs.items():
            if value.split(":")[0] not in known:
                raise ExportError("node '%s': role '%s' reads '%s', which is "
                                  "not an input or earlier node (have %s)" % (
                                      name, role, value,
                                      ", ".join(sorted(known))))
        prefix = name + "." if key_prefix is None else key_prefix
        weights = {}
        for key in state_dict.keys():
            if prefix + key in self.tensors:
                raise ExportError("weight key '%s' is used twice" % (
                    prefix + key))
            self.tensors[prefix + key] = state_dict[key]
            weights[key] = prefix + key
        self.nodes.append({
            "name": name, "op": op, "inputs": dict(inputs),
            "config": to_json_value(dict(config or {}),
                                    "node '%s' config" % name),
            "weights": weights})
        return self

    def add_module(self, name, module, constructor_kwargs=None, inputs=None,
                   key_prefix=None):
        """add_node() for a module: the op is its class name, the weights
        its state_dict(); torch.nn.Linear and LayerNorm need no
        constructor_kwargs (hflayers modules do: they keep no copy)."""
        op = type(module).__name__
        if constructor_kwargs is None:
            constructor_kwargs = _torch_config(module)
        if getattr(module, "training", False) and op in HFLAYERS_OPS:
            print("hflayers_export: note: '%s' is in training mode; the "
                  "compiled model computes eval mode (no dropout)" % name,
                  file=sys.stderr)
        return self.add_node(name, op, constructor_kwargs,
                             module.state_dict(), inputs, key_prefix)

    def add_output(self, name, value):
        """Model output `name` = `value` (a node, "node:association", ...)."""
        if value.split(":")[0] not in self._values():
            raise ExportError("output '%s' reads '%s', which is not an input "
                              "or node" % (name, value))
        self.outputs[name] = value
        return self

    def description(self, weights_file):
        """The model description (a dict), weights in `weights_file`."""
        if not self.nodes:
            raise ExportError("the model has no nodes")
        outputs = self.outputs or {"output": self.nodes[-1]["name"]}
        nodes = []
        for node in self.nodes:
            node = dict(node)
            node["weights"] = {k: {"file": weights_file, "key": key}
                               for k, key in sorted(node["weights"].items())}
            nodes.append(node)
        return {"format": "hopfield-model/1",
                "name": self.name or self.nodes[0]["name"],
                "inputs": self.inputs, "nodes": nodes, "outputs": outputs}

    def save(self, path, weights_file=None):
        """Writes the description `path` and the weights file (default: the
        description's name with .safetensors, in the same folder; a
        relative path). Returns the description (a dict)."""
        stem = os.path.splitext(os.path.basename(path))[0]
        if self.name is None:
            self.name = stem
        if weights_file is None:
            weights_file = stem + ".safetensors"
        if os.path.isabs(weights_file):
            raise ExportError("weights_file '%s' must be relative to the "
                              "model's folder" % weights_file)
        model = self.description(weights_file)
        folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(folder, exist_ok=True)
        if self.tensors:  # a layer in static execution has no weights
            write_safetensors(
                os.path.join(folder, weights_file), self.tensors,
                metadata={"format": "pt", "model": model["name"],
                          "producer": "tools/hflayers_export.py"})
        with open(path, "w") as f:
            f.write(_format_json(model) + "\n")
        return model


def export_model(path, op, config, state_dict, inputs, node_inputs=None,
                 name=None, weights_file=None, node_name="layer",
                 outputs=None, association=False):
    """Writes the model description `path` (JSON) of one hflayers layer and
    its weights file; returns the description (a dict).

    op           "Hopfield", "HopfieldPooling", "HopfieldLayer",
                 "HopfieldEncoderLayer" or "HopfieldDecoderLayer".
    config       the constructor arguments, by name (omitted ones take
                 hflayers' defaults); tensors become numbers or lists.
    state_dict   {name: tensor}, e.g. module.state_dict(): every tensor is
                 written to the weights file under its own name.
    inputs       {input name: {"shape": [None, 16, 8], "dtype": "float32"}}
                 (None: chosen at run time).
    node_inputs  {role: input name}, roles being the forward argument names
                 (input, stored_pattern, state_pattern, pattern_projection,
                 stored_pattern_padding_mask, association_mask, src, ...);
                 default: each input is the role of its own name.
    name         the model name (default: the file name without .json).
    weights_file the safetensors file, relative to the model's folder
                 (default: the model's file name with .safetensors).
    node_name    the node's name ("layer").
    outputs      {output name: value}; default {"output": node_name}, plus
                 "association": node_name + ":association" if `association`.
    """
    if op not in HFLAYERS_OPS:
        raise ExportError("op '%s' is not an hflayers layer (expected one of "
                          "%s)" % (op, ", ".join(HFLAYERS_OPS)))
    writer = ModelWriter(inputs, name=name)
    writer.add_node(node_name, op, config, state_dict, node_inputs,
                    key_prefix="")
    for out, value in (outputs or {}).items():
        writer.add_output(out, value)
    if not outputs:
        writer.add_output("output", node_name)
        if association:
            writer.add_output("association", node_name + ":association")
    return writer.save(path, weights_file)


def export_module(path, module, constructor_kwargs, inputs, node_inputs=None,
                  **options):
    """export_model() for an hflayers module instance: the op is the
    module's class name, the state_dict `module.state_dict()`, the config
    the keyword arguments it was constructed with (hflayers keeps no copy
    of them). Other keyword arguments as for export_model()."""
    op = type(module).__name__
    if op not in HFLAYERS_OPS:
        raise ExportError("module is a %s, not an hflayers layer (%s)" % (
            op, ", ".join(HFLAYERS_OPS)))
    if getattr(module, "training", False):
        print("hflayers_export: note: the module is in training mode; the "
              "compiled model computes eval mode (no dropout)",
              file=sys.stderr)
    return export_model(path, op, constructor_kwargs, module.state_dict(),
                        inputs, node_inputs=node_inputs, **options)


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------

def _parse_input(text):
    """NAME=D0,D1,...[:DTYPE]; a dimension that is not a number (?, B, N)
    is chosen at run time."""
    if "=" not in text:
        raise ExportError("--input '%s': expected NAME=D0,D1,...[:DTYPE]" %
                          text)
    name, rest = text.split("=", 1)
    dims, _, dtype = rest.partition(":")
    shape = [int(d) if d.strip().isdigit() else None
             for d in dims.split(",") if d.strip()]
    return name, {"shape": shape, "dtype": dtype or "float32"}


def _load_json_arg(text):
    if text.lstrip().startswith("{"):
        return json.loads(text)
    with open(text) as f:
        return json.load(f)


def _load_state_dict(path):
    if path.endswith(".safetensors"):
        return read_safetensors(path)
    if path.endswith(".json"):
        with open(path) as f:
            value = json.load(f)
        return value.get("state_dict", value)
    import torch  # a torch checkpoint: needs torch
    value = torch.load(path, map_location="cpu")
    if hasattr(value, "state_dict") and callable(value.state_dict):
        value = value.state_dict()
    elif isinstance(value, dict) and isinstance(value.get("state_dict"), dict):
        value = value["state_dict"]
    return value


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Write a hopfield model description (and its "
        ".safetensors weights) for one hflayers layer.")
    parser.add_argument("-o", "--output", required=True,
                        help="model description to write (MODEL.json)")
    parser.add_argument("--op", required=True, choices=HFLAYERS_OPS)
    parser.add_argument("--config", default="{}",
                        help="constructor arguments: JSON text or a JSON file")
    parser.add_argument("--state-dict", required=True,
                        help="torch checkpoint (.pt/.pth: a state_dict, a "
                        "module or {'state_dict': ...}), .safetensors, or "
                        "JSON {name: {shape, dtype, data}}")
    parser.add_argument("--input", action="append", required=True,
                        metavar="NAME=D0,D1,...[:DTYPE]",
                        help="a model input; non-numeric dimensions are "
                        "chosen at run time; dtype default float32")
    parser.add_argument("--role", action="append", default=[],
                        metavar="ROLE=INPUT",
                        help="node input role -> model input (default: each "
                        "input is the role of its own name)")
    parser.add_argument("--name", help="model name (default: file stem)")
    parser.add_argument("--weights-file",
                        help="safetensors file name, relative to the model")
    parser.add_argument("--node-name", default="layer")
    parser.add_argument("--association", action="store_true",
                        help="also output NODE:association")
    args = parser.parse_args(argv)
    try:
        inputs = dict(_parse_input(t) for t in args.input)
        roles = None
        if args.role:
            roles = {}
            for text in args.role:
                role, sep, value = text.partition("=")
                if not sep:
                    raise ExportError("--role '%s': expected ROLE=INPUT" %
                                      text)
                roles[role] = value
        model = export_model(args.output, args.op,
                             _load_json_arg(args.config),
                             _load_state_dict(args.state_dict), inputs,
                             node_inputs=roles, name=args.name,
                             weights_file=args.weights_file,
                             node_name=args.node_name,
                             association=args.association)
    except (ExportError, OSError, ValueError) as e:
        print("hflayers_export: error: %s" % e, file=sys.stderr)
        return 1
    weights = model["nodes"][0]["weights"]
    print("wrote %s (%s, %d weights in %s)" % (
        args.output, args.op, len(weights),
        next(iter(weights.values()))["file"] if weights else "no file"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
