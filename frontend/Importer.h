//===- Importer.h - model description -> MLIR -------------------*- C++ -*-===//
//
// The entry point of the frontend: reads a `hopfield-model/1` description
// (DESIGN.md §5) and builds the module codegen expects (frontend/README.md):
// one verified `func.func @forward` on tensors with the hopfield.* argument
// and result attributes.
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_IMPORTER_H
#define FRONTEND_IMPORTER_H

#include "frontend/ImportDiagnostics.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace mlir::hopfield {

struct ImportOptions {
  /// "f32" or "f64": the element type of every float tensor.
  std::string precision = "f32";
  /// Receives each warning (prefixed with the model file); when empty,
  /// warnings are printed to stderr as "warning: <message>".
  ImportWarningHandler warningHandler;
};

/// The dialects the imported module uses; load them into `registry` or the
/// context before importing (importModel also loads them itself).
void registerFrontendDialects(DialectRegistry &registry);

/// Reads the description at `path` and builds its module. Errors name the
/// file, the node, the field and what was expected.
llvm::Expected<OwningOpRef<ModuleOp>>
importModel(StringRef path, const ImportOptions &options, MLIRContext &context);

/// The same for description text already in memory; `path` names it in
/// messages and anchors relative weight files.
llvm::Expected<OwningOpRef<ModuleOp>>
importModelFromText(StringRef text, StringRef path,
                    const ImportOptions &options, MLIRContext &context);

} // namespace mlir::hopfield

#endif // FRONTEND_IMPORTER_H
