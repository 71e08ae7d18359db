// RUN: hopfield-opt %s -hopfield-to-online -split-input-file | FileCheck %s

// The online op takes both offsets or neither: an associate's query_offset
// becomes the query offset, and the keys start at the constant 0.
// CHECK-LABEL: func.func @query_offset_causal
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x2x4x8xf32>, %[[K:[^:]+]]: tensor<1x2x6x8xf32>, %[[V:[^:]+]]: tensor<1x2x6x5xf32>, %[[O:[^:]+]]: index)
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[ACC0:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x2x4x5xf32>)
// CHECK: %[[ACC:.+]], %{{.+}}, %[[SUM:.+]] = hopfield.online_associate %[[Q]], %[[K]], %[[V]] offsets(%[[O]], %[[C0]]) beta = 5.000000e-01 causal outs(%[[ACC0]], %{{.+}}, %{{.+}})
// CHECK: %[[OUT:.+]] = hopfield.finalize %[[ACC]], %[[SUM]]
// CHECK: return %[[OUT]]
func.func @query_offset_causal(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                               %v: tensor<1x2x6x5xf32>, %o: index)
    -> tensor<1x2x4x5xf32> {
  %out = hopfield.associate %q, %k, %v query_offset(%o) beta = 0.5
      max_steps = [0] causal
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x5xf32>
      -> tensor<1x2x4x5xf32>
  return %out : tensor<1x2x4x5xf32>
}

// -----

// Without query_offset the online op gets no offsets and no index constant.
// CHECK-LABEL: func.func @no_query_offset
// CHECK-NOT: arith.constant {{.+}} : index
// CHECK: hopfield.online_associate %{{.+}}, %{{.+}}, %{{.+}} beta = 5.000000e-01 causal outs(
func.func @no_query_offset(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                           %v: tensor<1x2x6x5xf32>) -> tensor<1x2x4x5xf32> {
  %out = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [0] causal
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x5xf32>
      -> tensor<1x2x4x5xf32>
  return %out : tensor<1x2x4x5xf32>
}
