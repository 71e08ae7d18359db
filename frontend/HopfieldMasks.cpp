//===- HopfieldMasks.cpp - the masks of a Hopfield module -----------------===//

#include "frontend/HopfieldMasks.h"
#include "frontend/EmitUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineMap.h"

#include <limits>

using namespace mlir;
using namespace mlir::hopfield;

namespace {

/// A constant zero (or false) of `type`.
Value zeroOf(OpBuilder &b, Location loc, Type type) {
  if (isa<FloatType>(type))
    return emitFloatConstant(b, loc, type, 0.0);
  return arith::ConstantOp::create(b, loc, b.getZeroAttr(type));
}

/// [B, S] i1 padding mask -> [B, 1, 1, S] additive bias: -inf where the key
/// is ignored, 0 elsewhere.
Value emitPaddingBias(OpBuilder &b, Location loc, Value padding,
                      Type floatType) {
  SmallVector<OpFoldResult> sizes = emitSizes(b, loc, padding);
  Value init = emitEmpty(
      b, loc, {sizes[0], b.getIndexAttr(1), b.getIndexAttr(1), sizes[1]},
      floatType);
  MLIRContext *ctx = b.getContext();
  AffineMap inputMap = AffineMap::get(
      4, 0, {getAffineDimExpr(0, ctx), getAffineDimExpr(3, ctx)}, ctx);
  AffineMap outputMap = AffineMap::getMultiDimIdentityMap(4, ctx);
  SmallVector<utils::IteratorType> iterators(4, utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{padding}, ValueRange{init},
      ArrayRef<AffineMap>{inputMap, outputMap}, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value ignored = emitFloatConstant(
            nb, nloc, floatType, -std::numeric_limits<double>::infinity());
        Value allowed = emitFloatConstant(nb, nloc, floatType, 0.0);
        Value bias =
            arith::SelectOp::create(nb, nloc, args[0], ignored, allowed);
        linalg::YieldOp::create(nb, nloc, bias);
      });
  return generic.getResult(0);
}

/// The association mask as a rank-4 operand: [L, S] -> [1, 1, L, S],
/// [B*H, L, S] -> [B, H, L, S]. With H = 1 the mask's own first dimension
/// is B; otherwise `batch` (static) is.
Value reshapeAssociationMask(OpBuilder &b, Location loc, Value mask,
                             int64_t heads, int64_t batch) {
  SmallVector<OpFoldResult> sizes = emitSizes(b, loc, mask);
  if (sizes.size() == 2)
    return emitExpand(
        b, loc, mask, {{0, 1, 2}, {3}},
        {b.getIndexAttr(1), b.getIndexAttr(1), sizes[0], sizes[1]});
  OpFoldResult batchSize =
      heads == 1 ? sizes[0] : OpFoldResult(b.getIndexAttr(batch));
  return emitExpand(b, loc, mask, {{0, 1}, {2}, {3}},
                    {batchSize, b.getIndexAttr(heads), sizes[1], sizes[2]});
}

/// lhs + rhs for rank-4 tensors that broadcast along their static size-1
/// dimensions.
Value emitBroadcastAdd(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  MLIRContext *ctx = b.getContext();
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  SmallVector<OpFoldResult> lhsSizes = emitSizes(b, loc, lhs);
  SmallVector<OpFoldResult> rhsSizes = emitSizes(b, loc, rhs);
  SmallVector<OpFoldResult> sizes;
  SmallVector<AffineExpr> lhsExprs, rhsExprs;
  for (int64_t i = 0; i < 4; ++i) {
    bool lhsOne = lhsType.getDimSize(i) == 1;
    bool rhsOne = rhsType.getDimSize(i) == 1;
    sizes.push_back(lhsOne ? rhsSizes[i] : lhsSizes[i]);
    AffineExpr d = getAffineDimExpr(i, ctx);
    AffineExpr zero = getAffineConstantExpr(0, ctx);
    lhsExprs.push_back(lhsOne ? zero : d);
    rhsExprs.push_back(rhsOne ? zero : d);
  }
  Value init = emitEmpty(b, loc, sizes, lhsType.getElementType());
  SmallVector<AffineMap> maps = {AffineMap::get(4, 0, lhsExprs, ctx),
                                 AffineMap::get(4, 0, rhsExprs, ctx),
                                 AffineMap::getMultiDimIdentityMap(4, ctx)};
  SmallVector<utils::IteratorType> iterators(4, utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{lhs, rhs},
             ValueRange{init}, maps, iterators,
             [](OpBuilder &nb, Location nloc, ValueRange args) {
               Value sum = arith::AddFOp::create(nb, nloc, args[0], args[1]);
               linalg::YieldOp::create(nb, nloc, sum);
             })
      .getResult(0);
}

} // namespace

Value mlir::hopfield::emitAppendZero(OpBuilder &b, Location loc, Value source,
                                     int64_t dim) {
  auto type = cast<RankedTensorType>(source.getType());
  SmallVector<OpFoldResult> sizes = emitSizes(b, loc, source);
  if (type.isDynamicDim(dim)) {
    Value size = getValueOrCreateConstantIndexOp(b, loc, sizes[dim]);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    sizes[dim] = arith::AddIOp::create(b, loc, size, one).getResult();
  } else {
    sizes[dim] = b.getIndexAttr(type.getDimSize(dim) + 1);
  }
  Type element = type.getElementType();
  Value init = emitEmpty(b, loc, sizes, element);
  Value zeros =
      linalg::FillOp::create(b, loc, ValueRange{zeroOf(b, loc, element)},
                             ValueRange{init})
          .getResult(0);
  SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
  SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
  return tensor::InsertSliceOp::create(b, loc, source, zeros, offsets,
                                       emitSizes(b, loc, source), strides);
}

MaskOperands mlir::hopfield::emitMaskOperands(OpBuilder &b, Location loc,
                                              Value padding, Value association,
                                              int64_t heads, int64_t batch,
                                              bool zeroColumn, Type floatType) {
  MaskOperands result;
  if (padding) {
    if (zeroColumn)
      padding = emitAppendZero(b, loc, padding, 1);
    result.bias = emitPaddingBias(b, loc, padding, floatType);
  }
  if (!association)
    return result;
  auto type = cast<RankedTensorType>(association.getType());
  if (zeroColumn)
    association = emitAppendZero(b, loc, association, type.getRank() - 1);
  Value mask4 = reshapeAssociationMask(b, loc, association, heads, batch);
  if (type.getElementType().isInteger(1)) {
    result.mask = mask4;
    return result;
  }
  // A float association mask is added to the scaled scores.
  result.bias =
      result.bias ? emitBroadcastAdd(b, loc, mask4, result.bias) : mask4;
  return result;
}
