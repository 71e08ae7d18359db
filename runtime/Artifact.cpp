//===- Artifact.cpp - Load artifacts and describe their ports -------------===//
//
// hopfield_artifact_open loads an artifact with dlopen, resolves its two
// symbols and validates its manifest; the remaining functions here read the
// loaded manifest.
//
//===----------------------------------------------------------------------===//

#include "runtime/Artifact.h"
#include "runtime/CudaDriver.h"
#include "runtime/Error.h"
#include "runtime/MemoryPolicy.h"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <new>

using namespace hopfield::runtime;

namespace {

/// The targets this runtime runs: the host, and CUDA GPUs through the
/// driver (CudaDriver.h) when one is there.
constexpr const char *kHostTarget = "cpu";
constexpr const char *kCudaTarget = "cuda";

/// Owns a dlopen handle until released.
struct LibraryCloser {
  void operator()(void *library) const {
    if (library)
      dlclose(library);
  }
};
using LibraryHandle = std::unique_ptr<void, LibraryCloser>;

/// The last dlerror() text, or `fallback` when there is none.
std::string dlMessage(const char *fallback) {
  const char *message = dlerror();
  return message ? message : fallback;
}

/// Checks that `path` names a readable regular file.
hopfield_status checkFile(const std::string &path) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0)
    return fail(HOPFIELD_ERROR_IO, "cannot open artifact " + quote(path) +
                                       ": " + std::strerror(errno));
  if (!S_ISREG(info.st_mode))
    return fail(HOPFIELD_ERROR_IO,
                "cannot open artifact " + quote(path) + ": not a regular file");
  if (access(path.c_str(), R_OK) != 0)
    return fail(HOPFIELD_ERROR_IO, "cannot open artifact " + quote(path) +
                                       ": " + std::strerror(errno));
  return HOPFIELD_OK;
}

/// Resolves a symbol of the artifact, failing with a message naming it.
hopfield_status resolve(void *library, const std::string &path,
                        const char *symbol, void *&out) {
  dlerror();
  out = dlsym(library, symbol);
  if (!out)
    return fail(HOPFIELD_ERROR_BAD_ARTIFACT,
                "artifact " + quote(path) + " does not export '" + symbol +
                    "'; is it a hopfield artifact?");
  return HOPFIELD_OK;
}

/// Loads, resolves and validates; fills `artifact` on success.
hopfield_status load(const std::string &path, hopfield_artifact &artifact) {
  if (hopfield_status status = checkFile(path))
    return status;

  keepFreedMemoryForReuse();
  // dlopen searches the library path for names without a slash.
  std::string loadPath =
      path.find('/') == std::string::npos ? "./" + path : path;
  LibraryHandle library(dlopen(loadPath.c_str(), RTLD_NOW | RTLD_LOCAL));
  if (!library)
    return fail(HOPFIELD_ERROR_BAD_ARTIFACT,
                "cannot load artifact " + quote(path) + ": " +
                    dlMessage("not a loadable shared library"));

  void *manifestSymbol = nullptr;
  void *runSymbol = nullptr;
  if (hopfield_status status = resolve(
          library.get(), path, "hopfield_artifact_manifest", manifestSymbol))
    return status;
  if (hopfield_status status =
          resolve(library.get(), path, "hopfield_artifact_run", runSymbol))
    return status;

  auto manifestFn = reinterpret_cast<const char *(*)()>(manifestSymbol);
  const char *text = manifestFn();
  if (!text)
    return fail(HOPFIELD_ERROR_BAD_ARTIFACT,
                "artifact " + quote(path) + " returned no manifest");
  artifact.manifestJson = text;

  std::string error;
  if (!parseManifest(artifact.manifestJson, artifact.manifest, error))
    return fail(HOPFIELD_ERROR_BAD_ARTIFACT,
                "artifact " + quote(path) + " has a bad manifest: " + error);
  // Loading ran the artifact's constructors, which load a CUDA artifact's
  // GPU code (through GpuWrappers.cpp); their failure is pending here.
  std::string cudaFailure = takeCudaFailure();
  if (artifact.manifest.target == kCudaTarget) {
    std::string message;
    if (!getCudaDriver(message))
      return fail(HOPFIELD_ERROR_NO_DEVICE, "artifact " + quote(path) +
                                                " targets 'cuda', but " +
                                                message);
    if (!cudaFailure.empty())
      return fail(HOPFIELD_ERROR_DEVICE, "artifact " + quote(path) +
                                             ": loading its GPU code: " +
                                             cudaFailure);
  } else if (artifact.manifest.target != kHostTarget) {
    return fail(HOPFIELD_ERROR_WRONG_TARGET,
                "artifact " + quote(path) + " targets " +
                    quote(artifact.manifest.target) + "; this runtime runs " +
                    quote(kHostTarget) + " and " + quote(kCudaTarget) +
                    " artifacts");
  }

  artifact.path = path;
  artifact.run = reinterpret_cast<HopfieldRunFn>(runSymbol);
  artifact.library = library.release();
  return HOPFIELD_OK;
}

/// The port list of `a` selected by `inputs`, or null for a null artifact.
const std::vector<hopfield_port> *portsOf(const hopfield_artifact *a,
                                          bool inputs) {
  if (!a)
    return nullptr;
  return inputs ? &a->manifest.inputs : &a->manifest.outputs;
}

