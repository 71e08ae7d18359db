//===- WeightStore.cpp - weight tensors of a model ------------------------===//

#include "frontend/WeightStore.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace mlir::hopfield;

WeightStore::WeightStore(StringRef modelPath)
    : baseDirectory(llvm::sys::path::parent_path(modelPath).str()) {}

bool WeightStore::load(const Json &spec, ::hopfield::TensorData &out,
                       std::string &error) {
  if (!spec.is_object() || !spec.contains("file"))
    return ::hopfield::parseTensorJson(spec, out, error);

  for (auto it = spec.begin(); it != spec.end(); ++it)
    if (it.key() != "file" && it.key() != "key") {
      error = "unknown field '" + it.key() +
              "' (a weight file reference has "
              "fields file, key)";
      return false;
    }
  if (!spec["file"].is_string() || !spec.contains("key") ||
      !spec["key"].is_string()) {
    error = "a weight file reference needs string fields 'file' and 'key'";
    return false;
  }
  std::string file = spec["file"].get<std::string>();
  std::string key = spec["key"].get<std::string>();
  SmallString<256> path(file);
  if (llvm::sys::path::is_relative(path) && !baseDirectory.empty()) {
    path = baseDirectory;
    llvm::sys::path::append(path, file);
  }

  auto cached = files.find(std::string(path));
  if (cached == files.end()) {
    std::map<std::string, ::hopfield::TensorData> tensors;
    if (!::hopfield::readSafetensors(std::string(path), tensors, error))
      return false;
    cached = files.emplace(std::string(path), std::move(tensors)).first;
  }
  auto tensor = cached->second.find(key);
  if (tensor == cached->second.end()) {
    SmallVector<StringRef> keys;
    for (const auto &entry : cached->second)
      keys.push_back(entry.first);
    error = std::string(path) + ": no tensor named '" + key +
            "' (the file holds: " +
            (keys.empty() ? std::string("nothing") : llvm::join(keys, ", ")) +
            ")";
    return false;
  }
  out = tensor->second;
  return true;
}
