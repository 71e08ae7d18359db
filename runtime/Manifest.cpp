//===- Manifest.cpp - Parse and validate artifact manifests ---------------===//
//
// Turns the JSON text an artifact returns from hopfield_artifact_manifest into
// a Manifest, checking the format version, every field's type, the dtypes,
// the shape entries and that every output dimension is bound by an input.
//
//===----------------------------------------------------------------------===//

#include "runtime/Manifest.h"

#include <nlohmann/json.hpp>

#include <set>

using nlohmann::json;

namespace hopfield::runtime {
namespace {

/// Returns the JSON type name used in messages.
std::string typeName(const json &value) { return value.type_name(); }

/// Reads a required string member of `object`, described by `where`.
bool readString(const json &object, const char *key, const std::string &where,
                std::string &out, std::string &error) {
  auto it = object.find(key);
  if (it == object.end()) {
    error = where + " has no '" + key + "'";
    return false;
  }
  if (!it->is_string()) {
    error =
        where + " field '" + key + "' must be a string, not " + typeName(*it);
    return false;
  }
  out = it->get<std::string>();
  if (out.empty()) {
    error = where + " field '" + key + "' is empty";
    return false;
  }
  return true;
}

/// Reads an optional string member; absent leaves `out` empty.
bool readOptionalString(const json &object, const char *key,
                        const std::string &where, std::string &out,
                        std::string &error) {
  if (!object.contains(key))
    return true;
  return readString(object, key, where, out, error);
}

/// Parses one entry of "inputs" (isInput) or "outputs".
bool parsePort(const json &entry, bool isInput, size_t index,
               hopfield_port &port, std::string &error) {
  std::string where =
      std::string(isInput ? "input" : "output") + " #" + std::to_string(index);
  if (!entry.is_object()) {
    error = where + " must be an object, not " + typeName(entry);
    return false;
  }
  if (!readString(entry, "name", where, port.name, error))
    return false;
  where = std::string(isInput ? "input" : "output") + " '" + port.name + "'";

  std::string dtype;
  if (!readString(entry, "dtype", where, dtype, error))
    return false;
  if (hopfield_dtype_from_name(dtype.c_str(), &port.dtype) != HOPFIELD_OK) {
    error = where + " has unknown dtype '" + dtype +
            "' (expected float32, float64, bool or int64)";
    return false;
  }

  auto shape = entry.find("shape");
  if (shape == entry.end() || !shape->is_array()) {
    error = where + " needs a 'shape' array";
    return false;
  }
  for (size_t d = 0; d < shape->size(); ++d) {
    const json &value = (*shape)[d];
    hopfield_dim dim;
    if (value.is_number_integer()) {
      dim.size = value.get<int64_t>();
      if (dim.size < 0) {
        error = where + " dimension " + std::to_string(d) + " is negative";
        return false;
      }
    } else if (value.is_string() && !value.get<std::string>().empty()) {
      dim.symbol = value.get<std::string>();
    } else {
      error = where + " dimension " + std::to_string(d) +
              " must be a non-negative integer or a dimension name, not " +
              value.dump();
      return false;
    }
    port.shape.push_back(std::move(dim));
  }

  if (isInput) {
    port.kind = "input";
    return true;
  }
  if (!readString(entry, "kind", where, port.kind, error))
    return false;
  if (port.kind == "tensor")
    return true;
  if (port.kind != "steps") {
    error = where + " has unknown kind '" + port.kind +
            "' (expected tensor or steps)";
    return false;
  }
  if (!readString(entry, "node", where, port.node, error))
    return false;
  if (port.dtype != HOPFIELD_INT64 || port.shape.size() != 1) {
    error = where + " is a steps output and must be a rank-1 int64 tensor";
    return false;
  }
  return true;
}

/// Parses "inputs" or "outputs" of the manifest into `ports`.
bool parsePorts(const json &root, bool isInput,
                std::vector<hopfield_port> &ports, std::string &error) {
  const char *key = isInput ? "inputs" : "outputs";
  auto list = root.find(key);
  if (list == root.end() || !list->is_array()) {
    error = std::string("manifest needs an '") + key + "' array";
    return false;
  }
  for (size_t i = 0; i < list->size(); ++i) {
    hopfield_port port;
    if (!parsePort((*list)[i], isInput, i, port, error))
      return false;
    ports.push_back(std::move(port));
  }
  return true;
}

/// Binds every run-time dimension of the inputs and checks that the outputs
/// use only bound names and that names are unique.
bool bindDimensions(Manifest &m, std::string &error) {
  std::set<std::string> names;
  for (const auto *ports : {&m.inputs, &m.outputs})
    for (const hopfield_port &port : *ports)
      if (!names.insert(port.name).second) {
        error = "manifest names '" + port.name + "' twice";
        return false;
      }

  for (size_t i = 0; i < m.inputs.size(); ++i)
    for (size_t d = 0; d < m.inputs[i].shape.size(); ++d) {
      const hopfield_dim &dim = m.inputs[i].shape[d];
      if (dim.size < 0)
        m.bindings.emplace(dim.symbol, DimBinding{i, d});
    }

  for (const hopfield_port &port : m.outputs)
    for (size_t d = 0; d < port.shape.size(); ++d) {
      const hopfield_dim &dim = port.shape[d];
      if (dim.size < 0 && !m.bindings.count(dim.symbol)) {
        error = "output '" + port.name + "' dimension " + std::to_string(d) +
                " is '" + dim.symbol + "', which no input carries";
        return false;
      }
    }
  return true;
}

} // namespace

bool parseManifest(const std::string &text, Manifest &out, std::string &error) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception &e) {
    error = std::string("manifest is not valid JSON: ") + e.what();
    return false;
  }
  if (!root.is_object()) {
    error = "manifest must be a JSON object, not " + typeName(root);
    return false;
  }

  std::string format;
  if (!readString(root, "format", "manifest", format, error))
    return false;
  if (format != kManifestFormat) {
    error = "manifest format '" + format + "' is not supported (expected '" +
            kManifestFormat + "')";
    return false;
  }

  Manifest m;
  if (!readString(root, "model", "manifest", m.model, error) ||
      !readString(root, "target", "manifest", m.target, error) ||
      !readString(root, "precision", "manifest", m.precision, error) ||
      !readOptionalString(root, "target_cpu", "manifest", m.targetCpu, error) ||
      !parsePorts(root, /*isInput=*/true, m.inputs, error) ||
      !parsePorts(root, /*isInput=*/false, m.outputs, error) ||
      !bindDimensions(m, error))
    return false;
  out = std::move(m);
  return true;
}

} // namespace hopfield::runtime
