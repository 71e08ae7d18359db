//===- ScoreBuilders.cpp - masked association scores as linalg ------------===//

#include "passes/ScoreBuilders.h"
#include "passes/LinalgBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mlir::hopfield;
using utils::IteratorType;

static constexpr double kInf = std::numeric_limits<double>::infinity();

Value mlir::hopfield::transposeKey(OpBuilder &b, Location loc, Value key) {
  SmallVector<OpFoldResult> dims = tensor::getMixedSizes(b, loc, key);
  std::swap(dims[2], dims[3]);
  Value init = tensor::EmptyOp::create(
      b, loc, dims, cast<ShapedType>(key.getType()).getElementType());
  return linalg::TransposeOp::create(b, loc, key, init,
                                     ArrayRef<int64_t>{0, 1, 3, 2})
      .getResult()[0];
}

Value mlir::hopfield::scores(OpBuilder &b, Location loc, Value query,
                             Value keyT, Type accType) {
  MLIRContext *ctx = b.getContext();
  SmallVector<OpFoldResult> dims = tensor::getMixedSizes(b, loc, query);
  dims[3] = tensor::getMixedSize(b, loc, keyT, 3);
  Value init = filledTensor(b, loc, dims, accType, b.getFloatAttr(accType, 0));
  return buildGeneric(
      b, loc, {query, keyT}, init,
      {projection(ctx, 5, {0, 1, 2, 4}), projection(ctx, 5, {0, 1, 4, 3}),
       projection(ctx, 5, {0, 1, 2, 3})},
      {IteratorType::parallel, IteratorType::parallel, IteratorType::parallel,
       IteratorType::parallel, IteratorType::reduction},
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value q = args[0], k = args[1];
        if (q.getType() != accType) {
          q = arith::ExtFOp::create(nb, nl, accType, q);
          k = arith::ExtFOp::create(nb, nl, accType, k);
        }
        Value product = arith::MulFOp::create(nb, nl, q, k);
        return arith::AddFOp::create(nb, nl, args[2], product);
      });
}

ScoreMasking::ScoreMasking(MLIRContext *ctx, const ScoreOperands &operands,
                           SmallVectorImpl<Value> &inputs,
                           SmallVectorImpl<AffineMap> &maps)
    : operands(operands), firstArg(inputs.size()) {
  if (operands.mask) {
    inputs.push_back(operands.mask);
    maps.push_back(broadcastMap(ctx, operands.mask.getType()));
  }
  if (operands.bias) {
    inputs.push_back(operands.bias);
    maps.push_back(broadcastMap(ctx, operands.bias.getType()));
  }
}

Value ScoreMasking::apply(OpBuilder &b, Location loc, Value score,
                          ValueRange args) const {
  Type type = score.getType();
  unsigned next = firstArg;
  Value hidden;
  auto hide = [&](Value condition) {
    hidden =
        hidden ? arith::OrIOp::create(b, loc, hidden, condition) : condition;
  };
  if (operands.mask)
    hide(args[next++]);
  if (operands.bias) {
    Value bias = args[next++];
    if (bias.getType() != type)
      bias = arith::ExtFOp::create(b, loc, type, bias);
    score = arith::AddFOp::create(b, loc, score, bias);
  }
  if (operands.causal) {
    Value row = linalg::IndexOp::create(b, loc, 2);
    Value column = linalg::IndexOp::create(b, loc, 3);
    if (operands.queryOffset) {
      row = arith::AddIOp::create(b, loc, row, operands.queryOffset);
      column = arith::AddIOp::create(b, loc, column, operands.keyOffset);
    }
    hide(arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ugt, column, row));
  }
  if (!hidden)
    return score;
  return arith::SelectOp::create(b, loc, hidden,
                                 floatConstant(b, loc, type, -kInf), score);
}

Value mlir::hopfield::expShifted(OpBuilder &b, Location loc, Value score,
                                 Value stat) {
  Type type = score.getType();
  Value minusInf = floatConstant(b, loc, type, -kInf);
  Value masked =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, score, minusInf);
  Value shifted =
      math::ExpOp::create(b, loc, arith::SubFOp::create(b, loc, score, stat));
  return arith::SelectOp::create(b, loc, masked,
                                 floatConstant(b, loc, type, 0.0), shifted);
}
