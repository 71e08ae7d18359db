//===- LayerBuilders.cpp - IR of torch layers shared by emitters ----------===//

#include "frontend/LayerBuilders.h"
#include "frontend/EmitUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/AffineMap.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

/// `init` filled with the broadcast bias along its last dimension, or zeros.
Value emitAccumulator(OpBuilder &b, Location loc, Value init, Value bias) {
  if (!bias)
    return emitFill(b, loc, init, 0.0);
  int64_t rank = cast<RankedTensorType>(init.getType()).getRank();
  SmallVector<int64_t> dims;
  for (int64_t i = 0; i + 1 < rank; ++i)
    dims.push_back(i);
  return linalg::BroadcastOp::create(b, loc, bias, init, dims)
      .getResult()
      .front();
}

/// x [..., in] as a matrix [N, in], one linalg.matmul with W^T [in, out],
/// and the result reshaped to [..., out].
Value emitMatmul(OpBuilder &b, Location loc, Value x, Value weightT, Value bias,
                 int64_t outFeatures) {
  const int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
  SmallVector<OpFoldResult> xSizes = emitSizes(b, loc, x);
  ReassociationIndices leading;
  for (int64_t i = 0; i + 1 < rank; ++i)
    leading.push_back(i);

  Value matrix = x;
  if (rank == 1)
    matrix = emitExpand(b, loc, x, {{0, 1}}, {b.getIndexAttr(1), xSizes[0]});
  else if (rank > 2)
    matrix = emitCollapse(b, loc, x, {leading, {rank - 1}});
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  Value init = emitEmpty(
      b, loc, {emitSizes(b, loc, matrix)[0], b.getIndexAttr(outFeatures)},
      element);
  Value accumulator = emitAccumulator(b, loc, init, bias);
  Value product = linalg::MatmulOp::create(
                      b, loc, TypeRange{accumulator.getType()},
                      ValueRange{matrix, weightT}, ValueRange{accumulator})
                      .getResult(0);
  if (rank == 1)
    return emitCollapse(b, loc, product, {{0, 1}});
  if (rank == 2)
    return product;
  SmallVector<OpFoldResult> outSizes(xSizes.begin(), xSizes.end() - 1);
  outSizes.push_back(b.getIndexAttr(outFeatures));
  return emitExpand(b, loc, product, {leading, {rank - 1}}, outSizes);
}

/// y[..., n] = bias[n] + sum_k x[..., k] W^T[k, n] as one linalg.generic on
/// the shape of x.
Value emitContraction(OpBuilder &b, Location loc, Value x, Value weightT,
                      Value bias, int64_t outFeatures) {
  MLIRContext *ctx = b.getContext();
  const int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
  // Loops: the leading dimensions of x, n, then the reduction k.
  SmallVector<AffineExpr> dims;
  for (int64_t i = 0; i <= rank; ++i)
    dims.push_back(getAffineDimExpr(i, ctx));
  SmallVector<AffineExpr> xExprs(dims.begin(), dims.begin() + rank - 1);
  SmallVector<AffineExpr> outExprs(xExprs);
  xExprs.push_back(dims[rank]);
  outExprs.push_back(dims[rank - 1]);
  AffineMap xMap = AffineMap::get(rank + 1, 0, xExprs, ctx);
  AffineMap wMap =
      AffineMap::get(rank + 1, 0, {dims[rank], dims[rank - 1]}, ctx);
  AffineMap outMap = AffineMap::get(rank + 1, 0, outExprs, ctx);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);

  SmallVector<OpFoldResult> sizes = emitSizes(b, loc, x);
  sizes.back() = b.getIndexAttr(outFeatures);
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  Value accumulator =
      emitAccumulator(b, loc, emitEmpty(b, loc, sizes, element), bias);
  return linalg::GenericOp::create(
             b, loc, TypeRange{accumulator.getType()}, ValueRange{x, weightT},
             ValueRange{accumulator}, ArrayRef<AffineMap>{xMap, wMap, outMap},
             iterators,
             [](OpBuilder &nb, Location nloc, ValueRange args) {
               Value product =
                   arith::MulFOp::create(nb, nloc, args[0], args[1]);
               Value sum = arith::AddFOp::create(nb, nloc, args[2], product);
               linalg::YieldOp::create(nb, nloc, sum);
             })
      .getResult(0);
}

