// RUN: hopfield-opt %s --hopfield-choose-mha-lowering --split-input-file | FileCheck %s --check-prefix=AUTO
// RUN: hopfield-opt %s --hopfield-choose-mha-lowering="lowering=concat" --split-input-file | FileCheck %s --check-prefix=CONCAT
// RUN: hopfield-opt %s --hopfield-choose-mha-lowering="cache-kib=65536" --split-input-file | FileCheck %s --check-prefix=ROOMY
// RUN: hopfield-opt %s --hopfield-choose-mha-lowering="memory-budget-mib=1 cache-kib=65536" --split-input-file | FileCheck %s --check-prefix=TIGHT
// RUN: not hopfield-opt %s --hopfield-choose-mha-lowering="lowering=flash" --split-input-file 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: unknown MHA lowering 'flash' (expected auto, materialize, bias or concat)

// Three layers, T = 16 (every 16 x 16 score tensor fits the cache): the
// last layer needs only its output (bias: the fused kernel); the layers
// whose hidden state the next one reads compute S once and keep h
// (materialize). Forced: concat everywhere.
// AUTO-LABEL: func.func @short
// AUTO: hopfield.mha {{.*}}lowering = #hopfield.mha_lowering<materialize>
// AUTO: hopfield.mha {{.*}}lowering = #hopfield.mha_lowering<materialize>
// AUTO: hopfield.mha {{.*}}lowering = #hopfield.mha_lowering<bias>
// CONCAT-LABEL: func.func @short
// CONCAT-COUNT-3: lowering = #hopfield.mha_lowering<concat>
func.func @short(%q: tensor<1x4x16x8xf32>, %v: tensor<1x4x16x8xf32>) -> tensor<1x4x16x8xf32> {
  %o1, %h1 = hopfield.mha %q, %q, %v alpha_hidden = 0.5 causal
      : tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32> -> tensor<1x4x16x8xf32>, tensor<1x4x16x16xf32>
  %o2, %h2 = hopfield.mha %o1, %o1, %v hidden(%h1 : tensor<1x4x16x16xf32>) alpha_hidden = 0.5 causal
      : tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32> -> tensor<1x4x16x8xf32>, tensor<1x4x16x16xf32>
  %o3, %h3 = hopfield.mha %o2, %o2, %v hidden(%h2 : tensor<1x4x16x16xf32>) alpha_hidden = 0.5 causal
      : tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32> -> tensor<1x4x16x8xf32>, tensor<1x4x16x16xf32>
  return %o3 : tensor<1x4x16x8xf32>
}

// -----

// T = 4096, D = 32: a 4096 x 4096 score tensor per head (256 MiB for
// four heads) streams through memory, so the second layer takes the
// concatenated form (64-wide contraction, nothing T x T) and the first
// is plain fused attention.
// AUTO-LABEL: func.func @long
// AUTO: hopfield.mha {{.*}}lowering = #hopfield.mha_lowering<bias>
// AUTO: hopfield.mha {{.*}}lowering = #hopfield.mha_lowering<concat>
func.func @long(%q: tensor<1x4x4096x32xf32>, %v: tensor<1x4x4096x32xf32>) -> tensor<1x4x4096x32xf32> {
  %o1, %h1 = hopfield.mha %q, %q, %v alpha_hidden = 0.5
      : tensor<1x4x4096x32xf32>, tensor<1x4x4096x32xf32>, tensor<1x4x4096x32xf32> -> tensor<1x4x4096x32xf32>, tensor<1x4x4096x4096xf32>
  %o2, %h2 = hopfield.mha %o1, %o1, %v hidden(%h1 : tensor<1x4x4096x4096xf32>) alpha_hidden = 0.5
      : tensor<1x4x4096x32xf32>, tensor<1x4x4096x32xf32>, tensor<1x4x4096x32xf32> -> tensor<1x4x4096x32xf32>, tensor<1x4x4096x4096xf32>
  return %o2 : tensor<1x4x4096x32xf32>
}

