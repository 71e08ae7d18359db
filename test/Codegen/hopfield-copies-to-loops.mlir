// RUN: hopfield-opt %s -hopfield-copies-to-loops | FileCheck %s

// A copy between strided views would become a call of MLIR's `memrefCopy`
// runtime function, which artifacts do not link: it becomes linalg.copy.
// CHECK-LABEL: func.func @strided
// CHECK-SAME: (%[[SRC:[^:]+]]: memref<4x8xf32, strided<[16, 1], offset: ?>>, %[[DST:[^:]+]]: memref<4x8xf32>)
// CHECK-NOT: memref.copy
// CHECK: linalg.copy ins(%[[SRC]] : memref<4x8xf32, strided<[16, 1], offset: ?>>) outs(%[[DST]] : memref<4x8xf32>)
func.func @strided(%src: memref<4x8xf32, strided<[16, 1], offset: ?>>, %dst: memref<4x8xf32>) {
  memref.copy %src, %dst : memref<4x8xf32, strided<[16, 1], offset: ?>> to memref<4x8xf32>
  return
}

// A contiguous copy stays memref.copy (it becomes llvm.memcpy).
// CHECK-LABEL: func.func @contiguous
// CHECK: memref.copy %{{.+}}, %{{.+}} : memref<?x8xf32> to memref<?x8xf32>
// CHECK-NOT: linalg.copy
func.func @contiguous(%src: memref<?x8xf32>, %dst: memref<?x8xf32>) {
  memref.copy %src, %dst : memref<?x8xf32> to memref<?x8xf32>
  return
}
