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

def HopfieldChooseMhaLoweringPass : Pass<"hopfield-choose-mha-lowering"> {
  let summary = "Choose how each modern Hopfield attention layer is lowered";
  let description = [{
    Sets the `lowering` attribute of every `hopfield.mha` (SPEC 9.6):
    `materialize` (h as a [B,H,L,S] tensor), `bias` (attention with the
    additive bias a' h_{n-1}) or `concat` (attention over the chain's
    weighted queries and keys concatenated along the features, never
    L x S). With `lowering=auto` a cost model decides per layer, last layer
    first (so a layer knows whether its hidden state is read as a tensor):
    it estimates FLOPs, bytes of L x S tensors streamed through memory
    (charged at `flops-per-byte` only when one L x S tensor exceeds
    `cache-kib`) and bytes kept alive, and takes the cheapest lowering that
    keeps at most `memory-budget-mib` alive (or, if none does, the one that
    keeps least). Unknown sizes count as 1 for the batch and as too large
    for the sequence. docs/MhaLowering.md gives the formulas.
  }];
  let options = [
    Option<"lowering", "lowering", "std::string", "\"auto\"",
           "auto, materialize, bias or concat (forces one for every layer)">,
    Option<"memoryBudgetMiB", "memory-budget-mib", "uint64_t", "1024",
           "Most MiB of intermediate tensors a layer may keep alive">,
    Option<"cacheKiB", "cache-kib", "uint64_t", "2048",
           "On-chip cache in KiB (L x S tensors that fit cost no traffic)">,
    Option<"flopsPerByte", "flops-per-byte", "double", "16.0",
           "FLOPs the target does per byte of memory traffic">
  ];
}

def HopfieldLowerMhaPass : Pass<"hopfield-lower-mha"> {
  let summary = "Lower modern Hopfield attention as each op's `lowering` "
                "says";
  let description = [{
    SPEC 2.5 / 9.6. `hopfield.mha` computes `softmax(mask(h_n)) V` with
    `h_n = a' h_{n-1} + (1 - a') S_n` and `S_n = c Q K^T`.

    * `materialize`: `h_n` as linalg ops (`S_n` a contraction, the EMA), a
      masked softmax over it and `P V`.
    * `bias` (also when the attribute is absent): one single-step
      `hopfield.associate` with score scale `(1 - a') c` and additive bias
      `a' h_{n-1}` (without an incoming state, `init = first_scores` is
      plain attention with scale `c`, `init = zero` uses `(1 - a') c`).
    * `concat`: one `hopfield.associate` over `Q~ = [w_1 Q_1 | ... |
      w_n Q_n]` and `K~ = [K_1 | ... | K_n]` (`tensor.concat` along the
      features; `w_m` the EMA weight of `S_m` in `h_n` times `c_m`, terms of
      weight 0 left out; the newest weight is the score scale), which is
      attention with head dimension `n D` and nothing L x S. A chain that
      starts from an incoming state no layer produced adds it, weighted, as
      a bias.

    Masks and `causal` apply inside the softmax; the hidden state stays
    unmasked. The hidden result is built only when something reads it as a
    tensor once the later layers are lowered (a bias or materialize layer,
    a function result).
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
    becomes an `scf.while` loop
    over update steps (SPEC 3.9). The score scale is folded into the query
    once; each step is a `hopfield.online_associate` over the keys with the
    keys as values (giving `xi K`, the next state), the per-head stopping
    rule is evaluated from `hopfield.association_change` (criterion
    `association`: max over the batch of the Frobenius norm of the change of
    the association matrix) or from the state change (criterion `state`),
    and the value projection `xi V` runs once after the loop (it reuses the
    last step when the values are the keys). Nothing of size L x S is
    materialised, so tiling applies to every step.

    When the op requests its `association` result (the final `xi`), it is
    rebuilt after the loop from the final scaled state and its row
    log-sum-exp: `xi = exp(q k^T + bias - lse)` as a score contraction and
    one element-wise `linalg.generic` (mask and bias broadcast along their
    size-1 dimensions, `causal` with `query_offset`, 0 where masked, so a
    fully masked row is 0). A single-step op that requests it takes the
    same route without the loop: one online pass over the values gives the
    output and the log-sum-exp.

    With `unroll`, the loop body is repeated as many times as the largest
    step budget and the `any head active` test disappears: a step of a
    stopped head keeps its state, step count and flag, so the result is the
    loop's. This is the GPU's form, where the stopping rule's data lives on
    the device and the host would need a round trip per step to read it.
    An op with an unbounded budget (`None`) is then left as it is.
  }];
  let options = [
    Option<"unroll", "unroll", "bool", /*default=*/"false",
           "Unroll the update loop to the largest (bounded) step budget">
  ];
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

def HopfieldFoldNormAffinePass : Pass<"hopfield-fold-norm-affine"> {
  let summary = "Fold a LayerNorm's affine map into the projections it feeds";
  let description = [{
    A projection of a LayerNorm output,
    `((x - mean) * rstd * gamma + beta) W^T + b`, equals the projection of
    the standardised input with folded constants,
    `((x - mean) * rstd) (W diag(gamma))^T + (b + W beta)`: the affine map
    then costs nothing at run time, and the Q/K/V projections of a
    self-associating Hopfield layer, whose three input LayerNorms differ
    only in gamma and beta, read one standardised tensor after CSE, which
    `hopfield-merge-projections` turns into one GEMM.

    Matched: a `linalg.matmul` with the default indexing maps whose right
    operand is a dense `arith.constant` `[K, N]`, whose accumulator is a
    `linalg.broadcast` (dimension 0) of a dense constant `[N]` or a zero
    `linalg.fill`, and whose left operand is (a `tensor.collapse_shape` of)
    an all-parallel `linalg.generic` yielding `(x - mean) * rstd * gamma
    [+ beta]` with gamma and beta dense constants indexed by the last loop.
    The standardisation is re-emitted without the affine map; the original
    LayerNorm stays for other users (and is erased when it has none).
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def HopfieldMergeProjectionsPass : Pass<"hopfield-merge-projections"> {
  let summary = "One matmul for the projections of one input";
  let description = [{
    The packed Q/K/V projections of self-association (K/V of cross-
    association) are `linalg.matmul` ops reading the same input with
    constant weights. They become one matmul over the weights concatenated
    along the output columns, its accumulator the broadcast of the
    concatenated biases (zeros for a projection without bias), and each
    original result a `tensor.extract_slice` of its columns: the input is
    streamed once, and the tiles of the merged product are wider.

    Matched: `linalg.matmul` with the default indexing maps, the right
    operand a dense `arith.constant` `[K, N]` and the accumulator (which
    may be shared) a `linalg.broadcast` (dimension 0) of a dense
    constant `[N]` or a `linalg.fill` with 0, into a `tensor.empty`; all of
    one element type, in one block.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // PASSES_PASSES_TD
