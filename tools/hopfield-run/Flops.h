//===- Flops.h - nominal FLOPs of one run of an artifact --------*- C++ -*-===//
//
// DESIGN.md section 8: an association costs 2*B*H*L*S*(D+E) (the scores and
// the weighted sum of the values; 4*B*H*L*S*d when D = E = d), and every
// extra Hopfield update step of a head adds 4*B*L*S*D. The sizes come from
// the manifest's `attention` entries of the steps outputs, bound to the run's
// inputs; the steps from the run's outputs.
//
//===----------------------------------------------------------------------===//

#ifndef TOOLS_HOPFIELD_RUN_FLOPS_H
#define TOOLS_HOPFIELD_RUN_FLOPS_H

#include "runtime/hopfield_runtime.hpp"

#include <optional>
#include <vector>

namespace hopfield::run {

/// The FLOPs of the run of `artifact` on `inputs` that gave `outputs`, or
/// nothing when the manifest does not describe its associations.
std::optional<double> nominalFlops(const Artifact &artifact,
                                   const std::vector<Tensor> &inputs,
                                   const std::vector<Tensor> &outputs);

} // namespace hopfield::run

#endif // TOOLS_HOPFIELD_RUN_FLOPS_H
