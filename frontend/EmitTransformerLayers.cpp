//===- EmitTransformerLayers.cpp - Hopfield encoder / decoder layers ------===//
//
// hflayers' HopfieldEncoderLayer and HopfieldDecoderLayer (SPEC 3.6): post-LN
// transformer layers whose attention is a Hopfield module. Encoder:
//   x = LN_residual(src + Hopfield(src))
//   y = LN_output(x + linear_output(act(linear_residual(x))))
// Decoder: a self-association on tgt, then a cross-association with
// (stored, state, projection) = (memory, t, memory), each followed by a
// residual LayerNorm, then the same feed-forward block. Dropout is inactive
// at inference; the LayerNorms are torch's default (eps 1e-5, affine).
//
//===----------------------------------------------------------------------===//

#include "frontend/EmitUtils.h"
#include "frontend/Emitters.h"
#include "frontend/HopfieldModule.h"
#include "frontend/HopfieldShapes.h"
#include "frontend/LayerBuilders.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

constexpr double kLayerNormEps = 1.0e-5;

/// The feed-forward block and the layer's own settings.
struct LayerSettings {
  int64_t feedForward = 2048;
  std::string activation = "relu";
};

FailureOr<LayerSettings> readLayerSettings(const ModelNode &node,
                                           ArrayRef<StringRef> moduleKeys,
                                           ImportDiagnostics &diag) {
  NodeConfig config(node, diag);
  SmallVector<StringRef> keys(moduleKeys.begin(), moduleKeys.end());
  keys.append({"dim_feedforward", "dropout", "activation"});
  if (failed(config.checkKeys(keys)))
    return failure();
  LayerSettings settings;
  FailureOr<int64_t> feedForward =
      config.getInt("dim_feedforward", int64_t(2048), 1);
  FailureOr<double> dropout = config.getNumber("dropout", 0.1);
  if (failed(feedForward) || failed(dropout))
    return failure();
  if (*dropout < 0.0 || *dropout > 1.0)
    return config.invalid("dropout", "a probability in [0, 1] (dropout is "
                                     "inactive in inference)");
  settings.feedForward = *feedForward;
  if (const Json *activation = config.get("activation")) {
    if (!activation->is_string() ||
        !isActivation(activation->get<std::string>()))
      return config.invalid("activation",
                            "the name of an elementwise torch function: " +
                                llvm::join(activationNames(), ", "));
    settings.activation = activation->get<std::string>();
  }
  return settings;
}

/// The `Hopfield` config nested under `key` (required).
FailureOr<HopfieldSettings> readModuleConfig(const ModelNode &node,
                                             StringRef key,
                                             ImportDiagnostics &diag) {
  auto it = node.config.find(key.str());
  if (it == node.config.end() || it->is_null())
    return diag.nodeError(node.name, "config '" + key +
                                         "' is required (an object with the "
                                         "arguments of Hopfield(...))");
  return readNestedHopfieldConfig(node, *it, key, diag);
}

/// Checks one module's feature sizes and that its output has the model
/// width `width` (the residual connection adds them).
LogicalResult checkModule(ImportContext &ctx, const ModelNode &node,
                          StringRef key, const HopfieldSettings &s,
                          const HopfieldDims &d, const NodeInput &state,
                          const NodeInput &stored, int64_t width) {
  PatternFeatures expected = expectedFeatures(s, d);
  std::string sizes = (key + ": " + describeSizes(s, d)).str();
  if ((expected.state >= 0 &&
       failed(ctx.expectDim(node, state, 2, expected.state, sizes))) ||
      (expected.stored >= 0 &&
       failed(ctx.expectDim(node, stored, 2, expected.stored, sizes))) ||
      (expected.projection >= 0 &&
       failed(ctx.expectDim(node, stored, 2, expected.projection, sizes))))
    return failure();
  if (d.output != width)
    return ctx.getDiag().nodeError(
        node.name, "config '" + key + "': the Hopfield module's output width " +
                       Twine(d.output) + " must equal the layer width " +
                       Twine(width) + " (the residual adds them)");
  return success();
}

