//===- ScaleProjection.cpp - the score scale into Q's projection weights --===//
//
// When the query is a constant-weight projection, x W + b, seen through the
// head split (tensor.expand_shape, linalg.transpose) and used by nothing
// else, beta * head_beta[h] * q equals x W' + b' with column c of W and b
// scaled by the factor of the head that column lands in: the scale costs
// nothing at run time (exact up to rounding).
//
// The head of column c is tracked back from the query's head dimension
// (dimension 1): a transpose moves it, an expand_shape makes it one factor
// of a source dimension (head = (c / stride) % heads, stride the product of
// the static sizes after it in its group), and the matmul's columns are
// the last stop.
//
//===----------------------------------------------------------------------===//

#include "passes/ScaleProjection.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

/// Where the heads sit in a tensor: dimension `dim`, index i belongs to
/// head (i / stride) % heads.
struct HeadLayout {
  int64_t dim, stride, heads;
};

/// One step back through a head split op; fails on anything else.
FailureOr<Value> stepBack(Value value, HeadLayout &layout) {
  if (auto transpose = value.getDefiningOp<linalg::TransposeOp>()) {
    layout.dim = transpose.getPermutation()[layout.dim];
    return transpose.getInput();
  }
  if (auto expand = value.getDefiningOp<tensor::ExpandShapeOp>()) {
    ArrayRef<int64_t> shape = expand.getResultType().getShape();
    for (auto [source, group] :
         llvm::enumerate(expand.getReassociationIndices())) {
      auto it = llvm::find(group, layout.dim);
      if (it == group.end())
        continue;
      // With one factor for all heads the stride does not matter.
      for (int64_t d : ArrayRef<int64_t>(it + 1, group.end())) {
        if (layout.heads == 1)
          break;
        if (ShapedType::isDynamic(shape[d]))
          return failure();
        layout.stride *= shape[d];
      }
      layout.dim = source;
      return expand.getSrc();
    }
  }
  return failure();
}

/// `attr` with element i multiplied by factor(i) (in double, rounded back).
DenseElementsAttr scaled(DenseElementsAttr attr,
                         function_ref<double(int64_t)> factor) {
  auto type = cast<FloatType>(attr.getElementType());
  SmallVector<APFloat> values;
  for (auto [i, value] : llvm::enumerate(attr.getValues<APFloat>())) {
    APFloat product(value.convertToDouble() * factor(i));
    bool lost;
    product.convert(type.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                    &lost);
    values.push_back(product);
  }
  return DenseElementsAttr::get(attr.getType(), values);
}

} // namespace

LogicalResult mlir::hopfield::scaleQueryProjection(RewriterBase &rewriter,
                                                   Value query, double beta,
                                                   Value headBeta) {
  auto queryType = cast<RankedTensorType>(query.getType());
  SmallVector<double> headFactors(1, 1.0);
  if (headBeta) {
    DenseElementsAttr attr;
    if (!matchPattern(headBeta, m_Constant(&attr)))
      return failure();
    headFactors.clear();
    for (APFloat value : attr.getValues<APFloat>())
      headFactors.push_back(value.convertToDouble());
  }
  HeadLayout layout{1, 1, static_cast<int64_t>(headFactors.size())};
  if (headBeta && queryType.getDimSize(1) != layout.heads)
    return failure();

  // Back to the projection; every value on the way has one user.
  Value current = query;
  linalg::MatmulOp matmul;
  while (true) {
    if (!current.hasOneUse())
      return failure();
    if ((matmul = current.getDefiningOp<linalg::MatmulOp>()))
      break;
    FailureOr<Value> previous = stepBack(current, layout);
    if (failed(previous))
      return failure();
    current = *previous;
  }
  if (layout.dim != 1 || matmul.hasUserDefinedMaps() ||
      !matmul.hasPureTensorSemantics())
    return failure();

  // The constant weight [K, N] and accumulator: the broadcast of a constant
  // bias [N] or a zero fill, used by this matmul alone.
  DenseElementsAttr weight, bias;
  if (!matchPattern(matmul.getDpsInputs()[1], m_Constant(&weight)) ||
      !isa<FloatType>(weight.getElementType()))
    return failure();
  Value init = matmul.getDpsInits()[0];
  auto broadcast = init.getDefiningOp<linalg::BroadcastOp>();
  if (!init.hasOneUse())
    return failure();
  if (broadcast) {
    if (broadcast.getDimensions() != ArrayRef<int64_t>{0} ||
        !matchPattern(broadcast.getInput(), m_Constant(&bias)))
      return failure();
  } else {
    auto fill = init.getDefiningOp<linalg::FillOp>();
    if (!fill || !matchPattern(fill.getInputs()[0], m_AnyZeroFloat()))
      return failure();
  }

  int64_t columns = weight.getType().getDimSize(1);
  auto factor = [&](int64_t column) {
    return beta * headFactors[(column / layout.stride) % layout.heads];
  };
  Location loc = matmul.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(matmul);
  Value newWeight = arith::ConstantOp::create(
      rewriter, loc,
      scaled(weight, [&](int64_t i) { return factor(i % columns); }));
  rewriter.modifyOpInPlace(
      matmul, [&] { matmul.getDpsInputOperand(1)->set(newWeight); });
  if (bias) {
    rewriter.setInsertionPoint(broadcast);
    Value newBias =
        arith::ConstantOp::create(rewriter, loc, scaled(bias, factor));
    rewriter.modifyOpInPlace(
        broadcast, [&] { broadcast.getInputMutable().assign(newBias); });
  }
  return success();
}
