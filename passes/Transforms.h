//===- Transforms.h - reusable hopfield rewrites ----------------*- C++ -*-===//
//
// The logic behind the passes, callable from other passes, pipelines and
// tests. Each pass in this folder is a thin driver over one entry point here.
//
//===----------------------------------------------------------------------===//

#ifndef PASSES_TRANSFORMS_H
#define PASSES_TRANSFORMS_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"

namespace mlir::hopfield {

class AssociateOp;

/// Patterns rewriting single-step `hopfield.associate` ops (no update step,
/// no association result) into `online_associate` + `finalize`.
void populateAssociateToOnlinePatterns(RewritePatternSet &patterns);

/// Patterns expanding an iterating `hopfield.associate` into an scf.while
/// loop over update steps in online form (ExpandUpdates.cpp); with `unroll`,
/// into the step repeated up to the largest budget (bounded budgets only).
void populateExpandUpdatesPatterns(RewritePatternSet &patterns,
                                   bool unroll = false);

/// The discardable attribute on the online passes and changes of an
/// unrolled update loop: the loop's largest step budget.
constexpr llvm::StringLiteral kUpdateBudgetAttr = "hopfield.update_budget";

/// Whether every head of `op` has a finite step budget (none is `None`).
bool hasBoundedBudget(AssociateOp op);

/// The largest step budget of `op`'s heads (for an op with bounded
/// budgets: a `None` head counts as -1).
int64_t largestBudget(AssociateOp op);

/// The update loop's per-head parameters of `op` as [heads] tensors: the
/// step budgets (i64), the stopping thresholds (eps, or eps^2 with
/// `squared`, of type `element`) and the state's scale beta * head_beta[h]
/// (`element`) (ExpandUpdates.cpp).
Value stepBudgets(OpBuilder &b, Location loc, AssociateOp op,
                  OpFoldResult heads);
Value stopThresholds(OpBuilder &b, Location loc, AssociateOp op,
                     OpFoldResult heads, Type element, bool squared);
Value stateScales(OpBuilder &b, Location loc, AssociateOp op,
                  OpFoldResult heads, Type element);

/// Lowers every `hopfield.mha` under `root` as its `lowering` attribute
/// says (bias when absent): materialize, bias or concat (MhaLowerings.cpp).
void lowerMhaOps(RewriterBase &rewriter, Operation *root);

/// Patterns folding the score scale (beta, head_beta) of
/// `hopfield.online_associate` into its query, leaving beta = 1.
void populateFoldScalePatterns(RewritePatternSet &patterns);

/// Patterns folding a LayerNorm's constant affine map (gamma, beta) into
/// the constant weights and bias of the projections reading it
/// (FoldNormAffine.cpp).
void populateFoldNormAffinePatterns(RewritePatternSet &patterns);

/// Merges the linalg.matmul projections of one input with constant
/// weights (and constant biases) under `root` into one matmul over the
/// concatenated weights, each original result a column slice of it
/// (MergeProjections.cpp).
void mergeProjections(RewriterBase &rewriter, Operation *root);

/// Tile sizes for the iteration domain of `op`, derived from the
/// (batch, heads, queries, keys) sizes of the hopfield-tile pass: the online
/// form takes them as they are; `associate` takes (b, h, l) and leaves its
/// value features whole, an iterating `associate` only splits heads, and
/// per-head `max_steps`/`eps` keep the heads whole.
SmallVector<int64_t> tileSizesFor(Operation *op,
                                  ArrayRef<int64_t> attentionTileSizes);

/// Tiles `op` and replaces it: with scf.for loops, or with `parallelLoops`
/// its parallel dimensions as one scf.forall and its reductions as scf.for
/// loops inside. Fails (with a diagnostic) where `op` cannot be tiled as
/// asked.
LogicalResult tileWithLoops(RewriterBase &rewriter, TilingInterface op,
                            ArrayRef<int64_t> tileSizes, bool parallelLoops);

} // namespace mlir::hopfield

#endif // PASSES_TRANSFORMS_H
