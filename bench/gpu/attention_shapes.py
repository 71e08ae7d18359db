"""The attention shapes of the GPU benchmark (issue grid, DESIGN section 8).

B*N = 16384 tokens, hidden size 2048 = H*d, d in {64, 128},
N in {1024, 4096, 16384}, causal and not.
"""

import collections

TOKENS = 16384
HIDDEN = 2048


class Shape(collections.namedtuple(
        "Shape", "batch heads length head_dim causal seed")):
    @property
    def name(self):
        return "n%d_d%d%s" % (self.length, self.head_dim,
                              "_causal" if self.causal else "")

    def flops(self):
        """4*B*H*N*N*d, halved for causal (DESIGN section 8)."""
        full = 4.0 * self.batch * self.heads * self.length ** 2 * self.head_dim
        return full / 2 if self.causal else full


def grid():
    shapes = []
    seed = 1
    for head_dim in (64, 128):
        for length in (1024, 4096, 16384):
            for causal in (False, True):
                shapes.append(Shape(TOKENS // length, HIDDEN // head_dim,
                                    length, head_dim, causal, seed))
                seed += 1
    return shapes


GRID = grid()
