//===- EmitHopfieldLookup.cpp - HopfieldPooling and HopfieldLayer ---------===//
//
// The hflayers modules with learned patterns (SPEC 3.4, 3.5): a Hopfield
// module whose state pattern (HopfieldPooling: `pooling_weights`) or stored
// pattern and projection (HopfieldLayer: `lookup_weights`, optionally
// `target_weights`) are weights, expanded over the batch. The module's own
// weights carry the prefix `hopfield.`.
//
//===----------------------------------------------------------------------===//

#include "frontend/EmitUtils.h"
#include "frontend/Emitters.h"
#include "frontend/HopfieldModule.h"
#include "frontend/HopfieldShapes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

constexpr StringRef kModulePrefix = "hopfield.";

/// The spec of a learned pattern table: [1, quantity, features] batch-first,
/// [quantity, 1, features] seq-first.
WeightSpec tableSpec(StringRef name, const HopfieldSettings &s,
                     int64_t features, StringRef because) {
  SmallVector<int64_t> shape =
      s.batchFirst ? SmallVector<int64_t>{1, s.quantity, features}
                   : SmallVector<int64_t>{s.quantity, 1, features};
  return WeightSpec{name.str(), shape,
                    ("quantity = " + Twine(s.quantity) + ", " + because).str()};
}

/// A learned table [1, q, F] or [q, 1, F] expanded to [B, q, F]; B is
/// dimension `batchIndex` of `like`.
FailureOr<Value> emitTable(ImportContext &ctx, const ModelNode &node,
                           const WeightSpec &spec, Value like,
                           int64_t batchIndex) {
  FailureOr<Value> table = ctx.emitWeight(node, spec);
  if (failed(table))
    return failure();
  OpBuilder &b = ctx.getBuilder();
  Location loc = ctx.getLoc(node);
  Value rows = emitCollapse(b, loc, *table, {{0, 1}, {2}});
  SmallVector<OpFoldResult> sizes = emitSizes(b, loc, rows);
  sizes.insert(sizes.begin(), emitSizes(b, loc, like)[batchIndex]);
  Value init = emitEmpty(b, loc, sizes, ctx.getFloatType());
  return linalg::BroadcastOp::create(b, loc, rows, init, ArrayRef<int64_t>{0})
      .getResult()
      .front();
}

Value toBatchFirst(ImportContext &ctx, const ModelNode &node, Value x,
                   bool batchFirst) {
  if (batchFirst)
    return x;
  return emitTranspose(ctx.getBuilder(), ctx.getLoc(node), x, {1, 0, 2});
}

/// Fails unless a learned table has the features the module expects.
LogicalResult checkTableFeatures(ImportContext &ctx, const ModelNode &node,
                                 StringRef what, int64_t features,
                                 int64_t expected, const HopfieldSettings &s,
                                 const HopfieldDims &d) {
  if (expected < 0 || features == expected)
    return success();
  return ctx.getDiag().nodeError(
      node.name, Twine(what) + " has " + Twine(features) +
                     " features but the Hopfield module expects " +
                     Twine(expected) + " (" + describeSizes(s, d) + ")");
}

} // namespace

