// RUN: hopfield-opt %s -canonicalize -split-input-file | FileCheck %s

// An association matrix nobody reads is not produced.
// CHECK-LABEL: func.func @drop_unused_association
// CHECK: %[[OUT:.+]] = hopfield.associate
// CHECK-SAME: -> tensor<1x2x4x8xf32>{{$}}
// CHECK: return %[[OUT]]
func.func @drop_unused_association(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                                   %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %out, %assoc = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [3]
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32> association tensor<1x2x4x6xf32>
  return %out : tensor<1x2x4x8xf32>
}

// -----

// A used association matrix stays.
// CHECK-LABEL: func.func @keep_used_association
// CHECK: %{{.+}}, %[[A:.+]] = hopfield.associate
// CHECK-SAME: association tensor<1x2x4x6xf32>
// CHECK: return %[[A]]
func.func @keep_used_association(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                                 %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x6xf32> {
  %out, %assoc = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [3]
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32> association tensor<1x2x4x6xf32>
  return %assoc : tensor<1x2x4x6xf32>
}

// -----

// Without update steps every head runs one softmax: steps is the constant 1,
// eps and criterion return to their defaults (and leave the printed form).
// CHECK-LABEL: func.func @single_step_steps_constant
// CHECK-DAG: %[[ONES:.+]] = arith.constant dense<1> : tensor<2xi64>
// CHECK-DAG: %[[OUT:.+]] = hopfield.associate %{{.+}} beta = 1.000000e+00 max_steps = [0] :
// CHECK-NOT: eps
// CHECK-NOT: criterion
// CHECK: return %[[OUT]], %[[ONES]]
func.func @single_step_steps_constant(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                                      %v: tensor<1x2x6x8xf32>)
    -> (tensor<1x2x4x8xf32>, tensor<2xi64>) {
  %out, %steps = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0, 0]
      {eps = array<f64: 1.0e-2>, criterion = #hopfield.criterion<state>}
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32> steps tensor<2xi64>
  return %out, %steps : tensor<1x2x4x8xf32>, tensor<2xi64>
}

// -----

// With a dynamic head count the steps result stays (its shape is unknown),
// but the irrelevant stopping rule is still normalised.
// CHECK-LABEL: func.func @single_step_dynamic_heads
// CHECK: hopfield.associate
// CHECK-SAME: max_steps = [0] :
// CHECK-SAME: steps tensor<?xi64>
func.func @single_step_dynamic_heads(%q: tensor<1x?x4x8xf32>, %k: tensor<1x?x6x8xf32>,
                                     %v: tensor<1x?x6x8xf32>)
    -> (tensor<1x?x4x8xf32>, tensor<?xi64>) {
  %out, %steps = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      {eps = array<f64: 1.0e-2>}
      : tensor<1x?x4x8xf32>, tensor<1x?x6x8xf32>, tensor<1x?x6x8xf32>
      -> tensor<1x?x4x8xf32> steps tensor<?xi64>
  return %out, %steps : tensor<1x?x4x8xf32>, tensor<?xi64>
}

// -----

// An iterating op keeps its steps result and its stopping rule.
// CHECK-LABEL: func.func @iterating_keeps_steps
// CHECK: hopfield.associate
// CHECK-SAME: max_steps = [unbounded] {criterion = #hopfield.criterion<state>, eps = array<f64: 1.000000e-02>}
// CHECK-SAME: steps tensor<2xi64>
func.func @iterating_keeps_steps(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                                 %v: tensor<1x2x6x8xf32>)
    -> (tensor<1x2x4x8xf32>, tensor<2xi64>) {
  %out, %steps = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [unbounded]
      {eps = array<f64: 1.0e-2>, criterion = #hopfield.criterion<state>}
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32> steps tensor<2xi64>
  return %out, %steps : tensor<1x2x4x8xf32>, tensor<2xi64>
}

// -----

// Per-head arrays with equal entries hold one value; differing ones stay.
// CHECK-LABEL: func.func @collapse_uniform_arrays
// CHECK: hopfield.associate
// CHECK-SAME: max_steps = [3] {eps = array<f64: 5.000000e-02>}
// CHECK: hopfield.associate
// CHECK-SAME: max_steps = [3, unbounded] {eps = array<f64: 5.000000e-02>}
func.func @collapse_uniform_arrays(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                                   %v: tensor<1x2x6x8xf32>)
    -> (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) {
  %a = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [3, 3]
      {eps = array<f64: 5.0e-2, 5.0e-2>}
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32>
  %b = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [3, unbounded]
      {eps = array<f64: 5.0e-2, 5.0e-2>}
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32>
  return %a, %b : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
}

// -----

// A per-head beta that is one constant for all heads folds into beta.
// CHECK-LABEL: func.func @fold_splat_head_beta
// CHECK-NOT: head_beta
// CHECK: hopfield.associate %{{.+}} beta = 1.000000e+00 max_steps = [0]
func.func @fold_splat_head_beta(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                                %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %hb = arith.constant dense<4.0> : tensor<2xf32>
  %out = hopfield.associate %q, %k, %v head_beta(%hb : tensor<2xf32>) beta = 0.25
      max_steps = [0]
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32>
  return %out : tensor<1x2x4x8xf32>
}

// -----

// Different per-head betas stay an operand.
// CHECK-LABEL: func.func @keep_distinct_head_beta
// CHECK: %[[HB:.+]] = arith.constant dense<[1.000000e+00, 2.000000e+00]>
// CHECK: hopfield.associate %{{.+}} head_beta(%[[HB]] : tensor<2xf32>) beta = 2.500000e-01
func.func @keep_distinct_head_beta(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                                   %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %hb = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %out = hopfield.associate %q, %k, %v head_beta(%hb : tensor<2xf32>) beta = 0.25
      max_steps = [0]
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32>
  return %out : tensor<1x2x4x8xf32>
}
