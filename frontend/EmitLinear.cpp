//===- EmitLinear.cpp - Linear nodes --------------------------------------===//
//
// torch.nn.Linear: y = x W^T + b over the last dimension (SPEC 0). The
// weight is transposed when it is imported, so the body is one
// linalg.matmul on [N, in] x [in, out] whose accumulator starts at the
// broadcast bias (a linalg.generic contraction for inputs with several
// run-time leading dimensions).
//
//===----------------------------------------------------------------------===//

#include "frontend/EmitUtils.h"
#include "frontend/Emitters.h"
#include "frontend/NodeConfig.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/AffineMap.h"

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

} // namespace

LogicalResult mlir::hopfield::emitLinearNode(ImportContext &ctx,
                                             const ModelNode &node) {
  NodeConfig config(node, ctx.getDiag());
  if (failed(config.checkKeys({"in_features", "out_features", "bias"})))
    return failure();
  FailureOr<int64_t> inFeatures = config.getInt("in_features", std::nullopt, 1);
  if (failed(inFeatures))
    return failure();
  FailureOr<int64_t> outFeatures =
      config.getInt("out_features", std::nullopt, 1);
  if (failed(outFeatures))
    return failure();
  FailureOr<bool> hasBias = config.getBool("bias", true);
  if (failed(hasBias))
    return failure();

  if (failed(ctx.checkRoles(node, {"input"})))
    return failure();
  FailureOr<NodeInput> input = ctx.getInput(node, "input", /*required=*/true);
  if (failed(input))
    return failure();
  if (failed(ctx.expectKind(node, *input, /*mask=*/false, {}, "")))
    return failure();
  const int64_t rank = input->rank();
  if (rank == 0)
    return ctx.getDiag().nodeError(node.name,
                                   "input " + ctx.describe(*input) +
                                       " has rank 0, expected at least 1 "
                                       "([..., in_features])");
  if (failed(ctx.expectDim(node, *input, rank - 1, *inFeatures,
                           "in_features = " + Twine(*inFeatures))))
    return failure();

  SmallVector<StringRef> known = {"weight"};
  if (*hasBias)
    known.push_back("bias");
  if (failed(ctx.checkWeightNames(node, known,
                                  *hasBias ? "" : "config 'bias' is false")))
    return failure();
  std::string sizes = "in_features = " + std::to_string(*inFeatures) +
                      ", out_features = " + std::to_string(*outFeatures);
  FailureOr<Value> weightT =
      ctx.emitWeight(node, "weight", {*outFeatures, *inFeatures}, sizes,
                     /*transpose=*/true);
  if (failed(weightT))
    return failure();
  FailureOr<Value> bias = Value();
  if (*hasBias)
    bias = ctx.emitWeight(node, "bias", {*outFeatures}, sizes);
  if (failed(bias))
    return failure();

  OpBuilder &b = ctx.getBuilder();
  Location loc = ctx.getLoc(node);
  Value x = input->value->value;
  ArrayRef<int64_t> xShape = cast<RankedTensorType>(x.getType()).getShape();
  // More than one run-time leading dimension would need a tensor.expand_shape
  // of one dynamic size into several, which MLIR 22's
  // --expand-strided-metadata crashes on; such inputs get the contraction as
  // one linalg.generic on their own shape instead.
  bool reshape = llvm::count_if(xShape.drop_back(), ShapedType::isDynamic) <= 1;
  Value result =
      reshape ? emitMatmul(b, loc, x, *weightT, *bias, *outFeatures)
              : emitContraction(b, loc, x, *weightT, *bias, *outFeatures);

  DimList shape(input->value->shape.begin(), input->value->shape.end() - 1);
  shape.push_back(Dim::fixed(*outFeatures));
  ctx.define(node.name, ModelValue{result, shape, /*isMask=*/false});
  return success();
}
