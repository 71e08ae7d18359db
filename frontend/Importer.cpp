//===- Importer.cpp - model description -> MLIR ---------------------------===//

#include "frontend/Importer.h"

#include "frontend/Emitters.h"
#include "frontend/ImportContext.h"
#include "frontend/ModelDescription.h"

#include "dialect/HopfieldDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

using NodeEmitter = LogicalResult (*)(ImportContext &, const ModelNode &);

struct OpEntry {
  StringRef op;
  NodeEmitter emit;
};

/// The ops this importer emits.
const OpEntry kOps[] = {
    {"Hopfield", emitHopfieldNode},
    {"HopfieldPooling", emitHopfieldPoolingNode},
    {"HopfieldLayer", emitHopfieldLayerNode},
    {"HopfieldEncoderLayer", emitHopfieldEncoderLayerNode},
    {"HopfieldDecoderLayer", emitHopfieldDecoderLayerNode},
    {"Linear", emitLinearNode},
    {"LayerNorm", emitLayerNormNode},
    {"Add", emitAddNode},
    {"ResidualMix", emitResidualMixNode},
    {"GELU", emitGELUNode},
    {"ModernHopfieldAttention", emitModernHopfieldAttentionNode}};

LogicalResult emitNode(ImportContext &ctx, const ModelNode &node) {
  for (const OpEntry &entry : kOps)
    if (entry.op == node.op)
      return entry.emit(ctx, node);
  SmallVector<StringRef> supported;
  for (const OpEntry &entry : kOps)
    supported.push_back(entry.op);
  std::string list = llvm::join(supported, ", ");
  return ctx.getDiag().nodeError(
      node.name, "unknown op '" + node.op + "' (expected one of " + list + ")");
}

/// The value an output refers to; the error says why it is not there.
const ModelValue *lookupOutput(ImportContext &ctx, StringRef output,
                               StringRef valueName) {
  if (const ModelValue *value = ctx.lookup(valueName))
    return value;
  auto [node, result] = valueName.split(':');
  std::string hint = "a model input or a node";
  if (!result.empty() && ctx.lookup(node))
    hint =
        result == "steps"
            ? "steps results are returned automatically, as '" + node.str() +
                  ":steps'"
            : "node '" + node.str() + "' has no result '" + result.str() + "'";
  (void)ctx.getDiag().error("output '" + output +
                            "' refers to unknown value '" + valueName + "' (" +
                            hint + ")");
  return nullptr;
}

/// The shape of every input: its declared dimensions, `nullopt` for those
/// chosen at run time.
using InputShapes = std::vector<std::vector<std::optional<int64_t>>>;

/// An input dimension declared `null` that the model fixes.
struct FixedInputDim {
  size_t input;
  size_t dim;
  int64_t size;
  std::string reason;
};

/// Builds @forward (arguments, nodes, outputs, steps results, attributes)
/// with the input shapes `inputShapes`. Input dimensions that the model
/// fixes to a static size are added to `fixed`.
LogicalResult buildForward(const ModelDescription &model,
                           const InputShapes &inputShapes, ModuleOp module,
                           Type floatType, ImportDiagnostics &diag,
                           std::vector<FixedInputDim> &fixed) {
  MLIRContext *context = module.getContext();
  OpBuilder builder(context);
  Location fileLoc = FileLineColLoc::get(context, model.path, 0, 0);
  ImportContext ctx(model, diag, builder, floatType);

  SmallVector<Type> argTypes;
  SmallVector<DimList> argShapes;
  for (auto [input, declared] : llvm::zip(model.inputs, inputShapes)) {
    DimList shape;
    SmallVector<int64_t> typeShape;
    for (auto [i, size] : llvm::enumerate(declared)) {
      Dim dim =
          size
              ? Dim::fixed(*size)
              : ctx.getShapes().newSymbol(input.name + "." + std::to_string(i));
      shape.push_back(dim);
      typeShape.push_back(dim.typeSize());
    }
    Type element = input.isMask() ? builder.getI1Type() : floatType;
    argTypes.push_back(RankedTensorType::get(typeShape, element));
    argShapes.push_back(std::move(shape));
  }

  builder.setInsertionPointToEnd(module.getBody());
  auto func = func::FuncOp::create(builder, fileLoc, "forward",
                                   builder.getFunctionType(argTypes, {}));
  Block *entry = func.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  for (auto [i, input] : llvm::enumerate(model.inputs))
    ctx.define(input.name,
               ModelValue{entry->getArgument(i), argShapes[i], input.isMask()});

  for (const ModelNode &node : model.nodes)
    if (failed(emitNode(ctx, node)))
      return failure();

  SmallVector<Value> results;
  SmallVector<const ModelValue *> outputValues;
  for (const auto &[output, valueName] : model.outputs) {
    const ModelValue *value = lookupOutput(ctx, output, valueName);
    if (!value)
      return failure();
    outputValues.push_back(value);
    results.push_back(value->value);
  }
  for (const StepsResult &steps : ctx.getStepsResults())
    results.push_back(steps.steps);
  func::ReturnOp::create(builder, fileLoc, results);

  ShapeTable &shapes = ctx.getShapes();
  for (auto [i, shape] : llvm::enumerate(argShapes))
    for (auto [d, dim] : llvm::enumerate(shape)) {
      if (!shapes.isBound(dim))
        continue;
      std::string reason;
      for (const BoundDim &bound : ctx.getBoundDims())
        if (shapes.sameClass(bound.dim, dim)) {
          reason = bound.reason;
          break;
        }
      fixed.push_back({i, d, shapes.resolve(dim).size, reason});
    }
  if (!fixed.empty())
    return success(); // Built again with these dimensions fixed.

  func.setType(
      builder.getFunctionType(argTypes, ValueRange(results).getTypes()));

  // Attributes last: unification may have renamed run-time dimensions.
  auto name = [&](StringRef text) { return builder.getStringAttr(text); };
  for (auto [i, input] : llvm::enumerate(model.inputs)) {
    func.setArgAttr(i, "hopfield.name", name(input.name));
    func.setArgAttr(i, "hopfield.shape",
                    shapes.toShapeAttr(argShapes[i], context));
  }
  unsigned index = 0;
  for (auto [output, value] : llvm::zip(model.outputs, outputValues)) {
    func.setResultAttr(index, "hopfield.name", name(output.first));
    func.setResultAttr(index, "hopfield.shape",
                       shapes.toShapeAttr(value->shape, context));
    ++index;
  }
  for (const StepsResult &steps : ctx.getStepsResults()) {
    func.setResultAttr(index, "hopfield.name", name(steps.name));
    func.setResultAttr(index, "hopfield.shape",
                       shapes.toShapeAttr({Dim::fixed(steps.heads)}, context));
    func.setResultAttr(index, "hopfield.kind", name("steps"));
    func.setResultAttr(index, "hopfield.node", name(steps.node));
    func.setResultAttr(index, "hopfield.attention",
                       shapes.toShapeAttr(steps.attention, context));
    ++index;
  }
  return success();
}

} // namespace

