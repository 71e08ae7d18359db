//===- Manifest.h - Parsed artifact manifest --------------------*- C++ -*-===//
//
// Internal: the validated form of an artifact's manifest JSON
// (runtime/README.md, "Manifest").
//
//===----------------------------------------------------------------------===//

#ifndef RUNTIME_MANIFEST_H
#define RUNTIME_MANIFEST_H

#include "runtime/hopfield_runtime.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

/// One shape entry: a static size (`size >= 0`) or a run-time dimension
/// (`size == -1`, named by `symbol`).
struct hopfield_dim {
  int64_t size = -1;
  std::string symbol;
};

/// One input or output of an artifact.
struct hopfield_port {
  std::string name;
  hopfield_dtype dtype = HOPFIELD_FLOAT32;
  std::vector<hopfield_dim> shape;
  /// "input" for inputs, "tensor" or "steps" for outputs.
  std::string kind;
  /// The node of a steps output, "" otherwise.
  std::string node;
};

namespace hopfield::runtime {

/// Where a run-time dimension takes its size from: the first input (in
/// manifest order) and dimension that carries it.
struct DimBinding {
  size_t input = 0;
  size_t dim = 0;
};

/// A manifest whose every field has been checked.
struct Manifest {
  std::string model;
  std::string target;
  std::string targetCpu;
  std::string precision;
  std::vector<hopfield_port> inputs;
  std::vector<hopfield_port> outputs;
  /// Run-time dimension name -> where it is bound.
  std::map<std::string, DimBinding> bindings;
};

/// The only manifest format this runtime reads.
inline constexpr const char *kManifestFormat = "hopfield-artifact/1";

/// Parses and validates manifest JSON text. On failure returns false and sets
/// `error` to a message naming the offending field.
bool parseManifest(const std::string &text, Manifest &out, std::string &error);

} // namespace hopfield::runtime

#endif // RUNTIME_MANIFEST_H
