// RUN: hopfield-opt %s -convert-hopfield-to-linalg -split-input-file | FileCheck %s --implicit-check-not=hopfield.
// Errors (an unfolded scale, ops without a lowering) are in
// convert-hopfield-to-linalg-errors.mlir.

// online_associate (scale folded): kT = transpose(k) (per tile, so that the
// contraction reads keys contiguously); s = q kT; m' = max(m, rowmax s);
// c = exp(m - m') (1 while m' = -inf); p = exp(s - m') (0 where s = -inf);
// sum' = c sum + rowsum p; acc' = c acc + p v.
// CHECK-DAG: #[[$QD:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d4)>
// CHECK-DAG: #[[$RJ:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d4, d3)>
// CHECK-DAG: #[[$S5:map[0-9]*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @online
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x2x4x8xf32>, %[[K:[^:]+]]: tensor<1x2x6x8xf32>, %[[V:[^:]+]]: tensor<1x2x6x5xf32>, %[[ACC:[^:]+]]: tensor<1x2x4x5xf32>, %[[MAX:[^:]+]]: tensor<1x2x4xf32>, %[[SUM:[^:]+]]: tensor<1x2x4xf32>)
// CHECK: %[[KT:.+]] = linalg.transpose ins(%[[K]] : tensor<1x2x6x8xf32>) outs(%{{.+}} : tensor<1x2x8x6xf32>) permutation = [0, 1, 3, 2]
// CHECK: %[[Z:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x2x4x6xf32>)
// CHECK: %[[S:.+]] = linalg.generic {indexing_maps = [#[[$QD]], #[[$RJ]], #[[$S5]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[Q]], %[[KT]] : tensor<1x2x4x8xf32>, tensor<1x2x8x6xf32>) outs(%[[Z]] : tensor<1x2x4x6xf32>)
// CHECK: %[[QK:.+]] = arith.mulf
// CHECK: arith.addf %{{.+}}, %[[QK]] : f32
// No mask, bias or causal: the masked scores are the scores.
// CHECK: %[[SM:.+]] = linalg.generic {{.+}} ins(%[[S]] : tensor<1x2x4x6xf32>)
// CHECK-NOT: arith.select
// CHECK: %[[NMAX:.+]] = linalg.generic {{.+}} iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[SM]] : tensor<1x2x4x6xf32>) outs(%[[MAX]] : tensor<1x2x4xf32>)
// CHECK: arith.maximumf
// CHECK: %[[CORR:.+]] = linalg.generic {{.+}} ins(%[[MAX]], %[[NMAX]] : tensor<1x2x4xf32>, tensor<1x2x4xf32>)
// CHECK: ^bb0(%[[OLD:[^:]+]]: f32, %[[NEW:[^:]+]]: f32, %{{.+}}: f32):
// CHECK: %[[EMPTY:.+]] = arith.cmpf oeq, %[[NEW]], %{{.+}} : f32
// CHECK: %[[D:.+]] = arith.subf %[[OLD]], %[[NEW]] : f32
// CHECK: %[[E:.+]] = math.exp %[[D]] : f32
// CHECK: %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK: arith.select %[[EMPTY]], %[[ONE]], %[[E]] : f32
// CHECK: %[[P:.+]] = linalg.generic {{.+}} ins(%[[SM]], %[[NMAX]] : tensor<1x2x4x6xf32>, tensor<1x2x4xf32>) outs(%{{.+}} : tensor<1x2x4x6xf32>)
// CHECK: math.exp
// CHECK: %[[SSUM:.+]] = linalg.generic {{.+}} ins(%[[SUM]], %[[CORR]] :
// CHECK: arith.mulf
// CHECK: %[[NSUM:.+]] = linalg.generic {{.+}} iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[P]] : tensor<1x2x4x6xf32>) outs(%[[SSUM]] : tensor<1x2x4xf32>)
// CHECK: arith.addf
// CHECK: %[[SACC:.+]] = linalg.generic {{.+}} ins(%[[ACC]], %[[CORR]] : tensor<1x2x4x5xf32>, tensor<1x2x4xf32>)
// CHECK: arith.mulf
// CHECK: %[[NACC:.+]] = linalg.generic {indexing_maps = [#[[$QD]], #[[$RJ]], #[[$S5]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[P]], %[[V]] : tensor<1x2x4x6xf32>, tensor<1x2x6x5xf32>) outs(%[[SACC]] : tensor<1x2x4x5xf32>)
// CHECK: return %[[NACC]], %[[NMAX]], %[[NSUM]]
func.func @online(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                  %v: tensor<1x2x6x5xf32>, %acc: tensor<1x2x4x5xf32>,
                  %max: tensor<1x2x4xf32>, %sum: tensor<1x2x4xf32>)
    -> (tensor<1x2x4x5xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>) {
  %r:3 = hopfield.online_associate %q, %k, %v beta = 1.0 outs(%acc, %max, %sum)
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x5xf32>
      -> tensor<1x2x4x5xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
  return %r#0, %r#1, %r#2
      : tensor<1x2x4x5xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
}

