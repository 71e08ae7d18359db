// RUN: hopfield-opt %s | FileCheck %s
// RUN: hopfield-opt %s | hopfield-opt | FileCheck %s

// Optional operands of hopfield.associate: head_beta, mask, bias, causal.

// CHECK-LABEL: func.func @head_beta
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>, %[[HB:.+]]: tensor<3xf32>)
// CHECK: %[[OUT:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] head_beta(%[[HB]] : tensor<3xf32>) beta = 2.500000e-01 max_steps = [0] :
// CHECK-SAME: tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>{{$}}
// CHECK: return %[[OUT]]
func.func @head_beta(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                     %v: tensor<2x3x6x5xf32>, %hb: tensor<3xf32>)
    -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v head_beta(%hb : tensor<3xf32>)
      beta = 0.25 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// CHECK-LABEL: func.func @mask_full
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>, %[[M:.+]]: tensor<2x3x4x6xi1>)
// CHECK: hopfield.associate %[[Q]], %[[K]], %[[V]] mask(%[[M]] : tensor<2x3x4x6xi1>) beta = 1.000000e+00 max_steps = [0] :
func.func @mask_full(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                     %v: tensor<2x3x6x5xf32>, %m: tensor<2x3x4x6xi1>)
    -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v mask(%m : tensor<2x3x4x6xi1>)
      beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// Key padding mask: one row per batch, broadcast over heads and queries.
// CHECK-LABEL: func.func @mask_key_padding
// CHECK-SAME: %[[M:[^:]+]]: tensor<2x1x1x6xi1>)
// CHECK: hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} mask(%[[M]] : tensor<2x1x1x6xi1>) beta = 1.000000e+00 max_steps = [0] :
func.func @mask_key_padding(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                            %v: tensor<2x3x6x5xf32>, %m: tensor<2x1x1x6xi1>)
    -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v mask(%m : tensor<2x1x1x6xi1>)
      beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// One L x S mask shared by every batch and head.
// CHECK-LABEL: func.func @mask_shared
// CHECK-SAME: %[[M:[^:]+]]: tensor<1x1x4x6xi1>)
// CHECK: hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} mask(%[[M]] : tensor<1x1x4x6xi1>) beta = 1.000000e+00 max_steps = [2] :
func.func @mask_shared(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                       %v: tensor<2x3x6x5xf32>, %m: tensor<1x1x4x6xi1>)
    -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v mask(%m : tensor<1x1x4x6xi1>)
      beta = 1.0 max_steps = [2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// CHECK-LABEL: func.func @bias
// CHECK-SAME: %[[B:[^:]+]]: tensor<1x3x4x6xf32>)
// CHECK: hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} bias(%[[B]] : tensor<1x3x4x6xf32>) beta = 1.000000e+00 max_steps = [0] :
func.func @bias(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                %v: tensor<2x3x6x5xf32>, %b: tensor<1x3x4x6xf32>)
    -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v bias(%b : tensor<1x3x4x6xf32>)
      beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// CHECK-LABEL: func.func @causal
// CHECK: hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 1.000000e+00 max_steps = [0] causal : tensor<2x3x4x8xf32>,
func.func @causal(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                  %v: tensor<2x3x6x5xf32>) -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0] causal
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// Mask and bias together, written in the generic form; printed in custom form.
// CHECK-LABEL: func.func @mask_and_bias
// CHECK-SAME: %[[M:[^:]+]]: tensor<1x1x4x6xi1>, %[[B:[^:]+]]: tensor<2x1x1x6xf32>)
// CHECK: hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} mask(%[[M]] : tensor<1x1x4x6xi1>) bias(%[[B]] : tensor<2x1x1x6xf32>) beta = 1.000000e+00 max_steps = [0] causal :
func.func @mask_and_bias(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                         %v: tensor<2x3x6x5xf32>, %m: tensor<1x1x4x6xi1>,
                         %b: tensor<2x1x1x6xf32>) -> tensor<2x3x4x5xf32> {
  %out = "hopfield.associate"(%q, %k, %v, %m, %b)
      <{beta = 1.0 : f64, max_steps = array<i64: 0>, causal,
        operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 1, 0>,
        resultSegmentSizes = array<i32: 1, 0, 0>}>
      : (tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>,
         tensor<1x1x4x6xi1>, tensor<2x1x1x6xf32>) -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// A causal tile of queries starting at an absolute position.
// CHECK-LABEL: func.func @causal_query_offset
// CHECK-SAME: %[[M:[^:]+]]: tensor<1x1x4x6xi1>, %[[OFF:[^:]+]]: index)
// CHECK: hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} mask(%[[M]] : tensor<1x1x4x6xi1>) query_offset(%[[OFF]]) beta = 1.000000e+00 max_steps = [0] causal :
// CHECK-SAME: -> tensor<2x3x4x5xf32>{{$}}
func.func @causal_query_offset(%q: tensor<2x3x4x8xf32>,
                               %k: tensor<2x3x6x8xf32>,
                               %v: tensor<2x3x6x5xf32>,
                               %m: tensor<1x1x4x6xi1>, %off: index)
    -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v mask(%m : tensor<1x1x4x6xi1>)
      query_offset(%off) beta = 1.0 max_steps = [0] causal
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// Everything at once.
// CHECK-LABEL: func.func @all_combined
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>, %[[HB:.+]]: tensor<3xf32>, %[[M:.+]]: tensor<2x1x1x6xi1>, %[[B:.+]]: tensor<2x3x4x6xf32>)
// CHECK: %[[OUT:.+]], %[[XI:.+]], %[[STEPS:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]]
// CHECK-SAME: head_beta(%[[HB]] : tensor<3xf32>) mask(%[[M]] : tensor<2x1x1x6xi1>) bias(%[[B]] : tensor<2x3x4x6xf32>)
// CHECK-SAME: beta = 1.250000e-01 max_steps = [2, unbounded, 0] causal
// CHECK-SAME: {criterion = #hopfield.criterion<state>, eps = array<f64: 1.000000e-03>} :
// CHECK-SAME: tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
// CHECK-SAME: -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32> steps tensor<3xi64>{{$}}
// CHECK: return %[[OUT]], %[[XI]], %[[STEPS]]
func.func @all_combined(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                        %v: tensor<2x3x6x5xf32>, %hb: tensor<3xf32>,
                        %m: tensor<2x1x1x6xi1>, %b: tensor<2x3x4x6xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>, tensor<3xi64>) {
  %out, %xi, %steps = hopfield.associate %q, %k, %v
      head_beta(%hb : tensor<3xf32>) mask(%m : tensor<2x1x1x6xi1>)
      bias(%b : tensor<2x3x4x6xf32>) beta = 0.125
      max_steps = [2, unbounded, 0] causal
      {criterion = #hopfield.criterion<state>, eps = array<f64: 0.001>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32>
         steps tensor<3xi64>
  return %out, %xi, %steps
      : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>, tensor<3xi64>
}
