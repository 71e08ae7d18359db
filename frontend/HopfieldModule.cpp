//===- HopfieldModule.cpp - one hflayers Hopfield module as IR ------------===//

#include "frontend/HopfieldModule.h"
#include "frontend/EmitUtils.h"
#include "frontend/HopfieldMasks.h"
#include "frontend/HopfieldWeights.h"
#include "frontend/LayerBuilders.h"

#include "dialect/HopfieldOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

std::string join(ArrayRef<double> values) {
  std::string text = "[";
  for (auto [i, v] : llvm::enumerate(values))
    text += (i ? ", " : "") + Json(v).dump();
  return text + "]";
}

/// Emits the module's IR; one instance per module.
class ModuleEmitter {
public:
  ModuleEmitter(ImportContext &ctx, const ModelNode &node,
                const HopfieldSettings &s, const HopfieldDims &d,
                StringRef prefix, StringRef part)
      : ctx(ctx), node(node), s(s), d(d), names(prefix), part(part),
        b(ctx.getBuilder()), loc(ctx.getLoc(node)), layout(s) {}

  FailureOr<HopfieldModuleResults> emit(const HopfieldPatterns &patterns,
                                        bool withAssociation);

private:
  ImportContext &ctx;
  const ModelNode &node;
  const HopfieldSettings &s;
  const HopfieldDims &d;
  WeightNames names;
  StringRef part;
  OpBuilder &b;
  Location loc;
  ProjectionLayout layout;

  int64_t hopfieldWidth() const { return s.heads * d.headDim; }
  int64_t patternWidth() const { return s.heads * d.patternDim; }

  /// The input LayerNorm `prefix` of `x` when enabled.
  FailureOr<Value> inputNorm(Value x, const NormSettings &norm,
                             const std::string &prefix);
  /// W^T of one projection block and its bias slice.
  struct Projection {
    Value weightT, bias;
    int64_t width;
  };
  FailureOr<Projection> projection(StringRef separateName, int64_t width,
                                   int64_t inFeatures, int64_t &packedRow,
                                   int64_t &biasRow, bool lastBias);
  /// A static pattern [B, X, w] replicated over the heads, once per value.
  Value replicate(Value x);
  DenseMap<Value, Value> replicated;
  FailureOr<Value> hopfieldSpaceNorm(Value x4);
};

FailureOr<Value> ModuleEmitter::inputNorm(Value x, const NormSettings &norm,
                                          const std::string &prefix) {
  if (!norm.enabled)
    return x;
  Value weight, bias;
  if (norm.affine) {
    int64_t features = cast<RankedTensorType>(x.getType()).getShape().back();
    std::string because = "features = " + std::to_string(features);
    FailureOr<Value> w =
        ctx.emitWeight(node, prefix + "weight", {features}, because);
    if (failed(w))
      return failure();
    FailureOr<Value> bb =
        ctx.emitWeight(node, prefix + "bias", {features}, because);
    if (failed(bb))
      return failure();
    weight = *w;
    bias = *bb;
  }
  return emitLayerNorm(b, loc, x, 1, weight, bias, norm.eps);
}

FailureOr<ModuleEmitter::Projection>
ModuleEmitter::projection(StringRef separateName, int64_t width,
                          int64_t inFeatures, int64_t &packedRow,
                          int64_t &biasRow, bool lastBias) {
  std::string sizes = describeSizes(s, d);
  Projection p;
  p.width = width;
  FailureOr<Value> weightT = failure();
  if (d.packed) {
    int64_t rows = (layout.query ? hopfieldWidth() : 0) +
                   (layout.key ? hopfieldWidth() : 0) +
                   (layout.value ? patternWidth() : 0);
    weightT =
        ctx.emitWeight(node, names.core + "in_proj_weight", {rows, d.embed},
                       sizes, /*transpose=*/true, packedRow, width);
    packedRow += width;
  } else {
    weightT = ctx.emitWeight(node, names.core + separateName.str(),
                             {width, inFeatures}, sizes, /*transpose=*/true);
  }
  if (failed(weightT))
    return failure();
  p.weightT = *weightT;
  if (s.inputBias) {
    int64_t length = (layout.query ? hopfieldWidth() : 0) +
                     (layout.key ? hopfieldWidth() : 0) + patternWidth();
    FailureOr<Value> bias =
        ctx.emitWeight(node, names.core + "in_proj_bias", {length}, sizes,
                       false, biasRow, lastBias ? length - biasRow : width);
    if (failed(bias))
      return failure();
    p.bias = *bias;
    biasRow += width;
  }
  return p;
}

Value ModuleEmitter::replicate(Value x) {
  auto [it, inserted] = replicated.try_emplace(x, Value());
  if (inserted)
    it->second = emitBroadcastHeads(b, loc, x, s.heads);
  return it->second;
}

