// RUN: hopfield-opt %s -hopfield-tile="tile-sizes=1,2,16,32 parallel=true" -split-input-file | FileCheck %s
// RUN: hopfield-opt %s -hopfield-tile="tile-sizes=1,2,16,32 parallel=false" -split-input-file | FileCheck %s --check-prefix=SERIAL --implicit-check-not=scf.forall
// RUN: hopfield-opt %s -hopfield-tile="tile-sizes=0,0,0,32 parallel=true" -split-input-file | FileCheck %s --check-prefix=KEYS --implicit-check-not=scf.forall

// hopfield-tile with parallel=true: the parallel dimensions of each op are
// tiled with one scf.forall, its reductions with scf.for loops inside it.
// parallel=false (the default) gives scf.for loops only; with only reduction
// dimensions tiled there is no scf.forall at all.

// The online form: (b, h, l) in one forall, the key loop inside carrying the
// running state of the tile; the tile's absolute query / key positions reach
// the op as offsets (for the causal mask).
// CHECK-LABEL: func.func @online
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x4x64x8xf32>, %[[K:[^:]+]]: tensor<2x4x128x8xf32>, %[[V:[^:]+]]: tensor<2x4x128x8xf32>, %[[ACC:[^:]+]]: tensor<2x4x64x8xf32>, %[[MAX:[^:]+]]: tensor<2x4x64xf32>, %[[SUM:[^:]+]]: tensor<2x4x64xf32>)
// CHECK: %[[R:.+]]:3 = scf.forall (%[[B:[^,]+]], %[[H:[^,]+]], %[[L:[^)]+]]) = (0, 0, 0) to (2, 4, 64) step (1, 2, 16) shared_outs(%[[SA:[^ ]+]] = %[[ACC]], %[[SM:[^ ]+]] = %[[MAX]], %[[SS:[^ ]+]] = %[[SUM]])
// CHECK-SAME: -> (tensor<2x4x64x8xf32>, tensor<2x4x64xf32>, tensor<2x4x64xf32>)
// CHECK-DAG: %[[QT:.+]] = tensor.extract_slice %[[Q]][%[[B]], %[[H]], %[[L]], 0] [1, 2, 16, 8]
// CHECK-DAG: %[[KT:.+]] = tensor.extract_slice %[[K]][%[[B]], %[[H]], 0, 0] [1, 2, 128, 8]
// CHECK-DAG: %[[VT:.+]] = tensor.extract_slice %[[V]][%[[B]], %[[H]], 0, 0] [1, 2, 128, 8]
// CHECK-DAG: %[[AT:.+]] = tensor.extract_slice %[[SA]][%[[B]], %[[H]], %[[L]], 0] [1, 2, 16, 8]
// CHECK-DAG: %[[MT:.+]] = tensor.extract_slice %[[SM]][%[[B]], %[[H]], %[[L]]] [1, 2, 16]
// CHECK-DAG: %[[ST:.+]] = tensor.extract_slice %[[SS]][%[[B]], %[[H]], %[[L]]] [1, 2, 16]
// CHECK-DAG: %[[C128:.+]] = arith.constant 128 : index
// CHECK-DAG: %[[C32:.+]] = arith.constant 32 : index
// CHECK: %[[F:.+]]:3 = scf.for %[[S:[^ ]+]] = %{{.+}} to %[[C128]] step %[[C32]] iter_args(%[[IA:[^ ]+]] = %[[AT]], %[[IM:[^ ]+]] = %[[MT]], %[[IS:[^ ]+]] = %[[ST]])
// CHECK-DAG: tensor.extract_slice %[[KT]][0, 0, %[[S]], 0] [1, 2, 32, 8]
// CHECK-DAG: tensor.extract_slice %[[VT]][0, 0, %[[S]], 0] [1, 2, 32, 8]
// CHECK: hopfield.online_associate %{{.+}}, %{{.+}}, %{{.+}} offsets(%[[L]], %[[S]]) beta = 1.000000e+00 causal outs(
// CHECK-SAME: : tensor<1x2x16x8xf32>, tensor<1x2x32x8xf32>, tensor<1x2x32x8xf32> -> tensor<1x2x16x8xf32>, tensor<1x2x16xf32>, tensor<1x2x16xf32>
// CHECK: scf.yield
// CHECK: scf.forall.in_parallel {
// CHECK-NEXT: tensor.parallel_insert_slice %[[F]]#0 into %[[SA]][%[[B]], %[[H]], %[[L]], 0] [1, 2, 16, 8]
// CHECK-NEXT: tensor.parallel_insert_slice %[[F]]#1 into %[[SM]][%[[B]], %[[H]], %[[L]]] [1, 2, 16]
// CHECK-NEXT: tensor.parallel_insert_slice %[[F]]#2 into %[[SS]][%[[B]], %[[H]], %[[L]]] [1, 2, 16]
// CHECK: return %[[R]]#0

