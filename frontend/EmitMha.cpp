//===- EmitMha.cpp - ModernHopfieldAttention nodes ------------------------===//
//
// SPEC 2.5 / 9.5 as a model node: torch.nn.MultiheadAttention's packed
// projections (in_proj_weight [3E, E], out_proj) around one hopfield.mha,
// whose hidden state [B, H, T, T] comes in through the role `hidden` (the
// previous layer's `<node>:hidden`) and goes out as `<node>:hidden`.
//
//===----------------------------------------------------------------------===//

#include "frontend/EmitUtils.h"
#include "frontend/Emitters.h"
#include "frontend/LayerBuilders.h"
#include "frontend/NodeConfig.h"

#include "dialect/HopfieldOps.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

struct MhaSettings {
  int64_t embed = 0, heads = 1;
  double alpha = 0.5;
  std::optional<double> scale;
  MhaInit init = MhaInit::first_scores;
  bool causal = false, bias = true;
};

FailureOr<MhaSettings> readMhaConfig(const ModelNode &node,
                                     ImportDiagnostics &diag) {
  NodeConfig config(node, diag);
  if (failed(config.checkKeys({"embed_dim", "num_heads", "alpha_hidden", "init",
                               "causal", "scale", "bias"})))
    return failure();
  MhaSettings s;
  FailureOr<int64_t> embed = config.getInt("embed_dim", std::nullopt, 1);
  FailureOr<int64_t> heads = config.getInt("num_heads", int64_t(1), 1);
  FailureOr<double> alpha = config.getNumber("alpha_hidden", 0.5);
  FailureOr<bool> causal = config.getBool("causal", false);
  FailureOr<bool> bias = config.getBool("bias", true);
  if (failed(embed) || failed(heads) || failed(alpha) || failed(causal) ||
      failed(bias))
    return failure();
  if (*embed % *heads != 0)
    return config.invalid("num_heads",
                          "a divisor of embed_dim = " + Twine(*embed));
  if (*alpha < 0.0 || *alpha > 1.0)
    return config.invalid("alpha_hidden", "a number in [0, 1]");
  if (config.get("scale")) {
    FailureOr<double> scale = config.getNumber("scale", 0.0);
    if (failed(scale))
      return failure();
    s.scale = *scale;
  }
  if (const Json *init = config.get("init")) {
    if (*init == "zero")
      s.init = MhaInit::zero;
    else if (*init != "first_scores")
      return config.invalid("init", "\"first_scores\" or \"zero\"");
  }
  s.embed = *embed;
  s.heads = *heads;
  s.alpha = *alpha;
  s.causal = *causal;
  s.bias = *bias;
  return s;
}

} // namespace

LogicalResult
mlir::hopfield::emitModernHopfieldAttentionNode(ImportContext &ctx,
                                                const ModelNode &node) {
  FailureOr<MhaSettings> settings = readMhaConfig(node, ctx.getDiag());
  if (failed(settings))
    return failure();
  const MhaSettings &s = *settings;
  const int64_t E = s.embed, H = s.heads, d = E / H;
  if (failed(ctx.checkRoles(node, {"input", "hidden"})))
    return failure();
  FailureOr<NodeInput> input = ctx.getInput(node, "input", true);
  FailureOr<NodeInput> hidden = ctx.getInput(node, "hidden", false);
  if (failed(input) || failed(hidden) ||
      failed(ctx.expectKind(node, *input, /*mask=*/false, {3},
                            "3 ([batch, tokens, embed_dim])")) ||
      failed(ctx.expectDim(node, *input, 2, E, "embed_dim")))
    return failure();
  if (*hidden &&
      (failed(ctx.expectKind(node, *hidden, /*mask=*/false, {4},
                             "4 ([batch, num_heads, tokens, tokens])")) ||
       failed(ctx.unifyDims(node, "the batch size", *hidden, 0, *input, 0)) ||
       failed(ctx.expectDim(node, *hidden, 1, H, "num_heads")) ||
       failed(ctx.unifyDims(node, "the number of tokens", *hidden, 2, *input,
                            1)) ||
       failed(
           ctx.unifyDims(node, "the number of tokens", *hidden, 3, *input, 1))))
    return failure();
  SmallVector<WeightSpec> specs = {
      {"in_proj_weight", {3 * E, E}, "embed_dim = " + std::to_string(E)},
      {"out_proj.weight", {E, E}, "embed_dim = " + std::to_string(E)}};
  if (s.bias) {
    specs.push_back({"in_proj_bias", {3 * E}, specs[0].because});
    specs.push_back({"out_proj.bias", {E}, specs[0].because});
  }
  if (failed(ctx.checkWeightSet(node, specs, {})))
    return failure();

  OpBuilder &b = ctx.getBuilder();
  Location loc = ctx.getLoc(node);
  Value x = input->value->value;
  // Q, K and V: row blocks of the packed weight (one GEMM after
  // hopfield-merge-projections).
  SmallVector<Value> qkv;
  for (int64_t part = 0; part < 3; ++part) {
    FailureOr<Value> weightT =
        ctx.emitWeight(node, specs[0], /*transpose=*/true, part * E, E);
    if (failed(weightT))
      return failure();
    Value bias;
    if (s.bias) {
      FailureOr<Value> bb =
          ctx.emitWeight(node, specs[2], /*transpose=*/false, part * E, E);
      if (failed(bb))
        return failure();
      bias = *bb;
    }
    qkv.push_back(
        emitSplitHeads(b, loc, emitLinear(b, loc, x, *weightT, bias, E), H, d));
  }
  auto queryType = cast<RankedTensorType>(qkv[0].getType());
  Type element = ctx.getFloatType();
  Type outputType = RankedTensorType::get(queryType.getShape(), element);
  Type hiddenType =
      RankedTensorType::get({queryType.getDimSize(0), H,
                             queryType.getDimSize(2), queryType.getDimSize(2)},
                            element);
  auto mha = MhaOp::create(b, loc, outputType, hiddenType, qkv[0], qkv[1],
                           qkv[2], *hidden ? hidden->value->value : Value(),
                           /*mask=*/Value(), b.getF64FloatAttr(s.alpha),
                           s.scale ? b.getF64FloatAttr(*s.scale) : FloatAttr(),
                           MhaInitAttr::get(b.getContext(), s.init),
                           s.causal ? b.getUnitAttr() : UnitAttr(),
                           /*lowering=*/MhaLoweringAttr());
  Value merged = emitMergeHeads(b, loc, mha.getOutput());
  FailureOr<Value> outT = ctx.emitWeight(node, specs[1], /*transpose=*/true);
  if (failed(outT))
    return failure();
  Value outBias;
  if (s.bias) {
    FailureOr<Value> bb = ctx.emitWeight(node, specs[3]);
    if (failed(bb))
      return failure();
    outBias = *bb;
  }
  Value output = emitLinear(b, loc, merged, *outT, outBias, E);
  ctx.define(node.name,
             ModelValue{output, input->value->shape, /*isMask=*/false});
  ctx.define(node.name + ":hidden", ModelValue{mha.getHidden(),
                                               {input->dim(0), Dim::fixed(H),
                                                input->dim(1), input->dim(1)},
                                               /*isMask=*/false});
  return success();
}
