// RUN: hopfield-opt %s -hopfield-tile="tile-sizes=1,1,16,32" -split-input-file | FileCheck %s
// RUN: not hopfield-opt %s -hopfield-tile 2>&1 | FileCheck %s --check-prefix=NO-SIZES
// RUN: not hopfield-opt %s -hopfield-tile="tile-sizes=1,1,1,1,1" 2>&1 | FileCheck %s --check-prefix=TOO-MANY

// NO-SIZES: hopfield-tile: 'tile-sizes' takes 1 to 4 values (batch, heads, queries, keys), got 0
// TOO-MANY: hopfield-tile: 'tile-sizes' takes 1 to 4 values (batch, heads, queries, keys), got 5

// The online form is tiled over batch, heads, queries and keys.
// CHECK-LABEL: func.func @online_all_dims
// CHECK-DAG: %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG: %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG: %[[C64:.+]] = arith.constant 64 : index
// CHECK-DAG: %[[C128:.+]] = arith.constant 128 : index
// CHECK-DAG: %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG: %[[C32:.+]] = arith.constant 32 : index
// CHECK: scf.for %{{.+}} to %[[C2]] step
// CHECK: scf.for %{{.+}} to %[[C4]] step
// CHECK: scf.for %{{.+}} to %[[C64]] step %[[C16]]
// CHECK: scf.for %{{.+}} to %[[C128]] step %[[C32]]
// CHECK: hopfield.online_associate {{.+}} : tensor<1x1x16x8xf32>, tensor<1x1x32x8xf32>, tensor<1x1x32x8xf32> -> tensor<1x1x16x8xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>
func.func @online_all_dims(%q: tensor<2x4x64x8xf32>, %k: tensor<2x4x128x8xf32>,
                           %v: tensor<2x4x128x8xf32>, %acc: tensor<2x4x64x8xf32>,
                           %max: tensor<2x4x64xf32>, %sum: tensor<2x4x64xf32>)
    -> tensor<2x4x64x8xf32> {
  %r:3 = hopfield.online_associate %q, %k, %v beta = 1.0 outs(%acc, %max, %sum)
      : tensor<2x4x64x8xf32>, tensor<2x4x128x8xf32>, tensor<2x4x128x8xf32>
      -> tensor<2x4x64x8xf32>, tensor<2x4x64xf32>, tensor<2x4x64xf32>
  return %r#0 : tensor<2x4x64x8xf32>
}

// -----

// A single-step associate is tiled over (b, h, l); its keys and value
// features stay whole, and the tile writes its rows of the output.
// CHECK-LABEL: func.func @associate_rows
// CHECK-SAME: (%[[Q:[^:]+]]: {{.*}}, %[[K:[^:]+]]: {{.*}}, %[[V:[^:]+]]: {{.*}})
// CHECK: %[[E:.+]] = tensor.empty() : tensor<2x4x64x8xf32>
// CHECK: scf.for %[[B:[^ ]+]] =
// CHECK: scf.for %[[H:[^ ]+]] =
// CHECK: scf.for %[[L:[^ ]+]] =
// CHECK-DAG: tensor.extract_slice %[[Q]][%[[B]], %[[H]], %[[L]], 0] [1, 1, 16, 8]
// CHECK-DAG: tensor.extract_slice %[[K]][%[[B]], %[[H]], 0, 0] [1, 1, 128, 8]
// CHECK-DAG: tensor.extract_slice %[[V]][%[[B]], %[[H]], 0, 0] [1, 1, 128, 8]
// CHECK: %[[T:.+]] = hopfield.associate {{.+}} -> tensor<1x1x16x8xf32>
// CHECK: tensor.insert_slice %[[T]] into %{{.+}}[%[[B]], %[[H]], %[[L]], 0] [1, 1, 16, 8]
func.func @associate_rows(%q: tensor<2x4x64x8xf32>, %k: tensor<2x4x128x8xf32>,
                          %v: tensor<2x4x128x8xf32>) -> tensor<2x4x64x8xf32> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x4x64x8xf32>, tensor<2x4x128x8xf32>, tensor<2x4x128x8xf32>
      -> tensor<2x4x64x8xf32>
  return %out : tensor<2x4x64x8xf32>
}

// -----

// An iterating associate is split over heads only; its association and
// steps results are written per head.
// CHECK-LABEL: func.func @iterating_heads_only
// CHECK: scf.for %[[H:[^ ]+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args
// CHECK-NOT: scf.for
// CHECK: %[[O:.+]], %[[A:.+]], %[[S:.+]] = hopfield.associate {{.+}} max_steps = [unbounded]
// CHECK-SAME: -> tensor<2x1x64x8xf32> association tensor<2x1x64x128xf32> steps tensor<1xi64>
// CHECK-DAG: tensor.insert_slice %[[O]] into %{{.+}}[0, %[[H]], 0, 0] [2, 1, 64, 8]
// CHECK-DAG: tensor.insert_slice %[[A]] into %{{.+}}[0, %[[H]], 0, 0] [2, 1, 64, 128]
// CHECK-DAG: tensor.insert_slice %[[S]] into %{{.+}}[%[[H]]] [1]
func.func @iterating_heads_only(%q: tensor<2x4x64x8xf32>, %k: tensor<2x4x128x8xf32>,
                                %v: tensor<2x4x128x8xf32>)
    -> (tensor<2x4x64x8xf32>, tensor<2x4x64x128xf32>, tensor<4xi64>) {
  %out, %assoc, %steps = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [unbounded]
      : tensor<2x4x64x8xf32>, tensor<2x4x128x8xf32>, tensor<2x4x128x8xf32>
      -> tensor<2x4x64x8xf32> association tensor<2x4x64x128xf32> steps tensor<4xi64>
  return %out, %assoc, %steps : tensor<2x4x64x8xf32>, tensor<2x4x64x128xf32>, tensor<4xi64>
}

// -----

// Per-head step budgets keep the heads together: nothing is tiled.
// CHECK-LABEL: func.func @per_head_budget_untiled
// CHECK-NOT: scf.for
// CHECK: hopfield.associate {{.+}} max_steps = [1, 3]
func.func @per_head_budget_untiled(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                                   %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [1, 3]
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32>
  return %out : tensor<1x2x4x8xf32>
}

// -----

// Dynamic sizes: bounds come from tensor.dim, partial tiles from affine.min.
// CHECK-LABEL: func.func @dynamic_keys
// CHECK: %[[S:.+]] = tensor.dim %arg1, %{{.+}} : tensor<1x1x?x8xf32>
// CHECK: scf.for %[[IV:[^ ]+]] = %{{.+}} to %[[S]] step
// CHECK: affine.min #{{.+}}(%[[IV]])[%[[S]]]
// CHECK: hopfield.online_associate {{.+}} offsets(%{{.+}}, %[[IV]])
func.func @dynamic_keys(%q: tensor<1x1x16x8xf32>, %k: tensor<1x1x?x8xf32>,
                        %v: tensor<1x1x?x8xf32>, %acc: tensor<1x1x16x8xf32>,
                        %max: tensor<1x1x16xf32>, %sum: tensor<1x1x16xf32>)
    -> tensor<1x1x16x8xf32> {
  %r:3 = hopfield.online_associate %q, %k, %v beta = 1.0 causal outs(%acc, %max, %sum)
      : tensor<1x1x16x8xf32>, tensor<1x1x?x8xf32>, tensor<1x1x?x8xf32>
      -> tensor<1x1x16x8xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>
  return %r#0 : tensor<1x1x16x8xf32>
}