// SERIAL-LABEL: func.func @online
// SERIAL-COUNT-4: scf.for
// SERIAL: hopfield.online_associate {{.+}} : tensor<1x2x16x8xf32>, tensor<1x2x32x8xf32>, tensor<1x2x32x8xf32>

// KEYS-LABEL: func.func @online
// KEYS: scf.for %[[S:[^ ]+]] =
// KEYS: hopfield.online_associate {{.+}} offsets(%{{.+}}, %[[S]]) beta = 1.000000e+00 causal outs({{.+}} : tensor<2x4x64x8xf32>, tensor<2x4x32x8xf32>, tensor<2x4x32x8xf32>
// KEYS-NOT: scf.for
func.func @online(%q: tensor<2x4x64x8xf32>, %k: tensor<2x4x128x8xf32>,
                  %v: tensor<2x4x128x8xf32>, %acc: tensor<2x4x64x8xf32>,
                  %max: tensor<2x4x64xf32>, %sum: tensor<2x4x64xf32>)
    -> tensor<2x4x64x8xf32> {
  %r:3 = hopfield.online_associate %q, %k, %v beta = 1.0 causal
      outs(%acc, %max, %sum)
      : tensor<2x4x64x8xf32>, tensor<2x4x128x8xf32>, tensor<2x4x128x8xf32>
      -> tensor<2x4x64x8xf32>, tensor<2x4x64xf32>, tensor<2x4x64xf32>
  return %r#0 : tensor<2x4x64x8xf32>
}

// -----

// association_change: (b, h) are its parallel dimensions; l and s are
// reductions, so both become scf.for loops accumulating into the init tile.
// Three heads in tiles of two leave a partial last tile (affine.min).
// CHECK-LABEL: func.func @change
// CHECK-SAME: (%[[QA:[^:]+]]: tensor<2x3x16x8xf32>, %[[QB:[^:]+]]: tensor<2x3x16x8xf32>, %[[K:[^:]+]]: tensor<2x3x32x8xf32>, %[[LA:[^:]+]]: tensor<2x3x16xf32>, %[[LB:[^:]+]]: tensor<2x3x16xf32>, %[[I:[^:]+]]: tensor<2x3xf32>)
// CHECK: %[[R:.+]] = scf.forall (%[[B:[^,]+]], %[[H:[^)]+]]) = (0, 0) to (2, 3) step (1, 2) shared_outs(%[[SI:[^ ]+]] = %[[I]]) -> (tensor<2x3xf32>)
// CHECK: %[[HT:.+]] = affine.min #{{.+}}(%[[H]])
// CHECK-DAG: %[[QAT:.+]] = tensor.extract_slice %[[QA]][%[[B]], %[[H]], 0, 0] [1, %[[HT]], 16, 8]
// CHECK-DAG: %[[KT:.+]] = tensor.extract_slice %[[K]][%[[B]], %[[H]], 0, 0] [1, %[[HT]], 32, 8]
// CHECK-DAG: %[[IT:.+]] = tensor.extract_slice %[[SI]][%[[B]], %[[H]]] [1, %[[HT]]]
// CHECK: %[[FL:.+]] = scf.for %[[L:[^ ]+]] = {{.+}} iter_args(%[[AL:[^ ]+]] = %[[IT]]) -> (tensor<1x?xf32>)
// CHECK: %[[FS:.+]] = scf.for %[[S:[^ ]+]] = {{.+}} iter_args(%[[AS:[^ ]+]] = %[[AL]]) -> (tensor<1x?xf32>)
// CHECK-DAG: tensor.extract_slice %[[QAT]][0, 0, %[[L]], 0] [1, %[[HT]], 16, 8]
// CHECK-DAG: tensor.extract_slice %[[KT]][0, 0, %[[S]], 0] [1, %[[HT]], 32, 8]
// CHECK-DAG: %[[ACC:.+]] = tensor.extract_slice %[[AS]][0, 0] [1, %[[HT]]]
// CHECK: %[[C:.+]] = hopfield.association_change {{.+}} offsets(%[[L]], %[[S]]) causal outs(%[[ACC]]) : tensor<1x?x16x8xf32>, tensor<1x?x16x8xf32>, tensor<1x?x32x8xf32>, tensor<1x?x16xf32>, tensor<1x?x16xf32>, tensor<1x?xf32> -> tensor<1x?xf32>
// CHECK: %[[INS:.+]] = tensor.insert_slice %[[C]] into %[[AS]][0, 0] [1, %[[HT]]]
// CHECK: scf.yield %[[INS]]
// CHECK: scf.yield %[[FS]]
// CHECK: scf.forall.in_parallel {
// CHECK-NEXT: tensor.parallel_insert_slice %[[FL]] into %[[SI]][%[[B]], %[[H]]] [1, %[[HT]]]
// CHECK: return %[[R]]

