//===- MhaLowerings.cpp - the three lowerings of hopfield.mha -------------===//
//
// SPEC 2.5 / 9.6. With S_n = c Q K^T and h_n = a' h_{n-1} + (1 - a') S_n,
// the output softmax(mask(h_n)) V is computed as
//
//   materialize  h_n as a [B,H,L,S] tensor, then a masked softmax over it
//                and P V (linalg; the hidden result is that tensor);
//   bias         one hopfield.associate with score scale (1 - a') c and the
//                additive bias a' h_{n-1} (the fused online-softmax kernel);
//   concat       one hopfield.associate over the chain's queries and keys,
//                each weighted by its EMA weight (MhaEma.h), concatenated
//                along the features: h_n = Q~ K~^T, never L x S.
//
// The hidden result is built only when something reads it as a tensor (a
// bias or materialize layer, a model output); a concat layer reads its
// chain's queries and keys instead.
//
//===----------------------------------------------------------------------===//

#include "dialect/HopfieldOps.h"
#include "passes/LinalgBuilders.h"
#include "passes/MhaEma.h"
#include "passes/ScoreBuilders.h"
#include "passes/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mlir::hopfield;
using utils::IteratorType;

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
      SmallVector<IteratorType>(4, IteratorType::parallel),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value c = floatConstant(nb, nl, args[0].getType(), scale);
        return arith::MulFOp::create(nb, nl, args[0], c).getResult();
      });
}

/// x * a + y * bw elementwise (same shapes); y may be null (x * a).
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
      SmallVector<IteratorType>(type.getRank(), IteratorType::parallel),
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

/// Casts `value` to `type` where only static information differs.
Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

/// A single-step hopfield.associate with score scale `beta`.
Value buildAttention(OpBuilder &b, Location loc, MhaOp op, Value query,
                     Value key, double beta, Value bias) {
  return AssociateOp::create(
             b, loc, op.getOutput().getType(), /*association=*/Type(),
             /*steps=*/Type(), query, key, op.getValue(), /*head_beta=*/Value(),
             op.getMask(), bias, /*query_offset=*/Value(),
             b.getF64FloatAttr(beta), b.getDenseI64ArrayAttr({0}),
             b.getDenseF64ArrayAttr({1.0e-4}),
             ConvergenceCriterionAttr::get(b.getContext(),
                                           ConvergenceCriterion::association),
             op.getCausalAttr())
      .getOutput();
}

/// h_n from S_n and the incoming state `previous` (null: by `init`).
Value buildHiddenState(OpBuilder &b, Location loc, MhaOp op, Value previous) {
  auto hiddenType = cast<RankedTensorType>(op.getHidden().getType());
  const double alpha = op.getAlphaHidden().convertToDouble();
  Value scaled =
      buildScaledScores(b, loc, op.getQuery(), op.getKey(),
                        hiddenType.getElementType(), op.getEffectiveScale());
  Value hidden = scaled;
  if (previous)
    hidden = buildWeightedSum(b, loc, scaled, 1.0 - alpha, previous, alpha);
  else if (op.getInit() == MhaInit::zero)
    hidden = buildWeightedSum(b, loc, scaled, 1.0 - alpha, Value(), 0.0);
  return castTo(b, loc, hidden, hiddenType);
}

