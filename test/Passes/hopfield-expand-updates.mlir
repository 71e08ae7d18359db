// RUN: hopfield-opt %s -hopfield-expand-updates -split-input-file | FileCheck %s

// An iterating hopfield.associate becomes an scf.while over update steps in
// online form (passes/ExpandUpdates.cpp, SPEC 3.9):
//   qs = beta * q; (acc, m, l) = online(qs, K, K)
//   while any head is active:
//     qn = active ? beta_h * acc / l : qs;  (acc, m, l) = online(qn, K, K)
//     change = association_change(qn, qs) (or the state criterion)
//     steps += active; active = active && budget left && max_b change > eps
//   output = finalize(online(qs, K, V))   (the loop's acc / l when V is K)

// Criterion `association`, values differ from the keys: the loop runs with
// the keys as values, the value projection runs once after it.
// CHECK-LABEL: func.func @association_criterion
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x3x4x8xf32>, %[[K:[^:]+]]: tensor<2x3x6x8xf32>, %[[V:[^:]+]]: tensor<2x3x6x5xf32>)
// CHECK-DAG: %[[C0I:.+]] = arith.constant 0 : i64
// CHECK-DAG: %[[C1I:.+]] = arith.constant 1 : i64
// CHECK-DAG: %[[C3I:.+]] = arith.constant 3 : i64
// CHECK-DAG: %[[HALF:.+]] = arith.constant 5.000000e-01 : f32
// The threshold is eps squared: association_change gives squared norms.
// CHECK-DAG: %[[EPS2:.+]] = arith.constant 9.99999974E-5 : f32
// CHECK-DAG: %[[BUDGET:.+]] = linalg.fill ins(%[[C3I]] : i64) outs(%{{.+}} : tensor<3xi64>)
// CHECK-DAG: %[[THRESH:.+]] = linalg.fill ins(%[[EPS2]] : f32) outs(%{{.+}} : tensor<3xf32>)
// CHECK-DAG: %[[BETAS:.+]] = linalg.fill ins(%[[HALF]] : f32) outs(%{{.+}} : tensor<3xf32>)
// The scale is folded into the query once.
// CHECK: %[[QS:.+]] = linalg.generic {{.+}} ins(%[[Q]] : tensor<2x3x4x8xf32>)
// CHECK: arith.mulf %{{.+}}, %[[HALF]] : f32
// First softmax: xi K with the keys as values, beta already folded.
// CHECK: %[[ACC0:[^,]+]], %[[MAX0:[^,]+]], %[[SUM0:[^,]+]] = hopfield.online_associate %[[QS]], %[[K]], %[[K]] beta = 1.000000e+00 outs(
// CHECK-SAME: -> tensor<2x3x4x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
// CHECK: %[[LSE0:.+]] = linalg.generic {{.+}} ins(%[[MAX0]], %[[SUM0]] :
// CHECK: math.log
// CHECK: %[[ONES:.+]] = linalg.fill ins(%[[C1I]] : i64) outs(%{{.+}} : tensor<3xi64>)
// A head starts active when it has any budget.
// CHECK: %[[ACTIVE0:.+]] = linalg.generic {{.+}} ins(%[[BUDGET]] : tensor<3xi64>)
// CHECK: arith.cmpi ne, %{{.+}}, %[[C0I]] : i64
// CHECK: %[[LOOP:.+]]:6 = scf.while (%[[W0:.+]] = %[[QS]], %[[W1:.+]] = %[[LSE0]], %[[W2:.+]] = %[[ACC0]], %[[W3:.+]] = %[[SUM0]], %[[W4:.+]] = %[[ONES]], %[[W5:.+]] = %[[ACTIVE0]])
// CHECK-SAME: : (tensor<2x3x4x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4x8xf32>, tensor<2x3x4xf32>, tensor<3xi64>, tensor<3xi1>)
// The loop runs while any head is active.
// CHECK: %[[ANY:.+]] = linalg.generic {{.+}} iterator_types = ["reduction"]} ins(%[[W5]] : tensor<3xi1>)
// CHECK: arith.ori
// CHECK: %[[ANYV:.+]] = tensor.extract %[[ANY]][] : tensor<i1>
// CHECK: scf.condition(%[[ANYV]]) %[[W0]], %[[W1]], %[[W2]], %[[W3]], %[[W4]], %[[W5]] :
// CHECK: } do {
// CHECK: ^bb0(%[[CUR:[^:]+]]: tensor<2x3x4x8xf32>, %[[CURLSE:[^:]+]]: tensor<2x3x4xf32>, %[[CACC:[^:]+]]: tensor<2x3x4x8xf32>, %[[CSUM:[^:]+]]: tensor<2x3x4xf32>, %[[CSTEPS:[^:]+]]: tensor<3xi64>, %[[CACT:[^:]+]]: tensor<3xi1>):
// Active heads move to beta_h * acc / sum, the others keep their state.
// CHECK: %[[NEXT:.+]] = linalg.generic {{.+}} ins(%[[CACT]], %[[BETAS]], %[[CACC]], %[[CSUM]], %[[CUR]] : tensor<3xi1>, tensor<3xf32>, tensor<2x3x4x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4x8xf32>)
// CHECK: arith.divf
// CHECK: arith.mulf
// CHECK: arith.select
// CHECK: %[[NACC:[^,]+]], %[[NMAX:[^,]+]], %[[NSUM:[^,]+]] = hopfield.online_associate %[[NEXT]], %[[K]], %[[K]] beta = 1.000000e+00 outs(
// CHECK: %[[NLSE:.+]] = linalg.generic {{.+}} ins(%[[NMAX]], %[[NSUM]] :
// CHECK: %[[CHANGE:.+]] = hopfield.association_change %[[NEXT]], %[[CUR]], %[[K]] lse(%[[NLSE]], %[[CURLSE]]) outs(%{{.+}}) :
// CHECK-SAME: -> tensor<2x3xf32>
// Max over the batch per head.
// CHECK: %[[PERHEAD:.+]] = linalg.generic {{.+}} iterator_types = ["reduction", "parallel"]} ins(%[[CHANGE]] : tensor<2x3xf32>) outs(%{{.+}} : tensor<3xf32>)
// CHECK: arith.maximumf
// CHECK: %[[NSTEPS:.+]] = linalg.generic {{.+}} ins(%[[CSTEPS]], %[[CACT]] : tensor<3xi64>, tensor<3xi1>)
// CHECK: arith.extui
// CHECK: arith.addi
// CHECK: %[[NACT:.+]] = linalg.generic {{.+}} ins(%[[CACT]], %[[NSTEPS]], %[[BUDGET]], %[[PERHEAD]], %[[THRESH]] :
// CHECK: arith.cmpf ogt
// CHECK: scf.yield %[[NEXT]], %[[NLSE]], %[[NACC]], %[[NSUM]], %[[NSTEPS]], %[[NACT]] :
// The value projection, once, on the final state.
// CHECK: %[[OACC:[^,]+]], %{{[^,]+}}, %[[OSUM:[^,]+]] = hopfield.online_associate %[[LOOP]]#0, %[[K]], %[[V]] beta = 1.000000e+00 outs(
// CHECK-SAME: -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
// CHECK: %[[OUT:.+]] = hopfield.finalize %[[OACC]], %[[OSUM]] : tensor<2x3x4x5xf32>, tensor<2x3x4xf32> -> tensor<2x3x4x5xf32>
// CHECK: return %[[OUT]], %[[LOOP]]#4 : tensor<2x3x4x5xf32>, tensor<3xi64>
// CHECK-NOT: hopfield.associate
func.func @association_criterion(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                                 %v: tensor<2x3x6x5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<3xi64>) {
  %out, %steps = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [3]
      {eps = array<f64: 0.01>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> steps tensor<3xi64>
  return %out, %steps : tensor<2x3x4x5xf32>, tensor<3xi64>
}

// -----

// Values are the keys: the last loop step already holds xi K, so there are
// exactly two online_associate ops and finalize reads the loop results.
// Unbounded budget is -1; the default eps 1e-4 squared is 1e-8.
// CHECK-LABEL: func.func @value_is_key
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x2x4x8xf64>, %[[K:[^:]+]]: tensor<1x2x6x8xf64>)
// CHECK-DAG: %[[UNBOUNDED:.+]] = arith.constant -1 : i64
// CHECK-DAG: %[[EPS2:.+]] = arith.constant 1.000000e-08 : f64
// CHECK-DAG: linalg.fill ins(%[[UNBOUNDED]] : i64) outs(%{{.+}} : tensor<2xi64>)
// CHECK-DAG: linalg.fill ins(%[[EPS2]] : f64) outs(%{{.+}} : tensor<2xf64>)
// CHECK: hopfield.online_associate %{{.+}}, %[[K]], %[[K]] beta = 1.000000e+00
// CHECK: %[[LOOP:.+]]:6 = scf.while
// CHECK: hopfield.online_associate %{{.+}}, %[[K]], %[[K]] beta = 1.000000e+00
// CHECK: hopfield.association_change
// CHECK: scf.yield
// CHECK-NOT: hopfield.online_associate
// CHECK: %[[OUT:.+]] = hopfield.finalize %[[LOOP]]#2, %[[LOOP]]#3 : tensor<1x2x4x8xf64>, tensor<1x2x4xf64> -> tensor<1x2x4x8xf64>
// CHECK: return %[[OUT]], %[[LOOP]]#4
func.func @value_is_key(%q: tensor<1x2x4x8xf64>, %k: tensor<1x2x6x8xf64>)
    -> (tensor<1x2x4x8xf64>, tensor<2xi64>) {
  %out, %steps = hopfield.associate %q, %k, %k beta = 0.25
      max_steps = [unbounded]
      : tensor<1x2x4x8xf64>, tensor<1x2x6x8xf64>, tensor<1x2x6x8xf64>
      -> tensor<1x2x4x8xf64> steps tensor<2xi64>
  return %out, %steps : tensor<1x2x4x8xf64>, tensor<2xi64>
}

