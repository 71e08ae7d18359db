//===- TensorIO.cpp - Tensors as JSON and safetensors ---------------------===//

#include "TensorIO.h"

#include <cstring>
#include <fstream>
#include <map>

using namespace hopfield::reference;
namespace fs = std::filesystem;

Json hopfield::reference::readJson(const fs::path &path) {
  std::ifstream in(path);
  if (!in)
    fail(path.string() + ": cannot open");
  try {
    return Json::parse(in);
  } catch (const Json::exception &e) {
    fail(path.string() + ": invalid JSON: " + e.what());
  }
}

/// Reads tensor `key` of a safetensors file (F32, F64, BOOL or I64).
static Tensor readSafetensors(const fs::path &path, const std::string &key) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    fail(path.string() + ": cannot open");
  unsigned char sizeBytes[8];
  if (!in.read(reinterpret_cast<char *>(sizeBytes), 8))
    fail(path.string() + ": not a safetensors file (no header size)");
  uint64_t headerSize = 0;
  for (int i = 7; i >= 0; --i)
    headerSize = headerSize << 8 | sizeBytes[i];
  std::string headerText(headerSize, '\0');
  if (headerSize > (1u << 30) || !in.read(headerText.data(), headerSize))
    fail(path.string() + ": truncated safetensors header");
  Json header = Json::parse(headerText, nullptr, false);
  if (header.is_discarded() || !header.is_object())
    fail(path.string() + ": the safetensors header is not a JSON object");
  if (!header.contains(key))
    fail(path.string() + ": no tensor named '" + key + "'");
  const Json &entry = header[key];
  std::string dtype = entry.at("dtype").get<std::string>();
  std::map<std::string, size_t> widths = {
      {"F32", 4}, {"F64", 8}, {"BOOL", 1}, {"I64", 8}};
  if (!widths.count(dtype))
    fail(path.string() + ": tensor '" + key + "' has dtype " + dtype +
         ", expected F32, F64, BOOL or I64");
  Tensor t;
  t.shape = entry.at("shape").get<std::vector<int64_t>>();
  t.isBool = dtype == "BOOL";
  auto offsets = entry.at("data_offsets").get<std::vector<uint64_t>>();
  size_t count = static_cast<size_t>(t.numElements());
  if (offsets.size() != 2 || offsets[1] - offsets[0] != count * widths[dtype])
    fail(path.string() + ": tensor '" + key +
         "' has data_offsets inconsistent with its shape");
  std::vector<char> bytes(offsets[1] - offsets[0]);
  in.seekg(static_cast<std::streamoff>(8 + headerSize + offsets[0]));
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    fail(path.string() + ": tensor '" + key + "' is truncated");
  t.data.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const char *p = bytes.data() + i * widths[dtype];
    if (dtype == "F32") {
      float v;
      std::memcpy(&v, p, 4);
      t.data[i] = v;
    } else if (dtype == "F64") {
      std::memcpy(&t.data[i], p, 8);
    } else if (dtype == "I64") {
      int64_t v;
      std::memcpy(&v, p, 8);
      t.data[i] = static_cast<double>(v);
    } else {
      t.data[i] = *p ? 1.0 : 0.0;
    }
  }
  return t;
}

/// Decodes an inline tensor or a {"file","key"} reference (relative to
/// `baseDir`); `what` names the tensor in error messages.
Tensor hopfield::reference::parseTensor(const Json &j, const std::string &what,
                                        const fs::path &baseDir) {
  if (!j.is_object())
    fail(what + ": expected a tensor object");
  if (j.contains("file")) {
    for (auto &[field, value] : j.items())
      if (field != "file" && field != "key")
        fail(what + ": unknown field '" + field + "' in a file reference");
    return readSafetensors(baseDir / j.at("file").get<std::string>(),
                           j.at("key").get<std::string>());
  }
  for (auto &[field, value] : j.items())
    if (field != "shape" && field != "dtype" && field != "data")
      fail(what + ": unknown field '" + field + "'");
  if (!j.contains("shape") || !j.contains("data"))
    fail(what + ": a tensor needs 'shape' and 'data'");
  Tensor t;
  t.shape = j.at("shape").get<std::vector<int64_t>>();
  std::string dtype = j.value("dtype", "float64");
  if (dtype != "float32" && dtype != "float64" && dtype != "bool" &&
      dtype != "int64")
    fail(what + ": dtype '" + dtype +
         "', expected float32, float64, bool or int64");
  t.isBool = dtype == "bool";
  const Json &data = j.at("data");
  if (!data.is_array() || static_cast<int64_t>(data.size()) != t.numElements())
    fail(what + ": 'data' must be a flat array of " +
         std::to_string(t.numElements()) + " elements for shape " +
         t.shapeString());
  for (const Json &v : data) {
    if (v.is_boolean())
      t.data.push_back(v.get<bool>() ? 1.0 : 0.0);
    else if (v.is_number())
      t.data.push_back(v.get<double>());
    else
      fail(what + ": element '" + v.dump() + "' is not a number");
  }
  return t;
}

Json hopfield::reference::tensorToJson(const Tensor &t, bool asInt64) {
  Json j;
  j["shape"] = t.shape;
  j["dtype"] = asInt64 ? "int64" : "float64";
  Json data = Json::array();
  for (double v : t.data)
    asInt64 ? data.push_back(static_cast<int64_t>(v)) : data.push_back(v);
  j["data"] = std::move(data);
  return j;
}
