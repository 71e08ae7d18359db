"""Execution check of the association result of hopfield.associate.

`gen` writes an MLIR module whose @main runs hopfield.associate on fixed
pseudo-random inputs and prints the output, the association matrix and the
steps; `check` reads what mlir-runner printed and compares it with a plain
Python float64 reference of SPEC 3.9 (softmax, masking, causal with
query_offset, the update iteration with the keys as values).

  association_exec.py gen CASE > case.mlir
  ... | association_exec.py check CASE
"""

import math
import random
import re
import sys

NEG_INF = -math.inf

# B, H, L, S, D, E, element type, max_steps (one, or one per head), mask
# shape or None, bias shape or None, causal, query_offset, head_beta, and
# eps (the stopping threshold; 1e-30 when absent: every step runs).
CASES = {
    "iterating": dict(B=2, H=2, L=3, S=5, D=4, E=3, type="f64", steps=2,
                      mask=[2, 1, 3, 5], bias=[1, 2, 1, 5], causal=True,
                      offset=2, head_beta=[1.5, 0.75], beta=2.0),
    "tiled": dict(B=1, H=2, L=70, S=300, D=8, E=4, type="f32", steps=1,
                  mask=[1, 1, 70, 300], bias=[1, 2, 1, 300], causal=True,
                  offset=5, head_beta=None, beta=0.5),
    "stopping": dict(B=2, H=2, L=3, S=5, D=4, E=3, type="f32", steps=[6, 2],
                     mask=None, bias=None, causal=False, offset=None,
                     head_beta=None, beta=2.0, eps=0.2),
    "single": dict(B=2, H=2, L=3, S=6, D=4, E=3, type="f32", steps=0,
                   mask=None, bias=[2, 2, 3, 6], causal=False, offset=None,
                   head_beta=None, beta=0.5),
}


def inputs(case):
    rnd = random.Random(7)
    c = CASES[case]

    def tensor(shape, draw):
        if not shape:
            return draw()
        return [tensor(shape[1:], draw) for _ in range(shape[0])]

    uniform = lambda: round(rnd.uniform(-1, 1), 3)
    data = {
        "q": tensor([c["B"], c["H"], c["L"], c["D"]], uniform),
        "k": tensor([c["B"], c["H"], c["S"], c["D"]], uniform),
        "v": tensor([c["B"], c["H"], c["S"], c["E"]], uniform),
    }
    if c["mask"]:
        data["mask"] = tensor(c["mask"], lambda: rnd.random() < 0.3)
        # Last batch, query 0: every key masked (a zero association row).
        for h in range(c["mask"][1]):
            data["mask"][-1][h][0] = [True] * c["mask"][3]
    if c["bias"]:
        data["bias"] = tensor(c["bias"], uniform)
    return data


def literal(value):
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def budgets(c):
    return c["steps"] if isinstance(c["steps"], list) else [c["steps"]]


def gen(case):
    c = CASES[case]
    t = c["type"]
    data = inputs(case)
    shape = lambda dims, elem=t: "tensor<%sx%s>" % ("x".join(map(str, dims)), elem)
    qt = shape([c["B"], c["H"], c["L"], c["D"]])
    kt = shape([c["B"], c["H"], c["S"], c["D"]])
    vt = shape([c["B"], c["H"], c["S"], c["E"]])
    ot = shape([c["B"], c["H"], c["L"], c["E"]])
    at = shape([c["B"], c["H"], c["L"], c["S"]])
    st = "tensor<%dxi64>" % c["H"]
    lines = ["func.func private @printMemrefF64(memref<*xf64>)",
             "func.func private @printMemrefF32(memref<*xf32>)",
             "func.func private @printMemrefI64(memref<*xi64>)",
             "func.func @main() {"]
    lines.append("  %%q = arith.constant dense<%s> : %s" % (literal(data["q"]), qt))
    lines.append("  %%k = arith.constant dense<%s> : %s" % (literal(data["k"]), kt))
    lines.append("  %%v = arith.constant dense<%s> : %s" % (literal(data["v"]), vt))
    extra = ""
    if c["head_beta"]:
        hbt = shape([c["H"]])
        lines.append("  %%hb = arith.constant dense<%s> : %s" % (literal(c["head_beta"]), hbt))
        extra += " head_beta(%%hb : %s)" % hbt
    if c["mask"]:
        mt = shape(c["mask"], "i1")
        lines.append("  %%m = arith.constant dense<%s> : %s" % (literal(data["mask"]), mt))
        extra += " mask(%%m : %s)" % mt
    if c["bias"]:
        bt = shape(c["bias"])
        lines.append("  %%b = arith.constant dense<%s> : %s" % (literal(data["bias"]), bt))
        extra += " bias(%%b : %s)" % bt
    if c["offset"] is not None:
        lines.append("  %%off = arith.constant %d : index" % c["offset"])
        extra += " query_offset(%off)"
    causal = " causal" if c["causal"] else ""
    steps = ", ".join(map(str, budgets(c)))
    lines.append("  %%o, %%xi, %%s = hopfield.associate %%q, %%k, %%v%s beta = %r "
                 "max_steps = [%s]%s {eps = array<f64: %e>} : %s, %s, %s -> %s "
                 "association %s steps %s"
                 % (extra, c["beta"], steps, causal, c.get("eps", 1e-30), qt,
                    kt, vt, ot, at, st))
    fn = "printMemrefF64" if t == "f64" else "printMemrefF32"
    for name, ty, elem, printer in [("o", ot, t, fn), ("xi", at, t, fn),
                                    ("s", st, "i64", "printMemrefI64")]:
        mem = ty.replace("tensor", "memref")
        lines.append("  %%%s_m = bufferization.to_buffer %%%s : %s to %s" % (name, name, ty, mem))
        lines.append("  %%%s_u = memref.cast %%%s_m : %s to memref<*x%s>" % (name, name, mem, elem))
        lines.append("  call @%s(%%%s_u) : (memref<*x%s>) -> ()" % (printer, name, elem))
    lines.append("  return")
    lines.append("}")
    print("\n".join(lines))


