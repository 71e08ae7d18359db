// RUN: hopfield-opt %s -hopfield-to-online | FileCheck %s

// An additive float mask (bias) and a boolean mask both carry over to the
// online form unchanged, as does the per-head beta; dynamic heads size the
// running state through tensor.dim.
// CHECK-LABEL: func.func @bias_and_mask
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x?x4x8xf64>, %[[K:[^:]+]]: tensor<2x?x6x8xf64>, %[[V:[^:]+]]: tensor<2x?x6x3xf64>, %[[M:[^:]+]]: tensor<1x1x4x6xi1>, %[[B:[^:]+]]: tensor<2x1x1x6xf64>, %[[HB:[^:]+]]: tensor<?xf64>)
// CHECK-DAG: %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG: %[[H:.+]] = tensor.dim %[[Q]], %[[C1]] : tensor<2x?x4x8xf64>
// CHECK-DAG: tensor.empty(%[[H]]) : tensor<2x?x4x3xf64>
// CHECK: %[[ACC:.+]], %{{.+}}, %[[SUM:.+]] = hopfield.online_associate %[[Q]], %[[K]], %[[V]] head_beta(%[[HB]] : tensor<?xf64>) mask(%[[M]] : tensor<1x1x4x6xi1>) bias(%[[B]] : tensor<2x1x1x6xf64>) beta = 1.000000e+00 outs
// CHECK-SAME: -> tensor<2x?x4x3xf64>, tensor<2x?x4xf64>, tensor<2x?x4xf64>
// CHECK: hopfield.finalize %[[ACC]], %[[SUM]] : tensor<2x?x4x3xf64>, tensor<2x?x4xf64> -> tensor<2x?x4x3xf64>
func.func @bias_and_mask(%q: tensor<2x?x4x8xf64>, %k: tensor<2x?x6x8xf64>,
                         %v: tensor<2x?x6x3xf64>, %m: tensor<1x1x4x6xi1>,
                         %b: tensor<2x1x1x6xf64>, %hb: tensor<?xf64>)
    -> tensor<2x?x4x3xf64> {
  %out = hopfield.associate %q, %k, %v head_beta(%hb : tensor<?xf64>)
      mask(%m : tensor<1x1x4x6xi1>) bias(%b : tensor<2x1x1x6xf64>)
      beta = 1.0 max_steps = [0]
      : tensor<2x?x4x8xf64>, tensor<2x?x6x8xf64>, tensor<2x?x6x3xf64>
      -> tensor<2x?x4x3xf64>
  return %out : tensor<2x?x4x3xf64>
}
