//===- ImportDiagnostics.h - errors and warnings of an import ---*- C++ -*-===//
//
// Every message of the importer names the model file; node-level messages
// also name the node ("model.json: node 'h': config 'scaling' ...").
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_IMPORTDIAGNOSTICS_H
#define FRONTEND_IMPORTDIAGNOSTICS_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/Twine.h"

#include <functional>
#include <string>

namespace mlir::hopfield {

/// Receives one warning message (already prefixed with the model file).
using ImportWarningHandler = std::function<void(StringRef)>;

/// Keeps the first error of an import and forwards warnings.
class ImportDiagnostics {
public:
  ImportDiagnostics(std::string path, ImportWarningHandler warningHandler)
      : path(std::move(path)), warningHandler(std::move(warningHandler)) {}

  /// Records "<file>: <message>" unless an error is already recorded;
  /// returns failure so that callers can `return diag.error(...)`.
  LogicalResult error(const Twine &message);
  /// Same, for a message about node `node`: "<file>: node '<node>': ...".
  LogicalResult nodeError(StringRef node, const Twine &message);
  /// Sends "<file>: node '<node>': <message>" (or without the node part when
  /// `node` is empty) to the warning handler.
  void warning(StringRef node, const Twine &message);

  /// Drops warnings while false (a second build of the same model).
  void setWarningsEnabled(bool enabled) { warningsEnabled = enabled; }

  bool hasError() const { return !firstError.empty(); }
  const std::string &getError() const { return firstError; }
  const std::string &getPath() const { return path; }

private:
  std::string path;
  ImportWarningHandler warningHandler;
  std::string firstError;
  bool warningsEnabled = true;
};

} // namespace mlir::hopfield

#endif // FRONTEND_IMPORTDIAGNOSTICS_H
