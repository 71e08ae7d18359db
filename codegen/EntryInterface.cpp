//===- EntryInterface.cpp - what an artifact's entry point takes ----------===//

#include "codegen/EntryInterface.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

using namespace mlir;
using namespace mlir::hopfield;

FailureOr<func::FuncOp> mlir::hopfield::findEntryFunction(ModuleOp module) {
  func::FuncOp entry;
  for (auto func : module.getOps<func::FuncOp>()) {
    bool isEntry = func.getNumArguments() > 0
                       ? static_cast<bool>(func.getArgAttr(0, "hopfield.name"))
                       : func->hasAttr("hopfield.entry");
    if (!isEntry)
      continue;
    if (entry)
      return module.emitError()
             << "more than one model entry point: '" << entry.getSymName()
             << "' and '" << func.getSymName() << "'";
    entry = func;
  }
  if (!entry)
    return module.emitError(
        "no model entry point: no function has arguments with "
        "'hopfield.name' attributes");
  return entry;
}

/// Integer or run-time-name entries of a `hopfield.*` size list.
template <typename Fail>
static LogicalResult
readSizes(ArrayAttr entries, StringRef attrName,
          std::vector<std::variant<int64_t, std::string>> &sizes, Fail fail) {
  for (auto [i, entryAttr] : llvm::enumerate(entries)) {
    if (auto size = dyn_cast<IntegerAttr>(entryAttr))
      sizes.push_back(size.getInt());
    else if (auto symbol = dyn_cast<StringAttr>(entryAttr))
      sizes.push_back(symbol.str());
    else
      return fail("'" + attrName + "' entry " + Twine(i) +
                  " is neither an integer nor a string");
  }
  return success();
}

static FailureOr<TensorInterface> readTensor(func::FuncOp entry,
                                             DictionaryAttr attrs, Type type,
                                             StringRef what) {
  auto fail = [&](const Twine &message) {
    return entry.emitError() << what << ": " << message;
  };
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType)
    return fail("is not a ranked tensor");
  TensorInterface tensor;
  auto name = attrs ? attrs.getAs<StringAttr>("hopfield.name") : StringAttr();
  if (!name)
    return fail("has no 'hopfield.name' attribute");
  tensor.name = name.str();
  Type element = tensorType.getElementType();
  if (element.isF32())
    tensor.dtype = "float32";
  else if (element.isF64())
    tensor.dtype = "float64";
  else if (element.isInteger(1))
    tensor.dtype = "bool";
  else if (element.isInteger(64))
    tensor.dtype = "int64";
  else
    return fail("has element type unsupported by artifacts (f32, f64, i1, "
                "i64)");
  auto shape = attrs.getAs<ArrayAttr>("hopfield.shape");
  if (!shape || (int64_t)shape.size() != tensorType.getRank())
    return fail("needs a 'hopfield.shape' attribute with one entry per "
                "dimension");
  if (failed(readSizes(shape, "hopfield.shape", tensor.shape, fail)))
    return failure();
  if (auto attention = attrs.getAs<ArrayAttr>("hopfield.attention")) {
    if (attention.size() != 6)
      return fail("'hopfield.attention' needs 6 entries (B, H, L, S, D, E)");
    if (failed(readSizes(attention, "hopfield.attention", tensor.attention,
                         fail)))
      return failure();
  }
  if (auto kind = attrs.getAs<StringAttr>("hopfield.kind"))
    tensor.kind = kind.str();
  if (auto node = attrs.getAs<StringAttr>("hopfield.node"))
    tensor.node = node.str();
  return tensor;
}

FailureOr<EntryInterface>
mlir::hopfield::readEntryInterface(func::FuncOp entry) {
  EntryInterface result;
  auto module = entry->getParentOfType<ModuleOp>();
  auto model = module ? module->getAttrOfType<StringAttr>("hopfield.model")
                      : StringAttr();
  result.model = model ? model.str() : "model";
  result.functionName = entry.getSymName().str();
  FunctionType type = entry.getFunctionType();
  for (unsigned i = 0; i < type.getNumInputs(); ++i) {
    FailureOr<TensorInterface> tensor =
        readTensor(entry, entry.getArgAttrDict(i), type.getInput(i),
                   "argument " + std::to_string(i));
    if (failed(tensor))
      return failure();
    result.inputs.push_back(*tensor);
  }
  for (unsigned i = 0; i < type.getNumResults(); ++i) {
    FailureOr<TensorInterface> tensor =
        readTensor(entry, entry.getResultAttrDict(i), type.getResult(i),
                   "result " + std::to_string(i));
    if (failed(tensor))
      return failure();
    result.outputs.push_back(*tensor);
  }
  return result;
}

static llvm::json::Array
sizesJson(const std::vector<std::variant<int64_t, std::string>> &sizes) {
  llvm::json::Array array;
  for (const auto &dim : sizes) {
    if (std::holds_alternative<int64_t>(dim))
      array.push_back(std::get<int64_t>(dim));
    else
      array.push_back(std::get<std::string>(dim));
  }
  return array;
}

static llvm::json::Array tensorsJson(ArrayRef<TensorInterface> tensors,
                                     bool outputs) {
  llvm::json::Array array;
  for (const TensorInterface &t : tensors) {
    llvm::json::Object object{
        {"name", t.name}, {"dtype", t.dtype}, {"shape", sizesJson(t.shape)}};
    if (outputs) {
      object["kind"] = t.kind;
      if (!t.node.empty())
        object["node"] = t.node;
      if (!t.attention.empty())
        object["attention"] = sizesJson(t.attention);
    }
    array.push_back(std::move(object));
  }
  return array;
}

