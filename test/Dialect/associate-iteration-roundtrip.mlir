// RUN: hopfield-opt %s | FileCheck %s
// RUN: hopfield-opt %s | hopfield-opt | FileCheck %s

// Step budgets, per-head stop rules and the optional association / steps
// results of hopfield.associate.

// CHECK-LABEL: func.func @bounded_steps
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>)
// CHECK: %[[OUT:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 2.000000e+00 max_steps = [3] :
// CHECK-SAME: tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>{{$}}
// CHECK: return %[[OUT]] : tensor<2x3x4x5xf32>
func.func @bounded_steps(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                         %v: tensor<2x3x6x5xf32>) -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v beta = 2.0 max_steps = [3]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// CHECK-LABEL: func.func @unbounded_steps
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>)
// CHECK: %[[OUT:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 8.000000e+00 max_steps = [unbounded] :
// CHECK-SAME: -> tensor<2x3x4x5xf32>{{$}}
// CHECK: return %[[OUT]]
func.func @unbounded_steps(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                           %v: tensor<2x3x6x5xf32>) -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v beta = 8.0 max_steps = [unbounded]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// One budget and one eps per head (H = 3).
// CHECK-LABEL: func.func @per_head_budget_and_eps
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>)
// CHECK: %[[OUT:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 1.000000e+00
// CHECK-SAME: max_steps = [2, unbounded, 0]
// CHECK-SAME: {eps = array<f64: 1.000000e-03, 2.500000e-02, 5.000000e-01>} :
// CHECK-SAME: -> tensor<2x3x4x5xf32>{{$}}
// CHECK: return %[[OUT]]
func.func @per_head_budget_and_eps(%q: tensor<2x3x4x8xf32>,
                                   %k: tensor<2x3x6x8xf32>,
                                   %v: tensor<2x3x6x5xf32>)
    -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [2, unbounded, 0]
      {eps = array<f64: 1.0e-3, 2.5e-2, 0.5>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// A per-head budget with a single eps.
// CHECK-LABEL: func.func @per_head_budget_only
// CHECK: hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 1.000000e+00 max_steps = [0, 1, unbounded] :
func.func @per_head_budget_only(%q: tensor<2x3x4x8xf32>,
                                %k: tensor<2x3x6x8xf32>,
                                %v: tensor<2x3x6x5xf32>)
    -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0, 1, unbounded]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// A single scalar eps and the `state` criterion in the attr-dict; 1.0e-6 is
// printed in its exact shortest round-trippable form.
// CHECK-LABEL: func.func @state_criterion
// CHECK: hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 1.000000e+00 max_steps = [unbounded]
// CHECK-SAME: {criterion = #hopfield.criterion<state>, eps = array<f64: 9.9999999999999995E-7>} :
func.func @state_criterion(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                           %v: tensor<2x3x6x5xf32>) -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [unbounded]
      {criterion = #hopfield.criterion<state>, eps = array<f64: 1.0e-6>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// The criterion alone (eps keeps its default and is elided).
// CHECK-LABEL: func.func @state_criterion_default_eps
// CHECK: hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 1.000000e+00 max_steps = [4]
// CHECK-SAME: {criterion = #hopfield.criterion<state>} :
func.func @state_criterion_default_eps(%q: tensor<2x3x4x8xf32>,
                                       %k: tensor<2x3x6x8xf32>,
                                       %v: tensor<2x3x6x5xf32>)
    -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [4]
      {criterion = #hopfield.criterion<state>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// Spelling out the default criterion and eps prints no attr-dict at all.
// CHECK-LABEL: func.func @explicit_defaults_elided
// CHECK: hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 1.000000e+00 max_steps = [1] : tensor<2x3x4x8xf32>,
func.func @explicit_defaults_elided(%q: tensor<2x3x4x8xf32>,
                                    %k: tensor<2x3x6x8xf32>,
                                    %v: tensor<2x3x6x5xf32>)
    -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [1]
      {criterion = #hopfield.criterion<association>, eps = array<f64: 1.0e-4>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// CHECK-LABEL: func.func @association_result
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>)
// CHECK: %[[OUT:.+]], %[[XI:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 1.000000e+00 max_steps = [1] :
// CHECK-SAME: -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32>{{$}}
// CHECK: return %[[OUT]], %[[XI]] : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
func.func @association_result(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                              %v: tensor<2x3x6x5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>) {
  %out, %xi = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [1]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32>
  return %out, %xi : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
}

// CHECK-LABEL: func.func @steps_result
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>)
// CHECK: %[[OUT:.+]], %[[STEPS:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 1.000000e+00 max_steps = [unbounded] :
// CHECK-SAME: -> tensor<2x3x4x5xf32> steps tensor<3xi64>{{$}}
// CHECK: return %[[OUT]], %[[STEPS]] : tensor<2x3x4x5xf32>, tensor<3xi64>
func.func @steps_result(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                        %v: tensor<2x3x6x5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<3xi64>) {
  %out, %steps = hopfield.associate %q, %k, %v beta = 1.0
      max_steps = [unbounded]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> steps tensor<3xi64>
  return %out, %steps : tensor<2x3x4x5xf32>, tensor<3xi64>
}

// CHECK-LABEL: func.func @association_and_steps
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>)
// CHECK: %[[OUT:.+]], %[[XI:.+]], %[[STEPS:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 5.000000e-01
// CHECK-SAME: max_steps = [3, unbounded, 0] {criterion = #hopfield.criterion<state>, eps = array<f64: 1.000000e-02, 1.000000e-03, 1.000000e-01>} :
// CHECK-SAME: tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
// CHECK-SAME: -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32> steps tensor<3xi64>{{$}}
// CHECK: return %[[OUT]], %[[XI]], %[[STEPS]] : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>, tensor<3xi64>
func.func @association_and_steps(%q: tensor<2x3x4x8xf32>,
                                 %k: tensor<2x3x6x8xf32>,
                                 %v: tensor<2x3x6x5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>, tensor<3xi64>) {
  %out, %xi, %steps = hopfield.associate %q, %k, %v beta = 0.5
      max_steps = [3, unbounded, 0]
      {criterion = #hopfield.criterion<state>,
       eps = array<f64: 1.0e-2, 1.0e-3, 1.0e-1>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32>
         steps tensor<3xi64>
  return %out, %xi, %steps
      : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>, tensor<3xi64>
}
