#!/usr/bin/env python3
"""Prints passed / failed / skipped counts from JUnit XML files (lit, CTest).

Exits non-zero when a file is missing or any test failed, so that a suite
that did not run cannot look like a pass.
"""
import sys
import xml.etree.ElementTree as ET


def count(path):
    passed = failed = skipped = 0
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None or case.get("status") in ("notrun", "disabled"):
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main(paths):
    total = [0, 0, 0]
    ok = True
    print("== summary ==")
    for path in paths:
        try:
            p, f, s = count(path)
        except (OSError, ET.ParseError) as err:
            print(f"{path}: no results ({err})")
            ok = False
            continue
        print(f"{path}: {p} passed, {f} failed, {s} skipped")
        total = [total[0] + p, total[1] + f, total[2] + s]
    print(f"TOTAL: {total[0]} passed, {total[1]} failed, {total[2]} skipped")
    return 0 if ok and total[1] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