std::string mlir::hopfield::manifestJson(const EntryInterface &entry,
                                         StringRef target, StringRef targetCpu,
                                         StringRef precision) {
  llvm::json::Object manifest{
      {"format", "hopfield-artifact/1"},
      {"model", entry.model},
      {"target", target},
      {"target_cpu", targetCpu},
      {"precision", precision},
      {"inputs", tensorsJson(entry.inputs, false)},
      {"outputs", tensorsJson(entry.outputs, true)}};
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::json::Value(std::move(manifest));
  return text;
}

std::string mlir::hopfield::cIdentifier(StringRef name) {
  std::string id;
  for (char c : name)
    id += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0])))
    id = "m_" + id;
  return id;
}

std::string mlir::hopfield::modelRunSymbol(const EntryInterface &entry) {
  return cIdentifier(entry.model) + "_artifact_run";
}

static StringRef cType(StringRef dtype) {
  if (dtype == "float32")
    return "float";
  if (dtype == "float64")
    return "double";
  if (dtype == "bool")
    return "uint8_t";
  return "int64_t";
}

std::string mlir::hopfield::cHeader(const EntryInterface &entry,
                                    StringRef precision) {
  std::string text;
  llvm::raw_string_ostream os(text);
  std::string model = cIdentifier(entry.model);
  std::string guard = "HOPFIELD_ARTIFACT_" + llvm::StringRef(model).upper() + "_H";
  os << "/* C interface of the hopfield artifact for model '" << entry.model
     << "' (precision " << precision << ").\n"
     << "   Generated by hopfield-compile --emit header. */\n"
     << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stdint.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "/* The artifact ABI (runtime/README.md); " << modelRunSymbol(entry)
     << " is\n   hopfield_artifact_run under a name of this model's own. */\n"
     << "const char *hopfield_artifact_manifest(void);\n"
     << "void hopfield_artifact_run(void **descriptors);\n"
     << "void " << modelRunSymbol(entry) << "(void **descriptors);\n\n";

  // Run-time sizes become parameters, in order of first appearance.
  std::vector<std::string> symbols;
  std::set<std::string> seen;
  for (const auto *list : {&entry.inputs, &entry.outputs})
    for (const TensorInterface &t : *list)
      for (const auto &dim : t.shape)
        if (auto *s = std::get_if<std::string>(&dim))
          if (seen.insert(*s).second)
            symbols.push_back(*s);

  os << "/* Runs the model once. Tensors are dense, row-major:\n";
  for (const auto *list : {&entry.inputs, &entry.outputs})
    for (const TensorInterface &t : *list) {
      os << " *   " << (list == &entry.inputs ? "in  " : "out ") << t.name
         << ": " << t.dtype << " [";
      for (size_t i = 0; i < t.shape.size(); ++i) {
        if (i)
          os << ", ";
        if (auto *s = std::get_if<std::string>(&t.shape[i]))
          os << cIdentifier(*s);
        else
          os << std::get<int64_t>(t.shape[i]);
      }
      os << "]" << (t.kind == "steps" ? " (softmax evaluations per head)" : "")
         << "\n";
    }
  os << " */\nstatic inline void " << model << "_run(";
  bool first = true;
  auto param = [&](const std::string &decl) {
    os << (first ? "" : ",\n    ") << decl;
    first = false;
  };
  for (const std::string &s : symbols)
    param("int64_t " + cIdentifier(s));
  for (const TensorInterface &t : entry.inputs)
    param("const " + cType(t.dtype).str() + " *" + cIdentifier(t.name));
  for (const TensorInterface &t : entry.outputs)
    param(cType(t.dtype).str() + " *" + cIdentifier(t.name));
  os << ") {\n";

  size_t count = entry.inputs.size() + entry.outputs.size();
  os << "  void *args[" << count << "];\n";
  size_t index = 0;
  for (const auto *list : {&entry.inputs, &entry.outputs})
    for (const TensorInterface &t : *list) {
      std::string var = "d" + std::to_string(index);
      size_t rank = t.shape.size();
      os << "  struct { void *allocated, *aligned; int64_t offset";
      if (rank)
        os << ", sizes[" << rank << "], strides[" << rank << "]";
      // Through uintptr_t: inputs are const, the descriptor is not.
      os << "; } " << var << " = {(void *)(uintptr_t)" << cIdentifier(t.name)
         << ", (void *)(uintptr_t)" << cIdentifier(t.name) << ", 0";
      auto dimText = [&](size_t i) -> std::string {
        if (auto *s = std::get_if<std::string>(&t.shape[i]))
          return cIdentifier(*s);
        return std::to_string(std::get<int64_t>(t.shape[i]));
      };
      if (rank) {
        os << ", {";
        for (size_t i = 0; i < rank; ++i)
          os << (i ? ", " : "") << dimText(i);
        os << "}, {";
        for (size_t i = 0; i < rank; ++i) {
          std::string stride = "1";
          for (size_t j = i + 1; j < rank; ++j)
            stride += " * " + dimText(j);
          os << (i ? ", " : "") << stride;
        }
        os << "}";
      }
      os << "};\n  args[" << index << "] = &" << var << ";\n";
      ++index;
    }
  os << "  " << modelRunSymbol(entry) << "(args);\n}\n\n"
     << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guard << " */\n";
  return text;
}
