//===- RunInputs.h - Inputs of hopfield-run ---------------------*- C++ -*-===//
//
// Reads the --inputs file of hopfield-run (JSON name -> tensor, or
// .safetensors) and turns it into runtime tensors in manifest order.
//
//===----------------------------------------------------------------------===//

#ifndef TOOLS_HOPFIELD_RUN_RUNINPUTS_H
#define TOOLS_HOPFIELD_RUN_RUNINPUTS_H

#include "frontend/TensorData.h"
#include "runtime/hopfield_runtime.hpp"

#include <map>
#include <string>
#include <vector>

namespace hopfield::run {

/// Reads every tensor of `path`: a `.safetensors` file, or else a JSON object
/// mapping names to `{"shape", "dtype", "data"}`. On failure returns false
/// and sets `error` to a message naming the file and, where it applies, the
/// tensor.
bool readInputFile(const std::string &path,
                   std::map<std::string, TensorData> &tensors,
                   std::string &error);

/// Builds one runtime tensor per input of `artifact`, in manifest order,
/// from `tensors` (converting floats to the artifact's precision). Missing,
/// unknown and wrongly typed inputs fail with a message naming the input.
/// Shapes are checked by the runtime when the artifact runs.
bool bindInputs(const Artifact &artifact,
                const std::map<std::string, TensorData> &tensors,
                std::vector<Tensor> &inputs, std::string &error);

} // namespace hopfield::run

#endif // TOOLS_HOPFIELD_RUN_RUNINPUTS_H
