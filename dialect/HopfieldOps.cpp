//===- HopfieldOps.cpp - hopfield op verifiers and helpers ----------------===//
//
// Verification and the custom assembly directives. Every message names the
// operand (or attribute) and what was expected; test/Dialect/invalid.mlir has
// a negative test for each of them.
//
//===----------------------------------------------------------------------===//

#include "dialect/HopfieldOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::hopfield;

//===----------------------------------------------------------------------===//
// Custom directive: step budget, printed as `[3]` or `[2, unbounded]`
//===----------------------------------------------------------------------===//

static ParseResult parseStepBudget(OpAsmParser &parser,
                                   DenseI64ArrayAttr &maxSteps) {
  SmallVector<int64_t> steps;
  auto parseOne = [&]() -> ParseResult {
    if (succeeded(parser.parseOptionalKeyword("unbounded"))) {
      steps.push_back(AssociateOp::kUnbounded);
      return success();
    }
    int64_t value;
    if (parser.parseInteger(value))
      return failure();
    steps.push_back(value);
    return success();
  };
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Square, parseOne))
    return failure();
  maxSteps = parser.getBuilder().getDenseI64ArrayAttr(steps);
  return success();
}

static void printStepBudget(OpAsmPrinter &printer, Operation *,
                            DenseI64ArrayAttr maxSteps) {
  printer << '[';
  llvm::interleaveComma(maxSteps.asArrayRef(), printer, [&](int64_t steps) {
    if (steps == AssociateOp::kUnbounded)
      printer << "unbounded";
    else
      printer << steps;
  });
  printer << ']';
}

#define GET_OP_CLASSES
#include "dialect/HopfieldOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Shape checking helpers shared by the attention-shaped ops
//===----------------------------------------------------------------------===//

