//===- HopfieldTiling.cpp - TilingInterface for the association ops -------===//
//
// `hopfield.associate` is tiled over (b, h, l, e), all parallel. When it
// iterates, the stopping rule couples every batch element and query row of a
// head (SPEC 3.9), so only h and e may then be split; per-head step budgets
// or eps (attributes) keep the heads whole too.
//
// `hopfield.association_change` is tiled like the online form, with l and s
// both reductions into its per-(b, h) sums.
//
// `hopfield.online_associate` is tiled over (b, h, l, s); s is the key
// reduction carried through the (acc, max, sum) outs, which gives the
// FlashAttention key loop. Tiles of both ops pass their absolute query/key
// positions on through the offset operands so that `causal` stays exact.
//
// Masks and biases broadcast along dimensions of static size 1; such a
// dimension is sliced as [0, 1) whatever the tile.
//
//===----------------------------------------------------------------------===//

#include "dialect/HopfieldOps.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

/// Slices `source` and records the slice op in `slices`.
Value slice(OpBuilder &b, Location loc, Value source,
            ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes,
            SmallVectorImpl<Operation *> &slices) {
  SmallVector<OpFoldResult> strides(offsets.size(), b.getIndexAttr(1));
  auto op =
      tensor::ExtractSliceOp::create(b, loc, source, offsets, sizes, strides);
  slices.push_back(op);
  return op.getResult();
}

/// Slices an optional rank-4 mask/bias broadcastable to [B,H,L,S]: static
/// size-1 dimensions stay [0, 1).
Value sliceBroadcast(OpBuilder &b, Location loc, Value source,
                     ArrayRef<OpFoldResult> offsets,
                     ArrayRef<OpFoldResult> sizes,
                     SmallVectorImpl<Operation *> &slices) {
  if (!source)
    return Value();
  auto type = cast<RankedTensorType>(source.getType());
  SmallVector<OpFoldResult> tileOffsets(offsets), tileSizes(sizes);
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (type.getDimSize(i) != 1)
      continue;
    tileOffsets[i] = b.getIndexAttr(0);
    tileSizes[i] = b.getIndexAttr(1);
  }
  return slice(b, loc, source, tileOffsets, tileSizes, slices);
}

Value sliceOptional(OpBuilder &b, Location loc, Value source,
                    ArrayRef<OpFoldResult> offsets,
                    ArrayRef<OpFoldResult> sizes,
                    SmallVectorImpl<Operation *> &slices) {
  return source ? slice(b, loc, source, offsets, sizes, slices) : Value();
}

/// Result type of a tile: static where the tile size is a constant.
RankedTensorType tileType(RankedTensorType type, ArrayRef<OpFoldResult> sizes) {
  SmallVector<int64_t> shape;
  for (OpFoldResult size : sizes)
    shape.push_back(getConstantIntValue(size).value_or(ShapedType::kDynamic));
  return RankedTensorType::get(shape, type.getElementType());
}

/// True when the tile [offset, offset + size) covers dimension `dim` of
/// `source` whole: `size` is its static size, or a `tensor.dim` of that very
/// dimension (what the tiling driver passes for an untiled dynamic size).
bool coversWholeDim(OpFoldResult offset, OpFoldResult size, Value source,
                    int64_t dim) {
  if (!isConstantIntValue(offset, 0))
    return false;
  int64_t full = cast<ShapedType>(source.getType()).getDimSize(dim);
  if (!ShapedType::isDynamic(full))
    return isConstantIntValue(size, full);
  auto sizeValue = dyn_cast_if_present<Value>(size);
  auto dimOp =
      sizeValue ? sizeValue.getDefiningOp<tensor::DimOp>() : tensor::DimOp();
  return dimOp && dimOp.getSource() == source &&
         dimOp.getConstantIndex() == dim;
}

/// `base + delta` as an index value, folded when both are constants.
OpFoldResult addIndex(OpBuilder &b, Location loc, OpFoldResult base,
                      OpFoldResult delta) {
  AffineExpr d0, d1;
  bindDims(b.getContext(), d0, d1);
  return affine::makeComposedFoldedAffineApply(b, loc, d0 + d1, {base, delta});
}

/// The (query, key) offset operands of a tile of an online-form op that
/// starts at rows `rowOffset` and keys `keyTileOffset` of an op whose own
/// offsets are `queryOffset` / `keyOffset` (null = 0). Both null when the
/// tile starts at (0, 0).
std::pair<Value, Value> tilePositions(OpBuilder &b, Location loc,
                                      Value queryOffset, Value keyOffset,
                                      OpFoldResult rowOffset,
                                      OpFoldResult keyTileOffset) {
  OpFoldResult zero = b.getIndexAttr(0);
  auto base = [&](Value offset) -> OpFoldResult {
    return offset ? OpFoldResult(offset) : zero;
  };
  OpFoldResult query = addIndex(b, loc, base(queryOffset), rowOffset);
  OpFoldResult key = addIndex(b, loc, base(keyOffset), keyTileOffset);
  if (isConstantIntValue(query, 0) && isConstantIntValue(key, 0))
    return {Value(), Value()};
  return {getValueOrCreateConstantIndexOp(b, loc, query),
          getValueOrCreateConstantIndexOp(b, loc, key)};
}

