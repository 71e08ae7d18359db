//===- HopfieldWeights.cpp - the state_dict of a Hopfield module ----------===//

#include "frontend/HopfieldWeights.h"

using namespace mlir;
using namespace mlir::hopfield;

PatternFeatures mlir::hopfield::expectedFeatures(const HopfieldSettings &s,
                                                 const HopfieldDims &d) {
  PatternFeatures f;
  if (s.staticExecution()) {
    f.stored = d.headDim;
    return f;
  }
  f.state = s.stateStatic ? d.headDim : d.embed;
  f.stored = s.storedStatic ? d.headDim : d.storedSize;
  bool throughKey = s.connected && !s.storedStatic;
  if (!s.projectionStatic)
    f.projection = d.projectionSize;
  else if (throughKey)
    f.projection = d.storedSize;
  else if (!s.disableOutProjection)
    f.projection = d.patternDim;
  return f;
}

SmallVector<WeightSpec>
mlir::hopfield::hopfieldWeightSpecs(const HopfieldSettings &s,
                                    const HopfieldDims &d, StringRef prefix,
                                    PatternFeatures features) {
  WeightNames names(prefix);
  SmallVector<WeightSpec> specs;
  std::string sizes = describeSizes(s, d);
  auto add = [&](std::string name, SmallVector<int64_t> shape,
                 std::string because) {
    specs.push_back({std::move(name), std::move(shape), std::move(because)});
  };
  auto addNorm = [&](const NormSettings &norm, const std::string &name,
                     int64_t size) {
    if (!norm.affine)
      return;
    std::string because = "features = " + std::to_string(size);
    add(name + "weight", {size}, because);
    add(name + "bias", {size}, because);
  };
  addNorm(s.normStored, names.normStored, features.stored);
  addNorm(s.normState, names.normState, features.state);
  addNorm(s.normProjection, names.normProjection, features.projection);
  if (s.staticExecution())
    return specs;

  ProjectionLayout layout(s);
  int64_t hopfieldWidth = s.heads * d.headDim;
  int64_t patternWidth = s.heads * d.patternDim;
  if (d.packed && layout.any()) {
    add(names.core + "in_proj_weight",
        {(layout.query ? hopfieldWidth : 0) + (layout.key ? hopfieldWidth : 0) +
             (layout.value ? patternWidth : 0),
         d.embed},
        sizes);
  } else if (!d.packed) {
    if (layout.query)
      add(names.core + "q_proj_weight", {hopfieldWidth, d.embed}, sizes);
    if (layout.key)
      add(names.core + "k_proj_weight", {hopfieldWidth, d.storedSize}, sizes);
    if (layout.value)
      add(names.core + "v_proj_weight",
          {patternWidth,
           s.connected && layout.key ? hopfieldWidth : d.projectionSize},
          sizes + (s.connected ? ", connected" : ""));
  }
  if (s.inputBias && layout.any())
    add(names.core + "in_proj_bias",
        {(layout.query ? hopfieldWidth : 0) + (layout.key ? hopfieldWidth : 0) +
         patternWidth},
        sizes);
  if (s.normHopfieldSpace.affine) {
    std::string because = "head dim = " + std::to_string(d.headDim);
    add(names.core + "p_norm_weight", {d.headDim}, because);
    add(names.core + "p_norm_bias", {d.headDim}, because);
  }
  if (!s.disableOutProjection) {
    add(names.core + "out_proj.weight", {d.output, patternWidth}, sizes);
    if (s.inputBias)
      add(names.core + "out_proj.bias", {d.output}, sizes);
  }
  return specs;
}

SmallVector<std::string>
mlir::hopfield::hopfieldIgnoredWeights(const HopfieldSettings &s,
                                       StringRef prefix) {
  if (!s.concatBiasPattern)
    return {};
  WeightNames names(prefix);
  return {names.core + "bias_k", names.core + "bias_v"};
}
