//===- Node.cpp - Config, weights and inputs of one model node ------------===//

#include "Node.h"

using namespace hopfield::reference;

Config::Config(Json json, std::string where)
    : json(std::move(json)), location(std::move(where)) {
  if (!this->json.is_object())
    fail(location + ": config must be an object");
}

void Config::checkKnown(const std::set<std::string> &known,
                        const std::string &op) const {
  for (auto &[field, value] : json.items())
    if (!known.count(field))
      fail(location + ": unknown config field '" + field + "' for op " + op);
}

bool Config::contains(const std::string &field) const {
  return json.contains(field);
}

Json Config::raw(const std::string &field) const {
  return json.contains(field) ? json[field] : Json();
}

void Config::error(const std::string &field, const std::string &message) const {
  fail(location + ": config '" + field + "' " + message);
}

bool Config::getBool(const std::string &field, bool fallback) const {
  Json v = raw(field);
  if (v.is_null())
    return fallback;
  if (!v.is_boolean())
    error(field, "must be true or false, not " + v.dump());
  return v.get<bool>();
}

double Config::getNumber(const std::string &field, double fallback) const {
  Json v = raw(field);
  if (v.is_null())
    return fallback;
  if (!v.is_number())
    error(field, "must be a number, not " + v.dump());
  return v.get<double>();
}

int64_t Config::getInt(const std::string &field, int64_t fallback) const {
  return getOptionalInt(field).value_or(fallback);
}

std::optional<int64_t> Config::getOptionalInt(const std::string &field) const {
  Json v = raw(field);
  if (v.is_null())
    return std::nullopt;
  if (!v.is_number_integer())
    error(field, "must be an integer, not " + v.dump());
  return v.get<int64_t>();
}

std::optional<std::string>
Config::getOptionalString(const std::string &field) const {
  Json v = raw(field);
  if (v.is_null())
    return std::nullopt;
  if (!v.is_string())
    error(field, "must be a string, not " + v.dump());
  return v.get<std::string>();
}

Config Config::object(const std::string &field) const {
  Json v = raw(field);
  if (!v.is_object())
    error(field, "must be an object (a Hopfield config)");
  return Config(v, location + ", config '" + field + "'");
}

void Node::checkRoles(const std::set<std::string> &known) const {
  for (auto &[role, value] : inputs)
    if (!known.count(role))
      fail(where() + ": unknown input role '" + role + "' for op " + op);
}

void Node::checkWeights(const WeightShapes &expected) const {
  std::set<std::string> names;
  for (const auto &[name, shape] : expected) {
    names.insert(name);
    const Tensor *w = weight(name);
    if (!w)
      fail(where() + ": missing weight '" + name + "' (shape " +
           shapeString(shape) + " from the config)");
    if (w->shape != shape)
      fail(where() + ": weight '" + name + "' has shape " + w->shapeString() +
           ", the config implies " + shapeString(shape));
  }
  for (const auto &[name, value] : weights)
    if (!names.count(name))
      fail(where() + ": unexpected weight '" + name + "' for op " + op +
           " with this config");
}

const Tensor &Node::input(const std::string &role) const {
  auto it = inputs.find(role);
  if (it == inputs.end())
    fail(where() + ": missing input role '" + role + "'");
  return it->second;
}

const Tensor *Node::optionalInput(const std::string &role) const {
  auto it = inputs.find(role);
  return it == inputs.end() ? nullptr : &it->second;
}

const Tensor *Node::weight(const std::string &key) const {
  auto it = weights.find(key);
  return it == weights.end() ? nullptr : &it->second;
}

void hopfield::reference::appendWeights(WeightShapes &out,
                                        const std::string &prefix,
                                        const WeightShapes &shapes) {
  for (const auto &[name, shape] : shapes)
    out.emplace_back(prefix + name, shape);
}