/// softmax(mask(h)) V for h [B,H,L,S] and V [B,H,S,E], the softmax
/// statistics in the accumulator type; a fully masked row gives 0.
Value buildSoftmaxValues(OpBuilder &b, Location loc, MhaOp op, Value hidden) {
  MLIRContext *ctx = b.getContext();
  Type element = cast<ShapedType>(hidden.getType()).getElementType();
  Type acc = accumulatorType(element);
  AffineMap id4 = AffineMap::getMultiDimIdentityMap(4, ctx);
  AffineMap row = projection(ctx, 4, {0, 1, 2});
  SmallVector<IteratorType> rowReduction = {
      IteratorType::parallel, IteratorType::parallel, IteratorType::parallel,
      IteratorType::reduction};
  ScoreOperands operands{op.getMask(), Value(), Value(), Value(),
                         op.getCausal()};
  SmallVector<OpFoldResult> rowDims =
      tensor::getMixedSizes(b, loc, hidden);
  rowDims.pop_back();
  auto masked = [&](OpBuilder &nb, Location nl, const ScoreMasking &masking,
                    ValueRange args) {
    Value h = args[0];
    if (h.getType() != acc)
      h = arith::ExtFOp::create(nb, nl, acc, h);
    return masking.apply(nb, nl, h, args);
  };

  // Row maximum of the masked scores.
  SmallVector<Value> inputs = {hidden};
  SmallVector<AffineMap> maps = {id4};
  ScoreMasking maxMasking(ctx, operands, inputs, maps);
  maps.push_back(row);
  Value minusInf = filledTensor(
      b, loc, rowDims, acc,
      b.getFloatAttr(acc, -std::numeric_limits<double>::infinity()));
  Value rowMax = buildGeneric(
      b, loc, inputs, minusInf, maps, rowReduction,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        return arith::MaximumFOp::create(
                   nb, nl, masked(nb, nl, maxMasking, args), args.back())
            .getResult();
      });

  // exp(score - max), 0 where masked; its row sums.
  inputs = {hidden, rowMax};
  maps = {id4, row};
  ScoreMasking expMasking(ctx, operands, inputs, maps);
  maps.push_back(id4);
  Value exps = buildGeneric(
      b, loc, inputs, emptyLike(b, loc, hidden, acc), maps,
      SmallVector<IteratorType>(4, IteratorType::parallel),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        return expShifted(nb, nl, masked(nb, nl, expMasking, args), args[1]);
      });
  Value zeros = filledTensor(b, loc, rowDims, acc, b.getFloatAttr(acc, 0.0));
  Value rowSum = buildGeneric(
      b, loc, {exps}, zeros, {id4, row}, rowReduction,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        return arith::AddFOp::create(nb, nl, args[0], args[1]).getResult();
      });
  Value probabilities = buildGeneric(
      b, loc, {exps, rowSum}, emptyLike(b, loc, exps, acc), {id4, row, id4},
      SmallVector<IteratorType>(4, IteratorType::parallel),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        return divideOrZero(nb, nl, args[0], args[1]);
      });

  // P V: the score contraction with V [B,H,S,E] in the place of K^T.
  Value output = scores(b, loc, probabilities, op.getValue(), acc);
  if (acc != element) {
    output = buildGeneric(
        b, loc, {output}, emptyLike(b, loc, output, element), {id4, id4},
        SmallVector<IteratorType>(4, IteratorType::parallel),
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          return arith::TruncFOp::create(nb, nl, element, args[0]).getResult();
        });
  }
  return castTo(b, loc, output, op.getOutput().getType());
}

/// An uninitialised hidden result, for a hidden state nothing reads as a
/// tensor (erased with its users).
Value emptyHidden(OpBuilder &b, Location loc, MhaOp op) {
  auto type = cast<RankedTensorType>(op.getHidden().getType());
  SmallVector<OpFoldResult> sizes = {
      tensor::getMixedSize(b, loc, op.getQuery(), 0),
      tensor::getMixedSize(b, loc, op.getQuery(), 1),
      tensor::getMixedSize(b, loc, op.getQuery(), 2),
      tensor::getMixedSize(b, loc, op.getKey(), 2)};
  Value hidden = tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
  return castTo(b, loc, hidden, type);
}

MhaLowering loweringOf(MhaOp op) {
  if (std::optional<MhaLowering> lowering = op.getLowering())
    return *lowering;
  return MhaLowering::bias;
}

/// The queries and keys of a concat layer: Q~ = [w_1 Q_1 | ... | w_n Q_n]
/// scaled by 1/beta and K~ = [K_1 | ... | K_n], terms of weight 0 left out,
/// with beta the newest term's weight (foldable into its projection).
struct ConcatFactors {
  Value query, key;
  double beta = 1.0;
  /// The chain's incoming state and its weight (null without one).
  Value external;
  double externalWeight = 0.0;
};

