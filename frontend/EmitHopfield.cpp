//===- EmitHopfield.cpp - Hopfield nodes in static execution --------------===//
//
// A static-execution Hopfield node (SPEC 3.6, 3.8) uses its patterns as they
// are: Q = R, K = Y, V = P replicated over H heads, one hopfield.associate,
// and the heads concatenated: (B, L, H*pd), or (L, B, H*pd) seq-first.
// Per-sample semantics hold for every head (SPEC 9.2).
//
//===----------------------------------------------------------------------===//

#include "frontend/EmitUtils.h"
#include "frontend/Emitters.h"
#include "frontend/HopfieldConfig.h"

#include "dialect/HopfieldOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/AffineMap.h"

#include <limits>

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

/// Checks ranks and unifies B, L, S and the feature sizes.
LogicalResult checkShapes(ImportContext &ctx, const ModelNode &node,
                          const HopfieldSettings &settings,
                          HopfieldInputs &in) {
  const int64_t b = settings.batchFirst ? 0 : 1;
  const int64_t seq = settings.batchFirst ? 1 : 0;
  StringRef layout = settings.batchFirst
                         ? "3 ([batch, sequence, features], batch_first)"
                         : "3 ([sequence, batch, features], batch_first = "
                           "false)";
  for (NodeInput *pattern : {&in.state, &in.stored, &in.projection})
    if (failed(ctx.expectKind(node, *pattern, /*mask=*/false, {3}, layout)))
      return failure();

  if (failed(
          ctx.unifyDims(node, "the batch size B", in.stored, b, in.state, b)) ||
      failed(ctx.unifyDims(node, "the batch size B", in.projection, b, in.state,
                           b)) ||
      failed(ctx.unifyDims(node, "the number of stored patterns S",
                           in.projection, seq, in.stored, seq)) ||
      failed(ctx.unifyDims(node,
                           "the head dimension hd (static execution: the "
                           "stored pattern needs the state pattern's "
                           "features)",
                           in.stored, 2, in.state, 2)))
    return failure();
  for (NodeInput *pattern : {&in.state, &in.projection})
    if (!pattern->dim(2).isStatic())
      return ctx.getDiag().nodeError(node.name, "the feature dimension of " +
                                                    ctx.describe(*pattern) +
                                                    " must have a fixed size");

  if (in.padding) {
    if (failed(ctx.expectKind(node, in.padding, /*mask=*/true, {2},
                              "2 ([batch, stored patterns])")) ||
        failed(ctx.unifyDims(node, "the batch size B", in.padding, 0, in.state,
                             b)) ||
        failed(ctx.unifyDims(node, "the number of stored patterns S",
                             in.padding, 1, in.stored, seq)))
      return failure();
  }
  if (!in.association)
    return success();
  if (failed(ctx.expectKind(node, in.association, /*mask=*/true, {2, 3},
                            "2 ([L, S]) or 3 ([B*num_heads, L, S])")))
    return failure();
  int64_t rank = in.association.rank();
  if (failed(ctx.unifyDims(node, "the number of state patterns L",
                           in.association, rank - 2, in.state, seq)) ||
      failed(ctx.unifyDims(node, "the number of stored patterns S",
                           in.association, rank - 1, in.stored, seq)))
    return failure();
  if (rank == 2)
    return success();
  if (settings.heads == 1)
    return ctx.unifyDims(node, "the batch size B (times num_heads = 1)",
                         in.association, 0, in.state, b);
  // B*H rows: one side must be static to fix the other.
  Dim batch = in.state.dim(b);
  Dim rows = in.association.dim(0);
  if (batch.isStatic())
    return ctx.expectDim(node, in.association, 0, batch.size * settings.heads,
                         "B*num_heads = " + Twine(batch.size) + "*" +
                             Twine(settings.heads) + ", row b*H+h");
  if (!rows.isStatic())
    return ctx.getDiag().nodeError(
        node.name,
        "a 3-D " + ctx.describe(in.association) +
            " has B*num_heads rows; with num_heads = " + Twine(settings.heads) +
            " its first dimension or the batch size of " +
            ctx.describe(in.state) + " must have a fixed size");
  if (rows.size % settings.heads != 0)
    return ctx.getDiag().nodeError(
        node.name, "dimension 0 of " + ctx.describe(in.association) + " is " +
                       Twine(rows.size) +
                       ", expected B*num_heads, a multiple "
                       "of num_heads = " +
                       Twine(settings.heads));
  return ctx.expectDim(node, in.state, b, rows.size / settings.heads,
                       "the batch size B = rows of 'association_mask' / "
                       "num_heads");
}

