//===- Artifact.h - A loaded artifact ---------------------------*- C++ -*-===//
//
// Internal: the definition behind the opaque hopfield_artifact handle.
//
//===----------------------------------------------------------------------===//

#ifndef RUNTIME_ARTIFACT_H
#define RUNTIME_ARTIFACT_H

#include "runtime/Manifest.h"

#include <string>

/// The artifact's entry point (runtime/README.md, "Calling convention").
using HopfieldRunFn = void (*)(void **descriptors);

/// A loaded artifact. Never modified after hopfield_artifact_open returns, so
/// any number of threads may run it at once.
struct hopfield_artifact {
  std::string path;
  void *library = nullptr;
  HopfieldRunFn run = nullptr;
  std::string manifestJson;
  hopfield::runtime::Manifest manifest;
};

#endif // RUNTIME_ARTIFACT_H
