//===- WeightStore.h - weight tensors of a model ----------------*- C++ -*-===//
//
// Resolves a weight spec: an inline tensor `{"shape", "dtype", "data"}` or
// `{"file": "x.safetensors", "key": "..."}` with the file relative to the
// model description. Each safetensors file is read once.
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_WEIGHTSTORE_H
#define FRONTEND_WEIGHTSTORE_H

#include "frontend/ModelDescription.h"
#include "frontend/TensorData.h"

#include <map>
#include <string>

namespace mlir::hopfield {

class WeightStore {
public:
  /// `modelPath` is the description file; relative weight files are looked up
  /// in its directory.
  explicit WeightStore(StringRef modelPath);

  /// Reads the tensor described by `spec`. On failure returns false and sets
  /// `error` to a message naming the file, key or field at fault.
  bool load(const Json &spec, ::hopfield::TensorData &out, std::string &error);

private:
  std::string baseDirectory;
  /// Resolved path -> every tensor of that file.
  std::map<std::string, std::map<std::string, ::hopfield::TensorData>> files;
};

} // namespace mlir::hopfield

#endif // FRONTEND_WEIGHTSTORE_H
