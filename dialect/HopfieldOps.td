//===- HopfieldOps.td - hopfield operations ----------------*- tablegen -*-===//
//
// Operations of the hopfield dialect. Semantics follow SPEC.md (sections 1-3
// and the decisions of section 9); the verifiers live in HopfieldOps.cpp, the
// canonicalizations in HopfieldFolds.cpp, tiling in HopfieldTiling.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef DIALECT_HOPFIELDOPS_TD
#define DIALECT_HOPFIELDOPS_TD

include "dialect/HopfieldDialect.td"
include "dialect/HopfieldAttrs.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/Interfaces/DestinationStyleOpInterface.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/TilingInterface.td"

def Hopfield_FloatTensor : RankedTensorOf<[AnyFloat]>;
def Hopfield_MaskTensor : RankedTensorOf<[I1]>;
def Hopfield_StepsTensor : RankedTensorOf<[I64]>;

//===----------------------------------------------------------------------===//
// AssociateOp
//===----------------------------------------------------------------------===//

def Hopfield_AssociateOp : Hopfield_Op<"associate", [
    Pure, AttrSizedOperandSegments, AttrSizedResultSegments,
    DeclareOpInterfaceMethods<ReifyRankedShapedTypeOpInterface, ["reifyResultShapes"]>,
    DeclareOpInterfaceMethods<TilingInterface, [
        "getLoopIteratorTypes", "getIterationDomain",
        "getTiledImplementation", "getResultTilePosition"]>]> {
  let summary = "Hopfield association / retrieval: softmax(beta Q K^T + mask) V "
                "with optional Hopfield update iteration";
  let description = [{
    Computes, per batch `b` and head `h`, the association matrix
    `xi = softmax(beta_h * Q K^T + bias, masked)` over the key axis and the
    output `xi V`.

    With a non-zero step budget the Hopfield update runs first: while a head
    is active, `Q <- xi K` (in the associative space, no bias), then
    `xi <- softmax(beta_h * Q K^T + bias, masked)`. A head stays active while
    it has budget left and its change exceeds `eps` under `criterion`
    (SPEC 3.9, 9.4): `max_steps = [k]` gives at most k+1 softmax evaluations,
    `unbounded` iterates until converged. The value projection `xi V` is
    applied once, after the loop.

    Operands: `query [B,H,L,D]`, `key [B,H,S,D]`, `value [B,H,S,E]`.
    Optional: `head_beta [H]` multiplies `beta` per head; `mask` (i1, true =
    not allowed) and `bias` (added to the scaled scores) are rank 4 and
    broadcast along every dimension of static size 1 to `[B,H,L,S]`.
    `causal` forbids key `j > i` for query `i` (top-left aligned);
    `query_offset` (default 0) is the absolute position of the first query,
    so that a tile of queries keeps its causal mask.
    A row whose keys are all masked gives a zero association row and a zero
    output row (SPEC 9.3), never NaN.

    Results: `output [B,H,L,E]`; optionally `association [B,H,L,S]` (the
    final xi) and `steps [H]` (softmax evaluations per head, 1 + the update
    steps run; the count hflayers reports).

    Example:
    ```mlir
    %out, %steps = hopfield.associate %q, %k, %v beta = 8.0
        max_steps = [unbounded]
        : tensor<1x1x4x64xf32>, tensor<1x1x32x64xf32>, tensor<1x1x32x64xf32>
        -> tensor<1x1x4x64xf32> steps tensor<1xi64>
    ```
  }];

  let arguments = (ins
    Hopfield_FloatTensor:$query,
    Hopfield_FloatTensor:$key,
    Hopfield_FloatTensor:$value,
    Optional<Hopfield_FloatTensor>:$head_beta,
    Optional<Hopfield_MaskTensor>:$mask,
    Optional<Hopfield_FloatTensor>:$bias,
    Optional<Index>:$query_offset,
    F64Attr:$beta,
    DenseI64ArrayAttr:$max_steps,
    DefaultValuedAttr<DenseF64ArrayAttr, "{1.0e-4}">:$eps,
    DefaultValuedAttr<Hopfield_ConvergenceCriterionAttr,
                      "ConvergenceCriterion::association">:$criterion,
    UnitAttr:$causal
  );
  let results = (outs
    Hopfield_FloatTensor:$output,
    Optional<Hopfield_FloatTensor>:$association,
    Optional<Hopfield_StepsTensor>:$steps
  );

  let assemblyFormat = [{
    $query `,` $key `,` $value
    (`head_beta` `(` $head_beta^ `:` type($head_beta) `)`)?
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    (`bias` `(` $bias^ `:` type($bias) `)`)?
    (`query_offset` `(` $query_offset^ `)`)?
    `beta` `=` $beta
    `max_steps` `=` custom<StepBudget>($max_steps)
    (`causal` $causal^)?
    attr-dict `:` type($query) `,` type($key) `,` type($value)
    `->` type($output)
    (`association` type($association)^)?
    (`steps` type($steps)^)?
  }];

  let hasVerifier = 1;
  let hasCanonicalizer = 1;

  let extraClassDeclaration = [{
    /// Value used in `max_steps` for "iterate until converged".
    static constexpr int64_t kUnbounded = -1;
    /// True when some head may run an update step (budget != 0).
    bool iterates();
    /// True when `max_steps` or `eps` holds one value per head.
    bool hasPerHeadStopRule() {
      return getMaxSteps().size() > 1 || getEps().size() > 1;
    }
    /// Step budget / eps of head `h` (the arrays hold one value or one per head).
    int64_t getMaxStepsForHead(int64_t h);
    double getEpsForHead(int64_t h);
    RankedTensorType getQueryType() { return getQuery().getType(); }
    RankedTensorType getKeyType() { return getKey().getType(); }
    RankedTensorType getValueType() { return getValue().getType(); }
  }];
}

