//===- TensorData.cpp - tensors as JSON and safetensors -------------------===//

#include "frontend/TensorData.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>

namespace hopfield {

namespace {

const char *const kDtypes[] = {"float16", "bfloat16", "float32", "float64",
                               "bool",    "int64",    "uint8"};

std::string dtypeList() {
  std::string list;
  for (const char *dtype : kDtypes) {
    if (!list.empty())
      list += ", ";
    list += dtype;
  }
  return list;
}

/// Reads one JSON value of a tensor's data into a double, checking that it
/// fits `dtype`. Returns false with `error` set otherwise.
template <typename Json>
bool readValue(const Json &v, const std::string &dtype, double &out,
               std::string &error) {
  if (dtype == "bool") {
    if (v.is_boolean()) {
      out = v.template get<bool>() ? 1.0 : 0.0;
      return true;
    }
    if (v.is_number_integer() && (v == 0 || v == 1)) {
      out = v.template get<int64_t>();
      return true;
    }
    error = "expected true, false, 0 or 1 for dtype bool, got " + v.dump();
    return false;
  }
  if (dtype == "int64" || dtype == "uint8") {
    if (!v.is_number_integer()) {
      error = "expected an integer for dtype " + dtype + ", got " + v.dump();
      return false;
    }
    bool inByteRange =
        v.is_number_unsigned() && v.template get<uint64_t>() <= 255;
    if (dtype == "uint8" && !inByteRange) {
      error =
          "expected an integer in [0, 255] for dtype uint8, got " + v.dump();
      return false;
    }
    out = v.is_number_unsigned()
              ? static_cast<double>(v.template get<uint64_t>())
              : static_cast<double>(v.template get<int64_t>());
    return true;
  }
  if (!v.is_number()) {
    error = "expected a number for dtype " + dtype + ", got " + v.dump();
    return false;
  }
  out = v.template get<double>();
  if (!std::isfinite(out)) {
    error = "holds a non-finite value (" + v.dump() +
            "); NaN and infinities are not accepted";
    return false;
  }
  return true;
}

template <typename Json>
bool parseTensorJsonImpl(const Json &j, TensorData &out, std::string &error) {
  if (!j.is_object()) {
    error =
        "a tensor must be an object {\"shape\", \"dtype\", \"data\"}, got " +
        std::string(j.type_name());
    return false;
  }
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "shape" && it.key() != "dtype" && it.key() != "data") {
      error = "unknown tensor field '" + it.key() +
              "' (expected shape, dtype, data)";
      return false;
    }
  for (const char *field : {"shape", "dtype", "data"})
    if (!j.contains(field)) {
      error = std::string("tensor field '") + field + "' is missing";
      return false;
    }

  TensorData t;
  const Json &shape = j["shape"];
  if (!shape.is_array()) {
    error = "tensor field 'shape' must be an array of non-negative integers";
    return false;
  }
  for (const auto &d : shape) {
    if (!d.is_number_integer() || d.template get<int64_t>() < 0) {
      error = "tensor field 'shape' must be an array of non-negative "
              "integers, got " +
              shape.dump();
      return false;
    }
    t.shape.push_back(d.template get<int64_t>());
  }
  const Json &dtype = j["dtype"];
  if (!dtype.is_string() || !isKnownDtype(dtype.template get<std::string>())) {
    error = "tensor field 'dtype' is " + dtype.dump() + ", expected one of " +
            dtypeList();
    return false;
  }
  t.dtype = dtype.template get<std::string>();