// -----

// Masks: the mask and the bias are read through broadcast maps (static size
// 1 -> constant 0); causal compares the absolute positions (tile offsets
// added); hidden scores become -inf. bf16 operands are extended to f32.
// CHECK-DAG: #[[$MASK:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (0, 0, 0, d3)>
// CHECK-DAG: #[[$BIAS:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (0, d1, d2, d3)>
// CHECK-LABEL: func.func @online_masked
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x2x4x8xbf16>, %[[K:[^:]+]]: tensor<1x2x6x8xbf16>, %[[V:[^:]+]]: tensor<1x2x6x5xbf16>, %[[M:[^:]+]]: tensor<1x1x1x6xi1>, %[[B:[^:]+]]: tensor<1x2x4x6xbf16>, %[[QO:[^:]+]]: index, %[[KO:[^:]+]]: index,
// CHECK: %[[KT:.+]] = linalg.transpose ins(%[[K]] : tensor<1x2x6x8xbf16>) outs(%{{.+}} : tensor<1x2x8x6xbf16>) permutation = [0, 1, 3, 2]
// CHECK: %[[S:.+]] = linalg.generic {{.+}} ins(%[[Q]], %[[KT]] : tensor<1x2x4x8xbf16>, tensor<1x2x8x6xbf16>) outs(%{{.+}} : tensor<1x2x4x6xf32>)
// CHECK: arith.extf %{{.+}} : bf16 to f32
// CHECK: arith.extf %{{.+}} : bf16 to f32
// CHECK: %[[SM:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #[[$MASK]], #[[$BIAS]], #{{.+}}], {{.+}} ins(%[[S]], %[[M]], %[[B]] : tensor<1x2x4x6xf32>, tensor<1x1x1x6xi1>, tensor<1x2x4x6xbf16>)
// CHECK: ^bb0(%[[SC:[^:]+]]: f32, %[[MK:[^:]+]]: i1, %[[BI:[^:]+]]: bf16, %{{.+}}: f32):
// CHECK: %[[BX:.+]] = arith.extf %[[BI]] : bf16 to f32
// CHECK: %[[SB:.+]] = arith.addf %[[SC]], %[[BX]] : f32
// CHECK: %[[I:.+]] = linalg.index 2 : index
// CHECK: %[[J:.+]] = linalg.index 3 : index
// CHECK: %[[ROW:.+]] = arith.addi %[[I]], %[[QO]] : index
// CHECK: %[[COL:.+]] = arith.addi %[[J]], %[[KO]] : index
// CHECK: %[[FUT:.+]] = arith.cmpi ugt, %[[COL]], %[[ROW]] : index
// CHECK: %[[HID:.+]] = arith.ori %[[MK]], %[[FUT]] : i1
// CHECK: %[[NINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: arith.select %[[HID]], %[[NINF]], %[[SB]] : f32
// The p V contraction reads bf16 values into the f32 accumulator.
// CHECK: linalg.generic {{.+}} ins(%{{.+}}, %[[V]] : tensor<1x2x4x6xf32>, tensor<1x2x6x5xbf16>) outs(%{{.+}} : tensor<1x2x4x5xf32>)
// CHECK: arith.extf %{{.+}} : bf16 to f32
func.func @online_masked(%q: tensor<1x2x4x8xbf16>, %k: tensor<1x2x6x8xbf16>,
                         %v: tensor<1x2x6x5xbf16>, %m: tensor<1x1x1x6xi1>,
                         %b: tensor<1x2x4x6xbf16>, %qo: index, %ko: index,
                         %acc: tensor<1x2x4x5xf32>, %max: tensor<1x2x4xf32>,
                         %sum: tensor<1x2x4xf32>)
    -> (tensor<1x2x4x5xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>) {
  %r:3 = hopfield.online_associate %q, %k, %v mask(%m : tensor<1x1x1x6xi1>)
      bias(%b : tensor<1x2x4x6xbf16>) offsets(%qo, %ko) beta = 1.0 causal
      outs(%acc, %max, %sum)
      : tensor<1x2x4x8xbf16>, tensor<1x2x6x8xbf16>, tensor<1x2x6x5xbf16>
      -> tensor<1x2x4x5xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
  return %r#0, %r#1, %r#2
      : tensor<1x2x4x5xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
}

