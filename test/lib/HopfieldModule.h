//===- HopfieldModule.h - The forward pass of hflayers.Hopfield -*- C++ -*-===//
//
// `Hopfield.forward` (SPEC.md §3.8) with the decisions of §9: input
// LayerNorms, the Q/K/V projections (packed or separate, static inputs
// replicated per head with every head reading its own sample, connected
// value projection), the Hopfield-space LayerNorm, add_zero_association, the
// retrieval of Association.h, the output projection and the activation.
//
//===----------------------------------------------------------------------===//

#ifndef TEST_LIB_HOPFIELDMODULE_H
#define TEST_LIB_HOPFIELDMODULE_H

#include "HopfieldConfig.h"

namespace hopfield::reference {

/// The results of one `Hopfield` module.
struct HopfieldResult {
  /// (B, L, output_size), or (B, L, H·pd) without the out projection;
  /// (L, B, ...) when not batch-first.
  Tensor output;
  /// The final association matrix ξ, (B, H, L, S) (S + 1 columns with
  /// add_zero_association).
  Tensor association;
  /// Softmax evaluations per head.
  std::vector<int64_t> steps;
};

/// The patterns and masks of one forward call. The patterns are in the
/// module's layout ((B, seq, feature) when batch-first, else (seq, B,
/// feature)); the masks are optional.
struct HopfieldInputs {
  const Tensor &stored, &state, &projection;
  const Tensor *paddingMask = nullptr;
  const Tensor *associationMask = nullptr;
};

/// Runs a `Hopfield` module whose state_dict `weights` was checked against
/// hopfieldWeightShapes(spec).
HopfieldResult runHopfieldModule(const HopfieldSpec &spec,
                                 const WeightView &weights,
                                 const HopfieldInputs &inputs);

} // namespace hopfield::reference

#endif // TEST_LIB_HOPFIELDMODULE_H
