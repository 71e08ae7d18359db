//===- EmitHopfield.cpp - Hopfield nodes
//-----------------------------------===//
//
// hflayers' `Hopfield` (SPEC 3.3, 3.8): reads the roles, checks the shapes
// against the config (batch and sequence sizes, the feature sizes the
// projections expect, masks) and the weights against the state_dict layout
// the config implies, then emits the module (HopfieldModule.h). Seq-first
// patterns (batch_first = false) are transposed to batch-first and the
// result back.
//
//===----------------------------------------------------------------------===//

#include "frontend/EmitUtils.h"
#include "frontend/Emitters.h"
#include "frontend/HopfieldModule.h"
#include "frontend/HopfieldShapes.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

const StringRef kRoles[] = {"input",
                            "stored_pattern",
                            "state_pattern",
                            "pattern_projection",
                            "stored_pattern_padding_mask",
                            "association_mask"};

/// The inputs of a Hopfield node, after role and shape checks.
struct HopfieldInputs {
  NodeInput state, stored, projection, padding, association;
};

/// Reads the roles: `input` alone (Y = R = P) or all three patterns.
FailureOr<HopfieldInputs> readRoles(ImportContext &ctx, const ModelNode &node) {
  if (failed(ctx.checkRoles(node, kRoles)))
    return failure();
  HopfieldInputs in;
  bool single = node.getInput("input") != nullptr;
  const char *patternRoles[] = {"stored_pattern", "state_pattern",
                                "pattern_projection"};
  for (const char *role : patternRoles) {
    bool given = node.getInput(role) != nullptr;
    if (single && given)
      return ctx.getDiag().nodeError(
          node.name, "give either input role 'input' (used as stored "
                     "pattern, state pattern and pattern projection) or all "
                     "of 'stored_pattern', 'state_pattern', "
                     "'pattern_projection', not both");
    if (!single && !given)
      return ctx.getDiag().nodeError(
          node.name, Twine("input role '") + role +
                         "' is missing (give 'input', or all of "
                         "'stored_pattern', 'state_pattern', "
                         "'pattern_projection')");
  }
  auto get = [&](StringRef role, bool required, NodeInput &out) {
    FailureOr<NodeInput> input = ctx.getInput(node, role, required);
    if (failed(input))
      return failure();
    out = *input;
    return success();
  };
  if (single) {
    if (failed(get("input", true, in.state)))
      return failure();
    in.stored = in.projection = in.state;
  } else if (failed(get("stored_pattern", true, in.stored)) ||
             failed(get("state_pattern", true, in.state)) ||
             failed(get("pattern_projection", true, in.projection))) {
    return failure();
  }
  if (failed(get("stored_pattern_padding_mask", false, in.padding)) ||
      failed(get("association_mask", false, in.association)))
    return failure();
  return in;
}

/// Checks ranks and unifies B, L and S across the patterns and masks.
LogicalResult checkShapes(ImportContext &ctx, const ModelNode &node,
                          const HopfieldSettings &settings,
                          HopfieldInputs &in) {
  const int64_t b = settings.batchFirst ? 0 : 1;
  const int64_t seq = settings.batchFirst ? 1 : 0;
  for (NodeInput *pattern : {&in.state, &in.stored, &in.projection})
    if (failed(checkSequenceInput(ctx, node, *pattern, settings.batchFirst)))
      return failure();

  if (failed(
          ctx.unifyDims(node, "the batch size B", in.stored, b, in.state, b)) ||
      failed(ctx.unifyDims(node, "the batch size B", in.projection, b, in.state,
                           b)) ||
      failed(ctx.unifyDims(node, "the number of stored patterns S",
                           in.projection, seq, in.stored, seq)))
    return failure();
  return checkMaskShapes(ctx, node, settings.heads, in.padding, in.association,
                         DimSource::of(in.state, b),
                         DimSource::of(in.state, seq),
                         DimSource::of(in.stored, seq));
}

