//===- EmitUtils.cpp - small IR builders shared by the emitters -----------===//

#include "frontend/EmitUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::hopfield;

SmallVector<OpFoldResult> mlir::hopfield::emitSizes(OpBuilder &b, Location loc,
                                                    Value value) {
  return tensor::getMixedSizes(b, loc, value);
}

RankedTensorType mlir::hopfield::tensorTypeOf(ArrayRef<OpFoldResult> sizes,
                                              Type element) {
  SmallVector<int64_t> shape;
  for (OpFoldResult size : sizes)
    shape.push_back(getConstantIntValue(size).value_or(ShapedType::kDynamic));
  return RankedTensorType::get(shape, element);
}

Value mlir::hopfield::emitEmpty(OpBuilder &b, Location loc,
                                ArrayRef<OpFoldResult> sizes, Type element) {
  return tensor::EmptyOp::create(b, loc, sizes, element);
}

Value mlir::hopfield::emitFloatConstant(OpBuilder &b, Location loc, Type type,
                                        double value) {
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
}

Value mlir::hopfield::emitFill(OpBuilder &b, Location loc, Value init,
                               double value) {
  Type element = cast<RankedTensorType>(init.getType()).getElementType();
  Value scalar = emitFloatConstant(b, loc, element, value);
  return linalg::FillOp::create(b, loc, ValueRange{scalar}, ValueRange{init})
      .getResult(0);
}

Value mlir::hopfield::emitTranspose(OpBuilder &b, Location loc, Value source,
                                    ArrayRef<int64_t> permutation) {
  SmallVector<OpFoldResult> sourceSizes = emitSizes(b, loc, source);
  SmallVector<OpFoldResult> sizes;
  for (int64_t d : permutation)
    sizes.push_back(sourceSizes[d]);
  Type element = cast<RankedTensorType>(source.getType()).getElementType();
  Value init = emitEmpty(b, loc, sizes, element);
  return linalg::TransposeOp::create(b, loc, source, init, permutation)
      .getResult()
      .front();
}

Value mlir::hopfield::emitBroadcastHeads(OpBuilder &b, Location loc,
                                         Value source, int64_t heads) {
  SmallVector<OpFoldResult> sizes = emitSizes(b, loc, source);
  sizes.insert(sizes.begin() + 1, b.getIndexAttr(heads));
  // One head is a reshape, not a copy.
  if (heads == 1)
    return emitExpand(b, loc, source, {{0, 1}, {2}, {3}}, sizes);
  Type element = cast<RankedTensorType>(source.getType()).getElementType();
  Value init = emitEmpty(b, loc, sizes, element);
  return linalg::BroadcastOp::create(b, loc, source, init, ArrayRef<int64_t>{1})
      .getResult()
      .front();
}

Value mlir::hopfield::emitExpand(OpBuilder &b, Location loc, Value source,
                                 ArrayRef<ReassociationIndices> reassociation,
                                 ArrayRef<OpFoldResult> sizes) {
  Type element = cast<RankedTensorType>(source.getType()).getElementType();
  return tensor::ExpandShapeOp::create(b, loc, tensorTypeOf(sizes, element),
                                       source, reassociation, sizes);
}

Value mlir::hopfield::emitCollapse(
    OpBuilder &b, Location loc, Value source,
    ArrayRef<ReassociationIndices> reassociation) {
  return tensor::CollapseShapeOp::create(b, loc, source, reassociation);
}

Value mlir::hopfield::emitSplitHeads(OpBuilder &b, Location loc, Value x,
                                     int64_t heads, int64_t width) {
  SmallVector<OpFoldResult> sizes = emitSizes(b, loc, x);
  Value x4 = emitExpand(
      b, loc, x, {{0}, {1}, {2, 3}},
      {sizes[0], sizes[1], b.getIndexAttr(heads), b.getIndexAttr(width)});
  return emitTranspose(b, loc, x4, {0, 2, 1, 3});
}

Value mlir::hopfield::emitMergeHeads(OpBuilder &b, Location loc, Value x) {
  return emitCollapse(b, loc, emitTranspose(b, loc, x, {0, 2, 1, 3}),
                      {{0}, {1}, {2, 3}});
}
