//===- EmitLayerNorm.cpp - LayerNorm nodes --------------------------------===//
//
// torch.nn.LayerNorm over the trailing `normalized_shape` dimensions (SPEC
// 0): mean, biased variance, eps inside the square root, then the optional
// elementwise affine map. Emitted as linalg.generic ops on the input's own
// shape (no reshapes): two reductions (sum, sum of squared deviations), two
// per-row maps (mean, 1/sqrt(var + eps)) and one elementwise normalisation.
//
//===----------------------------------------------------------------------===//

#include "frontend/EmitUtils.h"
#include "frontend/Emitters.h"
#include "frontend/NodeConfig.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/AffineMap.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

/// `normalized_shape`: an integer or a non-empty list of integers >= 1.
FailureOr<SmallVector<int64_t>> readNormalizedShape(const NodeConfig &config,
                                                    ImportDiagnostics &diag,
                                                    const ModelNode &node) {
  const Json *value = config.get("normalized_shape");
  if (!value)
    return diag.nodeError(node.name, "config 'normalized_shape' is required "
                                     "(an integer or a list of integers)");
  SmallVector<int64_t> shape;
  auto readOne = [&](const Json &v) {
    if (!v.is_number_integer() || v.get<int64_t>() < 1)
      return false;
    shape.push_back(v.get<int64_t>());
    return true;
  };
  bool ok = value->is_array() ? !value->empty() && llvm::all_of(*value, readOne)
                              : readOne(*value);
  if (!ok)
    return config.invalid("normalized_shape",
                          "an integer >= 1 or a non-empty list of them");
  return shape;
}

/// Builds a linalg.generic over `rank` loops whose body is `body`.
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

} // namespace

LogicalResult mlir::hopfield::emitLayerNormNode(ImportContext &ctx,
                                                const ModelNode &node) {
  NodeConfig config(node, ctx.getDiag());
  if (failed(config.checkKeys(
          {"normalized_shape", "eps", "elementwise_affine", "bias"})))
    return failure();
  FailureOr<SmallVector<int64_t>> normalized =
      readNormalizedShape(config, ctx.getDiag(), node);
  if (failed(normalized))
    return failure();
  FailureOr<double> eps = config.getNumber("eps", 1.0e-5);
  if (failed(eps))
    return failure();
  if (*eps < 0.0)
    return config.invalid("eps", "a number >= 0");
  FailureOr<bool> affine = config.getBool("elementwise_affine", true);
  FailureOr<bool> withBias = config.getBool("bias", true);
  if (failed(affine) || failed(withBias))
    return failure();

  if (failed(ctx.checkRoles(node, {"input"})))
    return failure();
  FailureOr<NodeInput> input = ctx.getInput(node, "input", /*required=*/true);
  if (failed(input) ||
      failed(ctx.expectKind(node, *input, /*mask=*/false, {}, "")))
    return failure();
  const int64_t rank = input->rank();
  const int64_t k = normalized->size();
  std::vector<int64_t> normalizedShape(normalized->begin(), normalized->end());
  std::string because =
      "normalized_shape = " + ::hopfield::formatShape(normalizedShape);
  if (rank < k)
    return ctx.getDiag().nodeError(
        node.name, "input " + ctx.describe(*input) + " has rank " +
                       Twine(rank) + ", expected at least " + Twine(k) + " (" +
                       because + ")");
  const int64_t lead = rank - k;
  for (int64_t i = 0; i < k; ++i)
    if (failed(
            ctx.expectDim(node, *input, lead + i, (*normalized)[i], because)))
      return failure();

  SmallVector<StringRef> known;
  if (*affine) {
    known.push_back("weight");
    if (*withBias)
      known.push_back("bias");
  }
  if (failed(ctx.checkWeightNames(
          node, known,
          !*affine ? "config 'elementwise_affine' is false"
                   : (*withBias ? "" : "config 'bias' is false"))))
    return failure();
  Value weight, bias;
  if (*affine) {
    FailureOr<Value> w = ctx.emitWeight(node, "weight", *normalized, because);
    if (failed(w))
      return failure();
    weight = *w;
    if (*withBias) {
      FailureOr<Value> bb = ctx.emitWeight(node, "bias", *normalized, because);
      if (failed(bb))
        return failure();
      bias = *bb;
    }
  }

  OpBuilder &b = ctx.getBuilder();
  Location loc = ctx.getLoc(node);
  MLIRContext *mlirCtx = b.getContext();
  Type floatType = ctx.getFloatType();
  Value x = input->value->value;
  SmallVector<OpFoldResult> sizes = emitSizes(b, loc, x);
  SmallVector<OpFoldResult> rowSizes(sizes.begin(), sizes.begin() + lead);
  int64_t count = 1;
  for (int64_t d : *normalized)
    count *= d;

  SmallVector<AffineExpr> dims;
  for (int64_t i = 0; i < rank; ++i)
    dims.push_back(getAffineDimExpr(i, mlirCtx));
  AffineMap full = AffineMap::getMultiDimIdentityMap(rank, mlirCtx);
  AffineMap rows =
      AffineMap::get(rank, 0, ArrayRef(dims).take_front(lead), mlirCtx);
  AffineMap features =
      AffineMap::get(rank, 0, ArrayRef(dims).drop_front(lead), mlirCtx);
  AffineMap rowIdentity = AffineMap::getMultiDimIdentityMap(lead, mlirCtx);
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
            arith::AddFOp::create(nb, nloc, var, constant(nb, nloc, *eps));
        return math::RsqrtOp::create(nb, nloc, shifted).getResult();
      });
  // y = (x - mean) * rstd [* weight [+ bias]]
  SmallVector<Value> operands = {x, mean, rstd};
  SmallVector<AffineMap> maps = {full, rows, rows};
  for (Value param : {weight, bias})
    if (param) {
      operands.push_back(param);
      maps.push_back(features);
    }
  maps.push_back(full);
  Value result =
      emitGeneric(b, loc, operands, emitEmpty(b, loc, sizes, floatType), maps,
                  parallel, [&](OpBuilder &nb, Location nloc, ValueRange a) {
                    Value centered =
                        arith::SubFOp::create(nb, nloc, a[0], a[1]);
                    Value y = arith::MulFOp::create(nb, nloc, centered, a[2]);
                    if (weight)
                      y = arith::MulFOp::create(nb, nloc, y, a[3]);
                    if (bias)
                      y = arith::AddFOp::create(nb, nloc, y, a[4]);
                    return y;
                  });

  ctx.define(node.name,
             ModelValue{result, input->value->shape, /*isMask=*/false});
  return success();
}