namespace {

/// Sizes of an attention-shaped op; ShapedType::kDynamic where unknown.
struct AttentionDims {
  int64_t batch, heads, queries, keys, qkFeatures, valueFeatures;
};

/// One named dimension of an expected shape, e.g. {"H", 2}.
struct NamedDim {
  const char *name;
  int64_t size;
};

std::string formatShape(ArrayRef<NamedDim> dims) {
  std::string text = "[";
  for (auto [i, dim] : llvm::enumerate(dims)) {
    if (i)
      text += ",";
    text += dim.name;
    if (!ShapedType::isDynamic(dim.size))
      text += "=" + std::to_string(dim.size);
  }
  return text + "]";
}

bool compatible(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

/// Checks that `type` has exactly the expected shape (dynamic sizes match
/// anything). With `broadcast`, a dimension of static size 1 also matches.
LogicalResult expectShape(Operation *op, StringRef name, ShapedType type,
                          ArrayRef<NamedDim> expected, bool broadcast = false) {
  if (type.getRank() != static_cast<int64_t>(expected.size()))
    return op->emitOpError()
           << "'" << name << "' must have rank " << expected.size() << " "
           << formatShape(expected) << ", got " << type;
  for (auto [i, dim] : llvm::enumerate(expected)) {
    int64_t actual = type.getDimSize(i);
    if (compatible(actual, dim.size) || (broadcast && actual == 1))
      continue;
    auto diag = op->emitOpError()
                << "'" << name << "' dimension " << i << " (" << dim.name
                << ") is " << actual << ", expected ";
    if (broadcast)
      diag << "1 or ";
    return diag << dim.size << "; expected shape " << formatShape(expected);
  }
  return success();
}

LogicalResult expectElementType(Operation *op, StringRef name, ShapedType type,
                                Type expected) {
  if (type.getElementType() == expected)
    return success();
  return op->emitOpError() << "'" << name << "' has element type "
                           << type.getElementType() << ", expected " << expected
                           << " (the element type of 'query')";
}

/// Verifies query [B,H,L,D], key [B,H,S,D], value [B,H,S,E] and returns the
/// sizes. All three share one element type.
FailureOr<AttentionDims> verifyAttentionOperands(Operation *op,
                                                 ShapedType query,
                                                 ShapedType key,
                                                 ShapedType value) {
  const int64_t dyn = ShapedType::kDynamic;
  if (failed(expectShape(op, "query", query,
                         {{"B", dyn}, {"H", dyn}, {"L", dyn}, {"D", dyn}})))
    return failure();
  AttentionDims dims{query.getDimSize(0), query.getDimSize(1),
                     query.getDimSize(2), dyn,
                     query.getDimSize(3), dyn};
  if (failed(expectShape(op, "key", key,
                         {{"B", dims.batch},
                          {"H", dims.heads},
                          {"S", dyn},
                          {"D", dims.qkFeatures}})))
    return failure();
  // A size the query leaves dynamic may be fixed by the key or value.
  auto refine = [](int64_t &size, int64_t other) {
    if (ShapedType::isDynamic(size))
      size = other;
  };
  refine(dims.batch, key.getDimSize(0));
  refine(dims.heads, key.getDimSize(1));
  refine(dims.qkFeatures, key.getDimSize(3));
  dims.keys = key.getDimSize(2);
  if (failed(expectShape(op, "value", value,
                         {{"B", dims.batch},
                          {"H", dims.heads},
                          {"S", dims.keys},
                          {"E", dyn}})))
    return failure();
  refine(dims.batch, value.getDimSize(0));
  refine(dims.heads, value.getDimSize(1));
  refine(dims.keys, value.getDimSize(2));
  dims.valueFeatures = value.getDimSize(3);
  Type element = query.getElementType();
  if (failed(expectElementType(op, "key", key, element)) ||
      failed(expectElementType(op, "value", value, element)))
    return failure();
  return dims;
}

SmallVector<NamedDim> scoreShape(const AttentionDims &d) {
  return {{"B", d.batch}, {"H", d.heads}, {"L", d.queries}, {"S", d.keys}};
}

/// Optional mask (i1) and additive bias, both broadcastable to [B,H,L,S].
LogicalResult verifyMasks(Operation *op, const AttentionDims &dims, Value mask,
                          Value bias, Type element) {
  if (mask && failed(expectShape(op, "mask", cast<ShapedType>(mask.getType()),
                                 scoreShape(dims), /*broadcast=*/true)))
    return failure();
  if (!bias)
    return success();
  auto biasType = cast<ShapedType>(bias.getType());
  if (failed(expectShape(op, "bias", biasType, scoreShape(dims),
                         /*broadcast=*/true)))
    return failure();
  return expectElementType(op, "bias", biasType, element);
}

LogicalResult verifyHeadBeta(Operation *op, const AttentionDims &dims,
                             Value headBeta, Type element) {
  if (!headBeta)
    return success();
  auto type = cast<ShapedType>(headBeta.getType());
  if (failed(expectShape(op, "head_beta", type, {{"H", dims.heads}})))
    return failure();
  return expectElementType(op, "head_beta", type, element);
}

LogicalResult verifyPositiveFinite(Operation *op, StringRef name,
                                   double value) {
  if (std::isfinite(value) && value > 0.0)
    return success();
  return op->emitOpError() << "'" << name
                           << "' must be positive and finite, got " << value;
}

/// A per-head attribute array holds one value (all heads) or one per head.
LogicalResult verifyPerHeadLength(Operation *op, StringRef name, size_t length,
                                  int64_t heads) {
  if (length == 1 || (length > 1 && static_cast<int64_t>(length) == heads))
    return success();
  auto diag = op->emitOpError() << "'" << name << "' must hold 1 value";
  if (!ShapedType::isDynamic(heads) && heads > 1)
    diag << " or " << heads << " (one per head)";
  return diag << ", got " << length;
}

} // namespace

//===----------------------------------------------------------------------===//
// AssociateOp
//===----------------------------------------------------------------------===//

bool AssociateOp::iterates() {
  return llvm::any_of(getMaxSteps(), [](int64_t s) { return s != 0; });
}

int64_t AssociateOp::getMaxStepsForHead(int64_t h) {
  ArrayRef<int64_t> steps = getMaxSteps();
  return steps.size() == 1 ? steps.front() : steps[h];
}

double AssociateOp::getEpsForHead(int64_t h) {
  ArrayRef<double> eps = getEps();
  return eps.size() == 1 ? eps.front() : eps[h];
}

LogicalResult AssociateOp::verify() {
  Operation *op = getOperation();
  FailureOr<AttentionDims> dims =
      verifyAttentionOperands(op, getQueryType(), getKeyType(), getValueType());
  if (failed(dims))
    return failure();
  Type element = getQueryType().getElementType();
  if (failed(verifyHeadBeta(op, *dims, getHeadBeta(), element)) ||
      failed(verifyMasks(op, *dims, getMask(), getBias(), element)) ||
      failed(verifyPositiveFinite(op, "beta", getBeta().convertToDouble())))
    return failure();

  if (failed(verifyPerHeadLength(op, "max_steps", getMaxSteps().size(),
                                 dims->heads)))
    return failure();
  for (int64_t steps : getMaxSteps())
    if (steps < kUnbounded)
      return emitOpError() << "'max_steps' entries must be >= 0 or "
                              "'unbounded', got "
                           << steps;
  if (failed(verifyPerHeadLength(op, "eps", getEps().size(), dims->heads)))
    return failure();
  for (double eps : getEps())
    if (failed(verifyPositiveFinite(op, "eps", eps)))
      return failure();

  auto outputType = cast<ShapedType>(getOutput().getType());
  if (failed(expectShape(op, "output", outputType,
                         {{"B", dims->batch},
                          {"H", dims->heads},
                          {"L", dims->queries},
                          {"E", dims->valueFeatures}})) ||
      failed(expectElementType(op, "output", outputType, element)))
    return failure();
  if (Value association = getAssociation()) {
    auto type = cast<ShapedType>(association.getType());
    if (failed(expectShape(op, "association", type, scoreShape(*dims))) ||
        failed(expectElementType(op, "association", type, element)))
      return failure();
  }
  if (Value steps = getSteps())
    if (failed(expectShape(op, "steps", cast<ShapedType>(steps.getType()),
                           {{"H", dims->heads}})))
      return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// OnlineAssociateOp, MergeOp, FinalizeOp
//===----------------------------------------------------------------------===//

/// The running state of the online form: acc [B,H,L,E], max and sum [B,H,L],
/// all of one float type.
static LogicalResult verifyPartial(Operation *op, StringRef suffix,
                                   ShapedType acc, ShapedType max,
                                   ShapedType sum, int64_t batch, int64_t heads,
                                   int64_t queries, int64_t valueFeatures) {
  std::string accName = ("acc" + suffix).str();
  std::string maxName = ("max" + suffix).str();
  std::string sumName = ("sum" + suffix).str();
  SmallVector<NamedDim> rowShape = {{"B", batch}, {"H", heads}, {"L", queries}};
  SmallVector<NamedDim> accShape(rowShape);
  accShape.push_back({"E", valueFeatures});
  if (failed(expectShape(op, accName, acc, accShape)) ||
      failed(expectShape(op, maxName, max, rowShape)) ||
      failed(expectShape(op, sumName, sum, rowShape)))
    return failure();
  if (max.getElementType() != acc.getElementType() ||
      sum.getElementType() != acc.getElementType())
    return op->emitOpError()
           << "'" << accName << "', '" << maxName << "' and '" << sumName
           << "' must share one element type, got " << acc.getElementType()
           << ", " << max.getElementType() << ", " << sum.getElementType();
  return success();
}

LogicalResult OnlineAssociateOp::verify() {
  Operation *op = getOperation();
  auto queryType = cast<ShapedType>(getQuery().getType());
  FailureOr<AttentionDims> dims = verifyAttentionOperands(
      op, queryType, cast<ShapedType>(getKey().getType()),
      cast<ShapedType>(getValue().getType()));
  if (failed(dims))
    return failure();
  Type element = queryType.getElementType();
  if (failed(verifyHeadBeta(op, *dims, getHeadBeta(), element)) ||
      failed(verifyMasks(op, *dims, getMask(), getBias(), element)) ||
      failed(verifyPositiveFinite(op, "beta", getBeta().convertToDouble())))
    return failure();
  if (static_cast<bool>(getQueryOffset()) != static_cast<bool>(getKeyOffset()))
    return emitOpError(
        "'query_offset' and 'key_offset' must be given together");
  return verifyPartial(op, "_init", cast<ShapedType>(getAccInit().getType()),
                       cast<ShapedType>(getMaxInit().getType()),
                       cast<ShapedType>(getSumInit().getType()), dims->batch,
                       dims->heads, dims->queries, dims->valueFeatures);
}

LogicalResult OnlineAssociateOp::inferReturnTypes(
    MLIRContext *, std::optional<Location>, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  // The results are the updated running state: the types of the outs.
  for (Value init :
       {adaptor.getAccInit(), adaptor.getMaxInit(), adaptor.getSumInit()})
    inferredReturnTypes.push_back(init.getType());
  return success();
}

LogicalResult MergeOp::verify() {
  // Both sides share one type (AllTypesMatch); the rows of 'max_a' and
  // 'sum_a' must be those of 'acc_a'.
  auto acc = cast<ShapedType>(getAccA().getType());
  auto row = [&](int64_t i) {
    return acc.getRank() == 4 ? acc.getDimSize(i) : ShapedType::kDynamic;
  };
  return verifyPartial(getOperation(), "_a", acc,
                       cast<ShapedType>(getMaxA().getType()),
                       cast<ShapedType>(getSumA().getType()), row(0), row(1),
                       row(2), ShapedType::kDynamic);
}

LogicalResult FinalizeOp::verify() {
  auto acc = cast<ShapedType>(getAcc().getType());
  const int64_t dyn = ShapedType::kDynamic;
  if (failed(expectShape(getOperation(), "acc", acc,
                         {{"B", dyn}, {"H", dyn}, {"L", dyn}, {"E", dyn}})))
    return failure();
  if (failed(expectShape(getOperation(), "sum",
                         cast<ShapedType>(getSum().getType()),
                         {{"B", acc.getDimSize(0)},
                          {"H", acc.getDimSize(1)},
                          {"L", acc.getDimSize(2)}})) ||
      failed(expectShape(getOperation(), "output",
                         cast<ShapedType>(getOutput().getType()),
                         {{"B", acc.getDimSize(0)},
                          {"H", acc.getDimSize(1)},
                          {"L", acc.getDimSize(2)},
                          {"E", acc.getDimSize(3)}})))
    return failure();
  if (cast<ShapedType>(getSum().getType()).getElementType() !=
      acc.getElementType())
    return emitOpError() << "'sum' must have the element type of 'acc' ("
                         << acc.getElementType() << ")";
  return success();
}

LogicalResult AssociationChangeOp::verify() {
  Operation *op = getOperation();
  auto queryType = cast<ShapedType>(getQueryA().getType());
  auto keyType = cast<ShapedType>(getKey().getType());
  // The key doubles as the value: only its shape against the query matters.
  FailureOr<AttentionDims> dims =
      verifyAttentionOperands(op, queryType, keyType, keyType);
  if (failed(dims) ||
      failed(verifyMasks(op, *dims, getMask(), getBias(),
                         queryType.getElementType())))
    return failure();
  if (static_cast<bool>(getQueryOffset()) != static_cast<bool>(getKeyOffset()))
    return emitOpError(
        "'query_offset' and 'key_offset' must be given together");
  SmallVector<NamedDim> rows = {
      {"B", dims->batch}, {"H", dims->heads}, {"L", dims->queries}};
  auto lseType = cast<ShapedType>(getLseA().getType());
  auto initType = cast<ShapedType>(getInit().getType());
  if (failed(expectShape(op, "lse_a", lseType, rows)) ||
      failed(expectShape(op, "init", initType,
                         {{"B", dims->batch}, {"H", dims->heads}})))
    return failure();
  if (getQueryB().getType() != getQueryA().getType())
    return emitOpError() << "'query_b' must have the type of 'query_a' ("
                         << getQueryA().getType() << ")";
  if (getLseB().getType() != getLseA().getType())
    return emitOpError() << "'lse_b' must have the type of 'lse_a' ("
                         << getLseA().getType() << ")";
  if (getChange().getType() != getInit().getType())
    return emitOpError() << "result must have the type of 'init' ("
                         << getInit().getType() << ")";
  if (lseType.getElementType() != initType.getElementType())
    return emitOpError() << "'lse_a' and 'init' must share one element type, "
                            "got "
                         << lseType.getElementType() << " and "
                         << initType.getElementType();
  return success();
}

//===----------------------------------------------------------------------===//
// MhaOp
//===----------------------------------------------------------------------===//

double MhaOp::getEffectiveScale() {
  if (std::optional<APFloat> scale = getScale())
    return scale->convertToDouble();
  int64_t features = cast<ShapedType>(getQuery().getType()).getDimSize(3);
  return 1.0 / std::sqrt(static_cast<double>(features));
}

LogicalResult MhaOp::verify() {
  Operation *op = getOperation();
  auto queryType = cast<ShapedType>(getQuery().getType());
  FailureOr<AttentionDims> dims = verifyAttentionOperands(
      op, queryType, cast<ShapedType>(getKey().getType()),
      cast<ShapedType>(getValue().getType()));
  if (failed(dims))
    return failure();
  Type element = queryType.getElementType();
  double alpha = getAlphaHidden().convertToDouble();
  if (!(alpha >= 0.0 && alpha <= 1.0))
    return emitOpError() << "'alpha_hidden' must be in [0, 1], got " << alpha;
  if (std::optional<APFloat> scale = getScale()) {
    if (failed(verifyPositiveFinite(op, "scale", scale->convertToDouble())))
      return failure();
  } else if (ShapedType::isDynamic(dims->qkFeatures) || dims->qkFeatures == 0) {
    return emitOpError("'scale' is required when the query feature size D is "
                       "dynamic or 0 (the default is 1/sqrt(D))");
  }
  if (failed(verifyMasks(op, *dims, getMask(), Value(), element)))
    return failure();
  if (Value hidden = getHiddenIn()) {
    auto type = cast<ShapedType>(hidden.getType());
    if (failed(expectShape(op, "hidden_in", type, scoreShape(*dims))) ||
        failed(expectElementType(op, "hidden_in", type, element)))
      return failure();
  }
  auto outputType = cast<ShapedType>(getOutput().getType());
  auto hiddenType = cast<ShapedType>(getHidden().getType());
  if (failed(expectShape(op, "output", outputType,
                         {{"B", dims->batch},
                          {"H", dims->heads},
                          {"L", dims->queries},
                          {"E", dims->valueFeatures}})) ||
      failed(expectElementType(op, "output", outputType, element)) ||
      failed(expectShape(op, "hidden", hiddenType, scoreShape(*dims))) ||
      failed(expectElementType(op, "hidden", hiddenType, element)))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// LseOp, EnergyOp
//===----------------------------------------------------------------------===//

LogicalResult LseOp::verify() {
  auto input = cast<ShapedType>(getInput().getType());
  auto result = cast<ShapedType>(getResult().getType());
  if (failed(verifyPositiveFinite(getOperation(), "beta",
                                  getBeta().convertToDouble())))
    return failure();
  if (input.getRank() < 1)
    return emitOpError(
        "'input' must have rank >= 1 (the last axis is reduced)");
  SmallVector<NamedDim> expected;
  for (int64_t i = 0; i + 1 < input.getRank(); ++i)
    expected.push_back({"d", input.getDimSize(i)});
  if (failed(expectShape(getOperation(), "result", result, expected)))
    return failure();
  if (result.getElementType() != input.getElementType())
    return emitOpError() << "'result' must have the element type of 'input' ("
                         << input.getElementType() << ")";
  return success();
}

LogicalResult EnergyOp::verify() {
  auto state = cast<ShapedType>(getState().getType());
  auto patterns = cast<ShapedType>(getPatterns().getType());
  auto energy = cast<ShapedType>(getEnergy().getType());
  if (failed(verifyPositiveFinite(getOperation(), "beta",
                                  getBeta().convertToDouble())))
    return failure();
  if (state.getRank() < 2)
    return emitOpError() << "'state' must have rank >= 2 [...,L,D], got "
                         << state;
  int64_t rank = state.getRank();
  SmallVector<NamedDim> patternShape, energyShape;
  for (int64_t i = 0; i + 2 < rank; ++i) {
    patternShape.push_back({"d", state.getDimSize(i)});
    energyShape.push_back({"d", state.getDimSize(i)});
  }
  patternShape.push_back({"N", ShapedType::kDynamic});
  patternShape.push_back({"D", state.getDimSize(rank - 1)});
  energyShape.push_back({"L", state.getDimSize(rank - 2)});
  if (failed(expectShape(getOperation(), "patterns", patterns, patternShape)) ||
      failed(expectShape(getOperation(), "energy", energy, energyShape)))
    return failure();
  if (patterns.getElementType() != state.getElementType() ||
      energy.getElementType() != state.getElementType())
    return emitOpError() << "'patterns' and 'energy' must have the element "
                            "type of 'state' ("
                         << state.getElementType() << ")";
  return success();
}
