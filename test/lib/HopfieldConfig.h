//===- HopfieldConfig.h - The arguments of hflayers.Hopfield ----*- C++ -*-===//
//
// The constructor arguments of `Hopfield` (SPEC.md §3.3) read from a node
// config with the library's defaults and assertions, the sizes they imply
// (HopfieldCore, SPEC §3.6-3.7) and the state_dict they imply.
//
//===----------------------------------------------------------------------===//

#ifndef TEST_LIB_HOPFIELDCONFIG_H
#define TEST_LIB_HOPFIELDCONFIG_H

#include "Node.h"

namespace hopfield::reference {

/// One optional input LayerNorm (or the Hopfield-space one).
struct NormSpec {
  bool enabled = false, affine = false;
  double eps = 1e-5;
};

/// The arguments of one `Hopfield` module and the sizes they imply.
struct HopfieldSpec {
  int64_t numHeads = 1;
  std::optional<int64_t> inputSize, hiddenSize, outputSize, patternSize,
      storedSize, projectionSize;
  /// β per head; std::nullopt = the library's default (see `beta`).
  std::optional<std::vector<double>> scaling;
  std::vector<std::optional<int64_t>> maxSteps;
  std::vector<double> eps;
  NormSpec normStored, normState, normProjection, normHopfieldSpace;
  bool storedStatic = false, stateStatic = false, projectionStatic = false;
  bool connected = false, batchFirst = true, inputBias = true;
  bool concatBiasPattern = false, addZero = false, disableOut = false;
  /// `association_activation`, or empty.
  std::string activation;

  // Implied by the arguments (HopfieldCore).
  /// All three inputs static, no projection or Hopfield-space norm: the
  /// sizes come from the inputs and β defaults to 1.
  bool staticExecution = false;
  /// One packed in_proj_weight (else q/k/v_proj_weight).
  bool packed = false;
  /// Widths of R, Y and P (embed_dim, kdim, vdim) and of the output; only
  /// outside static execution.
  int64_t embedDim = 0, storedDim = 0, projectionDim = 0, outDim = 0;
  /// hd and pd of the parameters (hidden_size or embed_dim / H; pattern_size
  /// or hd); only outside static execution.
  int64_t headDim = 0, patternDim = 0;

  /// Number of inputs that are projected.
  int numNonStatic() const {
    return !storedStatic + !stateStatic + !projectionStatic;
  }
  /// β per head for head dimension `hd` of the association.
  std::vector<double> beta() const;
};

/// Reads a Hopfield config (`withEps`: the normalize_*_eps keys exist, as in
/// `Hopfield`; HopfieldPooling and HopfieldLayer fix them at 1e-5).
/// `extraFields` are the wrapper's own fields, accepted as well.
HopfieldSpec parseHopfieldSpec(const Config &config, bool withEps,
                               const std::set<std::string> &extraFields,
                               const std::string &op);

/// The state_dict of a `Hopfield` module with `spec` (names without prefix).
WeightShapes hopfieldWeightShapes(const HopfieldSpec &spec);

} // namespace hopfield::reference

#endif // TEST_LIB_HOPFIELDCONFIG_H
