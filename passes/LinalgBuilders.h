//===- LinalgBuilders.h - small builders for linalg on tensors --*- C++ -*-===//
//
// Helpers shared by the hopfield rewrites and conversions that emit
// linalg.generic / linalg.fill ops on tensors with possibly dynamic sizes.
//
//===----------------------------------------------------------------------===//

#ifndef PASSES_LINALGBUILDERS_H
#define PASSES_LINALGBUILDERS_H

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"

namespace mlir::hopfield {

/// Accumulator / statistics type for `element`: at least f32, so that f16
/// and bf16 association keeps f32 softmax statistics.
Type accumulatorType(Type element);

/// A tensor of sizes `dims` filled with `value`.
Value filledTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims,
                   Type element, TypedAttr value);

/// An uninitialised tensor of the sizes of `like`, with element type
/// `element`.
Value emptyLike(OpBuilder &b, Location loc, Value like, Type element);

/// The leading slice of each of `padded` with the shape of the matching
/// `originals` value: the real part of the results of an op that ran on
/// operands padded at their high ends.
SmallVector<Value> sliceToShapesOf(OpBuilder &b, Location loc,
                                   ValueRange padded, ValueRange originals);

/// `numerator / denominator`, or 0 where the denominator is 0 (a row whose
/// keys are all masked: SPEC 9.3). Scalars, for linalg.generic bodies.
Value divideOrZero(OpBuilder &b, Location loc, Value numerator,
                   Value denominator);

/// A float constant of type `type`.
Value floatConstant(OpBuilder &b, Location loc, Type type, double value);

/// Body of a generic: block arguments (inputs, then the output) in, yielded
/// value out.
using GenericBody = function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// One linalg.generic with a single output `init`. `maps` hold the
/// indexing maps of `inputs` followed by the one of `init`.
Value buildGeneric(OpBuilder &b, Location loc, ValueRange inputs, Value init,
                   ArrayRef<AffineMap> maps,
                   ArrayRef<utils::IteratorType> iterators, GenericBody body);

/// A map of `numDims` dims selecting `dims` as results, e.g.
/// (b, h, l, s) -> (b, h, l) is `projection(ctx, 4, {0, 1, 2})`.
AffineMap projection(MLIRContext *ctx, unsigned numDims,
                     ArrayRef<unsigned> dims);

/// Map of a mask/bias broadcastable to [B,H,L,S] inside a 4-D (b, h, l, s)
/// domain: static size-1 dimensions read index 0.
AffineMap broadcastMap(MLIRContext *ctx, Type maskType);

/// `query * beta * headBeta[h]` for query [B,H,L,D] (the score scale
/// folded into the query). `headBeta` may be null.
Value scaleQuery(OpBuilder &b, Location loc, Value query, double beta,
                 Value headBeta);

} // namespace mlir::hopfield

#endif // PASSES_LINALGBUILDERS_H
