//===- Node.h - Config, weights and inputs of one model node ----*- C++ -*-===//
//
// Typed access to a node's `config` (with the hflayers rule: absent or null
// means the library's default), its weights (exactly the expected state_dict,
// each with its expected shape) and its input roles.
//
//===----------------------------------------------------------------------===//

#ifndef TEST_LIB_NODE_H
#define TEST_LIB_NODE_H

#include "TensorIO.h"

#include <map>
#include <optional>
#include <set>
#include <utility>

namespace hopfield::reference {

/// A JSON config object and the place it came from, for error messages.
class Config {
public:
  Config(Json json, std::string where);

  const std::string &where() const { return location; }
  /// Rejects fields outside `known` ("unknown config field ... for op").
  void checkKnown(const std::set<std::string> &known,
                  const std::string &op) const;
  /// Whether `field` is present (null counts as present).
  bool contains(const std::string &field) const;
  /// The raw value of `field` (null when absent).
  Json raw(const std::string &field) const;
  /// Field `field`, or `fallback` when it is absent or null.
  bool getBool(const std::string &field, bool fallback) const;
  double getNumber(const std::string &field, double fallback) const;
  int64_t getInt(const std::string &field, int64_t fallback) const;
  std::optional<int64_t> getOptionalInt(const std::string &field) const;
  std::optional<std::string> getOptionalString(const std::string &field) const;
  /// The nested config object `field` (required).
  Config object(const std::string &field) const;
  /// Fails with "<where>: config '<field>' <message>".
  [[noreturn]] void error(const std::string &field,
                          const std::string &message) const;

private:
  Json json;
  std::string location;
};

/// Expected weights: state_dict name -> shape.
using WeightShapes = std::vector<std::pair<std::string, std::vector<int64_t>>>;

/// One node of the model while it is evaluated.
struct Node {
  std::string name, op;
  Config config;
  std::map<std::string, Tensor> weights;
  std::map<std::string, Tensor> inputs;

  std::string where() const { return "node '" + name + "'"; }

  /// Rejects input roles outside `known`.
  void checkRoles(const std::set<std::string> &known) const;
  /// Requires exactly the weights in `expected`, each with its shape.
  void checkWeights(const WeightShapes &expected) const;
  const Tensor &input(const std::string &role) const;
  const Tensor *optionalInput(const std::string &role) const;
  /// Weight `key`, or null when the node has none of that name.
  const Tensor *weight(const std::string &key) const;
};

/// The weights of a sub-module: `prefix` + name in the node's weights.
struct WeightView {
  const Node &node;
  std::string prefix;

  const Tensor *get(const std::string &name) const {
    return node.weight(prefix + name);
  }
};

/// `shapes` with `prefix` before every name, appended to `out`.
void appendWeights(WeightShapes &out, const std::string &prefix,
                   const WeightShapes &shapes);

} // namespace hopfield::reference

#endif // TEST_LIB_NODE_H