// -----

// Causal without offsets compares the tile-local positions.
// CHECK-LABEL: func.func @online_causal
// CHECK: %[[I:.+]] = linalg.index 2 : index
// CHECK-NEXT: %[[J:.+]] = linalg.index 3 : index
// CHECK-NEXT: %[[FUT:.+]] = arith.cmpi ugt, %[[J]], %[[I]] : index
// CHECK: arith.select %[[FUT]], %{{.+}}, %{{.+}} : f64
func.func @online_causal(%q: tensor<1x1x4x8xf64>, %k: tensor<1x1x6x8xf64>,
                         %v: tensor<1x1x6x8xf64>, %acc: tensor<1x1x4x8xf64>,
                         %max: tensor<1x1x4xf64>, %sum: tensor<1x1x4xf64>)
    -> tensor<1x1x4x8xf64> {
  %r:3 = hopfield.online_associate %q, %k, %v beta = 1.0 causal
      outs(%acc, %max, %sum)
      : tensor<1x1x4x8xf64>, tensor<1x1x6x8xf64>, tensor<1x1x6x8xf64>
      -> tensor<1x1x4x8xf64>, tensor<1x1x4xf64>, tensor<1x1x4xf64>
  return %r#0 : tensor<1x1x4x8xf64>
}

// -----