FailureOr<Value> ModuleEmitter::hopfieldSpaceNorm(Value x4) {
  const NormSettings &norm = s.normHopfieldSpace;
  Value weight, bias;
  if (norm.affine) {
    std::string because = "head dim = " + std::to_string(d.headDim);
    FailureOr<Value> w = ctx.emitWeight(node, names.core + "p_norm_weight",
                                        {d.headDim}, because);
    if (failed(w))
      return failure();
    FailureOr<Value> bb =
        ctx.emitWeight(node, names.core + "p_norm_bias", {d.headDim}, because);
    if (failed(bb))
      return failure();
    weight = *w;
    bias = *bb;
  }
  return emitLayerNorm(b, loc, x4, 1, weight, bias, norm.eps);
}

FailureOr<HopfieldModuleResults>
ModuleEmitter::emit(const HopfieldPatterns &patterns, bool withAssociation) {
  Type floatType = ctx.getFloatType();
  FailureOr<Value> stored =
      inputNorm(patterns.stored, s.normStored, names.normStored);
  FailureOr<Value> state =
      inputNorm(patterns.state, s.normState, names.normState);
  FailureOr<Value> projected =
      inputNorm(patterns.projection, s.normProjection, names.normProjection);
  if (failed(stored) || failed(state) || failed(projected))
    return failure();

  // Q, K, V in head space [B, H, X, w]. Rows of a packed weight and slices
  // of the bias follow hflayers: Q, K, V in order, blocks of static
  // patterns omitted; the value's bias is always the last block.
  int64_t packedRow = 0, biasRow = 0;
  Value query, key, value;
  if (layout.query) {
    FailureOr<Projection> p =
        projection("q_proj_weight", hopfieldWidth(), d.embed, packedRow,
                   biasRow, /*lastBias=*/false);
    if (failed(p))
      return failure();
    query = emitSplitHeads(
        b, loc,
        emitLinear(b, loc, *state, p->weightT, p->bias, hopfieldWidth()),
        s.heads, d.headDim);
  } else {
    query = replicate(*state);
  }
  std::optional<Projection> keyProjection;
  if (layout.key) {
    FailureOr<Projection> p =
        projection("k_proj_weight", hopfieldWidth(), d.storedSize, packedRow,
                   biasRow, /*lastBias=*/false);
    if (failed(p))
      return failure();
    keyProjection = *p;
    key = emitSplitHeads(
        b, loc,
        emitLinear(b, loc, *stored, p->weightT, p->bias, hopfieldWidth()),
        s.heads, d.headDim);
  } else {
    key = replicate(*stored);
  }
  // The connected chain first maps the pattern projection with the key
  // projection (SPEC 3.3), when the key is projected.
  Value valueSource = *projected;
  if (s.connected && keyProjection)
    valueSource = emitLinear(b, loc, valueSource, keyProjection->weightT,
                             keyProjection->bias, hopfieldWidth());
  if (layout.value) {
    int64_t inFeatures =
        s.connected && keyProjection ? hopfieldWidth() : d.projectionSize;
    FailureOr<Projection> p = projection("v_proj_weight", patternWidth(),
                                         inFeatures, packedRow, biasRow,
                                         /*lastBias=*/true);
    if (failed(p))
      return failure();
    value = emitSplitHeads(
        b, loc,
        emitLinear(b, loc, valueSource, p->weightT, p->bias, patternWidth()),
        s.heads, d.patternDim);
  } else if (s.connected && keyProjection) {
    value = emitSplitHeads(b, loc, valueSource, s.heads, d.headDim);
  } else {
    value = replicate(valueSource);
  }

  if (s.normHopfieldSpace.enabled) {
    FailureOr<Value> q = hopfieldSpaceNorm(query);
    FailureOr<Value> k = hopfieldSpaceNorm(key);
    if (failed(q) || failed(k))
      return failure();
    query = *q;
    key = *k;
  }
  if (s.addZeroAssociation) {
    key = emitAppendZero(b, loc, key, 2);
    value = emitAppendZero(b, loc, value, 2);
  }
  MaskOperands masks =
      emitMaskOperands(b, loc, patterns.padding, patterns.association, s.heads,
                       patterns.staticBatch, s.addZeroAssociation, floatType);

  double beta = d.defaultBeta;
  Value headBeta;
  if (s.scaling.size() == 1) {
    beta = s.scaling.front();
  } else if (!s.scaling.empty()) {
    beta = 1.0;
    auto type = RankedTensorType::get({s.heads}, floatType);
    SmallVector<Attribute> betas;
    for (double v : s.scaling)
      betas.push_back(b.getFloatAttr(floatType, v));
    headBeta =
        arith::ConstantOp::create(b, loc, DenseElementsAttr::get(type, betas));
    ctx.getDiag().warning(
        node.name, "per-head scaling " + join(s.scaling) +
                       " scales the scores of head h by scaling[h]; hflayers "
                       "tiles a scaling tensor over the features instead, so "
                       "its results differ (SPEC 3.10 Q1)");
  }

  auto queryType = cast<RankedTensorType>(query.getType());
  auto keyType = cast<RankedTensorType>(key.getType());
  int64_t valueWidth = cast<RankedTensorType>(value.getType()).getShape()[3];
  Type outputType = RankedTensorType::get(
      {queryType.getDimSize(0), s.heads, queryType.getDimSize(2), valueWidth},
      floatType);
  Type associationType;
  if (withAssociation)
    associationType =
        RankedTensorType::get({queryType.getDimSize(0), s.heads,
                               queryType.getDimSize(2), keyType.getDimSize(2)},
                              floatType);
  Type stepsType = RankedTensorType::get({s.heads}, b.getI64Type());
  auto associate = AssociateOp::create(
      b, loc, outputType, associationType, stepsType, query, key, value,
      headBeta, masks.mask, masks.bias, /*query_offset=*/Value(),
      b.getF64FloatAttr(beta), b.getDenseI64ArrayAttr(s.maxSteps),
      b.getDenseF64ArrayAttr(s.eps),
      ConvergenceCriterionAttr::get(b.getContext(),
                                    ConvergenceCriterion::association),
      /*causal=*/UnitAttr());

  // [B, H, L, w] -> [B, L, H, w] -> [B, L, H*w], then the out projection.
  Value merged = emitMergeHeads(b, loc, associate.getOutput());
  if (!s.disableOutProjection) {
    std::string sizes = describeSizes(s, d);
    FailureOr<Value> weightT =
        ctx.emitWeight(node, names.core + "out_proj.weight",
                       {d.output, patternWidth()}, sizes, /*transpose=*/true);
    if (failed(weightT))
      return failure();
    Value bias;
    if (s.inputBias) {
      FailureOr<Value> bb =
          ctx.emitWeight(node, names.core + "out_proj.bias", {d.output}, sizes);
      if (failed(bb))
        return failure();
      bias = *bb;
    }
    merged = emitLinear(b, loc, merged, *weightT, bias, d.output);
  }
  if (!s.activation.empty())
    merged = emitActivation(b, loc, merged, s.activation);

  HopfieldModuleResults results;
  results.output = merged;
  results.association = associate.getAssociation();
  results.steps = associate.getSteps();
  // A run-time S counts S keys (not S + 1) in the FLOP estimate.
  Dim keys = patterns.keys;
  if (s.addZeroAssociation && keys.isStatic())
    keys = Dim::fixed(patterns.keys.size + 1);
  ctx.addStepsResult(node, part, results.steps, s.heads,
                     {patterns.batch, Dim::fixed(s.heads), patterns.queries,
                      keys, Dim::fixed(queryType.getDimSize(3)),
                      Dim::fixed(valueWidth)});
  return results;
}

} // namespace

