//===- EntryInterface.h - what an artifact's entry point takes --*- C++ -*-===//
//
// The names, dtypes and shapes of a model's inputs and outputs, read off the
// `hopfield.*` attributes the frontend puts on the entry function
// (frontend/README.md). The manifest and the C header are written from it.
//
//===----------------------------------------------------------------------===//

#ifndef CODEGEN_ENTRYINTERFACE_H
#define CODEGEN_ENTRYINTERFACE_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <variant>
#include <vector>

namespace mlir::hopfield {

struct TensorInterface {
  std::string name;
  /// "float32", "float64", "bool" or "int64".
  std::string dtype;
  /// A static size, or the name of a size chosen at run time.
  std::vector<std::variant<int64_t, std::string>> shape;
  /// "tensor" or "steps"; `node` names the Hopfield node of a steps output.
  std::string kind = "tensor";
  std::string node;
  /// Steps outputs: (B, H, L, S, D, E) of the node's association, entries as
  /// in `shape`; empty when unknown.
  std::vector<std::variant<int64_t, std::string>> attention;
};

struct EntryInterface {
  std::string model;
  std::string functionName;
  std::vector<TensorInterface> inputs, outputs;
};

/// The entry function of `module`: the one function whose arguments carry
/// `hopfield.name`. Emits an error and fails when there is none or several.
FailureOr<func::FuncOp> findEntryFunction(ModuleOp module);

/// Reads the interface of the frontend-form entry function (tensors in,
/// tensors out). Fails with a diagnostic naming the missing attribute.
FailureOr<EntryInterface> readEntryInterface(func::FuncOp entry);

/// The artifact manifest (runtime/README.md) as JSON text.
std::string manifestJson(const EntryInterface &entry, StringRef target,
                         StringRef targetCpu, StringRef precision);

/// `name` as a C identifier (other characters become '_').
std::string cIdentifier(StringRef name);

/// The per-model exported run symbol: `<model>_artifact_run`.
std::string modelRunSymbol(const EntryInterface &entry);

/// A C header declaring the artifact ABI and a typed `<model>_run` wrapper.
std::string cHeader(const EntryInterface &entry, StringRef precision);

} // namespace mlir::hopfield

#endif // CODEGEN_ENTRYINTERFACE_H
