//===- ImportContext.cpp - state shared by the node emitters --------------===//

#include "frontend/ImportContext.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::hopfield;

ImportContext::ImportContext(const ModelDescription &model,
                             ImportDiagnostics &diag, OpBuilder &builder,
                             Type floatType)
    : model(model), diag(diag), builder(builder), floatType(floatType),
      weights(model.path) {}

Location ImportContext::getLoc(const ModelNode &node) {
  return NameLoc::get(StringAttr::get(getContext(), node.name),
                      FileLineColLoc::get(getContext(), model.path, 0, 0));
}

void ImportContext::define(StringRef name, ModelValue value) {
  values[name] = std::move(value);
}

const ModelValue *ImportContext::lookup(StringRef name) const {
  auto it = values.find(name);
  return it == values.end() ? nullptr : &it->second;
}

LogicalResult ImportContext::checkRoles(const ModelNode &node,
                                        ArrayRef<StringRef> known) {
  for (const auto &[role, value] : node.inputs)
    if (!llvm::is_contained(known, StringRef(role)))
      return diag.nodeError(
          node.name, "unknown input role '" + role + "' for op '" + node.op +
                         "' (expected " + llvm::join(known, ", ") + ")");
  return success();
}

FailureOr<NodeInput> ImportContext::getInput(const ModelNode &node,
                                             StringRef role, bool required) {
  NodeInput input;
  input.role = role.str();
  const std::string *name = node.getInput(role);
  if (!name) {
    if (required)
      return diag.nodeError(node.name, "input role '" + role +
                                           "' is required for op '" + node.op +
                                           "'");
    return input;
  }
  input.valueName = *name;
  input.value = lookup(*name);
  input.shapes = &shapes;
  if (!input.value)
    return diag.nodeError(
        node.name, "input '" + role + "' refers to unknown value '" + *name +
                       "' (a value is a model input or an earlier "
                       "node)");
  return input;
}

std::string ImportContext::describe(const NodeInput &input) {
  return "'" + input.role + "' (value '" + input.valueName + "', shape " +
         shapes.format(input.value->shape) + ")";
}

LogicalResult ImportContext::expectKind(const ModelNode &node,
                                        const NodeInput &input, bool mask,
                                        ArrayRef<int64_t> ranks,
                                        StringRef layout) {
  if (input.value->isMask != mask)
    return diag.nodeError(
        node.name, "input " + describe(input) + " must be " +
                       (mask ? "a bool or uint8 mask" : "a float tensor") +
                       ", got " + (input.value->isMask ? "a mask" : "floats"));
  if (!ranks.empty() && !llvm::is_contained(ranks, input.rank()))
    return diag.nodeError(node.name, "input " + describe(input) + " has rank " +
                                         Twine(input.rank()) + ", expected " +
                                         layout);
  return success();
}

bool ImportContext::unifyAndRecord(const ModelNode &node, StringRef meaning,
                                   Dim a, Dim b) {
  bool wasBound[2] = {shapes.isBound(a), shapes.isBound(b)};
  if (!shapes.unify(a, b))
    return false;
  Dim dims[2] = {a, b};
  for (int i = 0; i < 2; ++i)
    if (!dims[i].isStatic() && !wasBound[i] && shapes.isBound(dims[i]))
      boundDims.push_back(
          {dims[i], "node '" + node.name + "': " + meaning.str()});
  return true;
}

FailureOr<NodeInput> ImportContext::getSingleFloatInput(const ModelNode &node) {
  if (failed(checkRoles(node, {"input"})))
    return failure();
  FailureOr<NodeInput> input = getInput(node, "input", /*required=*/true);
  if (failed(input) || failed(expectKind(node, *input, /*mask=*/false, {}, "")))
    return failure();
  return input;
}

LogicalResult ImportContext::unifyDims(const ModelNode &node, StringRef meaning,
                                       const NodeInput &a, int64_t ia,
                                       const NodeInput &b, int64_t ib) {
  if (unifyAndRecord(node, meaning, a.value->shape[ia], b.value->shape[ib]))
    return success();
  return diag.nodeError(
      node.name, "shape mismatch in " + meaning + ": dimension " + Twine(ia) +
                     " of " + describe(a) + " is " + shapes.name(a.dim(ia)) +
                     ", but dimension " + Twine(ib) + " of " + describe(b) +
                     " is " + shapes.name(b.dim(ib)));
}

LogicalResult ImportContext::expectDim(const ModelNode &node,
                                       const NodeInput &input, int64_t i,
                                       int64_t expected, const Twine &because) {
  std::string meaning = because.str();
  if (unifyAndRecord(node, meaning, input.value->shape[i],
                     Dim::fixed(expected)))
    return success();
  return diag.nodeError(
      node.name, "shape mismatch: dimension " + Twine(i) + " of " +
                     describe(input) + " is " + shapes.name(input.dim(i)) +
                     ", expected " + Twine(expected) + " (" + meaning + ")");
}

