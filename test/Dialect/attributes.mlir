// RUN: hopfield-opt %s | FileCheck %s
// RUN: hopfield-opt %s | hopfield-opt | FileCheck %s
// RUN: hopfield-opt %s --mlir-print-op-generic | hopfield-opt | FileCheck %s
// RUN: hopfield-opt %s -emit-bytecode | hopfield-opt | FileCheck %s

// The enum attributes #hopfield.criterion and #hopfield.init used as plain
// (discardable) attributes, outside the ops that define them.

// Aliases are resolved; the printer writes the attribute inline.
#state = #hopfield.criterion<state>
#zero = #hopfield.init<zero>

// CHECK: module attributes {hopfield.default_criterion = #hopfield.criterion<association>, hopfield.default_init = #hopfield.init<first_scores>}
module attributes {hopfield.default_criterion = #hopfield.criterion<association>,
                   hopfield.default_init = #hopfield.init<first_scores>} {

// CHECK-LABEL: func.func @func_attrs()
// CHECK-SAME: attributes {crit_a = #hopfield.criterion<association>, crit_s = #hopfield.criterion<state>, init_f = #hopfield.init<first_scores>, init_z = #hopfield.init<zero>}
func.func @func_attrs() attributes {
    crit_a = #hopfield.criterion<association>,
    crit_s = #hopfield.criterion<state>,
    init_f = #hopfield.init<first_scores>,
    init_z = #hopfield.init<zero>} {
  return
}

// Argument and result attributes must be dialect attributes.
// CHECK-LABEL: func.func @arg_and_result_attrs
// CHECK-SAME: (%{{.+}}: tensor<4xf32> {hopfield.crit = #hopfield.criterion<state>}, %{{.+}}: tensor<4xf32> {hopfield.init = #hopfield.init<zero>})
// CHECK-SAME: -> (tensor<4xf32> {hopfield.crit = #hopfield.criterion<association>, hopfield.init = #hopfield.init<first_scores>})
func.func @arg_and_result_attrs(%a: tensor<4xf32> {hopfield.crit = #state},
                                %b: tensor<4xf32> {hopfield.init = #zero})
    -> (tensor<4xf32> {hopfield.crit = #hopfield.criterion<association>,
                       hopfield.init = #hopfield.init<first_scores>}) {
  return %a : tensor<4xf32>
}

// Inside arrays and dictionaries.
// CHECK-LABEL: func.func @nested
// CHECK-SAME: attributes {all = [#hopfield.criterion<association>, #hopfield.criterion<state>, #hopfield.init<first_scores>, #hopfield.init<zero>], dict = {c = #hopfield.criterion<state>, i = #hopfield.init<zero>}}
func.func @nested() attributes {
    all = [#hopfield.criterion<association>, #state,
           #hopfield.init<first_scores>, #zero],
    dict = {c = #state, i = #zero}} {
  return
}

// In the attr-dict of ops, upstream and hopfield.
// CHECK-LABEL: func.func @on_ops
// CHECK: arith.addf %{{.+}}, %{{.+}} {tag = #hopfield.criterion<state>} : f32
// CHECK: hopfield.lse %{{.+}} beta = 1.000000e+00 {note = #hopfield.init<zero>} : tensor<4x10xf32> -> tensor<4xf32>
// CHECK: return {{.+}} : f32, tensor<4xf32>
func.func @on_ops(%x: f32, %z: tensor<4x10xf32>) -> (f32, tensor<4xf32>) {
  %s = arith.addf %x, %x {tag = #state} : f32
  %l = hopfield.lse %z beta = 1.0 {note = #hopfield.init<zero>}
      : tensor<4x10xf32> -> tensor<4xf32>
  return %s, %l : f32, tensor<4xf32>
}

// As the inherent attributes: a non-default value is printed, the default
// value is elided.
// CHECK-LABEL: func.func @as_properties
// CHECK: hopfield.associate {{.+}} max_steps = [unbounded] {criterion = #hopfield.criterion<state>} :
// CHECK: hopfield.associate {{.+}} max_steps = [unbounded] : tensor<1x1x4x8xf32>
// CHECK: hopfield.mha {{.+}} alpha_hidden = 5.000000e-01 {init = #hopfield.init<zero>} :
// CHECK: hopfield.mha {{.+}} alpha_hidden = 5.000000e-01 : tensor<1x1x4x8xf32>
func.func @as_properties(%q: tensor<1x1x4x8xf32>)
    -> (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x4xf32>,
        tensor<1x1x4x4xf32>) {
  %a = hopfield.associate %q, %q, %q beta = 1.0 max_steps = [unbounded]
      {criterion = #state}
      : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>
      -> tensor<1x1x4x8xf32>
  %b = hopfield.associate %q, %q, %q beta = 1.0 max_steps = [unbounded]
      {criterion = #hopfield.criterion<association>}
      : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>
      -> tensor<1x1x4x8xf32>
  %o1, %h1 = hopfield.mha %q, %q, %q alpha_hidden = 0.5 {init = #zero}
      : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>
      -> tensor<1x1x4x8xf32>, tensor<1x1x4x4xf32>
  %o2, %h2 = hopfield.mha %q, %q, %q alpha_hidden = 0.5
      {init = #hopfield.init<first_scores>}
      : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>
      -> tensor<1x1x4x8xf32>, tensor<1x1x4x4xf32>
  return %a, %b, %h1, %h2
      : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x4xf32>,
        tensor<1x1x4x4xf32>
}

}
