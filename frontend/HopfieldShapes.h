//===- HopfieldShapes.h - shape checks of the hflayers masks ----*- C++ -*-===//
//
// The masks of a Hopfield module name B, L and S again: the padding mask is
// [B, S], the association mask [L, S] or [B*H, L, S]. These checks unify
// them with the patterns (or with the fixed sizes of learned patterns).
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_HOPFIELDSHAPES_H
#define FRONTEND_HOPFIELDSHAPES_H

#include "frontend/ImportContext.h"

namespace mlir::hopfield {

/// Where a size comes from: dimension `index` of a node input, or a fixed
/// size (the `quantity` of learned patterns).
struct DimSource {
  const NodeInput *input = nullptr;
  int64_t index = 0;
  int64_t fixed = 0;

  static DimSource of(const NodeInput &input, int64_t index) {
    return DimSource{&input, index, 0};
  }
  static DimSource fixedSize(int64_t size) {
    return DimSource{nullptr, 0, size};
  }
  Dim resolve() const { return input ? input->dim(index) : Dim::fixed(fixed); }
};

/// Checks that a pattern is a rank-3 float tensor, [batch, sequence,
/// features] (or [sequence, batch, features] when not `batchFirst`), with a
/// fixed feature size.
LogicalResult checkSequenceInput(ImportContext &ctx, const ModelNode &node,
                                 const NodeInput &input, bool batchFirst);

/// Checks `padding` ([B, S] bool) and `association` ([L, S] or
/// [B*num_heads, L, S], bool or float); either may be empty.
LogicalResult checkMaskShapes(ImportContext &ctx, const ModelNode &node,
                              int64_t heads, const NodeInput &padding,
                              const NodeInput &association, DimSource batch,
                              DimSource queries, DimSource keys);

} // namespace mlir::hopfield

#endif // FRONTEND_HOPFIELDSHAPES_H
