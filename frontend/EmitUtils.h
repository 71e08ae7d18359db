//===- EmitUtils.h - small IR builders shared by the emitters ---*- C++ -*-===//
//
// tensor.empty / linalg.fill / linalg.transpose / linalg.broadcast and
// reshapes with sizes given as OpFoldResults (static sizes or SSA values
// read with tensor.dim), so that the emitters handle run-time dimensions in
// one way.
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_EMITUTILS_H
#define FRONTEND_EMITUTILS_H

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/Builders.h"

namespace mlir::hopfield {

/// The sizes of every dimension of the ranked tensor `value`.
SmallVector<OpFoldResult> emitSizes(OpBuilder &b, Location loc, Value value);

/// The tensor type of `sizes` (static where the size is a constant).
RankedTensorType tensorTypeOf(ArrayRef<OpFoldResult> sizes, Type element);

/// `tensor.empty` of the given sizes.
Value emitEmpty(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                Type element);

/// A scalar float constant of type `type`.
Value emitFloatConstant(OpBuilder &b, Location loc, Type type, double value);

/// `linalg.fill` of `init` with the float `value`.
Value emitFill(OpBuilder &b, Location loc, Value init, double value);

/// `linalg.transpose`: result dimension i is dimension `permutation[i]` of
/// `source`.
Value emitTranspose(OpBuilder &b, Location loc, Value source,
                    ArrayRef<int64_t> permutation);

/// `linalg.broadcast` of `source` [B, X, F] to [B, heads, X, F] (a
/// `tensor.expand_shape` for one head).
Value emitBroadcastHeads(OpBuilder &b, Location loc, Value source,
                         int64_t heads);

/// Heads out of the features: [B, X, heads*width] -> [B, heads, X, width].
Value emitSplitHeads(OpBuilder &b, Location loc, Value x, int64_t heads,
                     int64_t width);

/// Heads back into the features: [B, heads, X, width] -> [B, X,
/// heads*width].
Value emitMergeHeads(OpBuilder &b, Location loc, Value x);

/// `tensor.expand_shape` of `source` to `sizes`.
Value emitExpand(OpBuilder &b, Location loc, Value source,
                 ArrayRef<ReassociationIndices> reassociation,
                 ArrayRef<OpFoldResult> sizes);

/// `tensor.collapse_shape` of `source`.
Value emitCollapse(OpBuilder &b, Location loc, Value source,
                   ArrayRef<ReassociationIndices> reassociation);

} // namespace mlir::hopfield

#endif // FRONTEND_EMITUTILS_H
