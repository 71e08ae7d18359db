// RUN: hopfield-opt %s -split-input-file --hopfield-lower-to-llvm="tile-sizes=1,1,2,8" \
// RUN:   | FileCheck %s --check-prefixes=CHECK,PAR,APPROX \
// RUN:       --implicit-check-not=func.func --implicit-check-not=unrealized_conversion_cast \
// RUN:       --implicit-check-not=scf. --implicit-check-not=linalg. \
// RUN:       --implicit-check-not=memref. --implicit-check-not=bufferization. \
// RUN:       --implicit-check-not='{{= "?hopfield\.}}'
// RUN: hopfield-opt %s -split-input-file --hopfield-lower-to-llvm="tile-sizes=1,1,2,8 parallel=false" \
// RUN:   | FileCheck %s --check-prefixes=CHECK,SERIAL --implicit-check-not=omp. \
// RUN:       --implicit-check-not=func.func --implicit-check-not='{{= "?hopfield\.}}'
// RUN: hopfield-opt %s -split-input-file --hopfield-lower-to-llvm="tile-sizes=1,1,2,8 approximate-math=false" \
// RUN:   | FileCheck %s --check-prefixes=CHECK,EXACT

// Smoke test of the CPU pipeline (codegen/Pipelines.cpp): a model entry point
// in the frontend's form (frontend/README.md) lowers to the LLVM dialect
// with the artifact ABI (memref descriptors, a C interface wrapper), its
// tiles in OpenMP worksharing loops with parallel=true (the default) and in
// plain loops with parallel=false. No hopfield, func, scf, linalg, memref or
// bufferization op survives.

// A static single-step retrieval, f32: with approximate-math (the default)
// exp is a polynomial (floor, fma, bitcast), without it llvm.intr.exp.
// CHECK-LABEL: module attributes
// CHECK: llvm.func @forward(
// CHECK-SAME: attributes {llvm.emit_c_interface}
// PAR: omp.parallel
// PAR: omp.wsloop
// PAR: omp.loop_nest
// SERIAL: llvm.cond_br
// APPROX-NOT: llvm.intr.exp
// APPROX: llvm.intr.floor
// APPROX-NOT: llvm.intr.exp
// EXACT: llvm.intr.exp
// CHECK: llvm.func @_mlir_ciface_forward(%{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: !llvm.ptr)
// CHECK-SAME: attributes {llvm.emit_c_interface}
// CHECK: llvm.call @forward(
module attributes {hopfield.model = "static"} {
  func.func @forward(%y: tensor<2x16x8xf32> {hopfield.name = "y", hopfield.shape = [2, 16, 8]},
                     %p: tensor<2x16x4xf32> {hopfield.name = "p", hopfield.shape = [2, 16, 4]},
                     %r: tensor<2x4x8xf32> {hopfield.name = "r", hopfield.shape = [2, 4, 8]})
      -> (tensor<2x1x4x4xf32> {hopfield.name = "out", hopfield.shape = [2, 1, 4, 4]}) {
    %k = tensor.expand_shape %y [[0], [1, 2], [3]] output_shape [2, 1, 16, 8]
        : tensor<2x16x8xf32> into tensor<2x1x16x8xf32>
    %v = tensor.expand_shape %p [[0], [1, 2], [3]] output_shape [2, 1, 16, 4]
        : tensor<2x16x4xf32> into tensor<2x1x16x4xf32>
    %q = tensor.expand_shape %r [[0], [1, 2], [3]] output_shape [2, 1, 4, 8]
        : tensor<2x4x8xf32> into tensor<2x1x4x8xf32>
    %o = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [0]
        : tensor<2x1x4x8xf32>, tensor<2x1x16x8xf32>, tensor<2x1x16x4xf32>
        -> tensor<2x1x4x4xf32>
    return %o : tensor<2x1x4x4xf32>
  }
}

// -----

// Dynamic batch, iterating retrieval with a steps output, f64: the update
// loop is lowered too (exp stays exact in f64 with or without
// approximate-math).
// CHECK-LABEL: module attributes
// CHECK: llvm.func @forward(
// CHECK-SAME: attributes {llvm.emit_c_interface}
// PAR: omp.parallel
// PAR: omp.wsloop
// SERIAL: llvm.cond_br
// CHECK: llvm.intr.exp
// CHECK: llvm.func @_mlir_ciface_forward(
// CHECK-SAME: !llvm.ptr
module attributes {hopfield.model = "toy"} {
  func.func @forward(%y: tensor<?x32x16xf64> {hopfield.name = "y", hopfield.shape = ["y.0", 32, 16]},
                     %r: tensor<?x4x16xf64> {hopfield.name = "r", hopfield.shape = ["y.0", 4, 16]})
      -> (tensor<?x1x4x16xf64> {hopfield.name = "out", hopfield.shape = ["y.0", 1, 4, 16]},
          tensor<1xi64> {hopfield.name = "h:steps", hopfield.shape = [1], hopfield.kind = "steps", hopfield.node = "h"}) {
    %c0 = arith.constant 0 : index
    %b = tensor.dim %y, %c0 : tensor<?x32x16xf64>
    %k = tensor.expand_shape %y [[0], [1, 2], [3]] output_shape [%b, 1, 32, 16] : tensor<?x32x16xf64> into tensor<?x1x32x16xf64>
    %q = tensor.expand_shape %r [[0], [1, 2], [3]] output_shape [%b, 1, 4, 16] : tensor<?x4x16xf64> into tensor<?x1x4x16xf64>
    %o, %s = hopfield.associate %q, %k, %k beta = 0.25 max_steps = [10] {eps = array<f64: 0.03>}
      : tensor<?x1x4x16xf64>, tensor<?x1x32x16xf64>, tensor<?x1x32x16xf64> -> tensor<?x1x4x16xf64> steps tensor<1xi64>
    return %o, %s : tensor<?x1x4x16xf64>, tensor<1xi64>
  }
}
