// RUN: hopfield-opt %s -hopfield-to-online -split-input-file | FileCheck %s

// A single-step association becomes online_associate over (0, -inf, 0) and
// finalize; masks, head_beta, beta and causal carry over.
// CHECK-LABEL: func.func @single_step
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x3x4x8xf32>, %[[K:[^:]+]]: tensor<2x3x6x8xf32>, %[[V:[^:]+]]: tensor<2x3x6x5xf32>, %[[M:[^:]+]]: tensor<2x1x1x6xi1>, %[[HB:[^:]+]]: tensor<3xf32>)
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK-DAG: %[[ACC0:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<2x3x4x5xf32>)
// CHECK-DAG: %[[MAX0:.+]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.+}} : tensor<2x3x4xf32>)
// CHECK-DAG: %[[SUM0:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<2x3x4xf32>)
// CHECK: %[[ACC:.+]], %[[MAX:.+]], %[[SUM:.+]] = hopfield.online_associate %[[Q]], %[[K]], %[[V]] head_beta(%[[HB]] : tensor<3xf32>) mask(%[[M]] : tensor<2x1x1x6xi1>) beta = 1.250000e-01 causal outs(%[[ACC0]], %[[MAX0]], %[[SUM0]])
// CHECK: %[[OUT:.+]] = hopfield.finalize %[[ACC]], %[[SUM]] : tensor<2x3x4x5xf32>, tensor<2x3x4xf32> -> tensor<2x3x4x5xf32>
// CHECK: return %[[OUT]]
func.func @single_step(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                       %v: tensor<2x3x6x5xf32>, %m: tensor<2x1x1x6xi1>,
                       %hb: tensor<3xf32>) -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v head_beta(%hb : tensor<3xf32>)
      mask(%m : tensor<2x1x1x6xi1>) beta = 0.125 max_steps = [0] causal
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// -----

// bf16 association accumulates in f32; finalize narrows back to bf16.
// CHECK-LABEL: func.func @bf16_accumulates_in_f32
// CHECK: hopfield.online_associate
// CHECK-SAME: -> tensor<1x2x4x8xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
// CHECK: hopfield.finalize %{{.+}}, %{{.+}} : tensor<1x2x4x8xf32>, tensor<1x2x4xf32> -> tensor<1x2x4x8xbf16>
func.func @bf16_accumulates_in_f32(%q: tensor<1x2x4x8xbf16>, %k: tensor<1x2x6x8xbf16>,
                                   %v: tensor<1x2x6x8xbf16>) -> tensor<1x2x4x8xbf16> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<1x2x4x8xbf16>, tensor<1x2x6x8xbf16>, tensor<1x2x6x8xbf16>
      -> tensor<1x2x4x8xbf16>
  return %out : tensor<1x2x4x8xbf16>
}

// -----

// f64 keeps f64 statistics.
// CHECK-LABEL: func.func @f64_stays_f64
// CHECK: arith.constant 0xFFF0000000000000 : f64
// CHECK: hopfield.online_associate
// CHECK-SAME: -> tensor<1x1x4x8xf64>, tensor<1x1x4xf64>, tensor<1x1x4xf64>
func.func @f64_stays_f64(%q: tensor<1x1x4x8xf64>, %k: tensor<1x1x6x8xf64>,
                         %v: tensor<1x1x6x8xf64>) -> tensor<1x1x4x8xf64> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<1x1x4x8xf64>, tensor<1x1x6x8xf64>, tensor<1x1x6x8xf64>
      -> tensor<1x1x4x8xf64>
  return %out : tensor<1x1x4x8xf64>
}

// -----

// Dynamic sizes are read off the operands for the running state.
// CHECK-LABEL: func.func @dynamic_sizes
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG: %[[B:.+]] = tensor.dim %arg0, %[[C0]]
// CHECK-DAG: %[[L:.+]] = tensor.dim %arg0, %[[C2]]
// CHECK-DAG: tensor.empty(%[[B]], %[[L]]) : tensor<?x1x?x8xf32>
// CHECK: hopfield.online_associate
// CHECK-SAME: -> tensor<?x1x?x8xf32>, tensor<?x1x?xf32>, tensor<?x1x?xf32>
func.func @dynamic_sizes(%q: tensor<?x1x?x8xf32>, %k: tensor<?x1x?x8xf32>,
                         %v: tensor<?x1x?x8xf32>) -> tensor<?x1x?x8xf32> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<?x1x?x8xf32>, tensor<?x1x?x8xf32>, tensor<?x1x?x8xf32>
      -> tensor<?x1x?x8xf32>
  return %out : tensor<?x1x?x8xf32>
}

// -----

// A requested steps result becomes ones.
// CHECK-LABEL: func.func @steps_become_ones
// CHECK-DAG: %[[ONE:.+]] = arith.constant 1 : i64
// CHECK-DAG: %[[STEPS:.+]] = linalg.fill ins(%[[ONE]] : i64) outs(%{{.+}} : tensor<2xi64>)
// CHECK: return %{{.+}}, %[[STEPS]]
func.func @steps_become_ones(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                             %v: tensor<1x2x6x8xf32>)
    -> (tensor<1x2x4x8xf32>, tensor<2xi64>) {
  %out, %steps = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32> steps tensor<2xi64>
  return %out, %steps : tensor<1x2x4x8xf32>, tensor<2xi64>
}

// -----

// Iterating associations and requested association matrices stay.
// CHECK-LABEL: func.func @not_rewritten
// CHECK-NOT: hopfield.online_associate
// CHECK: hopfield.associate {{.+}} max_steps = [2]
// CHECK: hopfield.associate {{.+}} max_steps = [0]
// CHECK-SAME: association tensor<1x2x4x6xf32>
func.func @not_rewritten(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                         %v: tensor<1x2x6x8xf32>)
    -> (tensor<1x2x4x8xf32>, tensor<1x2x4x6xf32>) {
  %a = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [2]
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32>
  %b, %assoc = hopfield.associate %a, %k, %v beta = 1.0 max_steps = [0]
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32> association tensor<1x2x4x6xf32>
  return %b, %assoc : tensor<1x2x4x8xf32>, tensor<1x2x4x6xf32>
}