/// The domain (b, h, l, x): batch, heads and queries of `query`, then
/// dimension `lastDim` of `last` (value features or keys).
SmallVector<Range> queryRowsDomain(OpBuilder &b, Location loc, Value query,
                                   Value last, int64_t lastDim) {
  OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
  SmallVector<Range> domain;
  for (int64_t i = 0; i < 3; ++i)
    domain.push_back({zero, tensor::getMixedSize(b, loc, query, i), one});
  domain.push_back({zero, tensor::getMixedSize(b, loc, last, lastDim), one});
  return domain;
}

} // namespace

//===----------------------------------------------------------------------===//
// AssociateOp
//===----------------------------------------------------------------------===//

LogicalResult AssociateOp::reifyResultShapes(
    OpBuilder &b, ReifiedRankedShapedTypeDims &reifiedReturnShapes) {
  Location loc = getLoc();
  auto dim = [&](Value v, int64_t i) {
    return tensor::getMixedSize(b, loc, v, i);
  };
  OpFoldResult batch = dim(getQuery(), 0), heads = dim(getQuery(), 1),
               queries = dim(getQuery(), 2);
  reifiedReturnShapes.push_back({batch, heads, queries, dim(getValue(), 3)});
  if (getAssociation())
    reifiedReturnShapes.push_back({batch, heads, queries, dim(getKey(), 2)});
  if (getSteps())
    reifiedReturnShapes.push_back({heads});
  return success();
}

SmallVector<utils::IteratorType> AssociateOp::getLoopIteratorTypes() {
  return SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel);
}

SmallVector<Range> AssociateOp::getIterationDomain(OpBuilder &b) {
  return queryRowsDomain(b, getLoc(), getQuery(), getValue(), 3);
}

FailureOr<TilingResult>
AssociateOp::getTiledImplementation(OpBuilder &b,
                                    ArrayRef<OpFoldResult> offsets,
                                    ArrayRef<OpFoldResult> sizes) {
  Location loc = getLoc();
  // Batch, heads and queries are dimensions 0-2 of the query.
  if (iterates()) {
    for (int64_t i : {0, 2})
      if (!coversWholeDim(offsets[i], sizes[i], getQuery(), i))
        return emitOpError()
               << "cannot tile the " << (i == 0 ? "batch" : "query")
               << " dimension of an iterating association: its stopping "
                  "rule spans all batch elements and queries of a head";
  }
  if (hasPerHeadStopRule() &&
      !coversWholeDim(offsets[1], sizes[1], getQuery(), 1))
    return emitOpError("cannot tile the head dimension of an association "
                       "with per-head 'max_steps' or 'eps'");
  OpFoldResult zero = b.getIndexAttr(0);
  OpFoldResult keys = tensor::getMixedSize(b, loc, getKey(), 2);
  OpFoldResult features = tensor::getMixedSize(b, loc, getKey(), 3);
  SmallVector<Operation *> slices;

  Value query =
      slice(b, loc, getQuery(), {offsets[0], offsets[1], offsets[2], zero},
            {sizes[0], sizes[1], sizes[2], features}, slices);
  Value key = slice(b, loc, getKey(), {offsets[0], offsets[1], zero, zero},
                    {sizes[0], sizes[1], keys, features}, slices);
  Value value =
      slice(b, loc, getValue(), {offsets[0], offsets[1], zero, offsets[3]},
            {sizes[0], sizes[1], keys, sizes[3]}, slices);
  SmallVector<OpFoldResult> scoreOffsets = {offsets[0], offsets[1], offsets[2],
                                            zero};
  SmallVector<OpFoldResult> scoreSizes = {sizes[0], sizes[1], sizes[2], keys};
  Value mask =
      sliceBroadcast(b, loc, getMask(), scoreOffsets, scoreSizes, slices);
  Value bias =
      sliceBroadcast(b, loc, getBias(), scoreOffsets, scoreSizes, slices);
  Value headBeta =
      sliceOptional(b, loc, getHeadBeta(), {offsets[1]}, {sizes[1]}, slices);

  // Absolute position of the tile's first query, for `causal`.
  Value queryOffset;
  if (getQueryOffset() || !isConstantIntValue(offsets[2], 0)) {
    OpFoldResult base =
        getQueryOffset() ? OpFoldResult(getQueryOffset()) : zero;
    queryOffset = getValueOrCreateConstantIndexOp(
        b, loc, addIndex(b, loc, base, offsets[2]));
  }

  auto typeOf = [](Value v) { return cast<RankedTensorType>(v.getType()); };
  Type associationType, stepsType;
  if (getAssociation())
    associationType = tileType(typeOf(getAssociation()), scoreSizes);
  if (getSteps())
    stepsType = tileType(typeOf(getSteps()), {sizes[1]});
  auto tiled = AssociateOp::create(
      b, loc, tileType(typeOf(getOutput()), sizes), associationType, stepsType,
      query, key, value, headBeta, mask, bias, queryOffset, getBetaAttr(),
      getMaxStepsAttr(), getEpsAttr(), getCriterionAttr(), getCausalAttr());
  return TilingResult{{tiled}, SmallVector<Value>(tiled->getResults()), slices};
}