LogicalResult mlir::hopfield::emitHopfieldPoolingNode(ImportContext &ctx,
                                                      const ModelNode &node) {
  FailureOr<HopfieldSettings> settings =
      readHopfieldConfig(node, HopfieldClass::Pooling, ctx.getDiag());
  if (failed(settings))
    return failure();
  const HopfieldSettings &s = *settings;
  if (failed(ctx.checkRoles(
          node, {"input", "stored_pattern", "pattern_projection",
                 "stored_pattern_padding_mask", "association_mask"})))
    return failure();
  bool single = node.getInput("input") != nullptr;
  if (single == (node.getInput("stored_pattern") != nullptr) ||
      single == (node.getInput("pattern_projection") != nullptr))
    return ctx.getDiag().nodeError(
        node.name, "give either input role 'input' (used as stored pattern "
                   "and pattern projection) or both 'stored_pattern' and "
                   "'pattern_projection'");
  FailureOr<NodeInput> stored =
      ctx.getInput(node, single ? "input" : "stored_pattern", true);
  FailureOr<NodeInput> projection =
      ctx.getInput(node, single ? "input" : "pattern_projection", true);
  FailureOr<NodeInput> padding =
      ctx.getInput(node, "stored_pattern_padding_mask", false);
  FailureOr<NodeInput> association =
      ctx.getInput(node, "association_mask", false);
  if (failed(stored) || failed(projection) || failed(padding) ||
      failed(association))
    return failure();
  const int64_t b = s.batchFirst ? 0 : 1, seq = 1 - b;
  if (failed(checkSequenceInput(ctx, node, *stored, s.batchFirst)) ||
      failed(checkSequenceInput(ctx, node, *projection, s.batchFirst)) ||
      failed(ctx.unifyDims(node, "the batch size B", *projection, b, *stored,
                           b)) ||
      failed(ctx.unifyDims(node, "the number of stored patterns S", *projection,
                           seq, *stored, seq)) ||
      failed(checkMaskShapes(
          ctx, node, s.heads, *padding, *association, DimSource::of(*stored, b),
          DimSource::fixedSize(s.quantity), DimSource::of(*stored, seq))))
    return failure();

  // The learned state pattern has input_size features, hidden_size when it
  // is static (SPEC 3.4).
  if (s.stateStatic && !s.hiddenSize)
    return ctx.getDiag().nodeError(
        node.name, "config 'state_pattern_as_static' = true needs "
                   "'hidden_size' (the width of pooling_weights)");
  if (!s.inputSize)
    return ctx.getDiag().nodeError(
        node.name, "config 'input_size' is required (an integer >= 1)");
  int64_t stateFeatures = s.stateStatic ? *s.hiddenSize : *s.inputSize;
  FailureOr<HopfieldDims> dims = resolveHopfieldDims(
      node, s, stateFeatures, projection->dim(2).size, ctx.getDiag());
  if (failed(dims))
    return failure();
  PatternFeatures expected = expectedFeatures(s, *dims);
  std::string sizes = describeSizes(s, *dims);
  if (failed(checkTableFeatures(ctx, node, "pooling_weights", stateFeatures,
                                expected.state, s, *dims)) ||
      (expected.stored >= 0 &&
       failed(ctx.expectDim(node, *stored, 2, expected.stored, sizes))) ||
      (expected.projection >= 0 &&
       failed(ctx.expectDim(node, *projection, 2, expected.projection, sizes))))
    return failure();

  WeightSpec table = tableSpec("pooling_weights", s, stateFeatures,
                               s.stateStatic ? "hidden_size" : "input_size");
  SmallVector<WeightSpec> specs = hopfieldWeightSpecs(
      s, *dims, kModulePrefix,
      {stored->dim(2).size, stateFeatures, projection->dim(2).size});
  specs.push_back(table);
  if (failed(ctx.checkWeightSet(node, specs,
                                hopfieldIgnoredWeights(s, kModulePrefix))))
    return failure();

  OpBuilder &builder = ctx.getBuilder();
  Location loc = ctx.getLoc(node);
  Value storedValue =
      toBatchFirst(ctx, node, stored->value->value, s.batchFirst);
  Value projectionValue =
      stored->value == projection->value
          ? storedValue
          : toBatchFirst(ctx, node, projection->value->value, s.batchFirst);
  FailureOr<Value> state = emitTable(ctx, node, table, storedValue, 0);
  if (failed(state))
    return failure();
  Dim batch = stored->dim(b);
  HopfieldPatterns patterns =
      makePatterns(storedValue, *state, projectionValue, *padding, *association,
                   batch, Dim::fixed(s.quantity), stored->dim(seq));

  FailureOr<HopfieldModuleResults> results = emitHopfieldModuleWithAssociation(
      ctx, node, s, *dims, kModulePrefix, "", patterns);
  if (failed(results))
    return failure();
  // hflayers flattens the (batch, quantity, output) result from dimension 1;
  // seq-first that is (quantity, batch * output) (SPEC 3.10 Q8).
  Value output = results->output;
  DimList shape;
  if (s.batchFirst) {
    shape = {batch, Dim::fixed(s.quantity * dims->output)};
  } else {
    if (!batch.isStatic())
      return ctx.getDiag().nodeError(
          node.name, "with batch_first = false hflayers flattens the result "
                     "to [quantity, B*output_size]; the batch size must have "
                     "a fixed size");
    ctx.getDiag().warning(node.name,
                          "batch_first = false: the result is [quantity, "
                          "B*output_size], as hflayers returns it (SPEC 3.10 "
                          "Q8)");
    output = emitTranspose(builder, loc, output, {1, 0, 2});
    shape = {Dim::fixed(s.quantity), Dim::fixed(batch.size * dims->output)};
  }
  output = emitCollapse(builder, loc, output, {{0}, {1, 2}});
  ctx.define(node.name, ModelValue{output, shape, /*isMask=*/false});
  return success();
}

