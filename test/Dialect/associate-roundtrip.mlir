// RUN: hopfield-opt %s | FileCheck %s
// RUN: hopfield-opt %s | hopfield-opt | FileCheck %s

// CHECK-LABEL: func.func @single_step
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>)
// CHECK: %[[OUT:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 5.000000e-01 max_steps = [0]
// CHECK-SAME: : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
// CHECK: return %[[OUT]]
func.func @single_step(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                       %v: tensor<2x3x6x5xf32>) -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}