LogicalResult AssociateOp::getResultTilePosition(
    OpBuilder &b, unsigned resultNumber, ArrayRef<OpFoldResult> offsets,
    ArrayRef<OpFoldResult> sizes, SmallVector<OpFoldResult> &resultOffsets,
    SmallVector<OpFoldResult> &resultSizes) {
  Value result = getOperation()->getResult(resultNumber);
  if (result == getOutput()) {
    resultOffsets.assign(offsets.begin(), offsets.end());
    resultSizes.assign(sizes.begin(), sizes.end());
  } else if (result == getAssociation()) {
    resultOffsets = {offsets[0], offsets[1], offsets[2], b.getIndexAttr(0)};
    resultSizes = {sizes[0], sizes[1], sizes[2],
                   tensor::getMixedSize(b, getLoc(), getKey(), 2)};
  } else {
    resultOffsets = {offsets[1]};
    resultSizes = {sizes[1]};
  }
  return success();
}

//===----------------------------------------------------------------------===//
// OnlineAssociateOp
//===----------------------------------------------------------------------===//

LogicalResult OnlineAssociateOp::reifyResultShapes(
    OpBuilder &b, ReifiedRankedShapedTypeDims &reifiedReturnShapes) {
  for (Value init : getDpsInits())
    reifiedReturnShapes.push_back(tensor::getMixedSizes(b, getLoc(), init));
  return success();
}

SmallVector<utils::IteratorType> OnlineAssociateOp::getLoopIteratorTypes() {
  return {utils::IteratorType::parallel, utils::IteratorType::parallel,
          utils::IteratorType::parallel, utils::IteratorType::reduction};
}

SmallVector<Range> OnlineAssociateOp::getIterationDomain(OpBuilder &b) {
  return queryRowsDomain(b, getLoc(), getQuery(), getKey(), 2);
}

FailureOr<TilingResult>
OnlineAssociateOp::getTiledImplementation(OpBuilder &b,
                                          ArrayRef<OpFoldResult> offsets,
                                          ArrayRef<OpFoldResult> sizes) {
  Location loc = getLoc();
  OpFoldResult zero = b.getIndexAttr(0);
  OpFoldResult features = tensor::getMixedSize(b, loc, getKey(), 3);
  OpFoldResult valueFeatures = tensor::getMixedSize(b, loc, getValue(), 3);
  SmallVector<Operation *> slices;

  Value query =
      slice(b, loc, getQuery(), {offsets[0], offsets[1], offsets[2], zero},
            {sizes[0], sizes[1], sizes[2], features}, slices);
  Value key =
      slice(b, loc, getKey(), {offsets[0], offsets[1], offsets[3], zero},
            {sizes[0], sizes[1], sizes[3], features}, slices);
  Value value =
      slice(b, loc, getValue(), {offsets[0], offsets[1], offsets[3], zero},
            {sizes[0], sizes[1], sizes[3], valueFeatures}, slices);
  Value mask = sliceBroadcast(b, loc, getMask(), offsets, sizes, slices);
  Value bias = sliceBroadcast(b, loc, getBias(), offsets, sizes, slices);
  Value headBeta =
      sliceOptional(b, loc, getHeadBeta(), {offsets[1]}, {sizes[1]}, slices);

  // Absolute positions of the tile's first query and key.
  auto [queryOffsetValue, keyOffsetValue] = tilePositions(
      b, loc, getQueryOffset(), getKeyOffset(), offsets[2], offsets[3]);

  SmallVector<OpFoldResult> rowOffsets(offsets.take_front(3));
  SmallVector<OpFoldResult> rowSizes(sizes.take_front(3));
  Value acc =
      slice(b, loc, getAccInit(), {offsets[0], offsets[1], offsets[2], zero},
            {sizes[0], sizes[1], sizes[2], valueFeatures}, slices);
  Value max = slice(b, loc, getMaxInit(), rowOffsets, rowSizes, slices);
  Value sum = slice(b, loc, getSumInit(), rowOffsets, rowSizes, slices);

  auto tiled = OnlineAssociateOp::create(
      b, loc, acc.getType(), max.getType(), sum.getType(), query, key, value,
      headBeta, mask, bias, queryOffsetValue, keyOffsetValue, acc, max, sum,
      getBetaAttr(), getCausalAttr());
  return TilingResult{{tiled}, SmallVector<Value>(tiled->getResults()), slices};
}

