//===- NodeConfig.h - typed access to a node's config -----------*- C++ -*-===//
//
// Reads the `config` object of a node: every key must be known to the op,
// `null` means the default (Python's None), and every message names the
// file, the node, the key, its value and what was expected.
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_NODECONFIG_H
#define FRONTEND_NODECONFIG_H

#include "frontend/ModelDescription.h"

namespace mlir::hopfield {

class NodeConfig {
public:
  NodeConfig(const ModelNode &node, ImportDiagnostics &diag)
      : node(node), diag(diag), config(node.config) {}
  /// A config object nested in the node's config (e.g. the `Hopfield`
  /// config of an encoder layer); messages name keys `<prefix><key>`.
  NodeConfig(const ModelNode &node, ImportDiagnostics &diag, const Json &object,
             std::string prefix)
      : node(node), diag(diag), config(object), prefix(std::move(prefix)) {}

  /// Fails on the first key that is not in `known`.
  LogicalResult checkKeys(ArrayRef<StringRef> known) const;

  /// The value of `key`, or nullptr when it is absent or null.
  const Json *get(StringRef key) const;
  /// True when `key` is present, even as null.
  bool has(StringRef key) const;

  /// A boolean (true/false only).
  FailureOr<bool> getBool(StringRef key, bool defaultValue) const;
  /// An integer >= `min`; required when `defaultValue` is empty.
  FailureOr<int64_t> getInt(StringRef key, std::optional<int64_t> defaultValue,
                            int64_t min) const;
  /// A finite number.
  FailureOr<double> getNumber(StringRef key, double defaultValue) const;

  /// "config '<key>' = <value>: expected <expected>"; an absent key shows
  /// as `defaultText` (the default) when given.
  LogicalResult invalid(StringRef key, const Twine &expected,
                        StringRef defaultText = "") const;

  /// The value of `key` as written in messages: its JSON, "<defaultText>
  /// (the default)" when absent and `defaultText` is given, else "null".
  std::string show(StringRef key, StringRef defaultText = "") const;

private:
  const ModelNode &node;
  ImportDiagnostics &diag;
  const Json &config;
  std::string prefix;

  std::string keyName(StringRef key) const { return prefix + key.str(); }
};

} // namespace mlir::hopfield

#endif // FRONTEND_NODECONFIG_H
