//===- HopfieldConfig.h - config of the hflayers nodes ----------*- C++ -*-===//
//
// Reads the constructor arguments of hflayers' `Hopfield`, `HopfieldPooling`
// and `HopfieldLayer` (SPEC 3.3-3.5) from a node's config: every argument by
// name with the library's default, unknown keys are errors, `null` is the
// default. resolveHopfieldDims() then derives the sizes hflayers derives
// (head dim, pattern dim, packed or separate projections, SPEC 3.6, 3.7).
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_HOPFIELDCONFIG_H
#define FRONTEND_HOPFIELDCONFIG_H

#include "frontend/NodeConfig.h"

#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace mlir::hopfield {

/// Which hflayers class a config belongs to.
enum class HopfieldClass { Hopfield, Pooling, Layer };

/// One optional LayerNorm (`normalize_<x>`, `_affine`, `_eps`).
struct NormSettings {
  bool enabled = false;
  bool affine = false;
  double eps = 1.0e-5;
};

/// The constructor arguments of one hflayers module.
struct HopfieldSettings {
  HopfieldClass kind = HopfieldClass::Hopfield;
  int64_t heads = 1;
  std::optional<int64_t> inputSize, hiddenSize, outputSize, patternSize,
      storedPatternSize, patternProjectionSize;
  NormSettings normStored, normState, normProjection, normHopfieldSpace;
  bool storedStatic = false, stateStatic = false, projectionStatic = false;
  bool connected = false;
  bool batchFirst = true;
  bool inputBias = true;
  bool addZeroAssociation = false;
  bool disableOutProjection = false;
  bool concatBiasPattern = false;
  /// Empty: no association activation.
  std::string activation;
  /// `scaling`: none (the default β), one value, or one per head.
  SmallVector<double> scaling;
  /// Update-step budget: one entry or one per head; -1 = until converged.
  SmallVector<int64_t> maxSteps;
  /// Convergence threshold: one entry or one per head.
  SmallVector<double> eps;
  /// HopfieldPooling / HopfieldLayer: the number of learned patterns.
  int64_t quantity = 1;
  /// HopfieldLayer: separate `target_weights` as pattern projection.
  bool separatedTargets = false;

  /// hflayers' static-only execution: no projection, no Hopfield-space norm,
  /// no output projection; the core has no parameters and β defaults to 1.
  bool staticExecution() const {
    return storedStatic && stateStatic && projectionStatic && !connected &&
           !normHopfieldSpace.enabled && !normHopfieldSpace.affine &&
           disableOutProjection;
  }
};

/// The sizes hflayers derives from the config and the state pattern.
struct HopfieldDims {
  int64_t heads = 1;
  /// input_size (embed_dim), stored_pattern_size (kdim) and
  /// pattern_projection_size (vdim); 0 in static execution.
  int64_t embed = 0, storedSize = 0, projectionSize = 0;
  /// Per-head association width and projected value width (pattern_size).
  int64_t headDim = 0, patternDim = 0;
  /// Per-head width of the values the association reads: patternDim, or the
  /// static pattern projection's own width.
  int64_t valueDim = 0;
  /// Output width (input_size, or output_size); H * value width without the
  /// out projection.
  int64_t output = 0;
  /// The packed `in_proj_weight` layout (else q/k/v_proj_weight).
  bool packed = false;
  /// The default β.
  double defaultBeta = 1.0;
};

/// Reads the config of `node` as class `kind`; warnings (ignored
/// concat_bias_pattern) go to `diag`.
FailureOr<HopfieldSettings> readHopfieldConfig(const ModelNode &node,
                                               HopfieldClass kind,
                                               ImportDiagnostics &diag);

/// Reads a `Hopfield` config held in a JSON object (the encoder and decoder
/// layers' `hopfield_association*` keys); messages name it `what`.
FailureOr<HopfieldSettings> readNestedHopfieldConfig(const ModelNode &node,
                                                     const Json &object,
                                                     StringRef what,
                                                     ImportDiagnostics &diag);

/// The derived sizes. `stateFeatures` and `projectionFeatures` are the
/// feature sizes of the state pattern and the pattern projection as given
/// (needed in static execution).
FailureOr<HopfieldDims> resolveHopfieldDims(const ModelNode &node,
                                            const HopfieldSettings &settings,
                                            int64_t stateFeatures,
                                            int64_t projectionFeatures,
                                            ImportDiagnostics &diag);

/// "config 'x' = v, ..." context for shape messages: the arguments that
/// determine the sizes.
std::string describeSizes(const HopfieldSettings &settings,
                          const HopfieldDims &dims);

} // namespace mlir::hopfield

#endif // FRONTEND_HOPFIELDCONFIG_H