/// [B, S] i1 padding mask -> [B, 1, 1, S] additive bias: -inf where the key
/// is ignored, 0 elsewhere.
Value emitPaddingBias(OpBuilder &b, Location loc, Value padding,
                      Type floatType) {
  SmallVector<OpFoldResult> sizes = emitSizes(b, loc, padding);
  Value init = emitEmpty(
      b, loc, {sizes[0], b.getIndexAttr(1), b.getIndexAttr(1), sizes[1]},
      floatType);
  MLIRContext *ctx = b.getContext();
  AffineMap inputMap = AffineMap::get(
      4, 0, {getAffineDimExpr(0, ctx), getAffineDimExpr(3, ctx)}, ctx);
  AffineMap outputMap = AffineMap::getMultiDimIdentityMap(4, ctx);
  SmallVector<utils::IteratorType> iterators(4, utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{padding}, ValueRange{init},
      ArrayRef<AffineMap>{inputMap, outputMap}, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value ignored = emitFloatConstant(
            nb, nloc, floatType, -std::numeric_limits<double>::infinity());
        Value allowed = emitFloatConstant(nb, nloc, floatType, 0.0);
        Value bias =
            arith::SelectOp::create(nb, nloc, args[0], ignored, allowed);
        linalg::YieldOp::create(nb, nloc, bias);
      });
  return generic.getResult(0);
}

/// The association mask as the op's rank-4 mask: [L, S] -> [1, 1, L, S],
/// [B*H, L, S] -> [B, H, L, S]. `batch` is B (checkShapes makes it static
/// when H > 1; with H = 1 the mask's own first dimension is B).
Value emitAssociationMask(OpBuilder &b, Location loc, Value mask, int64_t heads,
                          Dim batch) {
  SmallVector<OpFoldResult> sizes = emitSizes(b, loc, mask);
  if (sizes.size() == 2)
    return emitExpand(
        b, loc, mask, {{0, 1, 2}, {3}},
        {b.getIndexAttr(1), b.getIndexAttr(1), sizes[0], sizes[1]});
  OpFoldResult batchSize =
      heads == 1 ? sizes[0] : OpFoldResult(b.getIndexAttr(batch.size));
  return emitExpand(b, loc, mask, {{0, 1}, {2}, {3}},
                    {batchSize, b.getIndexAttr(heads), sizes[1], sizes[2]});
}

} // namespace