HopfieldPatterns mlir::hopfield::makePatterns(
    Value stored, Value state, Value projection, const NodeInput &padding,
    const NodeInput &association, Dim batch, Dim queries, Dim keys) {
  HopfieldPatterns p;
  p.stored = stored;
  p.state = state;
  p.projection = projection;
  if (padding)
    p.padding = padding.value->value;
  if (association)
    p.association = association.value->value;
  p.staticBatch = batch.isStatic() ? batch.size : 0;
  p.batch = batch;
  p.queries = queries;
  p.keys = keys;
  return p;
}

FailureOr<HopfieldModuleResults> mlir::hopfield::emitHopfieldModule(
    ImportContext &ctx, const ModelNode &node, const HopfieldSettings &settings,
    const HopfieldDims &dims, StringRef prefix, StringRef part,
    const HopfieldPatterns &patterns, bool withAssociation) {
  return ModuleEmitter(ctx, node, settings, dims, prefix, part)
      .emit(patterns, withAssociation);
}

FailureOr<HopfieldModuleResults>
mlir::hopfield::emitHopfieldModuleWithAssociation(
    ImportContext &ctx, const ModelNode &node, const HopfieldSettings &settings,
    const HopfieldDims &dims, StringRef prefix, StringRef part,
    const HopfieldPatterns &patterns) {
  std::string name =
      node.name + ":association" + (part.empty() ? "" : "_" + part.str());
  bool wanted = ctx.isReferenced(name);
  Dim keys = patterns.keys;
  if (wanted && settings.addZeroAssociation) {
    if (!keys.isStatic())
      return ctx.getDiag().nodeError(
          node.name, "'" + name +
                         "' with add_zero_association needs a fixed number "
                         "of stored patterns S (it has S + 1 columns)");
    keys = Dim::fixed(keys.size + 1);
  }
  FailureOr<HopfieldModuleResults> results = emitHopfieldModule(
      ctx, node, settings, dims, prefix, part, patterns, wanted);
  if (succeeded(results) && wanted)
    ctx.define(name, ModelValue{results->association,
                                {patterns.batch, Dim::fixed(settings.heads),
                                 patterns.queries, keys},
                                /*isMask=*/false});
  return results;
}