// -----

// Criterion `state`: no association_change; the change is the max over
// (b, l, d) of |next - current| / beta_h, compared with eps itself.
// CHECK-LABEL: func.func @state_criterion
// CHECK-DAG: %[[EPS:.+]] = arith.constant 0.00999999977 : f32
// CHECK-DAG: %[[THRESH:.+]] = linalg.fill ins(%[[EPS]] : f32) outs(%{{.+}} : tensor<3xf32>)
// CHECK-DAG: %[[HALF:.+]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG: %[[BETAS:.+]] = linalg.fill ins(%[[HALF]] : f32) outs(%{{.+}} : tensor<3xf32>)
// CHECK: scf.while
// CHECK: ^bb0(%[[CUR:[^:]+]]: tensor<2x3x4x8xf32>, %{{[^:]+}}: tensor<2x3x4xf32>, %{{[^:]+}}: tensor<2x3x4x8xf32>, %{{[^:]+}}: tensor<2x3x4xf32>, %{{[^:]+}}: tensor<3xi64>, %[[CACT:[^:]+]]: tensor<3xi1>):
// CHECK: %[[NEXT:.+]] = linalg.generic {{.+}} ins(%[[CACT]], %[[BETAS]], %{{.+}}, %{{.+}}, %[[CUR]] :
// CHECK: hopfield.online_associate %[[NEXT]]
// CHECK-NOT: hopfield.association_change
// CHECK: %[[CHANGE:.+]] = linalg.generic {{.+}} iterator_types = ["reduction", "parallel", "reduction", "reduction"]} ins(%[[NEXT]], %[[CUR]], %[[BETAS]] : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<3xf32>) outs(%{{.+}} : tensor<3xf32>)
// CHECK: arith.subf
// CHECK: math.absf
// CHECK: arith.divf
// CHECK: arith.maximumf
// CHECK: linalg.generic {{.+}} ins(%[[CACT]], %{{.+}}, %{{.+}}, %[[CHANGE]], %[[THRESH]] :
// CHECK: scf.yield
// CHECK-NOT: hopfield.association_change
// CHECK: hopfield.finalize
func.func @state_criterion(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                           %v: tensor<2x3x6x5xf32>) -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [2]
      {criterion = #hopfield.criterion<state>, eps = array<f64: 0.01>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// -----

// Per-head max_steps and eps become constant tensors (eps squared); head_beta
// scales the query once (beta * head_beta[h]) and gives the per-head betas
// that scale each new state.
// CHECK-LABEL: func.func @per_head_rules
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x3x4x8xf32>, %[[K:[^:]+]]: tensor<2x3x6x8xf32>, %[[V:[^:]+]]: tensor<2x3x6x5xf32>, %[[HB:[^:]+]]: tensor<3xf32>)
// CHECK-DAG: %[[HALF:.+]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG: %[[BUDGET:.+]] = arith.constant dense<[2, -1, 0]> : tensor<3xi64>
// CHECK-DAG: %[[THRESH:.+]] = arith.constant dense<[2.500000e-01, 6.250000e-02, 1.562500e-02]> : tensor<3xf32>
// CHECK-DAG: %[[BETA0:.+]] = linalg.fill ins(%[[HALF]] : f32) outs(%{{.+}} : tensor<3xf32>)
// CHECK: %[[BETAS:.+]] = linalg.generic {{.+}} ins(%[[HB]] : tensor<3xf32>) outs(%[[BETA0]] : tensor<3xf32>)
// CHECK: arith.mulf
// CHECK: %[[QS:.+]] = linalg.generic {{.+}} ins(%[[Q]], %[[HB]] : tensor<2x3x4x8xf32>, tensor<3xf32>)
// CHECK: %[[M:.+]] = arith.mulf %{{.+}}, %[[HALF]] : f32
// CHECK: arith.mulf %[[M]], %{{.+}} : f32
// The online ops carry no head_beta: it is folded into the query.
// CHECK: hopfield.online_associate %[[QS]], %[[K]], %[[K]] beta = 1.000000e+00 outs(
// CHECK: linalg.generic {{.+}} ins(%[[BUDGET]] : tensor<3xi64>)
// CHECK: scf.while
// CHECK: linalg.generic {{.+}} ins(%{{.+}}, %[[BETAS]], %{{.+}}, %{{.+}}, %{{.+}} :
// CHECK: hopfield.online_associate %{{.+}}, %[[K]], %[[K]] beta = 1.000000e+00 outs(
// CHECK: hopfield.association_change
// CHECK: linalg.generic {{.+}} ins(%{{.+}}, %{{.+}}, %[[BUDGET]], %{{.+}}, %[[THRESH]] : tensor<3xi1>, tensor<3xi64>, tensor<3xi64>, tensor<3xf32>, tensor<3xf32>)
// CHECK: scf.yield
// CHECK: hopfield.online_associate %{{.+}}, %[[K]], %[[V]] beta = 1.000000e+00 outs(
// CHECK-NOT: head_beta
// CHECK: hopfield.finalize
func.func @per_head_rules(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                          %v: tensor<2x3x6x5xf32>, %hb: tensor<3xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<3xi64>) {
  %out, %steps = hopfield.associate %q, %k, %v head_beta(%hb : tensor<3xf32>)
      beta = 0.5 max_steps = [2, unbounded, 0]
      {eps = array<f64: 0.5, 0.25, 0.125>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> steps tensor<3xi64>
  return %out, %steps : tensor<2x3x4x5xf32>, tensor<3xi64>
}

// -----

// Mask, bias, causal and the query offset reach every step: the three
// online_associate ops (key offset 0) and the association_change.
// CHECK-LABEL: func.func @masks_pass_through
// CHECK-SAME: (%{{[^:]+}}: tensor<2x3x4x8xf32>, %[[K:[^:]+]]: tensor<2x3x6x8xf32>, %[[V:[^:]+]]: tensor<2x3x6x5xf32>, %[[M:[^:]+]]: tensor<2x1x1x6xi1>, %[[B:[^:]+]]: tensor<1x1x4x6xf32>, %[[QO:[^:]+]]: index)
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK: hopfield.online_associate %{{.+}}, %[[K]], %[[K]] mask(%[[M]] : tensor<2x1x1x6xi1>) bias(%[[B]] : tensor<1x1x4x6xf32>) offsets(%[[QO]], %[[C0]]) beta = 1.000000e+00 causal outs(
// CHECK: scf.while
// CHECK: hopfield.online_associate %{{.+}}, %[[K]], %[[K]] mask(%[[M]] : tensor<2x1x1x6xi1>) bias(%[[B]] : tensor<1x1x4x6xf32>) offsets(%[[QO]], %[[C0]]) beta = 1.000000e+00 causal outs(
// CHECK: hopfield.association_change %{{.+}}, %{{.+}}, %[[K]] lse(%{{.+}}, %{{.+}}) mask(%[[M]] : tensor<2x1x1x6xi1>) bias(%[[B]] : tensor<1x1x4x6xf32>) offsets(%[[QO]], %[[C0]]) causal outs(
// CHECK: scf.yield
// CHECK: hopfield.online_associate %{{.+}}, %[[K]], %[[V]] mask(%[[M]] : tensor<2x1x1x6xi1>) bias(%[[B]] : tensor<1x1x4x6xf32>) offsets(%[[QO]], %[[C0]]) beta = 1.000000e+00 causal outs(
func.func @masks_pass_through(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                              %v: tensor<2x3x6x5xf32>, %m: tensor<2x1x1x6xi1>,
                              %b: tensor<1x1x4x6xf32>, %qo: index)
    -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v mask(%m : tensor<2x1x1x6xi1>)
      bias(%b : tensor<1x1x4x6xf32>) query_offset(%qo) beta = 0.5
      max_steps = [1] causal
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// -----

// bf16: the state stays bf16 (truncated after scaling), statistics, lse and
// the change are f32; finalize narrows the output back to bf16.
// CHECK-LABEL: func.func @bf16_state
// CHECK: scf.while {{.+}} : (tensor<1x2x4x8xbf16>, tensor<1x2x4xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4xf32>, tensor<2xi64>, tensor<2xi1>)
// CHECK: linalg.generic
// CHECK: arith.truncf %{{.+}} : f32 to bf16
// CHECK: hopfield.online_associate {{.+}} : tensor<1x2x4x8xbf16>, tensor<1x2x6x8xbf16>, tensor<1x2x6x8xbf16> -> tensor<1x2x4x8xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
// CHECK: hopfield.association_change {{.+}} : tensor<1x2x4x8xbf16>, tensor<1x2x4x8xbf16>, tensor<1x2x6x8xbf16>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2xf32> -> tensor<1x2xf32>
// CHECK: hopfield.finalize %{{.+}}, %{{.+}} : tensor<1x2x4x8xf32>, tensor<1x2x4xf32> -> tensor<1x2x4x8xbf16>
func.func @bf16_state(%q: tensor<1x2x4x8xbf16>, %k: tensor<1x2x6x8xbf16>,
                      %v: tensor<1x2x6x8xbf16>) -> tensor<1x2x4x8xbf16> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [1]
      : tensor<1x2x4x8xbf16>, tensor<1x2x6x8xbf16>, tensor<1x2x6x8xbf16>
      -> tensor<1x2x4x8xbf16>
  return %out : tensor<1x2x4x8xbf16>
}

// -----

// Dynamic batch and heads: the per-head tensors are sized by the query's
// head dimension and the steps are cast to the declared result type.
// CHECK-LABEL: func.func @dynamic_heads
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<?x?x4x8xf32>
// CHECK-DAG: %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG: %[[H:.+]] = tensor.dim %[[Q]], %[[C1]] : tensor<?x?x4x8xf32>
// CHECK-DAG: tensor.empty(%[[H]]) : tensor<?xi64>
// CHECK: %[[LOOP:.+]]:6 = scf.while {{.+}} -> (tensor<?x?x4x8xf32>, tensor<?x?x4xf32>, tensor<?x?x4x8xf32>, tensor<?x?x4xf32>, tensor<?xi64>, tensor<?xi1>)
// CHECK: hopfield.association_change {{.+}} -> tensor<?x?xf32>
// CHECK: %[[OUT:.+]] = hopfield.finalize
// CHECK: %[[STEPS:.+]] = tensor.cast %[[LOOP]]#4 : tensor<?xi64> to tensor<2xi64>
// CHECK: return %[[OUT]], %[[STEPS]] : tensor<?x?x4x8xf32>, tensor<2xi64>
func.func @dynamic_heads(%q: tensor<?x?x4x8xf32>, %k: tensor<?x?x6x8xf32>,
                         %v: tensor<?x?x6x8xf32>)
    -> (tensor<?x?x4x8xf32>, tensor<2xi64>) {
  %out, %steps = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [1]
      : tensor<?x?x4x8xf32>, tensor<?x?x6x8xf32>, tensor<?x?x6x8xf32>
      -> tensor<?x?x4x8xf32> steps tensor<2xi64>
  return %out, %steps : tensor<?x?x4x8xf32>, tensor<2xi64>
}

// -----

// The frontend's form: dynamic batch, the key reshaped once and used as the
// value too (V is K, no third online_associate).
// CHECK-LABEL: func.func @frontend_retrieval
// CHECK: %[[K:.+]] = tensor.expand_shape %arg0
// CHECK: %[[LOOP:.+]]:6 = scf.while
// CHECK: hopfield.online_associate %{{.+}}, %[[K]], %[[K]] beta = 1.000000e+00
// CHECK-SAME: -> tensor<?x1x4x16xf64>, tensor<?x1x4xf64>, tensor<?x1x4xf64>
// CHECK: hopfield.association_change %{{.+}}, %{{.+}}, %[[K]] lse
// CHECK-SAME: -> tensor<?x1xf64>
// CHECK: scf.yield
// CHECK-NOT: hopfield.online_associate
// CHECK: %[[OUT:.+]] = hopfield.finalize %[[LOOP]]#2, %[[LOOP]]#3
// CHECK: return %[[OUT]], %[[LOOP]]#4 : tensor<?x1x4x16xf64>, tensor<1xi64>
func.func @frontend_retrieval(%y: tensor<?x32x16xf64>, %r: tensor<?x4x16xf64>)
    -> (tensor<?x1x4x16xf64>, tensor<1xi64>) {
  %c0 = arith.constant 0 : index
  %b = tensor.dim %y, %c0 : tensor<?x32x16xf64>
  %k = tensor.expand_shape %y [[0], [1, 2], [3]] output_shape [%b, 1, 32, 16]
      : tensor<?x32x16xf64> into tensor<?x1x32x16xf64>
  %q = tensor.expand_shape %r [[0], [1, 2], [3]] output_shape [%b, 1, 4, 16]
      : tensor<?x4x16xf64> into tensor<?x1x4x16xf64>
  %o, %s = hopfield.associate %q, %k, %k beta = 0.25 max_steps = [10]
      {eps = array<f64: 0.03>}
      : tensor<?x1x4x16xf64>, tensor<?x1x32x16xf64>, tensor<?x1x32x16xf64>
      -> tensor<?x1x4x16xf64> steps tensor<1xi64>
  return %o, %s : tensor<?x1x4x16xf64>, tensor<1xi64>
}

// -----

// Left alone: a single-step association without its association matrix
// (hopfield-to-online's job).
// CHECK-LABEL: func.func @not_expanded
// CHECK-NOT: scf.while
// CHECK: hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 5.000000e-01 max_steps = [0] :
// CHECK-NOT: hopfield.online_associate
func.func @not_expanded(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                        %v: tensor<2x3x6x5xf32>) -> tensor<2x3x4x5xf32> {
  %a = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %a : tensor<2x3x4x5xf32>
}

// -----

// The association matrix of an iterating op (passes/AssociationMatrix.cpp):
// rebuilt after the loop from the final scaled state (loop result 0) and its
// log-sum-exp (result 1): scores q kT, then one element-wise generic
// xi = exp(s + bias - lse), 0 where masked or causally hidden (position
// l + query_offset < s; the key offset 0 folds away), so rows with every
// key masked (lse = -inf) are 0.
// The mask [B,1,1,S] and the bias [1,H,L,1] broadcast along their size-1
// dimensions.
// CHECK-DAG: #[[$ID5Q:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d4)>
// CHECK-DAG: #[[$ID5K:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d4, d3)>
// CHECK-DAG: #[[$ID5S:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$ROW:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[$MASK:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, 0, 0, d3)>
// CHECK-DAG: #[[$BIAS:.+]] = affine_map<(d0, d1, d2, d3) -> (0, d1, d2, 0)>
// CHECK-LABEL: func.func @iterating_association
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x3x4x8xf32>, %[[K:[^:]+]]: tensor<2x3x6x8xf32>, %[[V:[^:]+]]: tensor<2x3x6x5xf32>, %[[M:[^:]+]]: tensor<2x1x1x6xi1>, %[[B:[^:]+]]: tensor<1x3x4x1xf32>, %[[OFF:[^:]+]]: index)
// CHECK-DAG: %[[NINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK: hopfield.online_associate %{{.+}}, %[[K]], %[[K]] mask(%[[M]] : tensor<2x1x1x6xi1>) bias(%[[B]] : tensor<1x3x4x1xf32>) offsets(%[[OFF]], %[[C0]]) beta = 1.000000e+00 causal
// CHECK: %[[LOOP:.+]]:6 = scf.while
// CHECK: scf.yield
// CHECK: %[[OACC:[^,]+]], %{{[^,]+}}, %[[OSUM:[^,]+]] = hopfield.online_associate %[[LOOP]]#0, %[[K]], %[[V]]
// CHECK: %[[OUT:.+]] = hopfield.finalize %[[OACC]], %[[OSUM]]
// CHECK: %[[KT:.+]] = linalg.transpose ins(%[[K]] : tensor<2x3x6x8xf32>) outs(%{{.+}} : tensor<2x3x8x6xf32>) permutation = [0, 1, 3, 2]
// CHECK: %[[SINIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<2x3x4x6xf32>)
// CHECK: %[[S:.+]] = linalg.generic {indexing_maps = [#[[$ID5Q]], #[[$ID5K]], #[[$ID5S]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[LOOP]]#0, %[[KT]] : tensor<2x3x4x8xf32>, tensor<2x3x8x6xf32>) outs(%[[SINIT]] : tensor<2x3x4x6xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: %[[XI:.+]] = linalg.generic {indexing_maps = [#[[$ID4]], #[[$ROW]], #[[$MASK]], #[[$BIAS]], #[[$ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[S]], %[[LOOP]]#1, %[[M]], %[[B]] : tensor<2x3x4x6xf32>, tensor<2x3x4xf32>, tensor<2x1x1x6xi1>, tensor<1x3x4x1xf32>)
// CHECK-NEXT: ^bb0(%[[SV:[^:]+]]: f32, %[[LSE:[^:]+]]: f32, %[[MV:[^:]+]]: i1, %[[BV:[^:]+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: %[[SB:.+]] = arith.addf %[[SV]], %[[BV]] : f32
// CHECK-NEXT: %[[L:.+]] = linalg.index 2 : index
// CHECK-NEXT: %[[S_:.+]] = linalg.index 3 : index
// CHECK-NEXT: %[[LA:.+]] = arith.addi %[[L]], %[[OFF]] : index
// CHECK-NEXT: %[[LATER:.+]] = arith.cmpi ugt, %[[S_]], %[[LA]] : index
// CHECK-NEXT: %[[HIDDEN:.+]] = arith.ori %[[MV]], %[[LATER]] : i1
// CHECK-NEXT: %[[MASKED:.+]] = arith.select %[[HIDDEN]], %[[NINF]], %[[SB]] : f32
// CHECK-NEXT: %[[ISINF:.+]] = arith.cmpf oeq, %[[MASKED]], %[[NINF]] : f32
// CHECK-NEXT: %[[SHIFT:.+]] = arith.subf %[[MASKED]], %[[LSE]] : f32
// CHECK-NEXT: %[[E:.+]] = math.exp %[[SHIFT]] : f32
// CHECK-NEXT: %[[P:.+]] = arith.select %[[ISINF]], %[[ZERO]], %[[E]] : f32
// CHECK-NEXT: linalg.yield %[[P]] : f32
// CHECK: return %[[OUT]], %[[XI]], %[[LOOP]]#4 : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>, tensor<3xi64>
// CHECK-NOT: hopfield.associate
func.func @iterating_association(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                                 %v: tensor<2x3x6x5xf32>, %m: tensor<2x1x1x6xi1>,
                                 %bias: tensor<1x3x4x1xf32>, %off: index)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>, tensor<3xi64>) {
  %out, %xi, %steps = hopfield.associate %q, %k, %v mask(%m : tensor<2x1x1x6xi1>)
      bias(%bias : tensor<1x3x4x1xf32>) query_offset(%off) beta = 0.5
      max_steps = [3] causal
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32> steps tensor<3xi64>
  return %out, %xi, %steps
      : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>, tensor<3xi64>
}