// SERIAL-LABEL: func.func @change
// SERIAL-COUNT-4: scf.for
// SERIAL: hopfield.association_change

// KEYS-LABEL: func.func @change
// KEYS: scf.for
// KEYS: hopfield.association_change {{.+}} : tensor<2x3x16x8xf32>, tensor<2x3x16x8xf32>, tensor<2x3x32x8xf32>
func.func @change(%qa: tensor<2x3x16x8xf32>, %qb: tensor<2x3x16x8xf32>,
                  %k: tensor<2x3x32x8xf32>, %la: tensor<2x3x16xf32>,
                  %lb: tensor<2x3x16xf32>, %init: tensor<2x3xf32>)
    -> tensor<2x3xf32> {
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) causal outs(%init)
      : tensor<2x3x16x8xf32>, tensor<2x3x16x8xf32>, tensor<2x3x32x8xf32>,
        tensor<2x3x16xf32>, tensor<2x3x16xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return %c : tensor<2x3xf32>
}

// -----

// A single-step associate: all of (b, h, l) in one forall, no reduction
// loop; the output tile is written with parallel_insert_slice.
// CHECK-LABEL: func.func @associate_single_step
// CHECK: %[[E:.+]] = tensor.empty() : tensor<2x4x64x8xf32>
// CHECK: %[[R:.+]] = scf.forall (%[[B:[^,]+]], %[[H:[^,]+]], %[[L:[^)]+]]) = (0, 0, 0) to (2, 4, 64) step (1, 2, 16) shared_outs(%[[SO:[^ ]+]] = %[[E]])
// CHECK-NOT: scf.for
// CHECK: %[[T:.+]] = hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} query_offset(%[[L]]) beta = 1.000000e+00 max_steps = [0] : tensor<1x2x16x8xf32>, tensor<1x2x128x8xf32>, tensor<1x2x128x8xf32> -> tensor<1x2x16x8xf32>
// CHECK: scf.forall.in_parallel {
// CHECK-NEXT: tensor.parallel_insert_slice %[[T]] into %[[SO]][%[[B]], %[[H]], %[[L]], 0] [1, 2, 16, 8]
// CHECK: return %[[R]]
func.func @associate_single_step(%q: tensor<2x4x64x8xf32>, %k: tensor<2x4x128x8xf32>,
                                 %v: tensor<2x4x128x8xf32>) -> tensor<2x4x64x8xf32> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x4x64x8xf32>, tensor<2x4x128x8xf32>, tensor<2x4x128x8xf32>
      -> tensor<2x4x64x8xf32>
  return %out : tensor<2x4x64x8xf32>
}

// -----

// An iterating associate: only the heads are split, by a one-dimensional
// forall; the steps result is written per head.
// CHECK-LABEL: func.func @associate_iterating
// CHECK: %[[R:.+]]:2 = scf.forall (%[[H:[^)]+]]) = (0) to (4) step (2) shared_outs(%[[SO:[^ ]+]] = %{{.+}}, %[[SS:[^ ]+]] = %{{.+}}) -> (tensor<2x4x64x8xf32>, tensor<4xi64>)
// CHECK: %[[O:[^,]+]], %[[S:[^ ]+]] = hopfield.associate {{.+}} : tensor<2x2x64x8xf32>, tensor<2x2x128x8xf32>, tensor<2x2x128x8xf32> -> tensor<2x2x64x8xf32> steps tensor<2xi64>
// CHECK: scf.forall.in_parallel {
// CHECK-NEXT: tensor.parallel_insert_slice %[[O]] into %[[SO]][0, %[[H]], 0, 0] [2, 2, 64, 8]
// CHECK-NEXT: tensor.parallel_insert_slice %[[S]] into %[[SS]][%[[H]]] [2]
// CHECK: return %[[R]]#0, %[[R]]#1

