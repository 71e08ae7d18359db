//===- MemoryPolicy.h - how artifacts' temporaries are kept ------*- C++ -*-===//
//
// An artifact allocates its intermediate tensors with malloc on every run
// (also from the OpenMP worker threads) and frees them before it returns.
// With glibc's defaults, buffers over 128 KiB are mapped and unmapped per
// run, and freed heap tops are trimmed, so every run faults its memory in
// again and unmapping interrupts the other cores (TLB shootdowns): a
// four-layer MHA stack lowered with `materialize` at T = 1024 (16 MiB score
// tensors) ran 2.7x slower (109 ms against 40 ms per run) than with the
// memory kept. The runtime therefore asks malloc, once per process, to serve
// buffers up to 32 MiB from its heaps and to keep up to 1 GiB of freed heap
// for the next run (mallopt M_MMAP_THRESHOLD / M_TRIM_THRESHOLD). Larger
// buffers are still mapped per run.
//
//===----------------------------------------------------------------------===//

#ifndef RUNTIME_MEMORYPOLICY_H
#define RUNTIME_MEMORYPOLICY_H

namespace hopfield::runtime {

/// Applies the policy above; idempotent and thread-safe. A no-op where the
/// C library has no mallopt.
void keepFreedMemoryForReuse();

} // namespace hopfield::runtime

#endif // RUNTIME_MEMORYPOLICY_H
