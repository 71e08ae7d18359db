//===- ModelDescription.cpp - hopfield-model/1 descriptions ---------------===//

#include "frontend/ModelDescription.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <set>

using namespace mlir;
using namespace mlir::hopfield;

const std::string *ModelNode::getInput(StringRef role) const {
  for (const auto &[r, value] : inputs)
    if (r == role)
      return &value;
  return nullptr;
}

const Json *ModelNode::getWeight(StringRef name) const {
  for (const auto &[n, spec] : weights)
    if (n == name)
      return &spec;
  return nullptr;
}

namespace {

/// Thrown from the parser callback to stop at a repeated key.
struct DuplicateKey {
  std::string key;
};

/// The JSON type name used in messages ("string", "number", ...).
std::string describe(const Json &value) {
  std::string text = value.dump();
  if (text.size() > 40)
    text = text.substr(0, 37) + "...";
  return std::string(value.type_name()) + " " + text;
}

/// Checks that `object` has only fields from `known`; `where` names the
/// object in the message ("node 'h'", "input 'x'").
LogicalResult checkFields(const Json &object, ArrayRef<StringRef> known,
                          const Twine &where, ImportDiagnostics &diag) {
  for (auto it = object.begin(); it != object.end(); ++it)
    if (!llvm::is_contained(known, StringRef(it.key())))
      return diag.error(where + ": unknown field '" + it.key() +
                        "' (expected " + llvm::join(known, ", ") + ")");
  return success();
}

/// Names may not be empty and may not contain ':' (which separates a node
/// from the name of its second result).
LogicalResult checkName(const std::string &name, const Twine &what,
                        ImportDiagnostics &diag) {
  if (name.empty() || name.find(':') != std::string::npos)
    return diag.error(what + " name '" + name +
                      "' must be non-empty and must not contain ':'");
  return success();
}

LogicalResult parseInput(const std::string &name, const Json &spec,
                         ModelInput &out, ImportDiagnostics &diag) {
  std::string where = "input '" + name + "'";
  if (failed(checkName(name, "input", diag)))
    return failure();
  if (!spec.is_object())
    return diag.error(where +
                      ": expected an object {\"shape\", \"dtype\"}, "
                      "got " +
                      describe(spec));
  if (failed(checkFields(spec, {"shape", "dtype"}, where, diag)))
    return failure();
  out.name = name;
  if (!spec.contains("shape") || !spec["shape"].is_array())
    return diag.error(where + ": field 'shape' must be an array of "
                              "non-negative integers or null");
  for (const Json &d : spec["shape"]) {
    if (d.is_null()) {
      out.shape.push_back(std::nullopt);
      continue;
    }
    if (!d.is_number_integer() || d.get<int64_t>() < 0)
      return diag.error(where +
                        ": field 'shape' must hold non-negative "
                        "integers or null, got " +
                        describe(d));
    out.shape.push_back(d.get<int64_t>());
  }
  if (!spec.contains("dtype") || !spec["dtype"].is_string())
    return diag.error(where + ": field 'dtype' must be a string");
  out.dtype = spec["dtype"].get<std::string>();
  static const StringRef kDtypes[] = {"float32",  "float64", "float16",
                                      "bfloat16", "bool",    "uint8"};
  if (!llvm::is_contained(kDtypes, StringRef(out.dtype)))
    return diag.error(where + ": dtype '" + out.dtype +
                      "' is not supported (expected " +
                      llvm::join(ArrayRef<StringRef>(kDtypes), ", ") + ")");
  return success();
}

LogicalResult parseNode(size_t index, const Json &spec, ModelNode &out,
                        ImportDiagnostics &diag) {
  std::string where = "nodes[" + std::to_string(index) + "]";
  if (!spec.is_object())
    return diag.error(where + ": expected an object, got " + describe(spec));
  if (!spec.contains("name") || !spec["name"].is_string())
    return diag.error(where + ": field 'name' must be a string");
  out.name = spec["name"].get<std::string>();
  if (failed(checkName(out.name, where + ": node", diag)))
    return failure();
  where = "node '" + out.name + "'";
  if (failed(checkFields(spec, {"name", "op", "inputs", "config", "weights"},
                         where, diag)))
    return failure();
  if (!spec.contains("op") || !spec["op"].is_string())
    return diag.error(where + ": field 'op' must be a string");
  out.op = spec["op"].get<std::string>();

  if (!spec.contains("inputs") || !spec["inputs"].is_object())
    return diag.error(where + ": field 'inputs' must be an object "
                              "(role -> value name)");
  for (auto it = spec["inputs"].begin(); it != spec["inputs"].end(); ++it) {
    if (!it.value().is_string())
      return diag.error(where + ": input '" + it.key() +
                        "' must name a value (a string), got " +
                        describe(it.value()));
    out.inputs.emplace_back(it.key(), it.value().get<std::string>());
  }

  out.config = spec.value("config", Json::object());
  if (out.config.is_null())
    out.config = Json::object();
  if (!out.config.is_object())
    return diag.error(where + ": field 'config' must be an object, got " +
                      describe(out.config));

  Json weights = spec.value("weights", Json::object());
  if (weights.is_null())
    weights = Json::object();
  if (!weights.is_object())
    return diag.error(where +
                      ": field 'weights' must be an object "
                      "(name -> tensor), got " +
                      describe(weights));
  for (auto it = weights.begin(); it != weights.end(); ++it)
    out.weights.emplace_back(it.key(), it.value());
  return success();
}

} // namespace

