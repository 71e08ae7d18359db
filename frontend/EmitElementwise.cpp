//===- EmitElementwise.cpp - Add, ResidualMix and GELU nodes --------------===//
//
// The element-wise ops of transformer stacks (DESIGN.md §5): `Add`
// (lhs + rhs), `ResidualMix` (alpha * residual + (1 - alpha) * update, SPEC
// 9.5) and torch's `GELU` (exact, or its tanh approximation). Operands of
// the binary ops have one shape (their dimensions are unified).
//
//===----------------------------------------------------------------------===//

#include "frontend/Emitters.h"
#include "frontend/LayerBuilders.h"
#include "frontend/NodeConfig.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

/// Reads the float inputs `lhsRole` and `rhsRole` of one shape.
FailureOr<std::pair<NodeInput, NodeInput>>
readSameShapeInputs(ImportContext &ctx, const ModelNode &node,
                    StringRef lhsRole, StringRef rhsRole) {
  if (failed(ctx.checkRoles(node, {lhsRole, rhsRole})))
    return failure();
  FailureOr<NodeInput> lhs = ctx.getInput(node, lhsRole, /*required=*/true);
  FailureOr<NodeInput> rhs = ctx.getInput(node, rhsRole, /*required=*/true);
  if (failed(lhs) || failed(rhs) ||
      failed(ctx.expectKind(node, *lhs, /*mask=*/false, {}, "")) ||
      failed(ctx.expectKind(node, *rhs, /*mask=*/false, {}, "")))
    return failure();
  if (lhs->rank() != rhs->rank())
    return ctx.getDiag().nodeError(
        node.name, ctx.describe(*lhs) + " and " + ctx.describe(*rhs) +
                       " have different ranks (no broadcasting)");
  for (int64_t i = 0; i < lhs->rank(); ++i)
    if (failed(ctx.unifyDims(node, "the operand shape", *rhs, i, *lhs, i)))
      return failure();
  return std::make_pair(*lhs, *rhs);
}

} // namespace

LogicalResult mlir::hopfield::emitAddNode(ImportContext &ctx,
                                          const ModelNode &node) {
  NodeConfig config(node, ctx.getDiag());
  if (failed(config.checkKeys({})) ||
      failed(ctx.checkWeightNames(node, {}, "Add has no parameters")))
    return failure();
  auto inputs = readSameShapeInputs(ctx, node, "lhs", "rhs");
  if (failed(inputs))
    return failure();
  auto &[lhs, rhs] = *inputs;
  Value sum = emitAdd(ctx.getBuilder(), ctx.getLoc(node), lhs.value->value,
                      rhs.value->value);
  ctx.define(node.name, ModelValue{sum, lhs.value->shape, /*isMask=*/false});
  return success();
}

LogicalResult mlir::hopfield::emitResidualMixNode(ImportContext &ctx,
                                                  const ModelNode &node) {
  NodeConfig config(node, ctx.getDiag());
  if (failed(config.checkKeys({"alpha"})) ||
      failed(ctx.checkWeightNames(node, {}, "ResidualMix has no parameters")))
    return failure();
  if (!config.get("alpha"))
    return ctx.getDiag().nodeError(
        node.name, "config 'alpha' is required (a number: alpha * residual "
                   "+ (1 - alpha) * update)");
  FailureOr<double> alpha = config.getNumber("alpha", 0.0);
  if (failed(alpha))
    return failure();
  auto inputs = readSameShapeInputs(ctx, node, "residual", "update");
  if (failed(inputs))
    return failure();
  auto &[residual, update] = *inputs;
  Value mixed = emitMix(ctx.getBuilder(), ctx.getLoc(node),
                        residual.value->value, update.value->value, *alpha);
  ctx.define(node.name,
             ModelValue{mixed, residual.value->shape, /*isMask=*/false});
  return success();
}

LogicalResult mlir::hopfield::emitGELUNode(ImportContext &ctx,
                                           const ModelNode &node) {
  NodeConfig config(node, ctx.getDiag());
  if (failed(config.checkKeys({"approximate"})) ||
      failed(ctx.checkWeightNames(node, {}, "GELU has no parameters")))
    return failure();
  bool tanhApproximation = false;
  if (const Json *approximate = config.get("approximate")) {
    if (!approximate->is_string() ||
        (*approximate != "none" && *approximate != "tanh"))
      return config.invalid("approximate", "\"none\" or \"tanh\"");
    tanhApproximation = *approximate == "tanh";
  }
  FailureOr<NodeInput> input = ctx.getSingleFloatInput(node);
  if (failed(input))
    return failure();
  Value y = emitGELU(ctx.getBuilder(), ctx.getLoc(node), input->value->value,
                     tanhApproximation);
  ctx.define(node.name, ModelValue{y, input->value->shape, /*isMask=*/false});
  return success();
}
