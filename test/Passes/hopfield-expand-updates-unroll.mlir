// RUN: hopfield-opt %s -hopfield-expand-updates=unroll=true -split-input-file | FileCheck %s

// The unrolled form (the GPU's): no scf.while and no `any head active` test;
// the step is repeated as many times as the largest budget (here 3): a state
// move guarded by the active flags, an online pass with the keys as values,
// the association change and the new flags. The last step's pass and test
// feed nothing (the output needs only its state) and fold away; the value
// projection runs once after it.
// CHECK-LABEL: func.func @per_head_budgets
// CHECK-NOT: scf.while
// CHECK-NOT: tensor.extract
// CHECK: %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}} = hopfield.online_associate %{{.+}}, %[[K:[^,]+]], %[[K]] beta = 1.000000e+00
// CHECK: %[[S1:.+]] = linalg.generic {{.+}} ins(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : tensor<2xi1>, tensor<2xf32>, tensor<2x2x4x8xf32>, tensor<2x2x4xf32>, tensor<2x2x4x8xf32>)
// CHECK: arith.select
// CHECK: hopfield.online_associate %[[S1]], %[[K]], %[[K]]
// CHECK: hopfield.association_change %[[S1]]
// CHECK: %[[S2:.+]] = linalg.generic {{.+}} ins(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %[[S1]] : tensor<2xi1>,
// CHECK: hopfield.online_associate %[[S2]], %[[K]], %[[K]]
// CHECK: hopfield.association_change %[[S2]], %[[S1]]
// CHECK: %[[S3:.+]] = linalg.generic {{.+}} ins(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %[[S2]] : tensor<2xi1>,
// CHECK-NOT: hopfield.association_change
// CHECK: hopfield.online_associate %[[S3]], %[[K]], %[[V:[^ ]+]] beta = 1.000000e+00
// CHECK: hopfield.finalize
// CHECK-NOT: scf.while
func.func @per_head_budgets(%q: tensor<2x2x4x8xf32>, %k: tensor<2x2x6x8xf32>,
                            %v: tensor<2x2x6x5xf32>)
    -> (tensor<2x2x4x5xf32>, tensor<2xi64>) {
  %out, %steps = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [3, 1]
      {eps = array<f64: 0.01>}
      : tensor<2x2x4x8xf32>, tensor<2x2x6x8xf32>, tensor<2x2x6x5xf32>
      -> tensor<2x2x4x5xf32> steps tensor<2xi64>
  return %out, %steps : tensor<2x2x4x5xf32>, tensor<2xi64>
}

// -----

// An unbounded budget cannot be unrolled: the op is left as it is (the cuda
// target refuses it before the pipeline, naming the node).
// CHECK-LABEL: func.func @unbounded
// CHECK: hopfield.associate
// CHECK-NOT: scf.while
func.func @unbounded(%q: tensor<1x2x4x8xf64>, %k: tensor<1x2x6x8xf64>)
    -> tensor<1x2x4x8xf64> {
  %out = hopfield.associate %q, %k, %k beta = 0.25 max_steps = [unbounded]
      : tensor<1x2x4x8xf64>, tensor<1x2x6x8xf64>, tensor<1x2x6x8xf64>
      -> tensor<1x2x4x8xf64>
  return %out : tensor<1x2x4x8xf64>
}