def reference(case):
    c = CASES[case]
    data = inputs(case)
    B, H, L, S = c["B"], c["H"], c["L"], c["S"]

    def at(tensor, dims, b, h, l, s):
        idx = [0 if n == 1 else i for n, i in zip(dims, (b, h, l, s))]
        return tensor[idx[0]][idx[1]][idx[2]][idx[3]]

    def softmax(b, h, state, beta):
        rows = []
        for l in range(L):
            scores = []
            for s in range(S):
                hidden = c["mask"] and at(data["mask"], c["mask"], b, h, l, s)
                if c["causal"] and s > l + (c["offset"] or 0):
                    hidden = True
                if hidden:
                    scores.append(NEG_INF)
                    continue
                x = beta * sum(a * k for a, k in zip(state[l], data["k"][b][h][s]))
                if c["bias"]:
                    x += at(data["bias"], c["bias"], b, h, l, s)
                scores.append(x)
            top = max(scores)
            if top == NEG_INF:
                rows.append([0.0] * S)
                continue
            e = [0.0 if x == NEG_INF else math.exp(x - top) for x in scores]
            total = sum(e)
            rows.append([x / total for x in e])
        return rows

    def times(xi, values):
        return [[sum(xi[l][s] * values[s][e] for s in range(S))
                 for e in range(len(values[0]))] for l in range(L)]

    def frobenius(x, y):
        return math.sqrt(sum((a - b) ** 2 for rx, ry in zip(x, y)
                             for a, b in zip(rx, ry)))

    # Per head, over the whole batch (SPEC 3.9): an update step while the
    # budget lasts and the largest change over the batch exceeds eps.
    eps = c.get("eps", 1e-30)
    out = [[None] * H for _ in range(B)]
    assoc = [[None] * H for _ in range(B)]
    steps = []
    for h in range(H):
        budget = budgets(c)[h % len(budgets(c))]
        beta = c["beta"] * (c["head_beta"][h] if c["head_beta"] else 1.0)
        xis = [softmax(b, h, data["q"][b][h], beta) for b in range(B)]
        updates = 0
        while updates < budget:
            nexts = [softmax(b, h, times(xis[b], data["k"][b][h]), beta)
                     for b in range(B)]
            change = max(frobenius(n, x) for n, x in zip(nexts, xis))
            xis, updates = nexts, updates + 1
            if change <= eps:
                break
        steps.append(updates + 1)
        for b in range(B):
            out[b][h] = [x for row in times(xis[b], data["v"][b][h]) for x in row]
            assoc[b][h] = [x for row in xis[b] for x in row]
    flat = lambda t: [x for b in range(B) for h in range(H) for x in t[b][h]]
    return flat(out), flat(assoc), steps


def check(case):
    printed = sys.stdin.read()
    # Each print: a header line, "data =", the values up to the next header.
    blocks = [block.split("Unranked")[0]
              for block in printed.split("data =")[1:]]
    number = re.compile(r"-?(?:nan|inf|\d+(?:\.\d*)?(?:e[-+]?\d+)?)")
    got = [[float(x) for x in number.findall(block)] for block in blocks]
    want = reference(case)
    # printMemref writes 6 significant digits.
    tol = 5e-6
    names = ["output", "association", "steps"]
    if len(got) != 3:
        sys.exit("expected 3 printed tensors, got %d:\n%s" % (len(got), printed))
    ok = True
    for name, g, w in zip(names, got, want):
        if len(g) != len(w):
            print("%s: %d values, expected %d" % (name, len(g), len(w)))
            ok = False
            continue
        # `not <=`: a NaN (say, from a fully masked row) is an error too.
        bad = [(i, a, b) for i, (a, b) in enumerate(zip(g, w))
               if not abs(a - b) <= tol]
        for i, a, b in bad[:5]:
            print("%s[%d] = %r, expected %r" % (name, i, a, b))
        ok = ok and not bad
    print("association-exec %s: %s" % (case, "ok" if ok else "MISMATCH"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    {"gen": gen, "check": check}[sys.argv[1]](sys.argv[2])