//===----------------------------------------------------------------------===//
// Online form: OnlineAssociateOp, MergeOp, FinalizeOp
//===----------------------------------------------------------------------===//

def Hopfield_OnlineAssociateOp : Hopfield_Op<"online_associate", [
    Pure, AttrSizedOperandSegments, DestinationStyleOpInterface,
    InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<ReifyRankedShapedTypeOpInterface, ["reifyResultShapes"]>,
    DeclareOpInterfaceMethods<TilingInterface, [
        "getLoopIteratorTypes", "getIterationDomain",
        "getTiledImplementation", "getResultTilePosition"]>]> {
  let summary = "one key tile of a single-step association, online softmax "
                "(FlashAttention-2 style partial result)";
  let description = [{
    Accumulates one tile of keys into a running partial result. For each
    query row, with scores `s_j = beta_h * q . k_j + bias_j` (masked and
    causal entries are -inf):

    ```
    m'   = max(m, max_j s_j)
    acc' = acc * exp(m - m') + sum_j exp(s_j - m') v_j
    sum' = sum * exp(m - m') + sum_j exp(s_j - m')
    ```

    A row with every score -inf so far keeps `m = -inf`, `acc = 0`,
    `sum = 0`. The outs `(acc, max, sum)` are the running state: the identity
    start is `(0, -inf, 0)`; `hopfield.finalize` divides `acc / sum`.

    `query_offset` / `key_offset` give the absolute position of the first
    query / key of this tile, so that `causal` (key `j + key_offset` >
    query `i + query_offset` is masked) needs no materialised mask after
    tiling. They default to 0.

    The iteration domain is `(b, h, l, s)`; `s` is a reduction. Tiling `s`
    with `transform.structured.tile_using_for` yields the key loop of
    FlashAttention.
  }];

  let arguments = (ins
    Hopfield_FloatTensor:$query,
    Hopfield_FloatTensor:$key,
    Hopfield_FloatTensor:$value,
    Optional<Hopfield_FloatTensor>:$head_beta,
    Optional<Hopfield_MaskTensor>:$mask,
    Optional<Hopfield_FloatTensor>:$bias,
    Optional<Index>:$query_offset,
    Optional<Index>:$key_offset,
    Hopfield_FloatTensor:$acc_init,
    Hopfield_FloatTensor:$max_init,
    Hopfield_FloatTensor:$sum_init,
    F64Attr:$beta,
    UnitAttr:$causal
  );
  let results = (outs
    Hopfield_FloatTensor:$acc,
    Hopfield_FloatTensor:$max,
    Hopfield_FloatTensor:$sum
  );

  let assemblyFormat = [{
    $query `,` $key `,` $value
    (`head_beta` `(` $head_beta^ `:` type($head_beta) `)`)?
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    (`bias` `(` $bias^ `:` type($bias) `)`)?
    (`offsets` `(` $query_offset^ `,` $key_offset `)`)?
    `beta` `=` $beta
    (`causal` $causal^)?
    `outs` `(` $acc_init `,` $max_init `,` $sum_init `)`
    attr-dict `:` type($query) `,` type($key) `,` type($value) `->`
    type($acc_init) `,` type($max_init) `,` type($sum_init)
  }];

  let hasVerifier = 1;

  let extraClassDeclaration = [{
    MutableOperandRange getDpsInitsMutable() {
      return MutableOperandRange(getOperation(),
                                 getOperation()->getNumOperands() - 3, 3);
    }
  }];
}

