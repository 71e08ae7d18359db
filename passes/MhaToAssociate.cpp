//===- MhaToAssociate.cpp - hopfield.mha as biased attention --------------===//
//
// SPEC 2.5 / 9.6 lowering (b): softmax(h_n) with
// h_n = a' h_{n-1} + (1 - a') S_n and S_n = c Q K^T is softmax attention
// with score scale (1 - a') c and the additive bias a' h_{n-1}, i.e. one
// hopfield.associate, which runs as the fused, tiled online-softmax kernel.
// Without an incoming hidden state, `init` decides: first_scores is plain
// attention with scale c, zero scales by (1 - a') c. The hidden state result
// h_n [B,H,L,S] is only built (S_n as a contraction, then the EMA) when it
// is used, e.g. by the next layer.
//
//===----------------------------------------------------------------------===//

#include "dialect/HopfieldOps.h"
#include "passes/LinalgBuilders.h"
#include "passes/ScoreBuilders.h"
#include "passes/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

/// scale * Q K^T: [B,H,L,D] x [B,H,S,D] -> [B,H,L,S], the contraction of
/// the association lowerings (ScoreBuilders.h), then the scale once per
/// score.
Value buildScaledScores(OpBuilder &b, Location loc, Value query, Value key,
                        Type element, double scale) {
  Value product = scores(b, loc, query, transposeKey(b, loc, key), element);
  AffineMap id = AffineMap::getMultiDimIdentityMap(4, b.getContext());
  return buildGeneric(
      b, loc, {product}, emptyLike(b, loc, product, element), {id, id},
      SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value c = floatConstant(nb, nl, args[0].getType(), scale);
        return arith::MulFOp::create(nb, nl, args[0], c).getResult();
      });
}

/// x * a + y * bw elementwise ([B,H,L,S]); y may be null (x * a).
Value buildWeightedSum(OpBuilder &b, Location loc, Value x, double a, Value y,
                       double bw) {
  auto type = cast<RankedTensorType>(x.getType());
  AffineMap id =
      AffineMap::getMultiDimIdentityMap(type.getRank(), b.getContext());
  SmallVector<Value> inputs = {x};
  if (y)
    inputs.push_back(y);
  SmallVector<AffineMap> maps(inputs.size() + 1, id);
  return buildGeneric(
      b, loc, inputs, emptyLike(b, loc, x, type.getElementType()), maps,
      SmallVector<utils::IteratorType>(type.getRank(),
                                       utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Type t = args[0].getType();
        Value sum =
            arith::MulFOp::create(nb, nl, args[0], floatConstant(nb, nl, t, a));
        if (y)
          sum = arith::AddFOp::create(
              nb, nl, sum,
              arith::MulFOp::create(nb, nl, args[1],
                                    floatConstant(nb, nl, t, bw)));
        return sum;
      });
}

struct MhaToBiasedAssociation : OpRewritePattern<MhaOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MhaOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    const double c = op.getEffectiveScale();
    const double alpha = op.getAlphaHidden().convertToDouble();
    Value previous = op.getHiddenIn();
    // Score scale of the softmax and the additive bias (SPEC 2.5).
    double beta = c;
    Value bias;
    if (previous) {
      beta = (1.0 - alpha) * c;
      if (alpha != 0.0)
        bias = buildWeightedSum(rewriter, loc, previous, alpha, Value(), 0.0);
    } else if (op.getInit() == MhaInit::zero) {
      beta = (1.0 - alpha) * c;
    }
    auto associate = AssociateOp::create(
        rewriter, loc, op.getOutput().getType(), /*association=*/Type(),
        /*steps=*/Type(), op.getQuery(), op.getKey(), op.getValue(),
        /*head_beta=*/Value(), op.getMask(), bias, /*query_offset=*/Value(),
        rewriter.getF64FloatAttr(beta), rewriter.getDenseI64ArrayAttr({0}),
        rewriter.getDenseF64ArrayAttr({1.0e-4}),
        ConvergenceCriterionAttr::get(rewriter.getContext(),
                                      ConvergenceCriterion::association),
        op.getCausalAttr());

    Value hidden;
    if (!op.getHidden().use_empty()) {
      auto hiddenType = cast<RankedTensorType>(op.getHidden().getType());
      Value scaled =
          buildScaledScores(rewriter, loc, op.getQuery(), op.getKey(),
                            hiddenType.getElementType(), c);
      if (previous)
        hidden = buildWeightedSum(rewriter, loc, scaled, 1.0 - alpha, previous,
                                  alpha);
      else if (op.getInit() == MhaInit::zero)
        hidden =
            buildWeightedSum(rewriter, loc, scaled, 1.0 - alpha, Value(), 0.0);
      else
        hidden = scaled;
      if (hidden.getType() != op.getHidden().getType())
        hidden = tensor::CastOp::create(rewriter, loc, op.getHidden().getType(),
                                        hidden);
    } else {
      // Unused: an empty tensor of the right shape (erased with its users).
      auto type = cast<RankedTensorType>(op.getHidden().getType());
      SmallVector<OpFoldResult> sizes = {
          tensor::getMixedSize(rewriter, loc, op.getQuery(), 0),
          tensor::getMixedSize(rewriter, loc, op.getQuery(), 1),
          tensor::getMixedSize(rewriter, loc, op.getQuery(), 2),
          tensor::getMixedSize(rewriter, loc, op.getKey(), 2)};
      hidden =
          tensor::EmptyOp::create(rewriter, loc, sizes, type.getElementType());
      if (hidden.getType() != type)
        hidden = tensor::CastOp::create(rewriter, loc, type, hidden);
    }
    rewriter.replaceOp(op, {associate.getOutput(), hidden});
    return success();
  }
};

} // namespace

void mlir::hopfield::populateMhaToAssociatePatterns(
    RewritePatternSet &patterns) {
  patterns.add<MhaToBiasedAssociation>(patterns.getContext());
}
