//===- TensorData.h - tensors as JSON and safetensors -----------*- C++ -*-===//
//
// The tensor encodings shared by the frontend and hopfield-run (DESIGN.md §5,
// §6): inline JSON `{"shape", "dtype", "data"}` and `.safetensors` files.
// Values are held as doubles whatever the dtype; nothing here depends on MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_TENSORDATA_H
#define FRONTEND_TENSORDATA_H

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hopfield {

/// A dense row-major tensor. `dtype` is one of float16, bfloat16, float32,
/// float64, bool, int64, uint8; bool values are 0 or 1.
struct TensorData {
  std::vector<int64_t> shape;
  std::string dtype;
  std::vector<double> values;
};

/// True for float16, bfloat16, float32 and float64.
bool isFloatDtype(const std::string &dtype);

/// True for every dtype a TensorData may hold.
bool isKnownDtype(const std::string &dtype);

/// Number of elements of `shape` (1 for a scalar), or -1 when it overflows.
int64_t numElements(const std::vector<int64_t> &shape);

/// "[2,3,4]".
std::string formatShape(const std::vector<int64_t> &shape);

/// Parses `{"shape": [...], "dtype": "...", "data": [flat, row-major]}`.
/// Checks that no other field is present, that the data length matches the
/// shape, that the dtype is known, that every value is finite and fits the
/// dtype (bool: true/false or 0/1; integer dtypes: integers in range). On
/// failure returns false and sets `error` to a message naming the field.
bool parseTensorJson(const nlohmann::json &j, TensorData &out,
                     std::string &error);
/// The same for insertion-ordered JSON (as the model importer reads it).
bool parseTensorJson(const nlohmann::ordered_json &j, TensorData &out,
                     std::string &error);

/// The inverse of parseTensorJson: bool data as true/false, integer dtypes as
/// integers, floats with round-trip precision.
nlohmann::json tensorToJson(const TensorData &t);

/// Reads every tensor of a `.safetensors` file (8-byte little-endian header
/// length, JSON header, data). Accepts the dtypes F16, BF16, F32, F64, BOOL,
/// U8 and I64; checks every offset against the file and rejects non-finite
/// floats. On failure returns false and sets `error` to a message naming the
/// file and what is wrong.
bool readSafetensors(const std::string &path,
                     std::map<std::string, TensorData> &out,
                     std::string &error);

} // namespace hopfield

#endif // FRONTEND_TENSORDATA_H
