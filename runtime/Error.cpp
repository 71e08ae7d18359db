//===- Error.cpp - Thread-local error reporting of the runtime ------------===//
//
// The only mutable state of the runtime: one message per thread.
//
//===----------------------------------------------------------------------===//

#include "runtime/Error.h"

#include <utility>

namespace {
/// The last failure's message on this thread.
thread_local std::string lastError;
} // namespace

namespace hopfield::runtime {

hopfield_status fail(hopfield_status status, std::string message) {
  lastError = std::move(message);
  return status;
}

hopfield_status succeed() {
  lastError.clear();
  return HOPFIELD_OK;
}

std::string quote(const std::string &name) { return "'" + name + "'"; }

} // namespace hopfield::runtime

using namespace hopfield::runtime;

extern "C" {

const char *hopfield_last_error(void) { return lastError.c_str(); }

const char *hopfield_status_name(hopfield_status status) {
  switch (status) {
  case HOPFIELD_OK:
    return "ok";
  case HOPFIELD_ERROR_INVALID_ARGUMENT:
    return "invalid argument";
  case HOPFIELD_ERROR_IO:
    return "I/O error";
  case HOPFIELD_ERROR_BAD_ARTIFACT:
    return "bad artifact";
  case HOPFIELD_ERROR_WRONG_TARGET:
    return "wrong target";
  case HOPFIELD_ERROR_DTYPE_MISMATCH:
    return "dtype mismatch";
  case HOPFIELD_ERROR_SHAPE_MISMATCH:
    return "shape mismatch";
  case HOPFIELD_ERROR_NON_FINITE:
    return "non-finite input";
  case HOPFIELD_ERROR_OUT_OF_MEMORY:
    return "out of memory";
  case HOPFIELD_ERROR_NOT_FOUND:
    return "not found";
  case HOPFIELD_ERROR_NO_DEVICE:
    return "no CUDA device";
  case HOPFIELD_ERROR_DEVICE:
    return "CUDA failure";
  }
  return "unknown status";
}

} // extern "C"
