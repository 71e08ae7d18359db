//===- EmitLinear.cpp - Linear nodes --------------------------------------===//
//
// torch.nn.Linear: y = x W^T + b over the last dimension (SPEC 0). The
// weight is transposed when it is imported; the IR is emitLinear's
// (LayerBuilders.h).
//
//===----------------------------------------------------------------------===//

#include "frontend/Emitters.h"
#include "frontend/LayerBuilders.h"
#include "frontend/NodeConfig.h"

using namespace mlir;
using namespace mlir::hopfield;

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

  FailureOr<NodeInput> input = ctx.getSingleFloatInput(node);
  if (failed(input))
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
  Value result = emitLinear(b, loc, x, *weightT, *bias, *outFeatures);

  DimList shape(input->value->shape.begin(), input->value->shape.end() - 1);
  shape.push_back(Dim::fixed(*outFeatures));
  ctx.define(node.name, ModelValue{result, shape, /*isMask=*/false});
  return success();
}