// KEYS-LABEL: func.func @associate_iterating
// KEYS-NOT: scf.for
// KEYS: hopfield.associate {{.+}} : tensor<2x4x64x8xf32>
func.func @associate_iterating(%q: tensor<2x4x64x8xf32>, %k: tensor<2x4x128x8xf32>,
                               %v: tensor<2x4x128x8xf32>)
    -> (tensor<2x4x64x8xf32>, tensor<4xi64>) {
  %out, %s = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [3]
      : tensor<2x4x64x8xf32>, tensor<2x4x128x8xf32>, tensor<2x4x128x8xf32>
      -> tensor<2x4x64x8xf32> steps tensor<4xi64>
  return %out, %s : tensor<2x4x64x8xf32>, tensor<4xi64>
}

// -----

// Dynamic batch and queries: the forall's bounds are the operand sizes and
// partial query tiles are clamped with affine.min. The query rows of a tile
// are padded to the full 16 (queries and accumulator with zeros, the running
// max with -inf) so that the kernel has static query tiles, and the real rows
// are sliced back out. The key loop is peeled: full 32-key tiles first, then
// one loop for the remainder.
// CHECK-LABEL: func.func @online_dynamic
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<?x1x?x8xf32>, %[[K:[^:]+]]: tensor<?x1x?x8xf32>
// CHECK-DAG: %[[BS:.+]] = tensor.dim %[[Q]], %{{.+}} : tensor<?x1x?x8xf32>
// CHECK-DAG: %[[LS:.+]] = tensor.dim %[[Q]], %{{.+}} : tensor<?x1x?x8xf32>
// CHECK-DAG: %[[SS:.+]] = tensor.dim %[[K]], %{{.+}} : tensor<?x1x?x8xf32>
// CHECK: scf.forall (%{{[^,]+}}, %{{[^,]+}}, %[[L:[^)]+]]) = (0, 0, 0) to (%[[BS]], 1, %[[LS]]) step (1, 2, 16)
// CHECK: %[[ROWS:.+]] = affine.min #{{.+}}(%[[L]])[%[[LS]]]
// CHECK: tensor.pad %{{.+}} low[0, 0, 0, 0] high[0, %{{.+}}, %{{.+}}, 0]
// CHECK: } : tensor<1x?x?x8xf32> to tensor<1x?x16x8xf32>
// CHECK: tensor.pad
// CHECK: %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: tensor.pad
// CHECK: tensor.yield %[[NEGINF]] : f32
// CHECK: } : tensor<1x?x?xf32> to tensor<1x?x16xf32>
// CHECK: tensor.pad
// CHECK: %[[SPLIT:.+]] = affine.apply #{{.+}}()[%{{.+}}, %[[SS]], %{{.+}}]
// CHECK: %[[MAIN:.+]]:3 = scf.for %[[S:[^ ]+]] = %{{.+}} to %[[SPLIT]] step
// CHECK: hopfield.online_associate {{.+}} offsets(%[[L]], %[[S]]) beta = 1.000000e+00 outs({{.+}} : tensor<1x?x16x8xf32>
// The last, partial key tile is padded to 32 keys too; a bias of -inf hides
// the padded keys.
// CHECK: %[[REST:.+]]:3 = scf.for %[[R:[^ ]+]] = %[[SPLIT]] to %[[SS]] step {{.+}} iter_args({{.+}} = %[[MAIN]]#0,
// CHECK: %[[PK:.+]] = tensor.pad
// CHECK: } : tensor<1x?x?x8xf32> to tensor<1x?x32x8xf32>
// CHECK: %[[PV:.+]] = tensor.pad
// CHECK: %[[ZEROS:.+]] = linalg.fill
// CHECK: %[[KEYINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[PB:.+]] = tensor.pad %[[ZEROS]] low[0, 0, 0, 0] high[0, 0, 0, %{{.+}}]
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tensor.yield %[[KEYINF]] : f32
// CHECK: hopfield.online_associate %{{.+}}, %[[PK]], %[[PV]] bias(%[[PB]] : tensor<1x1x1x32xf32>) offsets(%[[L]], %[[R]]) beta = 1.000000e+00 outs({{.+}} : tensor<1x?x16x8xf32>
// CHECK: tensor.extract_slice %[[REST]]#0[0, 0, 0, 0] [1, %{{.+}}, %[[ROWS]], 8]
func.func @online_dynamic(%q: tensor<?x1x?x8xf32>, %k: tensor<?x1x?x8xf32>,
                          %v: tensor<?x1x?x8xf32>, %acc: tensor<?x1x?x8xf32>,
                          %max: tensor<?x1x?xf32>, %sum: tensor<?x1x?xf32>)
    -> tensor<?x1x?x8xf32> {
  %r:3 = hopfield.online_associate %q, %k, %v beta = 1.0 outs(%acc, %max, %sum)
      : tensor<?x1x?x8xf32>, tensor<?x1x?x8xf32>, tensor<?x1x?x8xf32>
      -> tensor<?x1x?x8xf32>, tensor<?x1x?xf32>, tensor<?x1x?xf32>
  return %r#0 : tensor<?x1x?x8xf32>
}

