// RUN: hopfield-opt %s -hopfield-to-online -cse | FileCheck %s

// Two single-step associations over the same operands (different beta, so
// that they stay two ops) get equal running-state fills from
// hopfield-to-online; CSE keeps one set of fills, read by both online ops.
// CHECK-LABEL: func.func @shared_fills
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x2x4x8xf32>, %[[K:[^:]+]]: tensor<1x2x6x8xf32>, %[[V:[^:]+]]: tensor<1x2x6x5xf32>)
// CHECK-DAG: %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[ACC0:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<1x2x4x5xf32>)
// CHECK-DAG: %[[MAX0:.+]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.+}} : tensor<1x2x4xf32>)
// CHECK-DAG: %[[SUM0:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<1x2x4xf32>)
// CHECK-NOT: linalg.fill
// CHECK: %[[A:.+]], %{{.+}}, %[[AS:.+]] = hopfield.online_associate %[[Q]], %[[K]], %[[V]] beta = 1.000000e+00 outs(%[[ACC0]], %[[MAX0]], %[[SUM0]])
// CHECK-NOT: linalg.fill
// CHECK: %[[OA:.+]] = hopfield.finalize %[[A]], %[[AS]]
// CHECK-NOT: linalg.fill
// CHECK: %[[B:.+]], %{{.+}}, %[[BS:.+]] = hopfield.online_associate %[[Q]], %[[K]], %[[V]] beta = 2.000000e+00 causal outs(%[[ACC0]], %[[MAX0]], %[[SUM0]])
// CHECK-NOT: linalg.fill
// CHECK: %[[OB:.+]] = hopfield.finalize %[[B]], %[[BS]]
// CHECK: return %[[OA]], %[[OB]]
func.func @shared_fills(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                        %v: tensor<1x2x6x5xf32>)
    -> (tensor<1x2x4x5xf32>, tensor<1x2x4x5xf32>) {
  %a = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x5xf32>
      -> tensor<1x2x4x5xf32>
  %b = hopfield.associate %q, %k, %v beta = 2.0 max_steps = [0] causal
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x5xf32>
      -> tensor<1x2x4x5xf32>
  return %a, %b : tensor<1x2x4x5xf32>, tensor<1x2x4x5xf32>
}
