/*===- FakeScale.c - A hand-written CPU artifact with a dynamic size -----===//
 *
 * Stands in for a compiled artifact in the runtime tests: y = 2 * x * mask
 * (mask broadcast along rows) for x of shape [x.0, 3], plus a steps output
 * for node "scale" holding {x.0, x.0 + 1}. When a descriptor is not the
 * row-major, offset-0, 64-byte aligned layout the runtime promises, every
 * steps entry is -1 instead, so the tests notice.
 *
 *===----------------------------------------------------------------------===*/

#include "FakeMemRef.h"

#include <stddef.h>

const char *hopfield_artifact_manifest(void) {
  return "{\"format\": \"hopfield-artifact/1\", \"model\": \"fake-scale\","
         " \"target\": \"cpu\", \"target_cpu\": \"generic\","
         " \"precision\": \"f64\","
         " \"inputs\": ["
         "  {\"name\": \"x\", \"dtype\": \"float64\", \"shape\": [\"x.0\", 3]},"
         "  {\"name\": \"mask\", \"dtype\": \"bool\", \"shape\": [\"x.0\"]}],"
         " \"outputs\": ["
         "  {\"name\": \"y\", \"dtype\": \"float64\", \"shape\": [\"x.0\", 3],"
         "   \"kind\": \"tensor\"},"
         "  {\"name\": \"scale:steps\", \"dtype\": \"int64\", \"shape\": [2],"
         "   \"kind\": \"steps\", \"node\": \"scale\"}]}";
}

/// Whether `m` is a contiguous row-major rank-2 descriptor.
static int wellFormed2(const FakeMemRef2 *m) {
  return m->allocated == m->aligned && m->offset == 0 &&
         ((uintptr_t)m->aligned) % 64 == 0 && m->strides[1] == 1 &&
         m->strides[0] == m->sizes[1];
}

/// Whether `m` is a contiguous rank-1 descriptor.
static int wellFormed1(const FakeMemRef1 *m) {
  return m->allocated == m->aligned && m->offset == 0 &&
         ((uintptr_t)m->aligned) % 64 == 0 && m->strides[0] == 1;
}

void hopfield_artifact_run(void **descriptors) {
  const FakeMemRef2 *x = (const FakeMemRef2 *)descriptors[0];
  const FakeMemRef1 *mask = (const FakeMemRef1 *)descriptors[1];
  const FakeMemRef2 *y = (const FakeMemRef2 *)descriptors[2];
  const FakeMemRef1 *steps = (const FakeMemRef1 *)descriptors[3];
  const double *in = (const double *)x->aligned;
  const unsigned char *keep = (const unsigned char *)mask->aligned;
  double *out = (double *)y->aligned;
  int64_t *count = (int64_t *)steps->aligned;

  int ok = wellFormed2(x) && wellFormed1(mask) && wellFormed2(y) &&
           wellFormed1(steps) && x->sizes[1] == 3 && y->sizes[1] == 3 &&
           mask->sizes[0] == x->sizes[0] && y->sizes[0] == x->sizes[0] &&
           steps->sizes[0] == 2;
  if (!ok) {
    for (int64_t h = 0; h < steps->sizes[0]; ++h)
      count[h] = -1;
    return;
  }
  for (int64_t i = 0; i < x->sizes[0]; ++i)
    for (int64_t j = 0; j < 3; ++j)
      out[i * 3 + j] = 2.0 * in[i * 3 + j] * (double)keep[i];
  count[0] = x->sizes[0];
  count[1] = x->sizes[0] + 1;
}
