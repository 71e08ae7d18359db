// RUN: hopfield-opt %s | FileCheck %s
// RUN: hopfield-opt %s | hopfield-opt | FileCheck %s

// hopfield.associate with dynamic dimensions and other float element types.

// CHECK-LABEL: func.func @dynamic_sequence
// CHECK-SAME: (%[[Q:.+]]: tensor<?x?x?x8xf32>, %[[K:.+]]: tensor<?x?x?x8xf32>, %[[V:.+]]: tensor<?x?x?x5xf32>) -> tensor<?x?x?x5xf32>
// CHECK: %[[OUT:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 1.000000e+00 max_steps = [0] :
// CHECK-SAME: tensor<?x?x?x8xf32>, tensor<?x?x?x8xf32>, tensor<?x?x?x5xf32> -> tensor<?x?x?x5xf32>{{$}}
// CHECK: return %[[OUT]] : tensor<?x?x?x5xf32>
func.func @dynamic_sequence(%q: tensor<?x?x?x8xf32>, %k: tensor<?x?x?x8xf32>,
                            %v: tensor<?x?x?x5xf32>) -> tensor<?x?x?x5xf32> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<?x?x?x8xf32>, tensor<?x?x?x8xf32>, tensor<?x?x?x5xf32>
      -> tensor<?x?x?x5xf32>
  return %out : tensor<?x?x?x5xf32>
}

// Fully dynamic, with a broadcast mask and both optional results.
// CHECK-LABEL: func.func @fully_dynamic
// CHECK-SAME: (%[[Q:.+]]: tensor<?x?x?x?xf32>, %[[K:.+]]: tensor<?x?x?x?xf32>, %[[V:.+]]: tensor<?x?x?x?xf32>, %[[M:.+]]: tensor<?x1x?x?xi1>)
// CHECK: %[[OUT:.+]], %[[XI:.+]], %[[STEPS:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] mask(%[[M]] : tensor<?x1x?x?xi1>)
// CHECK-SAME: beta = 1.000000e+00 max_steps = [unbounded] :
// CHECK-SAME: tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
// CHECK-SAME: -> tensor<?x?x?x?xf32> association tensor<?x?x?x?xf32> steps tensor<?xi64>{{$}}
// CHECK: return %[[OUT]], %[[XI]], %[[STEPS]]
func.func @fully_dynamic(%q: tensor<?x?x?x?xf32>, %k: tensor<?x?x?x?xf32>,
                         %v: tensor<?x?x?x?xf32>, %m: tensor<?x1x?x?xi1>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?xi64>) {
  %out, %xi, %steps = hopfield.associate %q, %k, %v
      mask(%m : tensor<?x1x?x?xi1>) beta = 1.0 max_steps = [unbounded]
      : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
      -> tensor<?x?x?x?xf32> association tensor<?x?x?x?xf32>
         steps tensor<?xi64>
  return %out, %xi, %steps
      : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?xi64>
}

// Static and dynamic sizes mixed across operands; the static head count of
// the query allows a per-head budget.
// CHECK-LABEL: func.func @mixed_static_dynamic
// CHECK-SAME: (%[[Q:.+]]: tensor<1x2x?x8xf32>, %[[K:.+]]: tensor<?x2x?x8xf32>, %[[V:.+]]: tensor<1x2x6x?xf32>) -> tensor<1x2x4x?xf32>
// CHECK: hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 1.000000e+00 max_steps = [1, 2] :
// CHECK-SAME: tensor<1x2x?x8xf32>, tensor<?x2x?x8xf32>, tensor<1x2x6x?xf32> -> tensor<1x2x4x?xf32>{{$}}
func.func @mixed_static_dynamic(%q: tensor<1x2x?x8xf32>,
                                %k: tensor<?x2x?x8xf32>,
                                %v: tensor<1x2x6x?xf32>)
    -> tensor<1x2x4x?xf32> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [1, 2]
      : tensor<1x2x?x8xf32>, tensor<?x2x?x8xf32>, tensor<1x2x6x?xf32>
      -> tensor<1x2x4x?xf32>
  return %out : tensor<1x2x4x?xf32>
}