// -----

// Three layers, T = 1024, H = 1, D = 8 (4 MiB per score tensor). With
// the tensors in a (declared) 64 MiB cache, the choice is as for short
// sequences; a 1 MiB budget rules out every lowering that keeps h alive:
// the later layers take the concatenated form, the first plain attention.
// ROOMY-LABEL: func.func @budget
// ROOMY: hopfield.mha {{.*}}lowering = #hopfield.mha_lowering<materialize>
// ROOMY: hopfield.mha {{.*}}lowering = #hopfield.mha_lowering<materialize>
// ROOMY: hopfield.mha {{.*}}lowering = #hopfield.mha_lowering<bias>
// TIGHT-LABEL: func.func @budget
// TIGHT: hopfield.mha {{.*}}lowering = #hopfield.mha_lowering<bias>
// TIGHT: hopfield.mha {{.*}}lowering = #hopfield.mha_lowering<concat>
// TIGHT: hopfield.mha {{.*}}lowering = #hopfield.mha_lowering<concat>
func.func @budget(%q: tensor<1x1x1024x8xf32>, %v: tensor<1x1x1024x8xf32>) -> tensor<1x1x1024x8xf32> {
  %o1, %h1 = hopfield.mha %q, %q, %v alpha_hidden = 0.5
      : tensor<1x1x1024x8xf32>, tensor<1x1x1024x8xf32>, tensor<1x1x1024x8xf32> -> tensor<1x1x1024x8xf32>, tensor<1x1x1024x1024xf32>
  %o2, %h2 = hopfield.mha %o1, %o1, %v hidden(%h1 : tensor<1x1x1024x1024xf32>) alpha_hidden = 0.5
      : tensor<1x1x1024x8xf32>, tensor<1x1x1024x8xf32>, tensor<1x1x1024x8xf32> -> tensor<1x1x1024x8xf32>, tensor<1x1x1024x1024xf32>
  %o3, %h3 = hopfield.mha %o2, %o2, %v hidden(%h2 : tensor<1x1x1024x1024xf32>) alpha_hidden = 0.5
      : tensor<1x1x1024x8xf32>, tensor<1x1x1024x8xf32>, tensor<1x1x1024x8xf32> -> tensor<1x1x1024x8xf32>, tensor<1x1x1024x1024xf32>
  return %o3 : tensor<1x1x1024x8xf32>
}

// -----

// A sequence length known only at run time could make any T x T tensor
// too large: concat. A lowering set by hand is kept under auto and
// overridden when one is forced.
// AUTO-LABEL: func.func @dynamic
// AUTO: hopfield.mha {{.*}}lowering = #hopfield.mha_lowering<concat>
// AUTO: hopfield.mha {{.*}}lowering = #hopfield.mha_lowering<materialize>
// CONCAT-LABEL: func.func @dynamic
// CONCAT-COUNT-2: lowering = #hopfield.mha_lowering<concat>
func.func @dynamic(%q: tensor<1x2x?x8xf32>, %v: tensor<1x2x?x8xf32>, %s: tensor<1x2x5x8xf32>)
    -> (tensor<1x2x?x8xf32>, tensor<1x2x5x8xf32>) {
  %o, %h = hopfield.mha %q, %q, %v alpha_hidden = 0.5
      : tensor<1x2x?x8xf32>, tensor<1x2x?x8xf32>, tensor<1x2x?x8xf32> -> tensor<1x2x?x8xf32>, tensor<1x2x?x?xf32>
  %o2, %h2 = hopfield.mha %s, %s, %s alpha_hidden = 0.5 {lowering = #hopfield.mha_lowering<materialize>}
      : tensor<1x2x5x8xf32>, tensor<1x2x5x8xf32>, tensor<1x2x5x8xf32> -> tensor<1x2x5x8xf32>, tensor<1x2x5x5xf32>
  return %o, %o2 : tensor<1x2x?x8xf32>, tensor<1x2x5x8xf32>
}
