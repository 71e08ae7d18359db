//===- MemoryPolicy.cpp - how artifacts' temporaries are kept -------------===//

#include "runtime/MemoryPolicy.h"

#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void hopfield::runtime::keepFreedMemoryForReuse() {
  static std::once_flag once;
  std::call_once(once, [] {
#if defined(__GLIBC__)
    // 32 MiB is the largest mmap threshold glibc accepts on 64-bit.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
  });
}
