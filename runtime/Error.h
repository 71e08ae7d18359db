//===- Error.h - Thread-local error reporting of the runtime ----*- C++ -*-===//
//
// Internal: every failing C entry point records its message here and returns
// the status. Nothing in this header is part of the C ABI.
//
//===----------------------------------------------------------------------===//

#ifndef RUNTIME_ERROR_H
#define RUNTIME_ERROR_H

#include "runtime/hopfield_runtime.h"

#include <string>

namespace hopfield::runtime {

/// Records `message` as the calling thread's last error and returns `status`.
hopfield_status fail(hopfield_status status, std::string message);

/// Clears the calling thread's last error and returns HOPFIELD_OK.
hopfield_status succeed();

/// Quotes a name for messages: 'x'.
std::string quote(const std::string &name);

} // namespace hopfield::runtime

#endif // RUNTIME_ERROR_H