/// The port at `index`, or null with an error naming the range.
const hopfield_port *portAt(const hopfield_artifact *a, size_t index,
                            bool inputs) {
  const char *what = inputs ? "input" : "output";
  const std::vector<hopfield_port> *ports = portsOf(a, inputs);
  if (!ports) {
    fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
         std::string("null artifact passed to hopfield_artifact_") + what);
    return nullptr;
  }
  if (index >= ports->size()) {
    fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
         std::string(what) + " index " + std::to_string(index) +
             " is out of range; the artifact has " +
             std::to_string(ports->size()) + " " + what + "s");
    return nullptr;
  }
  return &(*ports)[index];
}

/// Finds a port by name.
hopfield_status findPort(const hopfield_artifact *a, const char *name,
                         size_t *index, bool inputs) {
  const char *what = inputs ? "input" : "output";
  const std::vector<hopfield_port> *ports = portsOf(a, inputs);
  if (!ports || !name || !index)
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                std::string("null argument to hopfield_artifact_find_") + what);
  for (size_t i = 0; i < ports->size(); ++i)
    if ((*ports)[i].name == name) {
      *index = i;
      return succeed();
    }
  return fail(HOPFIELD_ERROR_NOT_FOUND, "artifact " + quote(a->path) +
                                            " has no " + what + " " +
                                            quote(name));
}

/// The manifest string `member` of `a`, or "" for a null artifact.
const char *field(const hopfield_artifact *a, std::string Manifest::*member) {
  return a ? (a->manifest.*member).c_str() : "";
}

} // namespace

extern "C" {

hopfield_status hopfield_artifact_open(const char *path,
                                       hopfield_artifact **artifact) {
  if (!artifact)
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                "hopfield_artifact_open: null result pointer");
  *artifact = nullptr;
  if (!path || !*path)
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                "hopfield_artifact_open: empty artifact path");
  try {
    auto loaded = std::make_unique<hopfield_artifact>();
    if (hopfield_status status = load(path, *loaded))
      return status;
    *artifact = loaded.release();
    return succeed();
  } catch (const std::bad_alloc &) {
    return fail(HOPFIELD_ERROR_OUT_OF_MEMORY,
                std::string("out of memory while opening artifact '") + path +
                    "'");
  }
}

void hopfield_artifact_close(hopfield_artifact *artifact) {
  if (!artifact)
    return;
  if (artifact->library)
    dlclose(artifact->library);
  delete artifact;
}

const char *hopfield_artifact_path(const hopfield_artifact *a) {
  return a ? a->path.c_str() : "";
}
const char *hopfield_artifact_model(const hopfield_artifact *a) {
  return field(a, &Manifest::model);
}
const char *hopfield_artifact_target(const hopfield_artifact *a) {
  return field(a, &Manifest::target);
}
const char *hopfield_artifact_target_cpu(const hopfield_artifact *a) {
  return field(a, &Manifest::targetCpu);
}
const char *hopfield_artifact_precision(const hopfield_artifact *a) {
  return field(a, &Manifest::precision);
}
const char *hopfield_artifact_manifest_json(const hopfield_artifact *a) {
  return a ? a->manifestJson.c_str() : "";
}

size_t hopfield_artifact_num_inputs(const hopfield_artifact *a) {
  return a ? a->manifest.inputs.size() : 0;
}
size_t hopfield_artifact_num_outputs(const hopfield_artifact *a) {
  return a ? a->manifest.outputs.size() : 0;
}
const hopfield_port *hopfield_artifact_input(const hopfield_artifact *a,
                                             size_t index) {
  return portAt(a, index, /*inputs=*/true);
}
const hopfield_port *hopfield_artifact_output(const hopfield_artifact *a,
                                              size_t index) {
  return portAt(a, index, /*inputs=*/false);
}
hopfield_status hopfield_artifact_find_input(const hopfield_artifact *a,
                                             const char *name, size_t *index) {
  return findPort(a, name, index, /*inputs=*/true);
}
hopfield_status hopfield_artifact_find_output(const hopfield_artifact *a,
                                              const char *name, size_t *index) {
  return findPort(a, name, index, /*inputs=*/false);
}

const char *hopfield_port_name(const hopfield_port *p) {
  return p ? p->name.c_str() : "";
}
hopfield_dtype hopfield_port_dtype(const hopfield_port *p) {
  return p ? p->dtype : HOPFIELD_FLOAT32;
}
size_t hopfield_port_rank(const hopfield_port *p) {
  return p ? p->shape.size() : 0;
}
hopfield_status hopfield_port_dim(const hopfield_port *p, size_t dim,
                                  int64_t *size, const char **symbol) {
  if (!p)
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                "null port passed to hopfield_port_dim");
  if (dim >= p->shape.size())
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                "dimension " + std::to_string(dim) + " of " + quote(p->name) +
                    " is out of range; its rank is " +
                    std::to_string(p->shape.size()));
  const hopfield_dim &entry = p->shape[dim];
  if (size)
    *size = entry.size;
  if (symbol)
    *symbol = entry.size < 0 ? entry.symbol.c_str() : nullptr;
  return succeed();
}
const char *hopfield_port_kind(const hopfield_port *p) {
  return p ? p->kind.c_str() : "";
}
const char *hopfield_port_node(const hopfield_port *p) {
  return p ? p->node.c_str() : "";
}

} // extern "C"
