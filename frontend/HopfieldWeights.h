//===- HopfieldWeights.h - the state_dict of a Hopfield module --*- C++ -*-===//
//
// Which weights a Hopfield module has for a config, under which state_dict
// names and shapes (SPEC 3.7), and which feature sizes its patterns need.
// The node emitters check a node's weights against this set before emitting
// anything; the module emitter reads the same names.
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_HOPFIELDWEIGHTS_H
#define FRONTEND_HOPFIELDWEIGHTS_H

#include "frontend/HopfieldConfig.h"
#include "frontend/ImportContext.h"

namespace mlir::hopfield {

/// The state_dict names of a module's parts under `prefix`.
struct WeightNames {
  std::string core, normStored, normState, normProjection;
  explicit WeightNames(StringRef prefix)
      : core((prefix + "association_core.").str()),
        normStored((prefix + "norm_stored_pattern.").str()),
        normState((prefix + "norm_state_pattern.").str()),
        normProjection((prefix + "norm_pattern_projection.").str()) {}
};

/// Which patterns are projected (the others are static).
struct ProjectionLayout {
  bool query, key, value;
  explicit ProjectionLayout(const HopfieldSettings &s)
      : query(!s.stateStatic), key(!s.storedStatic),
        value(!s.projectionStatic) {}
  bool any() const { return query || key || value; }
};

/// Feature sizes the patterns must have (-1: any).
struct PatternFeatures {
  int64_t stored = -1, state = -1, projection = -1;
};
PatternFeatures expectedFeatures(const HopfieldSettings &settings,
                                 const HopfieldDims &dims);

/// Every weight of the module under `prefix` ("" for a Hopfield node,
/// "hopfield." inside HopfieldPooling / HopfieldLayer); `features` are the
/// actual feature sizes (the input LayerNorms are sized by them).
SmallVector<WeightSpec> hopfieldWeightSpecs(const HopfieldSettings &settings,
                                            const HopfieldDims &dims,
                                            StringRef prefix,
                                            PatternFeatures features);
/// Weights hflayers has but never uses (concat_bias_pattern's bias_k/v).
SmallVector<std::string>
hopfieldIgnoredWeights(const HopfieldSettings &settings, StringRef prefix);

} // namespace mlir::hopfield

#endif // FRONTEND_HOPFIELDWEIGHTS_H
