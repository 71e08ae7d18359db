//===- EmitLayerNorm.cpp - LayerNorm nodes --------------------------------===//
//
// torch.nn.LayerNorm over the trailing `normalized_shape` dimensions (SPEC
// 0): mean, biased variance, eps inside the square root, then the optional
// elementwise affine map; the IR is emitLayerNorm's (LayerBuilders.h).
//
//===----------------------------------------------------------------------===//

#include "frontend/Emitters.h"
#include "frontend/LayerBuilders.h"
#include "frontend/NodeConfig.h"

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

  FailureOr<NodeInput> input = ctx.getSingleFloatInput(node);
  if (failed(input))
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

  Value result = emitLayerNorm(ctx.getBuilder(), ctx.getLoc(node),
                               input->value->value, k, weight, bias, *eps);
  ctx.define(node.name,
             ModelValue{result, input->value->shape, /*isMask=*/false});
  return success();
}