def Hopfield_MergeOp : Hopfield_Op<"merge", [
    Pure, AllTypesMatch<["acc_a", "acc_b", "acc"]>,
    AllTypesMatch<["max_a", "max_b", "max", "sum_a", "sum_b", "sum"]>]> {
  let summary = "merge two online partial results over disjoint key sets";
  let description = [{
    Combines partial results `(acc, max, sum)` of two disjoint key sets, as
    produced by `hopfield.online_associate` (split-K):

    ```
    m = max(m_a, m_b)
    acc = acc_a * exp(m_a - m) + acc_b * exp(m_b - m)
    sum = sum_a * exp(m_a - m) + sum_b * exp(m_b - m)
    ```

    where a side with `m = -inf` contributes nothing.
  }];

  let arguments = (ins
    Hopfield_FloatTensor:$acc_a, Hopfield_FloatTensor:$max_a,
    Hopfield_FloatTensor:$sum_a,
    Hopfield_FloatTensor:$acc_b, Hopfield_FloatTensor:$max_b,
    Hopfield_FloatTensor:$sum_b
  );
  let results = (outs
    Hopfield_FloatTensor:$acc, Hopfield_FloatTensor:$max,
    Hopfield_FloatTensor:$sum
  );
  let assemblyFormat = [{
    `(` $acc_a `,` $max_a `,` $sum_a `)` `,`
    `(` $acc_b `,` $max_b `,` $sum_b `)`
    attr-dict `:` type($acc_a) `,` type($max_a)
  }];
  let hasVerifier = 1;
}

