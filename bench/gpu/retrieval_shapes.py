"""The shapes of the GPU retrieval benchmark.

Large: the attention grid's B*N = 16384 tokens and hidden size 2048 = H*d
at N = 4096 queries and stored patterns, d in {64, 128} (the update loop's
steps as kernels of their own). Small: batch 1 and 128 queries per head
against 4096 stored patterns (the whole loop in one kernel, one block per
head).
"""

import collections


class Shape(collections.namedtuple(
        "Shape", "batch heads queries keys head_dim seed")):
    @property
    def name(self):
        return "b%d_l%d_s%d_d%d" % (self.batch, self.queries, self.keys,
                                    self.head_dim)

    def flops(self):
        """One attention pass: 4*B*H*L*S*d (DESIGN section 8)."""
        return (4.0 * self.batch * self.heads * self.queries * self.keys *
                self.head_dim)


SHAPES = [Shape(4, 2048 // d, 4096, 4096, d, 100 + d) for d in (64, 128)] + \
         [Shape(1, 16, 128, 4096, d, 200 + d) for d in (64, 128)]
