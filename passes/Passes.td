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

def HopfieldExpandUpdatesPass : Pass<"hopfield-expand-updates"> {
  let summary = "Expand the Hopfield update iteration into a loop of online "
                "association steps";
  let description = [{
    Every iterating `hopfield.associate` (some head has an update budget)
    whose association matrix is not requested becomes an `scf.while` loop
    over update steps (SPEC 3.9). The score scale is folded into the query
    once; each step is a `hopfield.online_associate` over the keys with the
    keys as values (giving `xi K`, the next state), the per-head stopping
    rule is evaluated from `hopfield.association_change` (criterion
    `association`: max over the batch of the Frobenius norm of the change of
    the association matrix) or from the state change (criterion `state`),
    and the value projection `xi V` runs once after the loop (it reuses the
    last step when the values are the keys). Nothing of size L x S is
    materialised, so tiling applies to every step.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

def HopfieldFoldScalePass : Pass<"hopfield-fold-scale"> {
  let summary = "Fold the score scale of the online association into the query";
  let description = [{
    `hopfield.online_associate` with `beta != 1` or a `head_beta` operand
    gets the query `beta * head_beta[h] * q` (one `linalg.generic`) and
    `beta = 1`: L x D multiplies instead of L x S.
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

    `hopfield.association_change` is tiled the same way (`l` and `s` are
    its reductions). With `parallel`, the parallel dimensions become one
    `scf.forall` (what the CPU pipeline maps onto threads) and the
    reductions `scf.for` loops inside it; for the online form, a ragged
    query tile is padded to the full tile size and the key loop is peeled,
    its last tile padded with keys hidden by a -inf bias or a masked entry,
    so that every tile has static shapes.
    `hopfield.associate` ops are tiled over `(b, h, l)` with the first three
    sizes (its value features stay whole). An iterating association couples
    all batch elements and queries of a head through its stopping rule, so
    only its head dimension is tiled, and not even that when `max_steps` or
    `eps` differ per head.
  }];
  let options = [
    ListOption<"tileSizes", "tile-sizes", "int64_t",
               "Tile sizes for (batch, heads, queries, keys); 0 = untiled">,
    Option<"parallelLoops", "parallel", "bool", /*default=*/"false",
           "Tile the parallel dimensions with one scf.forall (reductions "
           "stay scf.for loops inside it)">
  ];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // PASSES_PASSES_TD
