#!/usr/bin/env python3
"""Writes a .safetensors file for the frontend tests (standard library only).

  write_safetensors.py OUT TENSORS [--header-length N] [--raw-header TEXT]
                                   [--truncate N]

TENSORS is JSON: {"key": ["F32", [shape...], [values...]], ...}, written in
key order with consecutive data offsets; a value may be a string that
Python's float() reads ("inf", "nan"). --header-length overrides the
8-byte length field, --raw-header replaces the JSON header text, --truncate
keeps only the first N bytes: each makes a broken file on purpose.
"""

import argparse
import json
import struct

FORMATS = {"F16": "e", "F32": "f", "F64": "d", "I64": "q", "U8": "B",
           "BOOL": "?", "I32": "i"}


def encode(dtype, values):
    values = [float(v) if isinstance(v, str) else v for v in values]
    if dtype == "BF16":
        # The upper half of the float32 bits (exact for the values used).
        return b"".join(struct.pack("<f", v)[2:] for v in values)
    fmt = FORMATS[dtype]
    if dtype == "BOOL":
        values = [bool(v) for v in values]
    return struct.pack("<%d%s" % (len(values), fmt), *values)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("tensors")
    parser.add_argument("--header-length", type=int)
    parser.add_argument("--raw-header")
    parser.add_argument("--truncate", type=int)
    args = parser.parse_args()

    header, blobs, offset = {}, [], 0
    for key, (dtype, shape, values) in sorted(json.loads(args.tensors).items()):
        blob = encode(dtype, values)
        header[key] = {"dtype": dtype, "shape": shape,
                       "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = (args.raw_header if args.raw_header is not None
            else json.dumps(header)).encode()
    length = args.header_length if args.header_length is not None else len(text)
    data = struct.pack("<Q", length) + text + b"".join(blobs)
    if args.truncate is not None:
        data = data[:args.truncate]
    with open(args.out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