ConcatFactors buildConcatFactors(OpBuilder &b, Location loc,
                                 const HiddenChain &chain) {
  EmaWeights weights = emaWeights(chain);
  ConcatFactors factors;
  SmallVector<std::pair<MhaOp, double>> terms;
  for (auto [layer, w] : llvm::zip_equal(chain.layers, weights.scoreWeights))
    if (w != 0.0)
      terms.push_back({layer, w * MhaOp(layer).getEffectiveScale()});
  if (!terms.empty() && terms.back().second != 0.0)
    factors.beta = terms.back().second;
  SmallVector<Value> queries, keys;
  for (auto [layer, weight] : terms) {
    Value query = layer.getQuery();
    double relative = weight / factors.beta;
    if (relative != 1.0)
      query = buildWeightedSum(b, loc, query, relative, Value(), 0.0);
    queries.push_back(query);
    keys.push_back(layer.getKey());
  }
  MhaOp op = chain.layers.back();
  if (queries.empty()) {
    // Every score weight is 0 (a' = 1 after an external state): zero-width
    // terms are not representable, so keep one term with weight 0.
    queries.push_back(
        buildWeightedSum(b, loc, op.getQuery(), 0.0, Value(), 0.0));
    keys.push_back(op.getKey());
  }
  auto concat = [&](ArrayRef<Value> parts) -> Value {
    if (parts.size() == 1)
      return parts.front();
    return tensor::ConcatOp::create(b, loc, /*dim=*/3, parts).getResult();
  };
  factors.query = concat(queries);
  factors.key = concat(keys);
  if (chain.external && weights.external != 0.0) {
    factors.external = chain.external;
    factors.externalWeight = weights.external;
  }
  return factors;
}

struct Lowered {
  Value output, hidden;
};

Lowered lowerMaterialized(OpBuilder &b, Location loc, MhaOp op) {
  Value hidden = buildHiddenState(b, loc, op, op.getHiddenIn());
  return {buildSoftmaxValues(b, loc, op, hidden), hidden};
}

Lowered lowerBiased(OpBuilder &b, Location loc, MhaOp op, bool hiddenNeeded) {
  const double c = op.getEffectiveScale();
  const double alpha = op.getAlphaHidden().convertToDouble();
  Value previous = op.getHiddenIn();
  double beta = c;
  Value bias;
  if (previous) {
    beta = (1.0 - alpha) * c;
    if (alpha != 0.0)
      bias = buildWeightedSum(b, loc, previous, alpha, Value(), 0.0);
  } else if (op.getInit() == MhaInit::zero) {
    beta = (1.0 - alpha) * c;
  }
  Value output = buildAttention(b, loc, op, op.getQuery(), op.getKey(), beta,
                                bias);
  return {output, hiddenNeeded ? buildHiddenState(b, loc, op, previous)
                               : Value()};
}

Lowered lowerConcatenated(OpBuilder &b, Location loc, MhaOp op,
                          const HiddenChain &chain, bool hiddenNeeded) {
  ConcatFactors f = buildConcatFactors(b, loc, chain);
  Value bias;
  if (f.external)
    bias = buildWeightedSum(b, loc, f.external, f.externalWeight, Value(), 0.0);
  Value output = buildAttention(b, loc, op, f.query, f.key, f.beta, bias);
  if (!hiddenNeeded)
    return {output, Value()};
  auto hiddenType = cast<RankedTensorType>(op.getHidden().getType());
  Value hidden = buildScaledScores(b, loc, f.query, f.key,
                                   hiddenType.getElementType(), f.beta);
  if (f.external)
    hidden =
        buildWeightedSum(b, loc, hidden, 1.0, f.external, f.externalWeight);
  return {output, castTo(b, loc, hidden, hiddenType)};
}

} // namespace

void mlir::hopfield::lowerMhaOps(RewriterBase &rewriter, Operation *root) {
  SmallVector<MhaOp> ops;
  root->walk([&](MhaOp op) { ops.push_back(op); });
  // Last layer first: a concat layer reads the queries and keys of the
  // layers before it, which still exist; a bias or materialize layer reads
  // its incoming state as a value, which the producer's own lowering then
  // replaces by the built tensor. So a hidden state is built exactly when
  // something still reads it once its consumers are lowered.
  for (MhaOp op : llvm::reverse(ops)) {
    rewriter.setInsertionPoint(op);
    Location loc = op.getLoc();
    bool needed = !op.getHidden().use_empty();
    Lowered lowered;
    switch (loweringOf(op)) {
    case MhaLowering::materialize:
      lowered = lowerMaterialized(rewriter, loc, op);
      break;
    case MhaLowering::bias:
      lowered = lowerBiased(rewriter, loc, op, needed);
      break;
    case MhaLowering::concat:
      lowered =
          lowerConcatenated(rewriter, loc, op, getHiddenChain(op), needed);
      break;
    }
    if (!lowered.hidden)
      lowered.hidden = emptyHidden(rewriter, loc, op);
    rewriter.replaceOp(op, {lowered.output, lowered.hidden});
  }
}
