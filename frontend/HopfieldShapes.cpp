//===- HopfieldShapes.cpp - shape checks of the hflayers masks ------------===//

#include "frontend/HopfieldShapes.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

LogicalResult unifyWith(ImportContext &ctx, const ModelNode &node,
                        StringRef meaning, const NodeInput &mask, int64_t i,
                        DimSource source) {
  if (source.input)
    return ctx.unifyDims(node, meaning, mask, i, *source.input, source.index);
  return ctx.expectDim(node, mask, i, source.fixed,
                       meaning + Twine(" (quantity)"));
}

} // namespace

LogicalResult mlir::hopfield::checkSequenceInput(ImportContext &ctx,
                                                 const ModelNode &node,
                                                 const NodeInput &input,
                                                 bool batchFirst) {
  StringRef layout = batchFirst ? "3 ([batch, sequence, features], batch_first)"
                                : "3 ([sequence, batch, features], "
                                  "batch_first = false)";
  if (failed(ctx.expectKind(node, input, /*mask=*/false, {3}, layout)))
    return failure();
  if (!input.dim(2).isStatic())
    return ctx.getDiag().nodeError(node.name, "the feature dimension of " +
                                                  ctx.describe(input) +
                                                  " must have a fixed size");
  return success();
}

LogicalResult
mlir::hopfield::checkMaskShapes(ImportContext &ctx, const ModelNode &node,
                                int64_t heads, const NodeInput &padding,
                                const NodeInput &association, DimSource batch,
                                DimSource queries, DimSource keys) {
  if (padding) {
    if (failed(ctx.expectKind(node, padding, /*mask=*/true, {2},
                              "2 ([batch, stored patterns])")) ||
        failed(unifyWith(ctx, node, "the batch size B", padding, 0, batch)) ||
        failed(unifyWith(ctx, node, "the number of stored patterns S", padding,
                         1, keys)))
      return failure();
  }
  if (!association)
    return success();
  // Bool masks forbid, float masks are added to the scores.
  if (failed(ctx.expectKind(node, association, association.value->isMask,
                            {2, 3}, "2 ([L, S]) or 3 ([B*num_heads, L, S])")))
    return failure();
  int64_t rank = association.rank();
  if (failed(unifyWith(ctx, node, "the number of state patterns L", association,
                       rank - 2, queries)) ||
      failed(unifyWith(ctx, node, "the number of stored patterns S",
                       association, rank - 1, keys)))
    return failure();
  if (rank == 2)
    return success();
  if (heads == 1)
    return unifyWith(ctx, node, "the batch size B (times num_heads = 1)",
                     association, 0, batch);
  // B*H rows: one side must be static to fix the other.
  Dim batchDim = batch.resolve();
  Dim rows = association.dim(0);
  if (batchDim.isStatic())
    return ctx.expectDim(node, association, 0, batchDim.size * heads,
                         "B*num_heads = " + Twine(batchDim.size) + "*" +
                             Twine(heads) + ", row b*H+h");
  if (!rows.isStatic())
    return ctx.getDiag().nodeError(
        node.name,
        "a 3-D " + ctx.describe(association) +
            " has B*num_heads rows; with num_heads = " + Twine(heads) +
            " its first dimension or the batch size of " +
            ctx.describe(*batch.input) + " must have a fixed size");
  if (rows.size % heads != 0)
    return ctx.getDiag().nodeError(
        node.name, "dimension 0 of " + ctx.describe(association) + " is " +
                       Twine(rows.size) +
                       ", expected B*num_heads, a multiple of num_heads = " +
                       Twine(heads));
  // Bind B through the pattern that carries it.
  return ctx.expectDim(node, *batch.input, batch.index, rows.size / heads,
                       "the batch size B = rows of 'association_mask' / "
                       "num_heads");
}
