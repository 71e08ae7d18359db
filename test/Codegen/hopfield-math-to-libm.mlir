// RUN: hopfield-opt %s --hopfield-math-to-libm | FileCheck %s

// erf, erfc and asinh have no LLVM intrinsic: libm calls, a vector one
// element at a time. exp (and every other math op) is left alone.
// CHECK-DAG: func.func private @erff(f32) -> f32
// CHECK-DAG: func.func private @erfc(f64) -> f64
// CHECK-DAG: func.func private @asinhf(f32) -> f32
// CHECK-LABEL: func.func @activations
// CHECK: call @erff(%{{.+}}) : (f32) -> f32
// CHECK: call @erfc(%{{.+}}) : (f64) -> f64
// CHECK-COUNT-2: call @asinhf
// CHECK-NOT: math.erf
// CHECK-NOT: math.asinh
// CHECK: math.exp %{{.+}} : vector<2xf32>
func.func @activations(%a: f32, %b: f64, %v: vector<2xf32>) -> (f32, f64, vector<2xf32>, vector<2xf32>) {
  %0 = math.erf %a : f32
  %1 = math.erfc %b : f64
  %2 = math.asinh %v : vector<2xf32>
  %3 = math.exp %v : vector<2xf32>
  return %0, %1, %2, %3 : f32, f64, vector<2xf32>, vector<2xf32>
}