// -----

// No update step, association requested: no loop. One online pass over
// (K, V) gives the output and the log-sum-exp of the scaled query; steps
// are 1. f16: statistics and scores in f32, the matrix truncated to f16.
// CHECK-LABEL: func.func @single_step_association
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x2x4x8xf16>, %[[K:[^:]+]]: tensor<1x2x6x8xf16>, %[[V:[^:]+]]: tensor<1x2x6x5xf16>)
// CHECK-NOT: scf.while
// CHECK: %[[QS:.+]] = linalg.generic {{.+}} ins(%[[Q]] : tensor<1x2x4x8xf16>)
// CHECK: %[[ACC:[^,]+]], %[[MAX:[^,]+]], %[[SUM:[^,]+]] = hopfield.online_associate %[[QS]], %[[K]], %[[V]] beta = 1.000000e+00
// CHECK-SAME: -> tensor<1x2x4x5xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
// CHECK: %[[OUT:.+]] = hopfield.finalize %[[ACC]], %[[SUM]]
// CHECK: %[[STEPS:.+]] = linalg.fill ins(%{{.+}} : i64) outs(%{{.+}} : tensor<2xi64>)
// CHECK: %[[LSE:.+]] = linalg.generic {{.+}} ins(%[[MAX]], %[[SUM]] :
// CHECK: math.log
// CHECK: %[[KT:.+]] = linalg.transpose ins(%[[K]] : tensor<1x2x6x8xf16>)
// CHECK: %[[S:.+]] = linalg.generic {{.+}} ins(%[[QS]], %[[KT]] : tensor<1x2x4x8xf16>, tensor<1x2x8x6xf16>) outs(%{{.+}} : tensor<1x2x4x6xf32>)
// CHECK: arith.extf
// CHECK: %[[XI:.+]] = linalg.generic {{.+}} ins(%[[S]], %[[LSE]] : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%{{.+}} : tensor<1x2x4x6xf16>)
// CHECK: math.exp
// CHECK: arith.truncf %{{.+}} : f32 to f16
// CHECK: return %[[OUT]], %[[XI]], %[[STEPS]] : tensor<1x2x4x5xf16>, tensor<1x2x4x6xf16>, tensor<2xi64>
// CHECK-NOT: hopfield.associate
func.func @single_step_association(%q: tensor<1x2x4x8xf16>, %k: tensor<1x2x6x8xf16>,
                                   %v: tensor<1x2x6x5xf16>)
    -> (tensor<1x2x4x5xf16>, tensor<1x2x4x6xf16>, tensor<2xi64>) {
  %out, %xi, %steps = hopfield.associate %q, %k, %v beta = 0.25 max_steps = [0]
      : tensor<1x2x4x8xf16>, tensor<1x2x6x8xf16>, tensor<1x2x6x5xf16>
      -> tensor<1x2x4x5xf16> association tensor<1x2x4x6xf16> steps tensor<2xi64>
  return %out, %xi, %steps
      : tensor<1x2x4x5xf16>, tensor<1x2x4x6xf16>, tensor<2xi64>
}
