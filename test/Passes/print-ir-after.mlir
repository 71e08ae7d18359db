// --mlir-print-ir-after shows the online form between the two passes (on
// stderr), then the tiled result is printed as usual.
// RUN: hopfield-opt %s --hopfield-to-online --hopfield-tile=tile-sizes=0,0,0,16 --mlir-print-ir-after=hopfield-to-online 2>&1 | FileCheck %s

// CHECK-LABEL: // -----// IR Dump After HopfieldToOnlinePass (hopfield-to-online) //----- //
// The dump: the online form over all 32 keys, not yet tiled.
// CHECK: func.func @print_after
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x1x16x8xf32>, %[[K:[^:]+]]: tensor<1x1x32x8xf32>, %[[V:[^:]+]]: tensor<1x1x32x4xf32>)
// CHECK-NOT: scf.for
// CHECK: %[[ACC:.+]], %{{.+}}, %[[SUM:.+]] = hopfield.online_associate %[[Q]], %[[K]], %[[V]] beta = 5.000000e-01 outs(%{{.+}}) : tensor<1x1x16x8xf32>, tensor<1x1x32x8xf32>, tensor<1x1x32x4xf32> -> tensor<1x1x16x4xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>
// CHECK-NOT: scf.for
// CHECK: hopfield.finalize %[[ACC]], %[[SUM]]
// Only the pass that was asked for is dumped.
// CHECK-NOT: IR Dump After
// The final output: a key loop of 16-key tiles.
// CHECK: func.func @print_after
// CHECK-SAME: (%[[Q2:[^:]+]]: tensor<1x1x16x8xf32>, %[[K2:[^:]+]]: tensor<1x1x32x8xf32>, %[[V2:[^:]+]]: tensor<1x1x32x4xf32>)
// CHECK: %[[R:.+]]:3 = scf.for %[[S:[^ ]+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args
// CHECK-DAG: %[[KT:.+]] = tensor.extract_slice %[[K2]][0, 0, %[[S]], 0] [1, 1, 16, 8]
// CHECK-DAG: %[[VT:.+]] = tensor.extract_slice %[[V2]][0, 0, %[[S]], 0] [1, 1, 16, 4]
// CHECK: hopfield.online_associate %{{.+}}, %[[KT]], %[[VT]] offsets(%{{.+}}, %[[S]]) beta = 5.000000e-01 outs(
// CHECK-SAME: : tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>, tensor<1x1x16x4xf32> ->
// CHECK: hopfield.finalize %[[R]]#0, %[[R]]#2
// CHECK-NOT: IR Dump After
func.func @print_after(%q: tensor<1x1x16x8xf32>, %k: tensor<1x1x32x8xf32>,
                       %v: tensor<1x1x32x4xf32>) -> tensor<1x1x16x4xf32> {
  %out = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [0]
      : tensor<1x1x16x8xf32>, tensor<1x1x32x8xf32>, tensor<1x1x32x4xf32>
      -> tensor<1x1x16x4xf32>
  return %out : tensor<1x1x16x4xf32>
}
