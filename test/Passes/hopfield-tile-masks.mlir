// RUN: hopfield-opt %s -hopfield-tile="tile-sizes=1,2,8,16" | FileCheck %s

// Masks and biases broadcast along their dimensions of static size 1: such a
// dimension is sliced as [0, 1) whatever the tile, the other dimensions
// follow the (b, h, l, s) tile. head_beta follows the head tile.
// CHECK-LABEL: func.func @broadcast_mask_and_bias
// CHECK-SAME: %[[M:[^:]+]]: tensor<1x1x32x64xi1>, %[[BIAS:[^:]+]]: tensor<2x1x1x64xf32>, %[[HB:[^:]+]]: tensor<4xf32>
// CHECK: scf.for %[[B:[^ ]+]] =
// CHECK: scf.for %[[H:[^ ]+]] =
// CHECK: scf.for %[[L:[^ ]+]] =
// CHECK: scf.for %[[S:[^ ]+]] =
// CHECK-DAG: %[[MT:.+]] = tensor.extract_slice %[[M]][0, 0, %[[L]], %[[S]]] [1, 1, 8, 16] [1, 1, 1, 1] : tensor<1x1x32x64xi1> to tensor<1x1x8x16xi1>
// CHECK-DAG: %[[BT:.+]] = tensor.extract_slice %[[BIAS]][%[[B]], 0, 0, %[[S]]] [1, 1, 1, 16] [1, 1, 1, 1] : tensor<2x1x1x64xf32> to tensor<1x1x1x16xf32>
// CHECK-DAG: %[[HBT:.+]] = tensor.extract_slice %[[HB]][%[[H]]] [2] [1] : tensor<4xf32> to tensor<2xf32>
// CHECK: hopfield.online_associate %{{.+}}, %{{.+}}, %{{.+}} head_beta(%[[HBT]] : tensor<2xf32>) mask(%[[MT]] : tensor<1x1x8x16xi1>) bias(%[[BT]] : tensor<1x1x1x16xf32>) offsets(%[[L]], %[[S]]) beta = 1.000000e+00 outs(
// CHECK-SAME: -> tensor<1x2x8x8xf32>, tensor<1x2x8xf32>, tensor<1x2x8xf32>
func.func @broadcast_mask_and_bias(%q: tensor<2x4x32x8xf32>, %k: tensor<2x4x64x8xf32>,
                                   %v: tensor<2x4x64x8xf32>,
                                   %m: tensor<1x1x32x64xi1>,
                                   %bias: tensor<2x1x1x64xf32>, %hb: tensor<4xf32>,
                                   %acc: tensor<2x4x32x8xf32>,
                                   %max: tensor<2x4x32xf32>,
                                   %sum: tensor<2x4x32xf32>)
    -> tensor<2x4x32x8xf32> {
  %r:3 = hopfield.online_associate %q, %k, %v head_beta(%hb : tensor<4xf32>)
      mask(%m : tensor<1x1x32x64xi1>) bias(%bias : tensor<2x1x1x64xf32>)
      beta = 1.0 outs(%acc, %max, %sum)
      : tensor<2x4x32x8xf32>, tensor<2x4x64x8xf32>, tensor<2x4x64x8xf32>
      -> tensor<2x4x32x8xf32>, tensor<2x4x32xf32>, tensor<2x4x32xf32>
  return %r#0 : tensor<2x4x32x8xf32>
}