// association_change: both score matrices (one key transpose), then one
// generic reducing over (l, s) into the [B,H] init:
// sum (exp(a - lse_a) - exp(b - lse_b))^2, mask and causal on both sides.
// CHECK-DAG: #[[$ROW:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[$BH:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-LABEL: func.func @change
// CHECK-SAME: (%[[QA:[^:]+]]: tensor<2x3x4x8xf64>, %[[QB:[^:]+]]: tensor<2x3x4x8xf64>, %[[K:[^:]+]]: tensor<2x3x6x8xf64>, %[[LA:[^:]+]]: tensor<2x3x4xf64>, %[[LB:[^:]+]]: tensor<2x3x4xf64>, %[[M:[^:]+]]: tensor<2x1x1x6xi1>, %[[I:[^:]+]]: tensor<2x3xf64>)
// CHECK: %[[KT:.+]] = linalg.transpose ins(%[[K]] : tensor<2x3x6x8xf64>)
// CHECK-NOT: linalg.transpose
// CHECK-DAG: %[[SA:.+]] = linalg.generic {{.+}} ins(%[[QA]], %[[KT]] : tensor<2x3x4x8xf64>, tensor<2x3x8x6xf64>)
// CHECK-DAG: %[[SB:.+]] = linalg.generic {{.+}} ins(%[[QB]], %[[KT]] : tensor<2x3x4x8xf64>, tensor<2x3x8x6xf64>)
// CHECK: %[[C:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #{{.+}}, #[[$ROW]], #[[$ROW]], #{{.+}}, #[[$BH]]], iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%[[SA]], %[[SB]], %[[LA]], %[[LB]], %[[M]] : tensor<2x3x4x6xf64>, tensor<2x3x4x6xf64>, tensor<2x3x4xf64>, tensor<2x3x4xf64>, tensor<2x1x1x6xi1>) outs(%[[I]] : tensor<2x3xf64>)
// CHECK: ^bb0(%[[A:[^:]+]]: f64, %[[B:[^:]+]]: f64, %[[LSEA:[^:]+]]: f64, %[[LSEB:[^:]+]]: f64, %[[MK:[^:]+]]: i1, %[[OUT:[^:]+]]: f64):
// CHECK: %[[HA:.+]] = arith.ori %[[MK]], %{{.+}} : i1
// CHECK: %[[MA:.+]] = arith.select %[[HA]], %{{.+}}, %[[A]] : f64
// CHECK: arith.subf %[[MA]], %[[LSEA]] : f64
// CHECK: %[[EA:.+]] = math.exp
// CHECK: %[[XA:.+]] = arith.select %{{.+}}, %{{.+}}, %[[EA]] : f64
// CHECK: %[[HB:.+]] = arith.ori %[[MK]], %{{.+}} : i1
// CHECK: %[[MB:.+]] = arith.select %[[HB]], %{{.+}}, %[[B]] : f64
// CHECK: arith.subf %[[MB]], %[[LSEB]] : f64
// CHECK: %[[EB:.+]] = math.exp
// CHECK: %[[XB:.+]] = arith.select %{{.+}}, %{{.+}}, %[[EB]] : f64
// CHECK: %[[D:.+]] = arith.subf %[[XA]], %[[XB]] : f64
// CHECK: %[[D2:.+]] = arith.mulf %[[D]], %[[D]] : f64
// CHECK: %[[R:.+]] = arith.addf %[[OUT]], %[[D2]] : f64
// CHECK: linalg.yield %[[R]] : f64
// CHECK: return %[[C]] : tensor<2x3xf64>
func.func @change(%qa: tensor<2x3x4x8xf64>, %qb: tensor<2x3x4x8xf64>,
                  %k: tensor<2x3x6x8xf64>, %la: tensor<2x3x4xf64>,
                  %lb: tensor<2x3x4xf64>, %m: tensor<2x1x1x6xi1>,
                  %init: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb)
      mask(%m : tensor<2x1x1x6xi1>) causal outs(%init)
      : tensor<2x3x4x8xf64>, tensor<2x3x4x8xf64>, tensor<2x3x6x8xf64>,
        tensor<2x3x4xf64>, tensor<2x3x4xf64>, tensor<2x3xf64> -> tensor<2x3xf64>
  return %c : tensor<2x3xf64>
}

// -----