void mlir::hopfield::registerFrontendDialects(DialectRegistry &registry) {
  registry.insert<HopfieldDialect, arith::ArithDialect, func::FuncDialect,
                  linalg::LinalgDialect, math::MathDialect,
                  tensor::TensorDialect>();
}

llvm::Expected<OwningOpRef<ModuleOp>>
mlir::hopfield::importModel(StringRef path, const ImportOptions &options,
                            MLIRContext &context) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return llvm::createStringError(buffer.getError(),
                                   path +
                                       ": cannot read the model "
                                       "description: " +
                                       buffer.getError().message());
  return importModelFromText((*buffer)->getBuffer(), path, options, context);
}

namespace {

llvm::Expected<OwningOpRef<ModuleOp>>
importChecked(StringRef text, StringRef path, const ImportOptions &options,
              MLIRContext &context) {
  context.loadDialect<HopfieldDialect, arith::ArithDialect, func::FuncDialect,
                      linalg::LinalgDialect, math::MathDialect,
                      tensor::TensorDialect>();
  ImportDiagnostics diag(path.str(), options.warningHandler);
  auto fail = [&]() {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   diag.getError());
  };

  Type floatType;
  if (options.precision == "f32")
    floatType = Float32Type::get(&context);
  else if (options.precision == "f64")
    floatType = Float64Type::get(&context);
  else
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "unknown precision '" + options.precision +
                                       "' (expected f32 or f64)");

  ModelDescription model;
  model.path = path.str();
  {
    Json json;
    if (failed(parseJsonText(text, json, diag)) ||
        failed(parseModelDescription(json, model, diag)))
      return fail();
  }

  Location fileLoc = FileLineColLoc::get(&context, model.path, 0, 0);
  InputShapes inputShapes;
  for (const ModelInput &input : model.inputs)
    inputShapes.push_back(input.shape);
  OwningOpRef<ModuleOp> module;
  std::vector<FixedInputDim> fixed;
  // A second build makes the fixed dimensions static from the start, so
  // that every type agrees with them.
  for (int attempt = 0; attempt < 2; ++attempt) {
    module = ModuleOp::create(fileLoc);
    (*module)->setAttr("hopfield.model", StringAttr::get(&context, model.name));
    fixed.clear();
    if (failed(
            buildForward(model, inputShapes, *module, floatType, diag, fixed)))
      return fail();
    if (fixed.empty())
      break;
    for (const FixedInputDim &dim : fixed) {
      const ModelInput &input = model.inputs[dim.input];
      diag.warning("", "input '" + input.name + "': dimension " +
                           Twine(dim.dim) +
                           " is declared null (chosen at run time), but the "
                           "model fixes it to " +
                           Twine(dim.size) + " (" + dim.reason +
                           "); the artifact accepts only that size");
      inputShapes[dim.input][dim.dim] = dim.size;
    }
    diag.setWarningsEnabled(false);
  }
  if (!fixed.empty())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        path + ": internal error: input dimensions still change after "
               "fixing them");

  // The emitters must produce valid IR; a failure here is a bug of the
  // importer, reported with the verifier's words.
  std::string messages;
  {
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
      messages += (messages.empty() ? "" : "; ") + d.str();
      return success();
    });
    if (failed(verify(*module)))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          path + ": internal error: the imported module does not verify: " +
              messages);
  }
  return std::move(module);
}

} // namespace

llvm::Expected<OwningOpRef<ModuleOp>>
mlir::hopfield::importModelFromText(StringRef text, StringRef path,
                                    const ImportOptions &options,
                                    MLIRContext &context) {
  // The checks above read JSON only through type-checked accessors; a JSON
  // exception escaping them is a bug, reported instead of aborting.
  try {
    return importChecked(text, path, options, context);
  } catch (const Json::exception &e) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   path + ": internal error: " + e.what());
  }
}
