// The pipeline `make demo` runs on the bundled example: the retrieval kernel
// ends as one key loop per query tile over online_associate, finalized once.
// RUN: hopfield-opt %hopfield_src_root/examples/retrieval.mlir --canonicalize --hopfield-to-online --hopfield-tile="tile-sizes=1,1,4,8" --canonicalize --cse | FileCheck %s

// CHECK-LABEL: func.func @retrieve
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x1x4x64xf32>, %[[X:[^:]+]]: tensor<1x1x32x64xf32>)
// CHECK-DAG: %[[ONES:.+]] = arith.constant dense<1> : tensor<1xi64>
// CHECK-DAG: %[[C32:.+]] = arith.constant 32 : index
// CHECK-DAG: %[[C8:.+]] = arith.constant 8 : index
// CHECK: %[[R:.+]]:3 = scf.for %[[S:.+]] = %{{.+}} to %[[C32]] step %[[C8]]
// CHECK: %[[KT:.+]] = tensor.extract_slice %[[X]][0, 0, %[[S]], 0] [1, 1, 8, 64]
// CHECK: hopfield.online_associate %[[Q]], %[[KT]], %[[KT]] offsets(%{{.+}}, %[[S]]) beta = 8.000000e+00 outs
// CHECK-NOT: scf.for
// CHECK: %[[OUT:.+]] = hopfield.finalize %[[R]]#0, %[[R]]#2
// CHECK: return %[[OUT]], %[[ONES]]
