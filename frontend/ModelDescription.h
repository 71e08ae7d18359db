//===- ModelDescription.h - hopfield-model/1 descriptions -------*- C++ -*-===//
//
// The parsed, structurally checked form of a model description (DESIGN.md
// §5). Op-specific checks (config keys, weights, shapes) belong to the
// emitters; this layer checks fields, types, names and order.
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_MODELDESCRIPTION_H
#define FRONTEND_MODELDESCRIPTION_H

#include "frontend/ImportDiagnostics.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mlir::hopfield {

/// Model descriptions keep the order of their objects (inputs and outputs
/// become function arguments and results in description order).
using Json = nlohmann::ordered_json;

/// The only description format this importer reads.
inline constexpr const char *kModelFormat = "hopfield-model/1";

/// One model input: `null` dimensions are chosen at run time.
struct ModelInput {
  std::string name;
  std::vector<std::optional<int64_t>> shape;
  /// float16, bfloat16, float32, float64, bool or uint8.
  std::string dtype;

  /// True for bool and uint8 inputs (masks).
  bool isMask() const { return dtype == "bool" || dtype == "uint8"; }
};

/// One node: an op applied to named values.
struct ModelNode {
  std::string name;
  std::string op;
  /// Role -> value name, in description order.
  std::vector<std::pair<std::string, std::string>> inputs;
  /// Config object (`{}` when absent).
  Json config;
  /// Weight name -> tensor spec (inline tensor or {"file", "key"}), in
  /// description order.
  std::vector<std::pair<std::string, Json>> weights;

  /// The value bound to `role`, or nullptr.
  const std::string *getInput(StringRef role) const;
  /// The spec of weight `name`, or nullptr.
  const Json *getWeight(StringRef name) const;
};

struct ModelDescription {
  /// The file the description was read from (as given); names it in
  /// messages and anchors relative safetensors paths.
  std::string path;
  std::string name;
  std::vector<ModelInput> inputs;
  std::vector<ModelNode> nodes;
  /// Output name -> value name, in description order.
  std::vector<std::pair<std::string, std::string>> outputs;
};

/// Parses JSON text, rejecting duplicate object keys. A syntax error is
/// reported with its line and column.
LogicalResult parseJsonText(StringRef text, Json &out, ImportDiagnostics &diag);

/// Parses and checks the structure of a description: the format tag, the
/// known top-level fields, inputs (shapes, dtypes), nodes (fields, unique
/// names) and outputs.
LogicalResult parseModelDescription(const Json &json, ModelDescription &out,
                                    ImportDiagnostics &diag);

} // namespace mlir::hopfield

#endif // FRONTEND_MODELDESCRIPTION_H