LogicalResult mlir::hopfield::emitHopfieldNode(ImportContext &ctx,
                                               const ModelNode &node) {
  FailureOr<HopfieldSettings> settings =
      readHopfieldConfig(node, ctx.getDiag());
  if (failed(settings))
    return failure();
  FailureOr<HopfieldInputs> inputs = readRoles(ctx, node);
  if (failed(inputs))
    return failure();
  HopfieldInputs &in = *inputs;
  if (failed(ctx.checkWeightNames(node, {},
                                  "a Hopfield node in static execution has "
                                  "no parameters")) ||
      failed(checkShapes(ctx, node, *settings, in)))
    return failure();

  const int64_t heads = settings->heads;
  const int64_t batchIndex = settings->batchFirst ? 0 : 1;
  Dim batch = in.state.dim(batchIndex);
  if (heads > 1 && !(batch.isStatic() && batch.size == 1))
    ctx.getDiag().warning(
        node.name,
        "num_heads = " + Twine(heads) + " with batch size " +
            ctx.getShapes().name(batch) +
            ": every head reads the static patterns of its own sample; "
            "hflayers mixes samples across heads when B > 1, so its results "
            "differ unless the patterns are the same for every sample (SPEC "
            "3.10 Q2)");

  OpBuilder &b = ctx.getBuilder();
  Location loc = ctx.getLoc(node);
  Type floatType = ctx.getFloatType();

  // Q [B,H,L,hd], K [B,H,S,hd], V [B,H,S,pd]; a value used in several roles
  // is replicated once.
  DenseMap<Value, Value> replicated;
  auto replicate = [&](const NodeInput &pattern) {
    Value source = pattern.value->value;
    auto it = replicated.find(source);
    if (it != replicated.end())
      return it->second;
    Value batchFirst = settings->batchFirst
                           ? source
                           : emitTranspose(b, loc, source, {1, 0, 2});
    Value result = emitBroadcastHeads(b, loc, batchFirst, heads);
    replicated[source] = result;
    return result;
  };
  Value query = replicate(in.state);
  Value key = replicate(in.stored);
  Value value = replicate(in.projection);

  Value mask, bias, headBeta;
  if (in.association)
    mask =
        emitAssociationMask(b, loc, in.association.value->value, heads, batch);
  if (in.padding)
    bias = emitPaddingBias(b, loc, in.padding.value->value, floatType);
  if (!settings->headBeta.empty()) {
    auto type = RankedTensorType::get({heads}, floatType);
    SmallVector<Attribute> betas;
    for (double beta : settings->headBeta)
      betas.push_back(b.getFloatAttr(floatType, beta));
    headBeta =
        arith::ConstantOp::create(b, loc, DenseElementsAttr::get(type, betas));
  }

  const int64_t patternDim = in.projection.dim(2).size;
  ArrayRef<int64_t> queryShape =
      cast<RankedTensorType>(query.getType()).getShape();
  Type outputType = RankedTensorType::get(
      {queryShape[0], heads, queryShape[2], patternDim}, floatType);
  Type stepsType = RankedTensorType::get({heads}, b.getI64Type());
  auto associate = AssociateOp::create(
      b, loc, outputType, /*association=*/Type(), stepsType, query, key, value,
      headBeta, mask, bias, /*query_offset=*/Value(),
      b.getF64FloatAttr(settings->beta),
      b.getDenseI64ArrayAttr(settings->maxSteps),
      b.getDenseF64ArrayAttr(settings->eps),
      ConvergenceCriterionAttr::get(b.getContext(),
                                    ConvergenceCriterion::association),
      /*causal=*/UnitAttr());

  // [B,H,L,pd] -> [B,L,H,pd] (or [L,B,H,pd]) -> [B,L,H*pd] (or [L,B,H*pd]).
  SmallVector<int64_t> permutation = settings->batchFirst
                                         ? SmallVector<int64_t>{0, 2, 1, 3}
                                         : SmallVector<int64_t>{2, 0, 1, 3};
  Value heads4d = emitTranspose(b, loc, associate.getOutput(), permutation);
  Value result = emitCollapse(b, loc, heads4d, {{0}, {1}, {2, 3}});

  DimList shape = {in.state.dim(0), in.state.dim(1),
                   Dim::fixed(heads * patternDim)};
  ctx.define(node.name, ModelValue{result, shape, /*isMask=*/false});
  // Batch and sequence positions depend on the layout of the patterns.
  unsigned batchDim = settings->batchFirst ? 0 : 1, seqDim = 1 - batchDim;
  ctx.addStepsResult(node, associate.getSteps(), heads,
                     {in.state.dim(batchDim), Dim::fixed(heads),
                      in.state.dim(seqDim), in.stored.dim(seqDim),
                      in.state.dim(2), Dim::fixed(patternDim)});
  return success();
}