/// The weights of the feed-forward block and the named LayerNorms.
void addBlockSpecs(SmallVector<WeightSpec> &specs, int64_t width,
                   int64_t feedForward, ArrayRef<StringRef> norms) {
  std::string sizes = "width = " + std::to_string(width) +
                      ", dim_feedforward = " + std::to_string(feedForward);
  specs.push_back({"linear_residual.weight", {feedForward, width}, sizes});
  specs.push_back({"linear_residual.bias", {feedForward}, sizes});
  specs.push_back({"linear_output.weight", {width, feedForward}, sizes});
  specs.push_back({"linear_output.bias", {width}, sizes});
  for (StringRef norm : norms) {
    specs.push_back({(norm + ".weight").str(), {width}, sizes});
    specs.push_back({(norm + ".bias").str(), {width}, sizes});
  }
}

/// Emits the layer's IR around its Hopfield modules.
class LayerEmitter {
public:
  LayerEmitter(ImportContext &ctx, const ModelNode &node, int64_t width)
      : ctx(ctx), node(node), b(ctx.getBuilder()), loc(ctx.getLoc(node)),
        width(width) {}

  /// LN_<norm>(x + update).
  FailureOr<Value> residualNorm(Value x, Value update, StringRef norm) {
    FailureOr<Value> weight =
        ctx.emitWeight(node, (norm + ".weight").str(), {width}, "width");
    FailureOr<Value> bias =
        ctx.emitWeight(node, (norm + ".bias").str(), {width}, "width");
    if (failed(weight) || failed(bias))
      return failure();
    return emitLayerNorm(b, loc, emitAdd(b, loc, x, update), 1, *weight, *bias,
                         kLayerNormEps);
  }

  /// linear_output(act(linear_residual(x))).
  FailureOr<Value> feedForward(Value x, const LayerSettings &settings) {
    std::string sizes = "width = " + std::to_string(width);
    FailureOr<Value> w1 = ctx.emitWeight(node, "linear_residual.weight",
                                         {settings.feedForward, width}, sizes,
                                         /*transpose=*/true);
    FailureOr<Value> b1 = ctx.emitWeight(node, "linear_residual.bias",
                                         {settings.feedForward}, sizes);
    FailureOr<Value> w2 = ctx.emitWeight(node, "linear_output.weight",
                                         {width, settings.feedForward}, sizes,
                                         /*transpose=*/true);
    FailureOr<Value> b2 =
        ctx.emitWeight(node, "linear_output.bias", {width}, sizes);
    if (failed(w1) || failed(b1) || failed(w2) || failed(b2))
      return failure();
    Value hidden = emitActivation(
        b, loc, emitLinear(b, loc, x, *w1, *b1, settings.feedForward),
        settings.activation);
    return emitLinear(b, loc, hidden, *w2, *b2, width);
  }

  Value toBatchFirst(Value x, bool batchFirst) {
    return batchFirst ? x : emitTranspose(b, loc, x, {1, 0, 2});
  }

private:
  ImportContext &ctx;
  const ModelNode &node;
  OpBuilder &b;
  Location loc;
  int64_t width;
};

} // namespace