LogicalResult mlir::hopfield::parseJsonText(StringRef text, Json &out,
                                            ImportDiagnostics &diag) {
  // One set of keys per open object; arrays push nothing.
  std::vector<std::set<std::string>> openObjects;
  Json::parser_callback_t callback = [&](int, Json::parse_event_t event,
                                         Json &parsed) {
    switch (event) {
    case Json::parse_event_t::object_start:
      openObjects.emplace_back();
      break;
    case Json::parse_event_t::object_end:
      openObjects.pop_back();
      break;
    case Json::parse_event_t::key: {
      std::string key = parsed.get<std::string>();
      if (!openObjects.back().insert(key).second)
        throw DuplicateKey{key};
      break;
    }
    default:
      break;
    }
    return true;
  };
  try {
    out = Json::parse(text.begin(), text.end(), callback);
  } catch (const Json::parse_error &e) {
    std::string what = e.what();
    size_t start = what.find("] ");
    if (start != std::string::npos)
      what = what.substr(start + 2);
    // JSON has no NaN or Infinity; say so when that is what broke (the
    // message ends with the text read up to the bad character).
    StringRef lastRead = StringRef(what).rsplit("last read: '").second;
    if (lastRead.ends_with("N'") || lastRead.ends_with("I'"))
      what += " (JSON has no NaN or Infinity; non-finite values are not "
              "accepted)";
    return diag.error("malformed JSON: " + what);
  } catch (const Json::out_of_range &e) {
    // A number too large for a double (1e999) would be an infinity.
    std::string what = e.what();
    size_t start = what.find("] ");
    if (start != std::string::npos)
      what = what.substr(start + 2);
    return diag.error("malformed JSON: " + what +
                      " (non-finite values are not accepted)");
  } catch (const Json::exception &e) {
    return diag.error(Twine("malformed JSON: ") + e.what());
  } catch (const DuplicateKey &dup) {
    return diag.error("malformed JSON: duplicate key '" + dup.key + "'");
  }
  return success();
}

LogicalResult mlir::hopfield::parseModelDescription(const Json &json,
                                                    ModelDescription &out,
                                                    ImportDiagnostics &diag) {
  if (!json.is_object())
    return diag.error("a model description must be a JSON object, got " +
                      describe(json));
  if (failed(checkFields(json, {"format", "name", "inputs", "nodes", "outputs"},
                         "model", diag)))
    return failure();
  if (!json.contains("format") || json["format"] != kModelFormat)
    return diag.error(std::string("field 'format' must be \"") + kModelFormat +
                      "\", got " +
                      (json.contains("format") ? describe(json["format"])
                                               : std::string("nothing")));
  if (!json.contains("name") || !json["name"].is_string() ||
      json["name"].get<std::string>().empty())
    return diag.error("field 'name' must be a non-empty string");
  out.name = json["name"].get<std::string>();

  llvm::StringSet<> names;
  if (!json.contains("inputs") || !json["inputs"].is_object() ||
      json["inputs"].empty())
    return diag.error("field 'inputs' must be a non-empty object "
                      "(name -> {\"shape\", \"dtype\"})");
  for (auto it = json["inputs"].begin(); it != json["inputs"].end(); ++it) {
    ModelInput input;
    if (failed(parseInput(it.key(), it.value(), input, diag)))
      return failure();
    names.insert(input.name);
    out.inputs.push_back(std::move(input));
  }

  if (!json.contains("nodes") || !json["nodes"].is_array())
    return diag.error("field 'nodes' must be an array of nodes");
  for (auto [index, spec] : llvm::enumerate(json["nodes"])) {
    ModelNode node;
    if (failed(parseNode(index, spec, node, diag)))
      return failure();
    if (!names.insert(node.name).second)
      return diag.error("node '" + node.name +
                        "': the name is already used by an input or an "
                        "earlier node");
    out.nodes.push_back(std::move(node));
  }

  if (!json.contains("outputs") || !json["outputs"].is_object() ||
      json["outputs"].empty())
    return diag.error("field 'outputs' must be a non-empty object "
                      "(name -> value name)");
  for (auto it = json["outputs"].begin(); it != json["outputs"].end(); ++it) {
    if (failed(checkName(it.key(), "output", diag)))
      return failure();
    if (!it.value().is_string())
      return diag.error("output '" + it.key() +
                        "' must name a value (a string), got " +
                        describe(it.value()));
    out.outputs.emplace_back(it.key(), it.value().get<std::string>());
  }
  return success();
}