/// A linalg.generic with one result whose body yields `body(args)`.
Value emitGeneric(OpBuilder &b, Location loc, ValueRange inputs, Value init,
                  ArrayRef<AffineMap> maps,
                  ArrayRef<utils::IteratorType> iterators,
                  function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
             iterators,
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(nb, nloc, body(nb, nloc, args));
             })
      .getResult(0);
}

/// An elementwise linalg.generic over the shape of `x`.
Value emitElementwise(
    OpBuilder &b, Location loc, ValueRange inputs,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  Value x = inputs.front();
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank, b.getContext());
  SmallVector<AffineMap> maps(inputs.size() + 1, id);
  SmallVector<utils::IteratorType> parallel(rank,
                                            utils::IteratorType::parallel);
  Value init = emitEmpty(b, loc, emitSizes(b, loc, x), type.getElementType());
  return emitGeneric(b, loc, inputs, init, maps, parallel, body);
}

/// One elementwise torch function: the scalar body.
using ScalarFn = Value (*)(OpBuilder &, Location, Value);

Value constantLike(OpBuilder &b, Location loc, Value like, double v) {
  return emitFloatConstant(b, loc, like.getType(), v);
}

Value reluBody(OpBuilder &b, Location loc, Value x) {
  return arith::MaximumFOp::create(b, loc, x, constantLike(b, loc, x, 0.0));
}
Value sigmoidBody(OpBuilder &b, Location loc, Value x) {
  Value one = constantLike(b, loc, x, 1.0);
  Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
  return arith::DivFOp::create(b, loc, one,
                               arith::AddFOp::create(b, loc, one, e));
}
/// alpha * (exp(x) - 1) for x <= 0, x above (celu with alpha = 1 is elu).
Value eluBody(OpBuilder &b, Location loc, Value x, double alpha) {
  Value zero = constantLike(b, loc, x, 0.0);
  Value negative = arith::MulFOp::create(
      b, loc, constantLike(b, loc, x, alpha),
      math::ExpM1Op::create(b, loc,
                            arith::MinimumFOp::create(b, loc, x, zero)));
  Value positive =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, zero);
  return arith::SelectOp::create(b, loc, positive, x, negative);
}
Value seluBody(OpBuilder &b, Location loc, Value x) {
  // torch.selu constants.
  const double alpha = 1.6732632423543772848170429916717;
  const double scale = 1.0507009873554804934193349852946;
  return arith::MulFOp::create(b, loc, constantLike(b, loc, x, scale),
                               eluBody(b, loc, x, alpha));
}
Value celuBody(OpBuilder &b, Location loc, Value x) {
  return eluBody(b, loc, x, 1.0);
}
Value signBody(OpBuilder &b, Location loc, Value x) {
  Value zero = constantLike(b, loc, x, 0.0);
  Value one = constantLike(b, loc, x, 1.0);
  Value minusOne = constantLike(b, loc, x, -1.0);
  Value gt = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, zero);
  Value lt = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, zero);
  return arith::SelectOp::create(
      b, loc, gt, one, arith::SelectOp::create(b, loc, lt, minusOne, zero));
}
template <typename OpTy> Value unaryBody(OpBuilder &b, Location loc, Value x) {
  return OpTy::create(b, loc, x);
}
Value squareBody(OpBuilder &b, Location loc, Value x) {
  return arith::MulFOp::create(b, loc, x, x);
}

struct Activation {
  StringRef name;
  ScalarFn body;
};

const Activation kActivations[] = {
    {"relu", reluBody},
    {"sigmoid", sigmoidBody},
    {"tanh", unaryBody<math::TanhOp>},
    {"selu", seluBody},
    {"celu", celuBody},
    {"exp", unaryBody<math::ExpOp>},
    {"expm1", unaryBody<math::ExpM1Op>},
    {"abs", unaryBody<math::AbsFOp>},
    {"neg", unaryBody<arith::NegFOp>},
    {"square", squareBody},
    {"sign", signBody},
    {"sin", unaryBody<math::SinOp>},
    {"cos", unaryBody<math::CosOp>},
    {"erf", unaryBody<math::ErfOp>},
    {"erfc", unaryBody<math::ErfcOp>},
    {"sinh", unaryBody<math::SinhOp>},
    {"cosh", unaryBody<math::CoshOp>},
    {"atan", unaryBody<math::AtanOp>},
    {"asinh", unaryBody<math::AsinhOp>},
};

} // namespace

