/*===- FakeMemRef.h - Memref descriptors for the fake artifacts -*- C -*-===//
 *
 * The ranked memref descriptors of runtime/README.md ("Calling convention"),
 * as the hand-written test artifacts in this folder read them.
 *
 *===----------------------------------------------------------------------===*/

#ifndef TEST_UNIT_ARTIFACTS_FAKEMEMREF_H
#define TEST_UNIT_ARTIFACTS_FAKEMEMREF_H

#include <stdint.h>

/// A rank-1 memref descriptor.
typedef struct {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
} FakeMemRef1;

/// A rank-2 memref descriptor.
typedef struct {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes[2];
  int64_t strides[2];
} FakeMemRef2;

#endif /* TEST_UNIT_ARTIFACTS_FAKEMEMREF_H */
