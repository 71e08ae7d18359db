// The bundled example parses, verifies and prints back; the printed form
// parses again to the same text.
// RUN: hopfield-opt %hopfield_src_root/examples/retrieval.mlir | FileCheck %s
// RUN: hopfield-opt %hopfield_src_root/examples/retrieval.mlir | hopfield-opt | FileCheck %s
// RUN: hopfield-opt %hopfield_src_root/examples/retrieval.mlir -mlir-print-op-generic | hopfield-opt | FileCheck %s

// CHECK-LABEL: func.func @retrieve
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x1x4x64xf32>, %[[X:[^:]+]]: tensor<1x1x32x64xf32>) -> (tensor<1x1x4x64xf32>, tensor<1xi64>)
// CHECK: %[[OUT:.+]], %[[STEPS:.+]] = hopfield.associate %[[Q]], %[[X]], %[[X]] beta = 8.000000e+00 max_steps = [0] : tensor<1x1x4x64xf32>, tensor<1x1x32x64xf32>, tensor<1x1x32x64xf32> -> tensor<1x1x4x64xf32> steps tensor<1xi64>{{$}}
// CHECK-NEXT: return %[[OUT]], %[[STEPS]] : tensor<1x1x4x64xf32>, tensor<1xi64>
