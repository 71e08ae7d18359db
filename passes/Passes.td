//===- Passes.td - hopfield passes -------------------------*- tablegen -*-===//

#ifndef PASSES_PASSES_TD
#define PASSES_PASSES_TD

include "mlir/Pass/PassBase.td"

def HopfieldToOnlinePass : Pass<"hopfield-to-online"> {
  let summary = "Rewrite single-step associations into the online form";
  let description = [{
    Every `hopfield.associate` that runs no update step and whose association
    matrix is not requested becomes

    ```
    (acc, max, sum) = hopfield.online_associate ... outs(0, -inf, 0)
    output          = hopfield.finalize acc, sum
    ```

    so that the key dimension can be tiled (FlashAttention-2 style) and the
    L x S association matrix is never materialised. Statistics and the
    accumulator are kept in f32 for narrower element types. A requested
    `steps` result becomes the constant 1.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def HopfieldTilePass : Pass<"hopfield-tile"> {
  let summary = "Tile association ops over batch, heads, queries and keys";
  let description = [{
    Tiles every `hopfield.online_associate` over its iteration domain
    `(b, h, l, s)` with `tile-sizes` (required; missing trailing sizes and 0
    leave a dimension untiled) through
    the op's TilingInterface and `scf::tileUsingSCF`; tiling `s` produces the
    key loop that carries the online softmax state.

    `hopfield.associate` ops are tiled over `(b, h, l)` with the first three
    sizes (its value features stay whole). An iterating association couples
    all batch elements and queries of a head through its stopping rule, so
    only its head dimension is tiled, and not even that when `max_steps` or
    `eps` differ per head.
  }];
  let options = [
    ListOption<"tileSizes", "tile-sizes", "int64_t",
               "Tile sizes for (batch, heads, queries, keys); 0 = untiled">
  ];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // PASSES_PASSES_TD