// finalize: acc / sum, 0 where sum = 0, narrowed to the result type.
// CHECK-LABEL: func.func @finalize_bf16
// CHECK-SAME: (%[[ACC:[^:]+]]: tensor<1x2x4x5xf32>, %[[SUM:[^:]+]]: tensor<1x2x4xf32>)
// CHECK: %[[E:.+]] = tensor.empty() : tensor<1x2x4x5xbf16>
// CHECK: %[[O:.+]] = linalg.generic {{.+}} ins(%[[ACC]], %[[SUM]] : tensor<1x2x4x5xf32>, tensor<1x2x4xf32>) outs(%[[E]] : tensor<1x2x4x5xbf16>)
// CHECK: ^bb0(%[[A:[^:]+]]: f32, %[[S:[^:]+]]: f32, %{{.+}}: bf16):
// CHECK: %[[Z:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[NONE:.+]] = arith.cmpf oeq, %[[S]], %[[Z]] : f32
// CHECK: %[[Q:.+]] = arith.divf %[[A]], %[[S]] : f32
// CHECK: %[[R:.+]] = arith.select %[[NONE]], %[[Z]], %[[Q]] : f32
// CHECK: %[[T:.+]] = arith.truncf %[[R]] : f32 to bf16
// CHECK: linalg.yield %[[T]] : bf16
// CHECK: return %[[O]]
func.func @finalize_bf16(%acc: tensor<1x2x4x5xf32>, %sum: tensor<1x2x4xf32>)
    -> tensor<1x2x4x5xbf16> {
  %o = hopfield.finalize %acc, %sum
      : tensor<1x2x4x5xf32>, tensor<1x2x4xf32> -> tensor<1x2x4x5xbf16>
  return %o : tensor<1x2x4x5xbf16>
}

// -----

// Dynamic sizes: the result is sized from the accumulator.
// CHECK-LABEL: func.func @finalize_dynamic
// CHECK-SAME: (%[[ACC:[^:]+]]: tensor<?x2x?x5xf32>
// CHECK-DAG: %[[D0:.+]] = tensor.dim %[[ACC]], %{{.+}} : tensor<?x2x?x5xf32>
// CHECK-DAG: %[[D2:.+]] = tensor.dim %[[ACC]], %{{.+}} : tensor<?x2x?x5xf32>
// CHECK: %[[E:.+]] = tensor.empty(%[[D0]], %[[D2]]) : tensor<?x2x?x5xf32>
// CHECK: linalg.generic {{.+}} outs(%[[E]] : tensor<?x2x?x5xf32>)
// CHECK-NOT: arith.truncf
func.func @finalize_dynamic(%acc: tensor<?x2x?x5xf32>, %sum: tensor<?x2x?xf32>)
    -> tensor<?x2x?x5xf32> {
  %o = hopfield.finalize %acc, %sum
      : tensor<?x2x?x5xf32>, tensor<?x2x?xf32> -> tensor<?x2x?x5xf32>
  return %o : tensor<?x2x?x5xf32>
}

// -----

// A tile after hopfield-tile: the ops inside the loop are converted, the
// loop stays.
// CHECK-LABEL: func.func @inside_loop
// CHECK: scf.for
// CHECK: linalg.generic
// CHECK: scf.yield
func.func @inside_loop(%q: tensor<1x1x4x8xf32>, %k: tensor<1x1x8x8xf32>,
                       %acc: tensor<1x1x4x8xf32>, %max: tensor<1x1x4xf32>,
                       %sum: tensor<1x1x4xf32>) -> tensor<1x1x4x8xf32> {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %r:3 = scf.for %s = %c0 to %c8 step %c4
      iter_args(%a = %acc, %m = %max, %l = %sum)
      -> (tensor<1x1x4x8xf32>, tensor<1x1x4xf32>, tensor<1x1x4xf32>) {
    %kt = tensor.extract_slice %k[0, 0, %s, 0] [1, 1, 4, 8] [1, 1, 1, 1]
        : tensor<1x1x8x8xf32> to tensor<1x1x4x8xf32>
    %n:3 = hopfield.online_associate %q, %kt, %kt offsets(%c0, %s) beta = 1.0
        causal outs(%a, %m, %l)
        : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>
        -> tensor<1x1x4x8xf32>, tensor<1x1x4xf32>, tensor<1x1x4xf32>
    scf.yield %n#0, %n#1, %n#2
        : tensor<1x1x4x8xf32>, tensor<1x1x4xf32>, tensor<1x1x4xf32>
  }
  %o = hopfield.finalize %r#0, %r#2
      : tensor<1x1x4x8xf32>, tensor<1x1x4xf32> -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}
