"""The shapes of the GPU retrieval benchmark: the attention grid's B*N =
16384 tokens and hidden size 2048 = H*d, at N = 4096 (queries and stored
patterns), d in {64, 128}."""

import attention_shapes

SHAPES = [attention_shapes.Shape(attention_shapes.TOKENS // 4096,
                                 attention_shapes.HIDDEN // d, 4096, d,
                                 False, 100 + d)
          for d in (64, 128)]