LogicalResult ImportContext::checkWeightNames(const ModelNode &node,
                                              ArrayRef<StringRef> known,
                                              const Twine &why) {
  for (const auto &[name, spec] : node.weights)
    if (!llvm::is_contained(known, StringRef(name)))
      return diag.nodeError(
          node.name,
          "unknown weight '" + name + "' (expected " +
              (known.empty() ? std::string("none") : llvm::join(known, ", ")) +
              (why.isTriviallyEmpty() ? std::string() : "; " + why.str()) +
              ")");
  return success();
}

LogicalResult ImportContext::checkWeightSet(const ModelNode &node,
                                            ArrayRef<WeightSpec> expected,
                                            ArrayRef<std::string> ignored) {
  auto isExpected = [&](StringRef name) {
    return llvm::any_of(expected,
                        [&](const WeightSpec &w) { return w.name == name; }) ||
           llvm::is_contained(ignored, name);
  };
  for (const auto &[name, spec] : node.weights) {
    if (isExpected(name))
      continue;
    SmallVector<std::string> names;
    for (const WeightSpec &w : expected)
      names.push_back(w.name + " " +
                      ::hopfield::formatShape(std::vector<int64_t>(
                          w.shape.begin(), w.shape.end())));
    return diag.nodeError(
        node.name,
        "unexpected weight '" + name + "' for this config " + "(expected " +
            (names.empty() ? std::string("none") : llvm::join(names, ", ")) +
            ")");
  }
  for (const WeightSpec &w : expected)
    if (!node.getWeight(w.name))
      return diag.nodeError(
          node.name, "weight '" + w.name + "' is missing (expected shape " +
                         ::hopfield::formatShape(std::vector<int64_t>(
                             w.shape.begin(), w.shape.end())) +
                         " for " + w.because + ")");
  return success();
}

bool ImportContext::isReferenced(StringRef valueName) const {
  for (const auto &output : model.outputs)
    if (output.second == valueName)
      return true;
  for (const ModelNode &node : model.nodes)
    for (const auto &input : node.inputs)
      if (input.second == valueName)
        return true;
  return false;
}

FailureOr<Value> ImportContext::emitWeight(const ModelNode &node,
                                           StringRef name,
                                           ArrayRef<int64_t> expected,
                                           const Twine &because, bool transpose,
                                           int64_t rowBegin, int64_t rowCount) {
  const Json *spec = node.getWeight(name);
  std::vector<int64_t> expectedShape(expected.begin(), expected.end());
  if (!spec)
    return diag.nodeError(node.name,
                          "weight '" + name + "' is missing (expected shape " +
                              ::hopfield::formatShape(expectedShape) + " for " +
                              because + ")");
  ::hopfield::TensorData tensor;
  std::string error;
  if (!weights.load(*spec, tensor, error))
    return diag.nodeError(node.name, "weight '" + name + "': " + error);
  if (!::hopfield::isFloatDtype(tensor.dtype))
    return diag.nodeError(node.name, "weight '" + name + "' has dtype " +
                                         tensor.dtype +
                                         ", expected a float dtype");
  if (tensor.shape != expectedShape)
    return diag.nodeError(
        node.name, "weight '" + name + "' has shape " +
                       ::hopfield::formatShape(tensor.shape) + ", expected " +
                       ::hopfield::formatShape(expectedShape) + " for " +
                       because);

  SmallVector<int64_t> shape(expected.begin(), expected.end());
  std::vector<double> values = std::move(tensor.values);
  if (rowCount >= 0) {
    int64_t rowSize = shape.empty() ? 1 : values.size() / shape[0];
    values =
        std::vector<double>(values.begin() + rowBegin * rowSize,
                            values.begin() + (rowBegin + rowCount) * rowSize);
    shape[0] = rowCount;
  }
  if (transpose && shape.size() == 2) {
    std::vector<double> transposed(values.size());
    for (int64_t r = 0; r < shape[0]; ++r)
      for (int64_t c = 0; c < shape[1]; ++c)
        transposed[c * shape[0] + r] = values[r * shape[1] + c];
    values = std::move(transposed);
    std::swap(shape[0], shape[1]);
  }
  auto type = RankedTensorType::get(shape, floatType);
  DenseElementsAttr attr;
  if (floatType.isF64()) {
    attr = DenseElementsAttr::get(type, ArrayRef<double>(values));
  } else {
    std::vector<float> narrowed(values.begin(), values.end());
    attr = DenseElementsAttr::get(type, ArrayRef<float>(narrowed));
  }
  return arith::ConstantOp::create(builder, getLoc(node), cast<TypedAttr>(attr))
      .getResult();
}

void ImportContext::addStepsResult(const ModelNode &node, StringRef part,
                                   Value steps, int64_t heads,
                                   DimList attention) {
  std::string name = node.name + ":steps";
  std::string module = node.name;
  if (!part.empty()) {
    name += "_" + part.str();
    module += "." + part.str();
  }
  stepsResults.push_back({name, module, steps, heads, std::move(attention)});
}
