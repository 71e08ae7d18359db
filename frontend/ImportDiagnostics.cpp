//===- ImportDiagnostics.cpp - errors and warnings of an import -----------===//

#include "frontend/ImportDiagnostics.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::hopfield;

LogicalResult ImportDiagnostics::error(const Twine &message) {
  if (firstError.empty())
    firstError = (path + ": " + message).str();
  return failure();
}

LogicalResult ImportDiagnostics::nodeError(StringRef node,
                                           const Twine &message) {
  return error("node '" + node + "': " + message);
}

void ImportDiagnostics::warning(StringRef node, const Twine &message) {
  if (!warningsEnabled)
    return;
  std::string text = node.empty()
                         ? (path + ": " + message).str()
                         : (path + ": node '" + node + "': " + message).str();
  if (warningHandler)
    warningHandler(text);
  else
    llvm::errs() << "warning: " << text << "\n";
}
