// The textual pipeline nests both passes on func.func and passes the tile
// sizes as a pass option; it gives the same result as the flag spelling.
// RUN: hopfield-opt %s --pass-pipeline="builtin.module(func.func(hopfield-to-online,hopfield-tile{tile-sizes=1,1,8,16}))" | FileCheck %s
// RUN: hopfield-opt %s --hopfield-to-online --hopfield-tile="tile-sizes=1,1,8,16" | FileCheck %s

// CHECK-LABEL: func.func @pipeline
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x1x16x8xf32>, %[[K:[^:]+]]: tensor<1x1x32x8xf32>, %[[V:[^:]+]]: tensor<1x1x32x4xf32>)
// CHECK-DAG: %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK-DAG: %[[ACC0:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x1x16x4xf32>)
// CHECK-DAG: %[[MAX0:.+]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.+}} : tensor<1x1x16xf32>)
// CHECK-DAG: %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG: %[[C32:.+]] = arith.constant 32 : index
// CHECK-DAG: %[[C8:.+]] = arith.constant 8 : index
// CHECK: %[[R:.+]]:3 = scf.for %[[B:[^ ]+]] = {{.+}} iter_args(%{{[^ ]+}} = %[[ACC0]], %{{[^ ]+}} = %[[MAX0]], %{{[^ ]+}} = %{{[^ ]+}})
// CHECK: scf.for %[[H:[^ ]+]] =
// CHECK: scf.for %[[L:[^ ]+]] = %{{.+}} to %[[C16]] step %[[C8]] iter_args
// CHECK: scf.for %[[S:[^ ]+]] = %{{.+}} to %[[C32]] step %{{[^ ]+}} iter_args
// CHECK-DAG: %[[QT:.+]] = tensor.extract_slice %[[Q]][%[[B]], %[[H]], %[[L]], 0] [1, 1, 8, 8]
// CHECK-DAG: %[[KT:.+]] = tensor.extract_slice %[[K]][%[[B]], %[[H]], %[[S]], 0] [1, 1, 16, 8]
// CHECK-DAG: %[[VT:.+]] = tensor.extract_slice %[[V]][%[[B]], %[[H]], %[[S]], 0] [1, 1, 16, 4]
// CHECK: hopfield.online_associate %[[QT]], %[[KT]], %[[VT]] offsets(%[[L]], %[[S]]) beta = 5.000000e-01 outs(
// CHECK-SAME: -> tensor<1x1x8x4xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>
// CHECK: %[[OUT:.+]] = hopfield.finalize %[[R]]#0, %[[R]]#2 : tensor<1x1x16x4xf32>, tensor<1x1x16xf32> -> tensor<1x1x16x4xf32>
// CHECK: return %[[OUT]]
func.func @pipeline(%q: tensor<1x1x16x8xf32>, %k: tensor<1x1x32x8xf32>,
                    %v: tensor<1x1x32x4xf32>) -> tensor<1x1x16x4xf32> {
  %out = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [0]
      : tensor<1x1x16x8xf32>, tensor<1x1x32x8xf32>, tensor<1x1x32x4xf32>
      -> tensor<1x1x16x4xf32>
  return %out : tensor<1x1x16x4xf32>
}