  const Json &data = j["data"];
  if (!data.is_array()) {
    error = "tensor field 'data' must be a flat array";
    return false;
  }
  int64_t count = numElements(t.shape);
  if (count < 0 || static_cast<int64_t>(data.size()) != count) {
    error = "tensor field 'data' has " + std::to_string(data.size()) +
            " values, expected " + std::to_string(count) + " for shape " +
            formatShape(t.shape);
    return false;
  }
  t.values.reserve(data.size());
  size_t index = 0;
  for (const auto &v : data) {
    double value;
    std::string why;
    if (!readValue(v, t.dtype, value, why)) {
      error =
          "tensor field 'data' at index " + std::to_string(index) + ": " + why;
      return false;
    }
    t.values.push_back(value);
    ++index;
  }
  out = std::move(t);
  return true;
}

//===----------------------------------------------------------------------===//
// safetensors
//===----------------------------------------------------------------------===//

uint64_t loadLittleEndian(const unsigned char *p, size_t bytes) {
  uint64_t v = 0;
  for (size_t i = 0; i < bytes; ++i)
    v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}

double halfToDouble(uint16_t h) {
  int sign = (h >> 15) & 1;
  int exponent = (h >> 10) & 0x1f;
  int mantissa = h & 0x3ff;
  double value;
  if (exponent == 0)
    value = std::ldexp(static_cast<double>(mantissa), -24);
  else if (exponent == 31)
    value = mantissa ? std::numeric_limits<double>::quiet_NaN()
                     : std::numeric_limits<double>::infinity();
  else
    value = std::ldexp(static_cast<double>(mantissa | 0x400), exponent - 25);
  return sign ? -value : value;
}

double bitsToFloat(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}

double bitsToDouble(uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof(d));
  return d;
}

struct SafetensorsDtype {
  const char *name;
  const char *dtype;
  size_t bytes;
};

const SafetensorsDtype kSafetensorsDtypes[] = {
    {"F16", "float16", 2}, {"BF16", "bfloat16", 2}, {"F32", "float32", 4},
    {"F64", "float64", 8}, {"BOOL", "bool", 1},     {"U8", "uint8", 1},
    {"I64", "int64", 8}};

double decode(const SafetensorsDtype &type, const unsigned char *p) {
  uint64_t raw = loadLittleEndian(p, type.bytes);
  std::string name = type.name;
  if (name == "F16")
    return halfToDouble(static_cast<uint16_t>(raw));
  if (name == "BF16")
    return bitsToFloat(static_cast<uint32_t>(raw) << 16);
  if (name == "F32")
    return bitsToFloat(static_cast<uint32_t>(raw));
  if (name == "F64")
    return bitsToDouble(raw);
  if (name == "BOOL")
    return raw != 0 ? 1.0 : 0.0;
  if (name == "U8")
    return static_cast<double>(raw);
  return static_cast<double>(static_cast<int64_t>(raw));
}

/// Validates one header entry and decodes its data from `data` (`size`
/// bytes, the part of the file after the header).
bool readEntry(const std::string &key, const nlohmann::json &entry,
               const unsigned char *data, uint64_t size, TensorData &out,
               std::string &error) {
  if (!entry.is_object()) {
    error = "entry '" + key + "' must be an object";
    return false;
  }
  for (auto it = entry.begin(); it != entry.end(); ++it)
    if (it.key() != "dtype" && it.key() != "shape" &&
        it.key() != "data_offsets") {
      error = "entry '" + key + "' has unknown field '" + it.key() + "'";
      return false;
    }
  if (!entry.contains("dtype") || !entry["dtype"].is_string()) {
    error = "entry '" + key + "' needs a string 'dtype'";
    return false;
  }
  std::string name = entry["dtype"].get<std::string>();
  const SafetensorsDtype *type = nullptr;
  for (const SafetensorsDtype &candidate : kSafetensorsDtypes)
    if (name == candidate.name)
      type = &candidate;
  if (!type) {
    error = "entry '" + key + "' has unsupported dtype '" + name +
            "' (expected F16, BF16, F32, F64, BOOL, U8 or I64)";
    return false;
  }
  if (!entry.contains("shape") || !entry["shape"].is_array()) {
    error = "entry '" + key + "' needs an array 'shape'";
    return false;
  }
  TensorData t;
  t.dtype = type->dtype;
  for (const auto &d : entry["shape"]) {
    if (!d.is_number_integer() || d.get<int64_t>() < 0) {
      error = "entry '" + key + "' has a bad shape " + entry["shape"].dump();
      return false;
    }
    t.shape.push_back(d.get<int64_t>());
  }
  const nlohmann::json &offsets = entry.value("data_offsets", nlohmann::json());
  if (!offsets.is_array() || offsets.size() != 2 ||
      !offsets[0].is_number_unsigned() || !offsets[1].is_number_unsigned()) {
    error =
        "entry '" + key + "' needs 'data_offsets' as two non-negative integers";
    return false;
  }
  uint64_t begin = offsets[0].get<uint64_t>();
  uint64_t end = offsets[1].get<uint64_t>();
  int64_t count = numElements(t.shape);
  if (begin > end || end > size) {
    error = "entry '" + key + "' has data_offsets [" + std::to_string(begin) +
            "," + std::to_string(end) + "] outside the data section (" +
            std::to_string(size) + " bytes)";
    return false;
  }
  if (count < 0 || end - begin != static_cast<uint64_t>(count) * type->bytes) {
    error = "entry '" + key + "' has " + std::to_string(end - begin) +
            " bytes of data, expected " +
            std::to_string(count < 0 ? 0 : count * type->bytes) +
            " for shape " + formatShape(t.shape) + " and dtype " + name;
    return false;
  }
  t.values.reserve(count);
  for (int64_t i = 0; i < count; ++i) {
    double value = decode(*type, data + begin + i * type->bytes);
    if (!std::isfinite(value)) {
      error = "entry '" + key + "' holds a non-finite value at index " +
              std::to_string(i);
      return false;
    }
    t.values.push_back(value);
  }
  out = std::move(t);
  return true;
}

} // namespace

