// RUN: hopfield-opt %s -split-input-file -verify-diagnostics

// Parser errors of the custom syntax of the hopfield ops and attributes (the
// custom<StepBudget> directive of 'max_steps', the enum attributes, and the
// optional groups), plus the verifier message for an empty step budget.

// max_steps entry that is neither an integer nor 'unbounded'.
func.func @max_steps_identifier(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{custom op 'hopfield.associate' expected integer value}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [foo]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Unknown keyword after a valid 'unbounded' entry.
func.func @max_steps_second_identifier(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{expected integer value}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [unbounded, bogus]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Float entry in max_steps.
func.func @max_steps_float(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{expected integer value}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [1.5]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Trailing comma in max_steps.
func.func @max_steps_trailing_comma(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{expected integer value}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [1, ]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// max_steps without the square brackets.
func.func @max_steps_no_brackets(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{expected '['}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = 3
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// max_steps list not closed.
func.func @max_steps_unclosed(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{expected ']'}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [1
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Empty max_steps parses, but the verifier wants 1 value or one per head.
func.func @max_steps_empty(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'max_steps' must hold 1 value or 3 (one per head), got 0}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = []
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// max_steps is not optional.
func.func @max_steps_missing(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  %out = hopfield.associate %q, %k, %v beta = 1.0
      // expected-error @+1 {{custom op 'hopfield.associate' expected 'max_steps'}}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// beta written as an integer literal (an f64 attribute is expected).
func.func @beta_integer(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+2 {{unexpected decimal integer literal for a floating point value}}
  // expected-note @+1 {{add a trailing dot to make the literal a float}}
  %out = hopfield.associate %q, %k, %v beta = 1 max_steps = [1]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Unknown convergence criterion (the enum parser reports twice, on the value
// and on the closing '>').
func.func @criterion_bogus(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+2 {{expected ::mlir::hopfield::ConvergenceCriterion to be one of: association, state}}
  // expected-error @+1 {{failed to parse Hopfield_ConvergenceCriterionAttr parameter 'value'}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [1] {criterion = #hopfield.criterion<bogus>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Unknown mha init.
func.func @init_bogus(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+2 {{expected ::mlir::hopfield::MhaInit to be one of: first_scores, zero}}
  // expected-error @+1 {{failed to parse Hopfield_MhaInitAttr parameter 'value'}}
  %o, %h = hopfield.mha %q, %k, %v alpha_hidden = 0.5 {init = #hopfield.init<bogus>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// A criterion attribute where the mha init is expected.
func.func @init_wrong_enum(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{attribute 'init' failed to satisfy constraint: hidden state of the first modern Hopfield attention layer}}
  %o, %h = hopfield.mha %q, %k, %v alpha_hidden = 0.5 {init = #hopfield.criterion<state>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// offsets(...) takes both the query and the key offset.
func.func @offsets_single(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>,
                          %i: index, %acc: tensor<2x3x4x5xf32>, %m: tensor<2x3x4xf32>) {
  // expected-error @+1 {{expected ','}}
  %a, %b, %c = hopfield.online_associate %q, %k, %v offsets(%i) beta = 1.0 outs(%acc, %m, %m)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}