/// Checks the feature sizes against what the config expects.
LogicalResult checkFeatures(ImportContext &ctx, const ModelNode &node,
                            const HopfieldSettings &settings,
                            const HopfieldDims &dims, HopfieldInputs &in) {
  PatternFeatures expected = expectedFeatures(settings, dims);
  std::string sizes = describeSizes(settings, dims);
  auto check = [&](NodeInput &input, int64_t features, StringRef what) {
    if (features < 0)
      return success();
    return ctx.expectDim(node, input, 2, features, what + (", " + sizes));
  };
  if (settings.staticExecution())
    return ctx.expectDim(node, in.stored, 2, expected.stored,
                         "static execution: the stored pattern needs the "
                         "state pattern's features");
  return success(
      succeeded(check(in.state, expected.state,
                      settings.stateStatic ? "static state pattern: head dim"
                                           : "input_size")) &&
      succeeded(check(in.stored, expected.stored,
                      settings.storedStatic ? "static stored pattern: head dim"
                                            : "stored_pattern_size")) &&
      succeeded(check(in.projection, expected.projection,
                      settings.projectionStatic ? "static pattern projection"
                                                : "pattern_projection_size")));
}

} // namespace

LogicalResult mlir::hopfield::emitHopfieldNode(ImportContext &ctx,
                                               const ModelNode &node) {
  FailureOr<HopfieldSettings> settings =
      readHopfieldConfig(node, HopfieldClass::Hopfield, ctx.getDiag());
  if (failed(settings))
    return failure();
  FailureOr<HopfieldInputs> inputs = readRoles(ctx, node);
  if (failed(inputs))
    return failure();
  HopfieldInputs &in = *inputs;
  if (failed(checkShapes(ctx, node, *settings, in)))
    return failure();
  FailureOr<HopfieldDims> dims =
      resolveHopfieldDims(node, *settings, in.state.dim(2).size,
                          in.projection.dim(2).size, ctx.getDiag());
  if (failed(dims) || failed(checkFeatures(ctx, node, *settings, *dims, in)))
    return failure();
  PatternFeatures features{in.stored.dim(2).size, in.state.dim(2).size,
                           in.projection.dim(2).size};
  if (failed(ctx.checkWeightSet(
          node, hopfieldWeightSpecs(*settings, *dims, "", features),
          hopfieldIgnoredWeights(*settings, ""))))
    return failure();

  const int64_t batchIndex = settings->batchFirst ? 0 : 1;
  const int64_t seqIndex = 1 - batchIndex;
  Dim batch = in.state.dim(batchIndex);
  bool anyStatic = settings->storedStatic || settings->stateStatic ||
                   settings->projectionStatic;
  if (anyStatic && settings->heads > 1 &&
      !(batch.isStatic() && batch.size == 1))
    ctx.getDiag().warning(
        node.name,
        "num_heads = " + Twine(settings->heads) + " with batch size " +
            ctx.getShapes().name(batch) +
            ": every head reads the static patterns of its own sample; "
            "hflayers mixes samples across heads when B > 1, so its results "
            "differ unless the patterns are the same for every sample (SPEC "
            "3.10 Q2)");

  OpBuilder &b = ctx.getBuilder();
  Location loc = ctx.getLoc(node);
  // Batch-first patterns; a value used in several roles is transposed once.
  DenseMap<Value, Value> batchFirst;
  auto toBatchFirst = [&](const NodeInput &pattern) {
    Value source = pattern.value->value;
    if (settings->batchFirst)
      return source;
    auto [it, inserted] = batchFirst.try_emplace(source, Value());
    if (inserted)
      it->second = emitTranspose(b, loc, source, {1, 0, 2});
    return it->second;
  };
  HopfieldPatterns patterns =
      makePatterns(toBatchFirst(in.stored), toBatchFirst(in.state),
                   toBatchFirst(in.projection), in.padding, in.association,
                   batch, in.state.dim(seqIndex), in.stored.dim(seqIndex));

  FailureOr<HopfieldModuleResults> results = emitHopfieldModuleWithAssociation(
      ctx, node, *settings, *dims, "", "", patterns);
  if (failed(results))
    return failure();
  Value output = results->output;
  if (!settings->batchFirst)
    output = emitTranspose(b, loc, output, {1, 0, 2});
  ctx.define(node.name, ModelValue{output,
                                   {in.state.dim(0), in.state.dim(1),
                                    Dim::fixed(dims->output)},
                                   /*isMask=*/false});
  return success();
}