LogicalResult mlir::hopfield::emitHopfieldLayerNode(ImportContext &ctx,
                                                    const ModelNode &node) {
  FailureOr<HopfieldSettings> settings =
      readHopfieldConfig(node, HopfieldClass::Layer, ctx.getDiag());
  if (failed(settings))
    return failure();
  const HopfieldSettings &s = *settings;
  if (failed(ctx.checkRoles(
          node, {"input", "stored_pattern_padding_mask", "association_mask"})))
    return failure();
  FailureOr<NodeInput> state = ctx.getInput(node, "input", true);
  FailureOr<NodeInput> padding =
      ctx.getInput(node, "stored_pattern_padding_mask", false);
  FailureOr<NodeInput> association =
      ctx.getInput(node, "association_mask", false);
  if (failed(state) || failed(padding) || failed(association))
    return failure();
  const int64_t b = s.batchFirst ? 0 : 1, seq = 1 - b;
  if (failed(checkSequenceInput(ctx, node, *state, s.batchFirst)) ||
      failed(checkMaskShapes(
          ctx, node, s.heads, *padding, *association, DimSource::of(*state, b),
          DimSource::of(*state, seq), DimSource::fixedSize(s.quantity))))
    return failure();
  if (!s.inputSize)
    return ctx.getDiag().nodeError(
        node.name, "config 'input_size' is required (an integer >= 1)");
  if (s.storedStatic && !s.hiddenSize)
    return ctx.getDiag().nodeError(
        node.name, "config 'stored_pattern_as_static' = true needs "
                   "'hidden_size' (the width of lookup_weights)");
  // SPEC 3.5: the lookup table has the stored pattern's width, the targets
  // pattern_projection_size or the same width.
  int64_t storedFeatures = s.storedStatic
                               ? *s.hiddenSize
                               : s.storedPatternSize.value_or(*s.inputSize);
  int64_t projectionFeatures =
      s.separatedTargets ? s.patternProjectionSize.value_or(storedFeatures)
                         : storedFeatures;
  FailureOr<HopfieldDims> dims = resolveHopfieldDims(
      node, s, state->dim(2).size, projectionFeatures, ctx.getDiag());
  if (failed(dims))
    return failure();
  PatternFeatures expected = expectedFeatures(s, *dims);
  std::string sizes = describeSizes(s, *dims);
  if ((expected.state >= 0 &&
       failed(ctx.expectDim(node, *state, 2, expected.state, sizes))) ||
      failed(checkTableFeatures(ctx, node, "lookup_weights", storedFeatures,
                                expected.stored, s, *dims)) ||
      failed(checkTableFeatures(
          ctx, node, s.separatedTargets ? "target_weights" : "lookup_weights",
          projectionFeatures, expected.projection, s, *dims)))
    return failure();

  WeightSpec lookup =
      tableSpec("lookup_weights", s, storedFeatures, "stored pattern width");
  WeightSpec targets = tableSpec("target_weights", s, projectionFeatures,
                                 "pattern projection width");
  SmallVector<WeightSpec> specs = hopfieldWeightSpecs(
      s, *dims, kModulePrefix,
      {storedFeatures, state->dim(2).size, projectionFeatures});
  specs.push_back(lookup);
  if (s.separatedTargets)
    specs.push_back(targets);
  if (failed(ctx.checkWeightSet(node, specs,
                                hopfieldIgnoredWeights(s, kModulePrefix))))
    return failure();

  Value stateValue = toBatchFirst(ctx, node, state->value->value, s.batchFirst);
  FailureOr<Value> stored = emitTable(ctx, node, lookup, stateValue, 0);
  if (failed(stored))
    return failure();
  Value projection = *stored;
  if (s.separatedTargets) {
    FailureOr<Value> targetsValue =
        emitTable(ctx, node, targets, stateValue, 0);
    if (failed(targetsValue))
      return failure();
    projection = *targetsValue;
  }
  Dim batch = state->dim(b);
  HopfieldPatterns patterns =
      makePatterns(*stored, stateValue, projection, *padding, *association,
                   batch, state->dim(seq), Dim::fixed(s.quantity));

  FailureOr<HopfieldModuleResults> results = emitHopfieldModuleWithAssociation(
      ctx, node, s, *dims, kModulePrefix, "", patterns);
  if (failed(results))
    return failure();
  Value output = results->output;
  if (!s.batchFirst)
    output =
        emitTranspose(ctx.getBuilder(), ctx.getLoc(node), output, {1, 0, 2});
  ctx.define(node.name, ModelValue{output,
                                   {state->dim(0), state->dim(1),
                                    Dim::fixed(dims->output)},
                                   /*isMask=*/false});
  return success();
}
