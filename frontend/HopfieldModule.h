//===- HopfieldModule.h - one hflayers Hopfield module as IR ----*- C++ -*-===//
//
// The forward pass of hflayers' Hopfield module (SPEC 3.8): input
// LayerNorms, Q/K/V projections (packed or separate, static patterns used
// as they are, the connected value chain), the Hopfield-space LayerNorm,
// heads, add_zero_association, masks, one hopfield.associate (β and the
// update loop are its attributes), heads merged, the output projection and
// the association activation. The Hopfield, HopfieldPooling,
// HopfieldLayer and encoder/decoder emitters share it.
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_HOPFIELDMODULE_H
#define FRONTEND_HOPFIELDMODULE_H

#include "frontend/HopfieldConfig.h"
#include "frontend/HopfieldWeights.h"
#include "frontend/ImportContext.h"

namespace mlir::hopfield {

/// The patterns of one module, batch-first [B, X, F] with static F, and
/// its masks as given (null when absent).
struct HopfieldPatterns {
  Value stored, state, projection;
  Value padding, association;
  /// B when it is static, else 0 (a 3-D association mask needs it for H > 1).
  int64_t staticBatch = 0;
  /// B, L and S, for the FLOP accounting of the steps result.
  Dim batch, queries, keys;
};

/// The patterns with the masks of `padding` / `association` (empty inputs:
/// none) and the sizes B, L, S.
HopfieldPatterns makePatterns(Value stored, Value state, Value projection,
                              const NodeInput &padding,
                              const NodeInput &association, Dim batch,
                              Dim queries, Dim keys);

struct HopfieldModuleResults {
  /// [B, L, output width].
  Value output;
  /// The final association [B, H, L, S(+1)], when requested.
  Value association;
  /// Softmax evaluations per head [H].
  Value steps;
};

/// Emits the module. The weights must have passed checkWeightSet. `part`
/// names the module in nodes with several ("self", "cross"; "" otherwise):
/// its steps result is `<node>:steps[_<part>]`.
FailureOr<HopfieldModuleResults>
emitHopfieldModule(ImportContext &ctx, const ModelNode &node,
                   const HopfieldSettings &settings, const HopfieldDims &dims,
                   StringRef prefix, StringRef part,
                   const HopfieldPatterns &patterns, bool withAssociation);

/// emitHopfieldModule that requests the association when the model uses
/// `<node>:association[_<part>]` and defines that value.
FailureOr<HopfieldModuleResults> emitHopfieldModuleWithAssociation(
    ImportContext &ctx, const ModelNode &node, const HopfieldSettings &settings,
    const HopfieldDims &dims, StringRef prefix, StringRef part,
    const HopfieldPatterns &patterns);

} // namespace mlir::hopfield

#endif // FRONTEND_HOPFIELDMODULE_H