Value mlir::hopfield::emitLinear(OpBuilder &b, Location loc, Value x,
                                 Value weightT, Value bias,
                                 int64_t outFeatures) {
  ArrayRef<int64_t> xShape = cast<RankedTensorType>(x.getType()).getShape();
  // More than one run-time leading dimension would need a tensor.expand_shape
  // of one dynamic size into several, which MLIR 22's
  // --expand-strided-metadata crashes on; such inputs get the contraction as
  // one linalg.generic on their own shape instead.
  bool reshape = llvm::count_if(xShape.drop_back(), ShapedType::isDynamic) <= 1;
  return reshape ? emitMatmul(b, loc, x, weightT, bias, outFeatures)
                 : emitContraction(b, loc, x, weightT, bias, outFeatures);
}

Value mlir::hopfield::emitLayerNorm(OpBuilder &b, Location loc, Value x,
                                    int64_t normalizedRank, Value weight,
                                    Value bias, double eps) {
  MLIRContext *ctx = b.getContext();
  auto type = cast<RankedTensorType>(x.getType());
  Type floatType = type.getElementType();
  const int64_t rank = type.getRank();
  const int64_t k = normalizedRank;
  const int64_t lead = rank - k;
  SmallVector<OpFoldResult> sizes = emitSizes(b, loc, x);
  SmallVector<OpFoldResult> rowSizes(sizes.begin(), sizes.begin() + lead);
  int64_t count = 1;
  for (int64_t d : type.getShape().drop_front(lead))
    count *= d;

  SmallVector<AffineExpr> dims;
  for (int64_t i = 0; i < rank; ++i)
    dims.push_back(getAffineDimExpr(i, ctx));
  AffineMap full = AffineMap::getMultiDimIdentityMap(rank, ctx);
  AffineMap rows =
      AffineMap::get(rank, 0, ArrayRef(dims).take_front(lead), ctx);
  AffineMap features =
      AffineMap::get(rank, 0, ArrayRef(dims).drop_front(lead), ctx);
  AffineMap rowIdentity = AffineMap::getMultiDimIdentityMap(lead, ctx);
  SmallVector<utils::IteratorType> reduce(lead, utils::IteratorType::parallel);
  reduce.append(k, utils::IteratorType::reduction);
  SmallVector<utils::IteratorType> rowParallel(lead,
                                               utils::IteratorType::parallel);
  SmallVector<utils::IteratorType> parallel(rank,
                                            utils::IteratorType::parallel);
  auto constant = [&](OpBuilder &nb, Location nloc, double v) {
    return emitFloatConstant(nb, nloc, floatType, v);
  };
  auto zeroRows = [&]() {
    return emitFill(b, loc, emitEmpty(b, loc, rowSizes, floatType), 0.0);
  };

  // mean = sum(x) / count
  Value sum = emitGeneric(
      b, loc, {x}, zeroRows(), {full, rows}, reduce,
      [](OpBuilder &nb, Location nloc, ValueRange a) {
        return arith::AddFOp::create(nb, nloc, a[1], a[0]).getResult();
      });
  Value mean = emitGeneric(
      b, loc, {sum}, emitEmpty(b, loc, rowSizes, floatType),
      {rowIdentity, rowIdentity}, rowParallel,
      [&](OpBuilder &nb, Location nloc, ValueRange a) {
        return arith::DivFOp::create(nb, nloc, a[0], constant(nb, nloc, count))
            .getResult();
      });
  // rstd = 1 / sqrt(sum((x - mean)^2) / count + eps)  (biased variance)
  Value squares = emitGeneric(
      b, loc, {x, mean}, zeroRows(), {full, rows, rows}, reduce,
      [](OpBuilder &nb, Location nloc, ValueRange a) {
        Value d = arith::SubFOp::create(nb, nloc, a[0], a[1]);
        Value dd = arith::MulFOp::create(nb, nloc, d, d);
        return arith::AddFOp::create(nb, nloc, a[2], dd).getResult();
      });
  Value rstd = emitGeneric(
      b, loc, {squares}, emitEmpty(b, loc, rowSizes, floatType),
      {rowIdentity, rowIdentity}, rowParallel,
      [&](OpBuilder &nb, Location nloc, ValueRange a) {
        Value var =
            arith::DivFOp::create(nb, nloc, a[0], constant(nb, nloc, count));
        Value shifted =
            arith::AddFOp::create(nb, nloc, var, constant(nb, nloc, eps));
        return math::RsqrtOp::create(nb, nloc, shifted).getResult();
      });
  // y = (x - mean) * rstd [* weight] [+ bias]
  SmallVector<Value> operands = {x, mean, rstd};
  SmallVector<AffineMap> maps = {full, rows, rows};
  int64_t weightIndex = -1, biasIndex = -1;
  if (weight) {
    weightIndex = operands.size();
    operands.push_back(weight);
    maps.push_back(features);
  }
  if (bias) {
    biasIndex = operands.size();
    operands.push_back(bias);
    maps.push_back(features);
  }
  maps.push_back(full);
  return emitGeneric(
      b, loc, operands, emitEmpty(b, loc, sizes, floatType), maps, parallel,
      [&](OpBuilder &nb, Location nloc, ValueRange a) {
        Value centered = arith::SubFOp::create(nb, nloc, a[0], a[1]);
        Value y = arith::MulFOp::create(nb, nloc, centered, a[2]);
        if (weightIndex >= 0)
          y = arith::MulFOp::create(nb, nloc, y, a[weightIndex]);
        if (biasIndex >= 0)
          y = arith::AddFOp::create(nb, nloc, y, a[biasIndex]);
        return y;
      });
}

