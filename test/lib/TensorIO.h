//===- TensorIO.h - Tensors as JSON and safetensors -------------*- C++ -*-===//
//
// Reading and writing the tensor encoding of model descriptions, inputs and
// outputs: inline {"shape","dtype","data"} objects and {"file","key"}
// references into .safetensors files (F32, F64, BOOL, I64).
//
//===----------------------------------------------------------------------===//

#ifndef TEST_LIB_TENSORIO_H
#define TEST_LIB_TENSORIO_H

#include "Tensor.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace hopfield::reference {

using Json = nlohmann::ordered_json;

/// Parses the JSON file at `path`.
Json readJson(const std::filesystem::path &path);

/// Decodes an inline tensor or a {"file","key"} reference (relative to
/// `baseDir`); `what` names the tensor in error messages.
Tensor parseTensor(const Json &j, const std::string &what,
                   const std::filesystem::path &baseDir);

/// Encodes `t` as {"shape","dtype","data"} (float64, or int64 when
/// `asInt64`).
Json tensorToJson(const Tensor &t, bool asInt64);

} // namespace hopfield::reference

#endif // TEST_LIB_TENSORIO_H
