//===- RunInputs.cpp - Inputs of hopfield-run -----------------------------===//
//
// Reading the --inputs file and converting its tensors to the dtypes the
// artifact's manifest asks for.
//
//===----------------------------------------------------------------------===//

#include "tools/hopfield-run/RunInputs.h"

#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <fstream>

namespace hopfield::run {
namespace {

/// Whether `path` ends in `suffix`.
bool endsWith(const std::string &path, const std::string &suffix) {
  return path.size() >= suffix.size() &&
         path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Reads a JSON inputs file.
bool readJsonInputs(const std::string &path,
                    std::map<std::string, TensorData> &tensors,
                    std::string &error) {
  std::ifstream stream(path);
  if (!stream) {
    error = "cannot open inputs file '" + path + "': " + std::strerror(errno);
    return false;
  }
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(stream);
  } catch (const nlohmann::json::exception &e) {
    error = "inputs file '" + path + "' is not valid JSON: " + e.what();
    return false;
  }
  if (!root.is_object()) {
    error = "inputs file '" + path +
            "' must hold a JSON object mapping input names to tensors, not " +
            root.type_name();
    return false;
  }
  for (auto it = root.begin(); it != root.end(); ++it) {
    TensorData tensor;
    std::string reason;
    if (!parseTensorJson(it.value(), tensor, reason)) {
      error = "inputs file '" + path + "': input '" + it.key() + "': " + reason;
      return false;
    }
    tensors[it.key()] = std::move(tensor);
  }
  return true;
}

/// The names of `ports`, comma-separated, for messages.
std::string nameList(const std::vector<Port> &ports) {
  std::string list;
  for (const Port &port : ports)
    list += (list.empty() ? "" : ", ") + port.name;
  return list.empty() ? "none" : list;
}

/// Whether a tensor of `dtype` may feed a port of `expected`.
bool compatible(const std::string &dtype, hopfield_dtype expected) {
  switch (expected) {
  case HOPFIELD_FLOAT32:
  case HOPFIELD_FLOAT64:
    return isFloatDtype(dtype);
  case HOPFIELD_BOOL:
    return dtype == "bool";
  case HOPFIELD_INT64:
    return dtype == "int64" || dtype == "uint8";
  }
  return false;
}

/// Copies `values` into `tensor`, converting to its dtype.
bool fill(const Port &port, const TensorData &data, Tensor &tensor,
          std::string &error) {
  const std::vector<double> &values = data.values;
  if (values.size() != tensor.numElements()) {
    error = "input '" + port.name + "' has " + std::to_string(values.size()) +
            " values for shape " + formatShape(data.shape);
    return false;
  }
  for (size_t k = 0; k < values.size(); ++k) {
    double v = values[k];
    switch (port.dtype) {
    case HOPFIELD_FLOAT32:
      if (std::fabs(v) > FLT_MAX) {
        error = "input '" + port.name + "' value " + std::to_string(v) +
                " at flat index " + std::to_string(k) + " does not fit float32";
        return false;
      }
      tensor.data<float>()[k] = static_cast<float>(v);
      break;
    case HOPFIELD_FLOAT64:
      tensor.data<double>()[k] = v;
      break;
    case HOPFIELD_BOOL:
      tensor.data<uint8_t>()[k] = v != 0.0;
      break;
    case HOPFIELD_INT64:
      tensor.data<int64_t>()[k] = static_cast<int64_t>(v);
      break;
    }
  }
  return true;
}

} // namespace

bool readInputFile(const std::string &path,
                   std::map<std::string, TensorData> &tensors,
                   std::string &error) {
  if (endsWith(path, ".safetensors"))
    return readSafetensors(path, tensors, error);
  return readJsonInputs(path, tensors, error);
}

bool bindInputs(const Artifact &artifact,
                const std::map<std::string, TensorData> &tensors,
                std::vector<Tensor> &inputs, std::string &error) {
  std::vector<Port> ports = artifact.inputs();
  for (const auto &entry : tensors) {
    bool known = false;
    for (const Port &port : ports)
      known = known || port.name == entry.first;
    if (!known) {
      error = "unknown input '" + entry.first + "'; model '" +
              artifact.model() + "' takes: " + nameList(ports);
      return false;
    }
  }

  inputs.clear();
  for (const Port &port : ports) {
    auto it = tensors.find(port.name);
    if (it == tensors.end()) {
      error = "missing input '" + port.name + "'; model '" + artifact.model() +
              "' takes: " + nameList(ports);
      return false;
    }
    const TensorData &data = it->second;
    if (!compatible(data.dtype, port.dtype)) {
      bool isFloat =
          port.dtype == HOPFIELD_FLOAT32 || port.dtype == HOPFIELD_FLOAT64;
      error = "input '" + port.name + "' has dtype " + data.dtype +
              ", expected " +
              (isFloat ? "a float dtype (float16, bfloat16, float32 or "
                         "float64)"
                       : std::string(hopfield_dtype_name(port.dtype)));
      return false;
    }
    Tensor tensor(port.dtype, data.shape);
    if (!fill(port, data, tensor, error))
      return false;
    inputs.push_back(std::move(tensor));
  }
  return true;
}

} // namespace hopfield::run