ArrayRef<StringRef> mlir::hopfield::activationNames() {
  static const SmallVector<StringRef> names = llvm::map_to_vector(
      kActivations, [](const Activation &a) { return a.name; });
  return names;
}

bool mlir::hopfield::isActivation(StringRef name) {
  return llvm::is_contained(activationNames(), name);
}

Value mlir::hopfield::emitActivation(OpBuilder &b, Location loc, Value x,
                                     StringRef name) {
  const Activation *activation = llvm::find_if(
      kActivations, [&](const Activation &a) { return a.name == name; });
  assert(activation != std::end(kActivations) && "unknown activation");
  return emitElementwise(b, loc, {x},
                         [&](OpBuilder &nb, Location nloc, ValueRange args) {
                           return activation->body(nb, nloc, args[0]);
                         });
}

Value mlir::hopfield::emitAdd(OpBuilder &b, Location loc, Value lhs,
                              Value rhs) {
  return emitElementwise(
      b, loc, {lhs, rhs}, [](OpBuilder &nb, Location nloc, ValueRange args) {
        return arith::AddFOp::create(nb, nloc, args[0], args[1]).getResult();
      });
}

Value mlir::hopfield::emitMix(OpBuilder &b, Location loc, Value residual,
                              Value update, double alpha) {
  return emitElementwise(
      b, loc, {residual, update},
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value keep = arith::MulFOp::create(
            nb, nloc, constantLike(nb, nloc, args[0], alpha), args[0]);
        Value take = arith::MulFOp::create(
            nb, nloc, constantLike(nb, nloc, args[1], 1.0 - alpha), args[1]);
        return arith::AddFOp::create(nb, nloc, keep, take).getResult();
      });
}

Value mlir::hopfield::emitGELU(OpBuilder &b, Location loc, Value x,
                               bool tanhApproximation) {
  return emitElementwise(
      b, loc, {x}, [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value v = args[0];
        auto c = [&](double value) { return constantLike(nb, nloc, v, value); };
        Value inner;
        if (tanhApproximation) {
          // sqrt(2/pi) * (x + 0.044715 x^3)
          Value cube = arith::MulFOp::create(
              nb, nloc, v, arith::MulFOp::create(nb, nloc, v, v));
          Value poly = math::FmaOp::create(nb, nloc, c(0.044715), cube, v);
          inner = math::TanhOp::create(
              nb, nloc,
              arith::MulFOp::create(nb, nloc, c(0.79788456080286535588), poly));
        } else {
          inner = math::ErfOp::create(
              nb, nloc,
              arith::MulFOp::create(nb, nloc, v, c(0.70710678118654752440)));
        }
        Value half = arith::MulFOp::create(nb, nloc, c(0.5), v);
        Value onePlus = arith::AddFOp::create(nb, nloc, c(1.0), inner);
        return arith::MulFOp::create(nb, nloc, half, onePlus).getResult();
      });
}
