//===- NodeConfig.cpp - typed access to a node's config -------------------===//

#include "frontend/NodeConfig.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::hopfield;

LogicalResult NodeConfig::checkKeys(ArrayRef<StringRef> known) const {
  for (auto it = config.begin(); it != config.end(); ++it)
    if (!llvm::is_contained(known, StringRef(it.key())))
      return diag.nodeError(node.name, "unknown config key '" +
                                           keyName(it.key()) + "' for op '" +
                                           node.op + "' (expected one of " +
                                           llvm::join(known, ", ") + ")");
  return success();
}

const Json *NodeConfig::get(StringRef key) const {
  auto it = config.find(key.str());
  if (it == config.end() || it->is_null())
    return nullptr;
  return &*it;
}

bool NodeConfig::has(StringRef key) const { return config.contains(key.str()); }

std::string NodeConfig::show(StringRef key, StringRef defaultText) const {
  if (const Json *value = get(key))
    return value->dump();
  if (!has(key) && !defaultText.empty())
    return defaultText.str() + " (the default)";
  return "null";
}

LogicalResult NodeConfig::invalid(StringRef key, const Twine &expected,
                                  StringRef defaultText) const {
  return diag.nodeError(node.name, "config '" + keyName(key) +
                                       "' = " + show(key, defaultText) +
                                       ": expected " + expected);
}

FailureOr<bool> NodeConfig::getBool(StringRef key, bool defaultValue) const {
  const Json *value = get(key);
  if (!value)
    return defaultValue;
  if (!value->is_boolean())
    return invalid(key, "true or false");
  return value->get<bool>();
}

FailureOr<int64_t> NodeConfig::getInt(StringRef key,
                                      std::optional<int64_t> defaultValue,
                                      int64_t min) const {
  const Json *value = get(key);
  if (!value) {
    if (defaultValue)
      return *defaultValue;
    return diag.nodeError(
        node.name, "config '" + keyName(key) +
                       "' is required (an integer >= " + Twine(min) + ")");
  }
  if (!value->is_number_integer() || value->get<int64_t>() < min)
    return invalid(key, "an integer >= " + Twine(min));
  return value->get<int64_t>();
}

FailureOr<double> NodeConfig::getNumber(StringRef key,
                                        double defaultValue) const {
  const Json *value = get(key);
  if (!value)
    return defaultValue;
  if (!value->is_number() || !std::isfinite(value->get<double>()))
    return invalid(key, "a finite number");
  return value->get<double>();
}