def Hopfield_FinalizeOp : Hopfield_Op<"finalize", [Pure]> {
  let summary = "normalise an online partial result: acc / sum";
  let description = [{
    Turns the running state of `hopfield.online_associate` into the
    association output: `out = acc / sum` per row, and a zero row where
    `sum = 0` (every key masked, SPEC 9.3). The result element type may be
    narrower than the accumulator (f32 statistics for bf16 outputs).
  }];
  let arguments = (ins Hopfield_FloatTensor:$acc, Hopfield_FloatTensor:$sum);
  let results = (outs Hopfield_FloatTensor:$output);
  let assemblyFormat = [{
    $acc `,` $sum attr-dict `:` type($acc) `,` type($sum) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Hopfield_AssociationChangeOp : Hopfield_Op<"association_change", [
    Pure, AttrSizedOperandSegments, DestinationStyleOpInterface,
    DeclareOpInterfaceMethods<ReifyRankedShapedTypeOpInterface, ["reifyResultShapes"]>,
    DeclareOpInterfaceMethods<TilingInterface, [
        "getLoopIteratorTypes", "getIterationDomain",
        "getTiledImplementation", "getResultTilePosition"]>]> {
  let summary = "squared change of the association matrix between two states";
  let description = [{
    The convergence test of the Hopfield update (SPEC 3.9) without the
    `L x S` association matrices: with scores `a_j = query_a . k_j + bias_j`
    and `b_j = query_b . k_j + bias_j` (masked and causal entries are -inf;
    the queries are already scaled by beta) and the row log-sum-exps
    `lse_a`, `lse_b` of those scores,

    ```
    change[b, h] = init[b, h] + sum_{l, j} (exp(a_j - lse_a) - exp(b_j - lse_b))^2
    ```

    i.e. the squared Frobenius norm of `xi_a - xi_b` per batch and head. A
    fully masked row (`lse = -inf`) contributes nothing. The iteration
    domain is `(b, h, l, s)`; `l` and `s` are reductions, so tiling streams
    over query and key tiles.
  }];

  let arguments = (ins
    Hopfield_FloatTensor:$query_a,
    Hopfield_FloatTensor:$query_b,
    Hopfield_FloatTensor:$key,
    Hopfield_FloatTensor:$lse_a,
    Hopfield_FloatTensor:$lse_b,
    Optional<Hopfield_MaskTensor>:$mask,
    Optional<Hopfield_FloatTensor>:$bias,
    Optional<Index>:$query_offset,
    Optional<Index>:$key_offset,
    Hopfield_FloatTensor:$init,
    UnitAttr:$causal
  );
  let results = (outs Hopfield_FloatTensor:$change);

  let assemblyFormat = [{
    $query_a `,` $query_b `,` $key `lse` `(` $lse_a `,` $lse_b `)`
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    (`bias` `(` $bias^ `:` type($bias) `)`)?
    (`offsets` `(` $query_offset^ `,` $key_offset `)`)?
    (`causal` $causal^)?
    `outs` `(` $init `)`
    attr-dict `:` type($query_a) `,` type($query_b) `,` type($key) `,`
    type($lse_a) `,` type($lse_b) `,` type($init) `->` type($change)
  }];

  let hasVerifier = 1;

  let extraClassDeclaration = [{
    MutableOperandRange getDpsInitsMutable() { return getInitMutable(); }
  }];
}

//===----------------------------------------------------------------------===//
// Modern Hopfield attention
//===----------------------------------------------------------------------===//

def Hopfield_MhaOp : Hopfield_Op<"mha", [Pure, AttrSizedOperandSegments]> {
  let summary = "modern Hopfield attention: attention whose pre-softmax scores "
                "are an EMA carried from layer to layer";
  let description = [{
    Per head (SPEC 2.5, 9.5): `S = scale * Q K^T`,
    `h = alpha_hidden * h_prev + (1 - alpha_hidden) * S`, and
    `output = softmax(mask(h)) V`. Without `hidden_in`, `init` decides:
    `first_scores` gives `h = S`, `zero` gives `h = (1 - alpha_hidden) S`.

    The hidden state result is pre-softmax and unmasked; masks (`mask`,
    `causal`) apply inside the softmax only. `scale` defaults to
    `1/sqrt(D)`. With `alpha_hidden = 0` the op is standard attention.

    Operands: `query [B,H,L,D]`, `key [B,H,S,D]`, `value [B,H,S,E]`,
    optional `hidden_in [B,H,L,S]`, optional broadcastable i1 `mask`.
    Results: `output [B,H,L,E]`, `hidden [B,H,L,S]`.

    `lowering` (set by hopfield-choose-mha-lowering, or by hand) says how
    hopfield-lower-mha lowers the op; `bias` when absent.
  }];

  let arguments = (ins
    Hopfield_FloatTensor:$query,
    Hopfield_FloatTensor:$key,
    Hopfield_FloatTensor:$value,
    Optional<Hopfield_FloatTensor>:$hidden_in,
    Optional<Hopfield_MaskTensor>:$mask,
    F64Attr:$alpha_hidden,
    OptionalAttr<F64Attr>:$scale,
    DefaultValuedAttr<Hopfield_MhaInitAttr, "MhaInit::first_scores">:$init,
    UnitAttr:$causal,
    OptionalAttr<Hopfield_MhaLoweringAttr>:$lowering
  );
  let results = (outs Hopfield_FloatTensor:$output,
                      Hopfield_FloatTensor:$hidden);

  let assemblyFormat = [{
    $query `,` $key `,` $value
    (`hidden` `(` $hidden_in^ `:` type($hidden_in) `)`)?
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    `alpha_hidden` `=` $alpha_hidden
    (`scale` `=` $scale^)?
    (`causal` $causal^)?
    attr-dict `:` type($query) `,` type($key) `,` type($value)
    `->` type($output) `,` type($hidden)
  }];

  let hasVerifier = 1;
  let hasCanonicalizer = 1;

  let extraClassDeclaration = [{
    /// The score scale actually used: `scale`, or 1/sqrt(D) when absent.
    double getEffectiveScale();
  }];
}

//===----------------------------------------------------------------------===//
// Analysis ops: energy and lse
//===----------------------------------------------------------------------===//

def Hopfield_LseOp : Hopfield_Op<"lse", [Pure]> {
  let summary = "log-sum-exp with inverse temperature over the last axis";
  let description = [{
    `lse(beta, z) = beta^-1 log sum_i exp(beta z_i)` over the last
    dimension (SPEC 0, 1.2), evaluated stably as
    `m + beta^-1 log sum_i exp(beta (z_i - m))` with `m = max z`.
    Input `[..., N]`, result `[...]`.
  }];
  let arguments = (ins Hopfield_FloatTensor:$input, F64Attr:$beta);
  let results = (outs Hopfield_FloatTensor:$result);
  let assemblyFormat = [{
    $input `beta` `=` $beta attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Hopfield_EnergyOp : Hopfield_Op<"energy", [Pure]> {
  let summary = "energy of states under the modern Hopfield energy function";
  let description = [{
    `E(xi) = -lse(beta, X^T xi) + 1/2 xi^T xi + beta^-1 log N + 1/2 M^2`
    (SPEC 1.2), with `M` the largest stored-pattern norm. States
    `[..., L, D]`, stored patterns `[..., N, D]` (one pattern per row), result
    `[..., L]`; leading dimensions match.
  }];
  let arguments = (ins Hopfield_FloatTensor:$state,
                       Hopfield_FloatTensor:$patterns, F64Attr:$beta);
  let results = (outs Hopfield_FloatTensor:$energy);
  let assemblyFormat = [{
    $state `,` $patterns `beta` `=` $beta attr-dict `:` type($state) `,`
    type($patterns) `->` type($energy)
  }];
  let hasVerifier = 1;
}

#endif // DIALECT_HOPFIELDOPS_TD