// CHECK-LABEL: func.func @f64
// CHECK-SAME: (%[[Q:.+]]: tensor<1x2x4x8xf64>, %[[K:.+]]: tensor<1x2x6x8xf64>, %[[V:.+]]: tensor<1x2x6x5xf64>, %[[HB:.+]]: tensor<2xf64>, %[[B:.+]]: tensor<1x2x4x6xf64>)
// CHECK: hopfield.associate %[[Q]], %[[K]], %[[V]] head_beta(%[[HB]] : tensor<2xf64>) bias(%[[B]] : tensor<1x2x4x6xf64>)
// CHECK-SAME: beta = 1.000000e-01 max_steps = [3] :
// CHECK-SAME: tensor<1x2x4x8xf64>, tensor<1x2x6x8xf64>, tensor<1x2x6x5xf64> -> tensor<1x2x4x5xf64>{{$}}
func.func @f64(%q: tensor<1x2x4x8xf64>, %k: tensor<1x2x6x8xf64>,
               %v: tensor<1x2x6x5xf64>, %hb: tensor<2xf64>,
               %b: tensor<1x2x4x6xf64>) -> tensor<1x2x4x5xf64> {
  %out = hopfield.associate %q, %k, %v head_beta(%hb : tensor<2xf64>)
      bias(%b : tensor<1x2x4x6xf64>) beta = 0.1 max_steps = [3]
      : tensor<1x2x4x8xf64>, tensor<1x2x6x8xf64>, tensor<1x2x6x5xf64>
      -> tensor<1x2x4x5xf64>
  return %out : tensor<1x2x4x5xf64>
}

// CHECK-LABEL: func.func @f16
// CHECK-SAME: (%[[Q:.+]]: tensor<1x2x4x8xf16>, %[[K:.+]]: tensor<1x2x6x8xf16>, %[[V:.+]]: tensor<1x2x6x5xf16>)
// CHECK: %[[OUT:.+]], %[[XI:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 1.000000e+00 max_steps = [0] :
// CHECK-SAME: tensor<1x2x4x8xf16>, tensor<1x2x6x8xf16>, tensor<1x2x6x5xf16> -> tensor<1x2x4x5xf16> association tensor<1x2x4x6xf16>{{$}}
func.func @f16(%q: tensor<1x2x4x8xf16>, %k: tensor<1x2x6x8xf16>,
               %v: tensor<1x2x6x5xf16>)
    -> (tensor<1x2x4x5xf16>, tensor<1x2x4x6xf16>) {
  %out, %xi = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<1x2x4x8xf16>, tensor<1x2x6x8xf16>, tensor<1x2x6x5xf16>
      -> tensor<1x2x4x5xf16> association tensor<1x2x4x6xf16>
  return %out, %xi : tensor<1x2x4x5xf16>, tensor<1x2x4x6xf16>
}

// CHECK-LABEL: func.func @bf16_dynamic
// CHECK-SAME: (%[[Q:.+]]: tensor<?x2x?x8xbf16>, %[[K:.+]]: tensor<?x2x?x8xbf16>, %[[V:.+]]: tensor<?x2x?x8xbf16>, %[[M:.+]]: tensor<1x1x?x?xi1>)
// CHECK: %[[OUT:.+]], %[[XI:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] mask(%[[M]] : tensor<1x1x?x?xi1>) beta = 1.250000e-01 max_steps = [0] causal :
// CHECK-SAME: tensor<?x2x?x8xbf16>, tensor<?x2x?x8xbf16>, tensor<?x2x?x8xbf16> -> tensor<?x2x?x8xbf16> association tensor<?x2x?x?xbf16>{{$}}
// CHECK: return %[[OUT]], %[[XI]] : tensor<?x2x?x8xbf16>, tensor<?x2x?x?xbf16>
func.func @bf16_dynamic(%q: tensor<?x2x?x8xbf16>, %k: tensor<?x2x?x8xbf16>,
                        %v: tensor<?x2x?x8xbf16>, %m: tensor<1x1x?x?xi1>)
    -> (tensor<?x2x?x8xbf16>, tensor<?x2x?x?xbf16>) {
  %out, %xi = hopfield.associate %q, %k, %v mask(%m : tensor<1x1x?x?xi1>)
      beta = 0.125 max_steps = [0] causal
      : tensor<?x2x?x8xbf16>, tensor<?x2x?x8xbf16>, tensor<?x2x?x8xbf16>
      -> tensor<?x2x?x8xbf16> association tensor<?x2x?x?xbf16>
  return %out, %xi : tensor<?x2x?x8xbf16>, tensor<?x2x?x?xbf16>
}

// The head count a dynamic query leaves open is taken from the key, so a
// per-head step budget of that length verifies.
// CHECK-LABEL: func.func @heads_from_key
// CHECK: hopfield.associate {{.+}} max_steps = [1, 2] : tensor<1x?x4x8xf32>, tensor<1x2x6x8xf32>
func.func @heads_from_key(%q: tensor<1x?x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                          %v: tensor<1x2x6x5xf32>) -> tensor<1x2x4x5xf32> {
  %o = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [1, 2]
      : tensor<1x?x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x5xf32>
      -> tensor<1x2x4x5xf32>
  return %o : tensor<1x2x4x5xf32>
}
