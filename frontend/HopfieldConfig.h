//===- HopfieldConfig.h - config of a Hopfield node -------------*- C++ -*-===//
//
// Reads the hflayers `Hopfield(...)` constructor arguments of a node (SPEC
// 3.3): every argument is accepted by name, unknown keys are errors, `null`
// is the default. Only static execution (SPEC 3.6) is supported; any other
// configuration is reported as not supported yet.
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_HOPFIELDCONFIG_H
#define FRONTEND_HOPFIELDCONFIG_H

#include "frontend/NodeConfig.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::hopfield {

/// What a static-execution Hopfield node computes.
struct HopfieldSettings {
  int64_t heads = 1;
  bool batchFirst = true;
  /// β for every head (1.0 when `headBeta` is used).
  double beta = 1.0;
  /// Per-head β, empty when every head uses `beta`.
  SmallVector<double> headBeta;
  /// Update-step budget: one entry for all heads or one per head;
  /// -1 = until converged.
  SmallVector<int64_t> maxSteps;
  /// Convergence threshold: one entry or one per head.
  SmallVector<double> eps;
};

/// Reads and checks the config of `node`; warnings (per-head β, the ignored
/// concat_bias_pattern) go to `diag`.
FailureOr<HopfieldSettings> readHopfieldConfig(const ModelNode &node,
                                               ImportDiagnostics &diag);

} // namespace mlir::hopfield

#endif // FRONTEND_HOPFIELDCONFIG_H