bool isFloatDtype(const std::string &dtype) {
  return dtype == "float16" || dtype == "bfloat16" || dtype == "float32" ||
         dtype == "float64";
}

bool isKnownDtype(const std::string &dtype) {
  for (const char *known : kDtypes)
    if (dtype == known)
      return true;
  return false;
}

int64_t numElements(const std::vector<int64_t> &shape) {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0 || (d != 0 && count > std::numeric_limits<int64_t>::max() / d))
      return -1;
    count *= d;
  }
  return count;
}

std::string formatShape(const std::vector<int64_t> &shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      text += ",";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

bool parseTensorJson(const nlohmann::json &j, TensorData &out,
                     std::string &error) {
  return parseTensorJsonImpl(j, out, error);
}

bool parseTensorJson(const nlohmann::ordered_json &j, TensorData &out,
                     std::string &error) {
  return parseTensorJsonImpl(j, out, error);
}

nlohmann::json tensorToJson(const TensorData &t) {
  nlohmann::json data = nlohmann::json::array();
  for (double v : t.values) {
    if (t.dtype == "bool")
      data.push_back(v != 0.0);
    else if (t.dtype == "int64" || t.dtype == "uint8")
      data.push_back(static_cast<int64_t>(v));
    else
      data.push_back(v);
  }
  return {{"shape", t.shape}, {"dtype", t.dtype}, {"data", std::move(data)}};
}

bool readSafetensors(const std::string &path,
                     std::map<std::string, TensorData> &out,
                     std::string &error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    error = path + ": cannot open file: " + std::strerror(errno);
    return false;
  }
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(file)),
                                   std::istreambuf_iterator<char>());
  auto fail = [&](const std::string &what) {
    error = path + ": bad safetensors file: " + what;
    return false;
  };
  if (bytes.size() < 8)
    return fail("the file has " + std::to_string(bytes.size()) +
                " bytes, too short for the 8-byte header length");
  uint64_t headerSize = loadLittleEndian(bytes.data(), 8);
  if (headerSize > bytes.size() - 8)
    return fail("header length " + std::to_string(headerSize) +
                " exceeds the " + std::to_string(bytes.size() - 8) +
                " bytes after the length field");
  std::string headerText(bytes.begin() + 8, bytes.begin() + 8 + headerSize);
  nlohmann::json header = nlohmann::json::parse(headerText, nullptr,
                                                /*allow_exceptions=*/false);
  if (header.is_discarded())
    return fail("the header is not valid JSON");
  if (!header.is_object())
    return fail("the header must be a JSON object");

  const unsigned char *data = bytes.data() + 8 + headerSize;
  uint64_t dataSize = bytes.size() - 8 - headerSize;
  std::map<std::string, TensorData> tensors;
  for (auto it = header.begin(); it != header.end(); ++it) {
    if (it.key() == "__metadata__") {
      if (!it.value().is_object())
        return fail("'__metadata__' must be an object");
      continue;
    }
    std::string why;
    if (!readEntry(it.key(), it.value(), data, dataSize, tensors[it.key()],
                   why))
      return fail(why);
  }
  out = std::move(tensors);
  return true;
}

} // namespace hopfield