LogicalResult OnlineAssociateOp::getResultTilePosition(
    OpBuilder &b, unsigned resultNumber, ArrayRef<OpFoldResult> offsets,
    ArrayRef<OpFoldResult> sizes, SmallVector<OpFoldResult> &resultOffsets,
    SmallVector<OpFoldResult> &resultSizes) {
  resultOffsets.assign(offsets.begin(), offsets.begin() + 3);
  resultSizes.assign(sizes.begin(), sizes.begin() + 3);
  if (resultNumber == 0) {
    resultOffsets.push_back(b.getIndexAttr(0));
    resultSizes.push_back(tensor::getMixedSize(b, getLoc(), getValue(), 3));
  }
  return success();
}

//===----------------------------------------------------------------------===//
// AssociationChangeOp
//===----------------------------------------------------------------------===//

LogicalResult AssociationChangeOp::reifyResultShapes(
    OpBuilder &b, ReifiedRankedShapedTypeDims &reifiedReturnShapes) {
  reifiedReturnShapes.push_back(tensor::getMixedSizes(b, getLoc(), getInit()));
  return success();
}

SmallVector<utils::IteratorType> AssociationChangeOp::getLoopIteratorTypes() {
  return {utils::IteratorType::parallel, utils::IteratorType::parallel,
          utils::IteratorType::reduction, utils::IteratorType::reduction};
}

SmallVector<Range> AssociationChangeOp::getIterationDomain(OpBuilder &b) {
  return queryRowsDomain(b, getLoc(), getQueryA(), getKey(), 2);
}

FailureOr<TilingResult>
AssociationChangeOp::getTiledImplementation(OpBuilder &b,
                                            ArrayRef<OpFoldResult> offsets,
                                            ArrayRef<OpFoldResult> sizes) {
  Location loc = getLoc();
  OpFoldResult zero = b.getIndexAttr(0);
  OpFoldResult features = tensor::getMixedSize(b, loc, getKey(), 3);
  SmallVector<Operation *> slices;
  SmallVector<OpFoldResult> queryOffsets = {offsets[0], offsets[1], offsets[2],
                                            zero};
  SmallVector<OpFoldResult> querySizes = {sizes[0], sizes[1], sizes[2],
                                          features};
  Value queryA = slice(b, loc, getQueryA(), queryOffsets, querySizes, slices);
  Value queryB = slice(b, loc, getQueryB(), queryOffsets, querySizes, slices);
  Value key =
      slice(b, loc, getKey(), {offsets[0], offsets[1], offsets[3], zero},
            {sizes[0], sizes[1], sizes[3], features}, slices);
  Value lseA = slice(b, loc, getLseA(), offsets.take_front(3),
                     sizes.take_front(3), slices);
  Value lseB = slice(b, loc, getLseB(), offsets.take_front(3),
                     sizes.take_front(3), slices);
  Value mask = sliceBroadcast(b, loc, getMask(), offsets, sizes, slices);
  Value bias = sliceBroadcast(b, loc, getBias(), offsets, sizes, slices);
  Value init = slice(b, loc, getInit(), offsets.take_front(2),
                     sizes.take_front(2), slices);

  auto [queryOffsetValue, keyOffsetValue] = tilePositions(
      b, loc, getQueryOffset(), getKeyOffset(), offsets[2], offsets[3]);
  auto tiled = AssociationChangeOp::create(
      b, loc, init.getType(), queryA, queryB, key, lseA, lseB, mask, bias,
      queryOffsetValue, keyOffsetValue, init, getCausalAttr());
  return TilingResult{{tiled}, SmallVector<Value>(tiled->getResults()), slices};
}

LogicalResult AssociationChangeOp::getResultTilePosition(
    OpBuilder &b, unsigned resultNumber, ArrayRef<OpFoldResult> offsets,
    ArrayRef<OpFoldResult> sizes, SmallVector<OpFoldResult> &resultOffsets,
    SmallVector<OpFoldResult> &resultSizes) {
  resultOffsets.assign(offsets.begin(), offsets.begin() + 2);
  resultSizes.assign(sizes.begin(), sizes.begin() + 2);
  return success();
}