LogicalResult
mlir::hopfield::emitHopfieldEncoderLayerNode(ImportContext &ctx,
                                             const ModelNode &node) {
  constexpr StringRef key = "hopfield_association";
  FailureOr<LayerSettings> layer =
      readLayerSettings(node, {key}, ctx.getDiag());
  if (failed(layer))
    return failure();
  FailureOr<HopfieldSettings> hs = readModuleConfig(node, key, ctx.getDiag());
  if (failed(hs))
    return failure();
  if (failed(ctx.checkRoles(node, {"src", "src_mask", "src_key_padding_mask"})))
    return failure();
  FailureOr<NodeInput> src = ctx.getInput(node, "src", true);
  FailureOr<NodeInput> mask = ctx.getInput(node, "src_mask", false);
  FailureOr<NodeInput> padding =
      ctx.getInput(node, "src_key_padding_mask", false);
  if (failed(src) || failed(mask) || failed(padding))
    return failure();
  const int64_t bi = hs->batchFirst ? 0 : 1, seq = 1 - bi;
  if (failed(checkSequenceInput(ctx, node, *src, hs->batchFirst)) ||
      failed(checkMaskShapes(ctx, node, hs->heads, *padding, *mask,
                             DimSource::of(*src, bi), DimSource::of(*src, seq),
                             DimSource::of(*src, seq))))
    return failure();
  const int64_t width = src->dim(2).size;
  FailureOr<HopfieldDims> dims =
      resolveHopfieldDims(node, *hs, width, width, ctx.getDiag());
  if (failed(dims) ||
      failed(checkModule(ctx, node, key, *hs, *dims, *src, *src, width)))
    return failure();
  std::string prefix = (key + ".").str();
  SmallVector<WeightSpec> specs =
      hopfieldWeightSpecs(*hs, *dims, prefix, {width, width, width});
  addBlockSpecs(specs, width, layer->feedForward,
                {"norm_residual", "norm_output"});
  if (failed(
          ctx.checkWeightSet(node, specs, hopfieldIgnoredWeights(*hs, prefix))))
    return failure();

  LayerEmitter emitter(ctx, node, width);
  Value x = emitter.toBatchFirst(src->value->value, hs->batchFirst);
  Dim batch = src->dim(bi), tokens = src->dim(seq);
  FailureOr<HopfieldModuleResults> attention =
      emitHopfieldModuleWithAssociation(
          ctx, node, *hs, *dims, prefix, "",
          makePatterns(x, x, x, *padding, *mask, batch, tokens, tokens));
  if (failed(attention))
    return failure();
  FailureOr<Value> h =
      emitter.residualNorm(x, attention->output, "norm_residual");
  if (failed(h))
    return failure();
  FailureOr<Value> ff = emitter.feedForward(*h, *layer);
  if (failed(ff))
    return failure();
  FailureOr<Value> y = emitter.residualNorm(*h, *ff, "norm_output");
  if (failed(y))
    return failure();
  ctx.define(node.name, ModelValue{emitter.toBatchFirst(*y, hs->batchFirst),
                                   src->value->shape, /*isMask=*/false});
  return success();
}

