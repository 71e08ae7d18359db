#!/usr/bin/env python3
"""Assembles every kernel module of `hopfield-compile --emit ptx` output.

The PTX file holds one module per kernel, each after a line
"// kernel module NAME". Each is written to its own file and given to
ptxas -v for the architecture; prints "N kernel modules assembled for
ARCH, spill stores/loads S/L bytes" (the totals of ptxas's resource report)
or the first ptxas error, and exits non-zero on any failure. With
--report NAME it also prints "NAME: R registers, spill stores/loads S/L
bytes" for the module of that name.

  check_ptx.py KERNELS.ptx --ptxas PATH --arch sm_90 --work-dir DIR
"""

import argparse
import os
import re
import subprocess
import sys

SPILLS = re.compile(r"(\d+) bytes spill stores, (\d+) bytes spill loads")
REGISTERS = re.compile(r"Used (\d+) registers")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ptx")
    parser.add_argument("--ptxas", required=True)
    parser.add_argument("--arch", required=True)
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--report", help="a kernel module to report on")
    args = parser.parse_args()
    with open(args.ptx) as f:
        modules = f.read().split("// kernel module ")[1:]
    if not modules:
        print("no kernel modules in %s" % args.ptx)
        return 1
    os.makedirs(args.work_dir, exist_ok=True)
    stores = loads = 0
    for module in modules:
        name, text = module.split("\n", 1)
        path = os.path.join(args.work_dir, name + ".ptx")
        with open(path, "w") as f:
            f.write(text)
        proc = subprocess.run([args.ptxas, "-v", "-arch=" + args.arch, path,
                               "-o", os.devnull], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT,
                              universal_newlines=True)
        if proc.returncode != 0:
            print("ptxas rejected %s (exit %d):\n%s" % (name, proc.returncode,
                                                      proc.stdout))
            return 1
        report = SPILLS.findall(proc.stdout)
        if not report:
            print("no spill report from ptxas -v for %s:\n%s" % (
                name, proc.stdout))
            return 1
        for store, load in report:
            stores += int(store)
            loads += int(load)
        if name.strip() == args.report:
            registers = REGISTERS.search(proc.stdout)
            print("%s: %s registers, spill stores/loads %s/%s bytes" % (
                name.strip(), registers.group(1) if registers else "?",
                report[0][0], report[0][1]))
    print("%d kernel modules assembled for %s, spill stores/loads %d/%d "
          "bytes" % (len(modules), args.arch, stores, loads))
    return 0


if __name__ == "__main__":
    sys.exit(main())
