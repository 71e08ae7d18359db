//===- RunOutputs.h - Outputs of hopfield-run -------------------*- C++ -*-===//
//
// Writes the outputs of one run as JSON (name -> tensor) and the per-head
// steps lines of --steps.
//
//===----------------------------------------------------------------------===//

#ifndef TOOLS_HOPFIELD_RUN_RUNOUTPUTS_H
#define TOOLS_HOPFIELD_RUN_RUNOUTPUTS_H

#include "runtime/hopfield_runtime.hpp"

#include <cstdio>
#include <vector>

namespace hopfield::run {

/// Writes `outputs` (in manifest order) as one JSON object to `file`: floats
/// as float64 with round-trip precision (%.17g), int64 and bool as such.
/// Non-finite values are written as null and reported on stderr.
void writeOutputsJson(const Artifact &artifact,
                      const std::vector<Tensor> &outputs, std::FILE *file);

/// Prints `steps <node>: <s0> <s1> ...` for every steps output.
void printSteps(const Artifact &artifact, const std::vector<Tensor> &outputs,
                std::FILE *file);

} // namespace hopfield::run

#endif // TOOLS_HOPFIELD_RUN_RUNOUTPUTS_H
