// RUN: hopfield-opt %s -hopfield-approximate-math | FileCheck %s

// hopfield-approximate-math: f32 math.exp (scalar or vector) becomes
// upstream's polynomial approximation, i.e. arith/math.fma ops only:
// exp(x) = 2^n * p(r) with n = floor(x log2(e) + 1/2), r = x - n ln(2),
// the input clamped to the f32 range and 2^n built in the exponent bits.
// f64 (and narrower types) keep math.exp, as do other math functions.

// CHECK-LABEL: func.func @exp_f32
// CHECK-SAME: (%[[X:[^:]+]]: f32) -> f32
// CHECK-DAG: %[[LOG2E:.+]] = arith.constant 1.44269502 : f32
// CHECK-DAG: %[[HALF:.+]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG: %[[C23:.+]] = arith.constant 23 : i32
// CHECK-DAG: %[[C127:.+]] = arith.constant 127 : i32
// CHECK-NOT: math.exp
// CHECK: arith.cmpf uge, %[[X]], %{{.+}} : f32
// CHECK: %[[T:.+]] = math.fma %{{.+}}, %[[LOG2E]], %[[HALF]] : f32
// CHECK: %[[N:.+]] = math.floor %[[T]] : f32
// CHECK: math.fma
// CHECK: %[[NI:.+]] = arith.fptosi %{{.+}} : f32 to i32
// CHECK: %[[BIASED:.+]] = arith.addi %[[NI]], %[[C127]] : i32
// CHECK: %[[BITS:.+]] = arith.shli %[[BIASED]], %[[C23]] : i32
// CHECK: %[[POW2:.+]] = arith.bitcast %[[BITS]] : i32 to f32
// CHECK: %[[R:.+]] = arith.mulf %{{.+}}, %[[POW2]] : f32
// CHECK-NOT: math.exp
// CHECK: return %[[R]] : f32
func.func @exp_f32(%x: f32) -> f32 {
  %y = math.exp %x : f32
  return %y : f32
}

// CHECK-LABEL: func.func @exp_f64
// CHECK-NEXT: %[[E:.+]] = math.exp %{{.+}} : f64
// CHECK-NEXT: return %[[E]] : f64
func.func @exp_f64(%x: f64) -> f64 {
  %y = math.exp %x : f64
  return %y : f64
}

// Vectors (what the vectorizer produces) are approximated lane-wise.
// CHECK-LABEL: func.func @exp_vector
// CHECK: math.floor %{{.+}} : vector<8xf32>
// CHECK: arith.bitcast %{{.+}} : vector<8xi32> to vector<8xf32>
// CHECK-NOT: math.exp
// CHECK: return %{{.+}} : vector<8xf32>
func.func @exp_vector(%x: vector<8xf32>) -> vector<8xf32> {
  %y = math.exp %x : vector<8xf32>
  return %y : vector<8xf32>
}

// CHECK-LABEL: func.func @exp_f64_vector
// CHECK-NEXT: math.exp %{{.+}} : vector<4xf64>
func.func @exp_f64_vector(%x: vector<4xf64>) -> vector<4xf64> {
  %y = math.exp %x : vector<4xf64>
  return %y : vector<4xf64>
}

// Inside a linalg.generic body, as after convert-hopfield-to-linalg.
// CHECK-LABEL: func.func @exp_in_generic
// CHECK: linalg.generic
// CHECK-NOT: math.exp
// CHECK: math.floor %{{.+}} : f32
// CHECK-NOT: math.exp
// CHECK: linalg.yield
func.func @exp_in_generic(%t: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                       iterator_types = ["parallel"]}
      ins(%t : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = math.exp %in : f32
    linalg.yield %y : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// Only exp is approximated; f16 is not widened to f32.
// CHECK-LABEL: func.func @others_untouched
// CHECK-DAG: math.log %{{.+}} : f32
// CHECK-DAG: math.tanh %{{.+}} : f32
// CHECK-DAG: math.exp %{{.+}} : f16
// CHECK-NOT: math.floor
// CHECK: return
func.func @others_untouched(%x: f32, %h: f16) -> (f32, f32, f16) {
  %l = math.log %x : f32
  %t = math.tanh %x : f32
  %e = math.exp %h : f16
  return %l, %t, %e : f32, f32, f16
}