// -----

// What each query tile reads alone is computed inside its forall iteration:
// the scaled query (an element-wise map of the head transpose) and the fills
// of acc / max / sum; the keys and values, read by every query tile, are not.
// CHECK-LABEL: func.func @tile_local_producers
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x64x4x8xf32>, %[[K:[^:]+]]: tensor<2x4x128x8xf32>, %[[V:[^:]+]]: tensor<2x4x128x8xf32>)
// The loop's outputs start from the empty tensors (the whole-tensor fills
// and the scaled query are left dead for the canonicalizer).
// CHECK: %[[E:.+]] = tensor.empty() : tensor<2x4x64x8xf32>
// CHECK: %[[ER:.+]] = tensor.empty() : tensor<2x4x64xf32>
// CHECK: scf.forall (%[[B:[^,]+]], %[[H:[^,]+]], %[[L:[^)]+]]) = (0, 0, 0) to (2, 4, 64) step (1, 2, 16) shared_outs(%{{[^ ]+}} = %[[E]], %{{[^ ]+}} = %[[ER]], %{{[^ ]+}} = %[[ER]])
// CHECK-DAG: %[[XT:.+]] = tensor.extract_slice %[[X]][%[[B]], %[[L]], %[[H]], 0] [1, 16, 2, 8]
// CHECK-DAG: %[[QT:.+]] = linalg.transpose ins(%[[XT]] : tensor<1x16x2x8xf32>)
// CHECK-DAG: %[[QS:.+]] = linalg.generic {{.*}} ins(%[[QT]] : tensor<1x2x16x8xf32>)
// CHECK-DAG: %[[A0:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x2x16x8xf32>)
// CHECK-DAG: %[[M0:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x2x16xf32>)
// CHECK: scf.for {{.+}} iter_args(%{{.+}} = %[[A0]], %{{.+}} = %[[M0]], %{{.+}} = %{{.+}})
// CHECK: %[[QK:.+]] = tensor.extract_slice %[[QS]][0, 0, 0, 0] [1, 2, 16, 8]
// CHECK: hopfield.online_associate %[[QK]]
func.func @tile_local_producers(%x: tensor<2x64x4x8xf32>, %k: tensor<2x4x128x8xf32>,
                                %v: tensor<2x4x128x8xf32>) -> tensor<2x4x64x8xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %half = arith.constant 0.5 : f32
  %qe = tensor.empty() : tensor<2x4x64x8xf32>
  %qt = linalg.transpose ins(%x : tensor<2x64x4x8xf32>) outs(%qe : tensor<2x4x64x8xf32>) permutation = [0, 2, 1, 3]
  %qs = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (a, b, c, d)>],
                        iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%qt : tensor<2x4x64x8xf32>) outs(%qe : tensor<2x4x64x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.mulf %in, %half : f32
    linalg.yield %s : f32
  } -> tensor<2x4x64x8xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%qe : tensor<2x4x64x8xf32>) -> tensor<2x4x64x8xf32>
  %re = tensor.empty() : tensor<2x4x64xf32>
  %max = linalg.fill ins(%ninf : f32) outs(%re : tensor<2x4x64xf32>) -> tensor<2x4x64xf32>
  %sum = linalg.fill ins(%zero : f32) outs(%re : tensor<2x4x64xf32>) -> tensor<2x4x64xf32>
  %r:3 = hopfield.online_associate %qs, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x4x64x8xf32>, tensor<2x4x128x8xf32>, tensor<2x4x128x8xf32>
      -> tensor<2x4x64x8xf32>, tensor<2x4x64xf32>, tensor<2x4x64xf32>
  return %r#0 : tensor<2x4x64x8xf32>
}
