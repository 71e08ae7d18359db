// RUN: hopfield-opt %s | FileCheck %s
// RUN: hopfield-opt %s | hopfield-opt | FileCheck %s

// hopfield.lse and hopfield.energy.

// CHECK-LABEL: func.func @lse_rank2
// CHECK-SAME: (%[[Z:.+]]: tensor<4x10xf32>) -> tensor<4xf32>
// CHECK: %[[R:.+]] = hopfield.lse %[[Z]] beta = 2.000000e+00 : tensor<4x10xf32> -> tensor<4xf32>{{$}}
// CHECK: return %[[R]] : tensor<4xf32>
func.func @lse_rank2(%z: tensor<4x10xf32>) -> tensor<4xf32> {
  %r = hopfield.lse %z beta = 2.0 : tensor<4x10xf32> -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @lse_rank3
// CHECK-SAME: (%[[Z:.+]]: tensor<2x4x10xf64>) -> tensor<2x4xf64>
// CHECK: %[[R:.+]] = hopfield.lse %[[Z]] beta = 5.000000e-01 : tensor<2x4x10xf64> -> tensor<2x4xf64>{{$}}
// CHECK: return %[[R]] : tensor<2x4xf64>
func.func @lse_rank3(%z: tensor<2x4x10xf64>) -> tensor<2x4xf64> {
  %r = hopfield.lse %z beta = 0.5 : tensor<2x4x10xf64> -> tensor<2x4xf64>
  return %r : tensor<2x4xf64>
}

// Rank 1 reduces to a rank-0 tensor.
// CHECK-LABEL: func.func @lse_rank1
// CHECK: hopfield.lse %{{.+}} beta = 1.000000e+00 : tensor<10xf32> -> tensor<f32>{{$}}
func.func @lse_rank1(%z: tensor<10xf32>) -> tensor<f32> {
  %r = hopfield.lse %z beta = 1.0 : tensor<10xf32> -> tensor<f32>
  return %r : tensor<f32>
}

// CHECK-LABEL: func.func @lse_dynamic
// CHECK-SAME: (%[[Z:.+]]: tensor<?x?xf16>) -> tensor<?xf16>
// CHECK: hopfield.lse %[[Z]] beta = 8.000000e+00 : tensor<?x?xf16> -> tensor<?xf16>{{$}}
func.func @lse_dynamic(%z: tensor<?x?xf16>) -> tensor<?xf16> {
  %r = hopfield.lse %z beta = 8.0 : tensor<?x?xf16> -> tensor<?xf16>
  return %r : tensor<?xf16>
}

// CHECK-LABEL: func.func @lse_dynamic_rank3
// CHECK: hopfield.lse %{{.+}} beta = 3.000000e+00 : tensor<?x4x?xbf16> -> tensor<?x4xbf16>{{$}}
func.func @lse_dynamic_rank3(%z: tensor<?x4x?xbf16>) -> tensor<?x4xbf16> {
  %r = hopfield.lse %z beta = 3.0 : tensor<?x4x?xbf16> -> tensor<?x4xbf16>
  return %r : tensor<?x4xbf16>
}

// CHECK-LABEL: func.func @energy_rank2
// CHECK-SAME: (%[[X:.+]]: tensor<4x8xf32>, %[[P:.+]]: tensor<16x8xf32>) -> tensor<4xf32>
// CHECK: %[[E:.+]] = hopfield.energy %[[X]], %[[P]] beta = 1.000000e+00 : tensor<4x8xf32>, tensor<16x8xf32> -> tensor<4xf32>{{$}}
// CHECK: return %[[E]] : tensor<4xf32>
func.func @energy_rank2(%x: tensor<4x8xf32>, %p: tensor<16x8xf32>)
    -> tensor<4xf32> {
  %e = hopfield.energy %x, %p beta = 1.0
      : tensor<4x8xf32>, tensor<16x8xf32> -> tensor<4xf32>
  return %e : tensor<4xf32>
}

// CHECK-LABEL: func.func @energy_rank3
// CHECK-SAME: (%[[X:.+]]: tensor<2x4x8xf64>, %[[P:.+]]: tensor<2x16x8xf64>) -> tensor<2x4xf64>
// CHECK: hopfield.energy %[[X]], %[[P]] beta = 2.500000e-01 : tensor<2x4x8xf64>, tensor<2x16x8xf64> -> tensor<2x4xf64>{{$}}
func.func @energy_rank3(%x: tensor<2x4x8xf64>, %p: tensor<2x16x8xf64>)
    -> tensor<2x4xf64> {
  %e = hopfield.energy %x, %p beta = 0.25
      : tensor<2x4x8xf64>, tensor<2x16x8xf64> -> tensor<2x4xf64>
  return %e : tensor<2x4xf64>
}

// Operand order is kept: the patterns are the second operand.
// CHECK-LABEL: func.func @energy_dynamic
// CHECK-SAME: (%[[P:.+]]: tensor<?x?x8xf32>, %[[X:.+]]: tensor<?x?x8xf32>) -> tensor<?x?xf32>
// CHECK: hopfield.energy %[[X]], %[[P]] beta = 3.000000e+00 : tensor<?x?x8xf32>, tensor<?x?x8xf32> -> tensor<?x?xf32>{{$}}
func.func @energy_dynamic(%p: tensor<?x?x8xf32>, %x: tensor<?x?x8xf32>)
    -> tensor<?x?xf32> {
  %e = hopfield.energy %x, %p beta = 3.0
      : tensor<?x?x8xf32>, tensor<?x?x8xf32> -> tensor<?x?xf32>
  return %e : tensor<?x?xf32>
}

// Both ops in one function.
// CHECK-LABEL: func.func @energy_and_lse
// CHECK: %[[L:.+]] = hopfield.lse %{{.+}} beta = 4.000000e+00 : tensor<3x5xf32> -> tensor<3xf32>
// CHECK: %[[E:.+]] = hopfield.energy %{{.+}}, %{{.+}} beta = 4.000000e+00 : tensor<3x2xf32>, tensor<5x2xf32> -> tensor<3xf32>
// CHECK: return %[[L]], %[[E]] : tensor<3xf32>, tensor<3xf32>
func.func @energy_and_lse(%z: tensor<3x5xf32>, %x: tensor<3x2xf32>,
                          %p: tensor<5x2xf32>)
    -> (tensor<3xf32>, tensor<3xf32>) {
  %l = hopfield.lse %z beta = 4.0 : tensor<3x5xf32> -> tensor<3xf32>
  %e = hopfield.energy %x, %p beta = 4.0
      : tensor<3x2xf32>, tensor<5x2xf32> -> tensor<3xf32>
  return %l, %e : tensor<3xf32>, tensor<3xf32>
}