LogicalResult
mlir::hopfield::emitHopfieldDecoderLayerNode(ImportContext &ctx,
                                             const ModelNode &node) {
  constexpr StringRef selfKey = "hopfield_association_self";
  constexpr StringRef crossKey = "hopfield_association_cross";
  FailureOr<LayerSettings> layer =
      readLayerSettings(node, {selfKey, crossKey}, ctx.getDiag());
  if (failed(layer))
    return failure();
  FailureOr<HopfieldSettings> selfSettings =
      readModuleConfig(node, selfKey, ctx.getDiag());
  if (failed(selfSettings))
    return failure();
  FailureOr<HopfieldSettings> crossSettings =
      readModuleConfig(node, crossKey, ctx.getDiag());
  if (failed(crossSettings))
    return failure();
  if (selfSettings->batchFirst != crossSettings->batchFirst)
    return ctx.getDiag().nodeError(
        node.name, "config '" + selfKey + ".batch_first' and '" + crossKey +
                       ".batch_first' differ; both modules read the same "
                       "sequences");
  const bool batchFirst = selfSettings->batchFirst;
  if (failed(ctx.checkRoles(node, {"tgt", "memory", "tgt_mask", "memory_mask",
                                   "tgt_key_padding_mask",
                                   "memory_key_padding_mask"})))
    return failure();
  FailureOr<NodeInput> tgt = ctx.getInput(node, "tgt", true);
  FailureOr<NodeInput> memory = ctx.getInput(node, "memory", true);
  FailureOr<NodeInput> tgtMask = ctx.getInput(node, "tgt_mask", false);
  FailureOr<NodeInput> memoryMask = ctx.getInput(node, "memory_mask", false);
  FailureOr<NodeInput> tgtPadding =
      ctx.getInput(node, "tgt_key_padding_mask", false);
  FailureOr<NodeInput> memoryPadding =
      ctx.getInput(node, "memory_key_padding_mask", false);
  if (failed(tgt) || failed(memory) || failed(tgtMask) || failed(memoryMask) ||
      failed(tgtPadding) || failed(memoryPadding))
    return failure();
  const int64_t bi = batchFirst ? 0 : 1, seq = 1 - bi;
  if (failed(checkSequenceInput(ctx, node, *tgt, batchFirst)) ||
      failed(checkSequenceInput(ctx, node, *memory, batchFirst)) ||
      failed(ctx.unifyDims(node, "the batch size B", *memory, bi, *tgt, bi)) ||
      failed(checkMaskShapes(ctx, node, selfSettings->heads, *tgtPadding,
                             *tgtMask, DimSource::of(*tgt, bi),
                             DimSource::of(*tgt, seq),
                             DimSource::of(*tgt, seq))) ||
      failed(checkMaskShapes(ctx, node, crossSettings->heads, *memoryPadding,
                             *memoryMask, DimSource::of(*tgt, bi),
                             DimSource::of(*tgt, seq),
                             DimSource::of(*memory, seq))))
    return failure();
  const int64_t width = tgt->dim(2).size;
  const int64_t memoryWidth = memory->dim(2).size;
  FailureOr<HopfieldDims> selfDims =
      resolveHopfieldDims(node, *selfSettings, width, width, ctx.getDiag());
  if (failed(selfDims) || failed(checkModule(ctx, node, selfKey, *selfSettings,
                                             *selfDims, *tgt, *tgt, width)))
    return failure();
  FailureOr<HopfieldDims> crossDims = resolveHopfieldDims(
      node, *crossSettings, width, memoryWidth, ctx.getDiag());
  if (failed(crossDims) ||
      failed(checkModule(ctx, node, crossKey, *crossSettings, *crossDims, *tgt,
                         *memory, width)))
    return failure();

  std::string selfPrefix = (selfKey + ".").str();
  std::string crossPrefix = (crossKey + ".").str();
  SmallVector<WeightSpec> specs = hopfieldWeightSpecs(
      *selfSettings, *selfDims, selfPrefix, {width, width, width});
  specs.append(hopfieldWeightSpecs(*crossSettings, *crossDims, crossPrefix,
                                   {memoryWidth, width, memoryWidth}));
  addBlockSpecs(specs, width, layer->feedForward,
                {"norm_residual_self", "norm_residual_cross", "norm_output"});
  SmallVector<std::string> ignored =
      hopfieldIgnoredWeights(*selfSettings, selfPrefix);
  ignored.append(hopfieldIgnoredWeights(*crossSettings, crossPrefix));
  if (failed(ctx.checkWeightSet(node, specs, ignored)))
    return failure();

  LayerEmitter emitter(ctx, node, width);
  Value t = emitter.toBatchFirst(tgt->value->value, batchFirst);
  Value m = emitter.toBatchFirst(memory->value->value, batchFirst);
  Dim batch = tgt->dim(bi), tokens = tgt->dim(seq),
      memoryTokens = memory->dim(seq);
  FailureOr<HopfieldModuleResults> self = emitHopfieldModuleWithAssociation(
      ctx, node, *selfSettings, *selfDims, selfPrefix, "self",
      makePatterns(t, t, t, *tgtPadding, *tgtMask, batch, tokens, tokens));
  if (failed(self))
    return failure();
  FailureOr<Value> h =
      emitter.residualNorm(t, self->output, "norm_residual_self");
  if (failed(h))
    return failure();
  FailureOr<HopfieldModuleResults> cross = emitHopfieldModuleWithAssociation(
      ctx, node, *crossSettings, *crossDims, crossPrefix, "cross",
      makePatterns(m, *h, m, *memoryPadding, *memoryMask, batch, tokens,
                   memoryTokens));
  if (failed(cross))
    return failure();
  FailureOr<Value> h2 =
      emitter.residualNorm(*h, cross->output, "norm_residual_cross");
  if (failed(h2))
    return failure();
  FailureOr<Value> ff = emitter.feedForward(*h2, *layer);
  if (failed(ff))
    return failure();
  FailureOr<Value> y = emitter.residualNorm(*h2, *ff, "norm_output");
  if (failed(y))
    return failure();
  ctx.define(node.name, ModelValue{emitter.toBatchFirst(*y, batchFirst),
                                   tgt->value->shape, /*isMask=*/false});
  return success();
}
