// RUN: hopfield-opt %s --hopfield-gpu-flash-attention="operands=bf16" --hopfield-expand-updates=unroll=true --hopfield-gpu-flash-attention="operands=bf16 report=true" -split-input-file 2>/dev/null | FileCheck %s --enable-var-scope
// RUN: hopfield-opt %s --hopfield-gpu-flash-attention="operands=bf16" --hopfield-expand-updates=unroll=true --hopfield-gpu-flash-attention="operands=bf16 report=true" -split-input-file 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK

// As the cuda pipeline runs them: the tensor-core pass, the unrolled
// expansion, the tensor-core pass again.

// The unrolled update loop (budget 2, batch 2) on the tensor cores: the keys are
// rounded once for every kernel; the first online pass (keys as values)
// writes the normalised accumulator and each row's log-sum-exp and weight
// sum; the next pass starts from the next state, rounded; the change
// kernel reads both rounded states, the keys and both log-sum-exps, and a
// linalg.generic sums its rows per (batch, head); the last pass is over
// the values.
// CHECK-LABEL: func.func @budget_two
// CHECK-NOT: hopfield.online_associate
// CHECK-NOT: hopfield.association_change
// CHECK: %[[KB:.+]] = memref.alloc() : memref<2x2x70x16xbf16>
// CHECK: %[[Q0:.+]] = memref.alloc() : memref<2x2x40x16xbf16>
// CHECK: %[[ACC0:.+]] = memref.alloc() : memref<2x2x40x16xf32>
// CHECK: %[[LSE0:.+]] = memref.alloc() : memref<2x2x40xf32>
// CHECK: %[[SUM0:.+]] = memref.alloc() : memref<2x2x40xf32>
// CHECK: gpu.launch_func @hopfield_flash_kernels::@flash_attention_0 {{.+}} args(%[[Q0]] : memref<2x2x40x16xbf16>, %[[KB]] : memref<2x2x70x16xbf16>, %[[KB]] : memref<2x2x70x16xbf16>, %[[ACC0]] : memref<2x2x40x16xf32>, %[[LSE0]] : memref<2x2x40xf32>, %[[SUM0]] : memref<2x2x40xf32>)
// CHECK: %[[Q1:.+]] = memref.alloc() : memref<2x2x40x16xbf16>
// CHECK: gpu.launch_func @hopfield_flash_kernels::@flash_attention_1 {{.+}} args(%[[Q1]] : memref<2x2x40x16xbf16>, %[[KB]] :
// CHECK: gpu.launch_func @hopfield_flash_kernels::@association_change_2 {{.+}} args(%[[Q1]] : memref<2x2x40x16xbf16>, %[[Q0]] : memref<2x2x40x16xbf16>, %[[KB]] : memref<2x2x70x16xbf16>, %{{.+}} : memref<2x2x40xf32>, %{{.+}} : memref<2x2x40xf32>, %[[ROWS:[^ ]+]] : memref<2x2x40xf32>)
// CHECK: %[[ROWST:.+]] = bufferization.to_tensor %[[ROWS]]
// CHECK: linalg.generic {{.+}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[ROWST]] : tensor<2x2x40xf32>) outs(%{{.+}} : tensor<2x2xf32>)
// CHECK: arith.addf
// CHECK: gpu.launch_func @hopfield_flash_kernels::@flash_attention_3 {{.+}} args(%{{.+}} : memref<2x2x40x16xbf16>, %[[KB]] : memref<2x2x70x16xbf16>, %{{.+}} : memref<2x2x70x8xbf16>, %{{.+}} : memref<2x2x40x8xf32>
// CHECK: gpu.func @flash_attention_0
// The change kernel: no value tiles; ex2 of both states' weights.
// CHECK: gpu.func @association_change_2
// CHECK: nvgpu.device_async_copy
// CHECK: nvgpu.ldmatrix
// CHECK: nvvm.mma.sync
// CHECK: llvm.nvvm.ex2.approx.ftz.f32
// CHECK: math.fma
func.func @budget_two(%q: tensor<2x2x40x16xf32>, %k: tensor<2x2x70x16xf32>,
                      %v: tensor<2x2x70x8xf32>)
    -> (tensor<2x2x40x8xf32>, tensor<2xi64>) {
  %out, %steps = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [2, 1]
      {eps = array<f64: 0.01>}
      : tensor<2x2x40x16xf32>, tensor<2x2x70x16xf32>, tensor<2x2x70x8xf32>
      -> tensor<2x2x40x8xf32> steps tensor<2xi64>
  return %out, %steps : tensor<2x2x40x8xf32>, tensor<2xi64>
}

// -----

// A budget over 4 steps stays on the generic kernels (each step rounds the
// state to bf16; the error grows with the steps): each of the loop's six
// online passes (the values are the keys: the last step's pass gives the
// output) and four changes (the last step's test feeds nothing) says so.
// REMARK-COUNT-10: remark: generic GPU lowering: an update budget of 5 steps (over 4: each step rounds the state, the error grows with the steps)
// REMARK-NOT: remark
// CHECK-LABEL: func.func @budget_five
// CHECK-NOT: gpu.launch_func
// CHECK: hopfield.online_associate
// CHECK: hopfield.association_change
func.func @budget_five(%q: tensor<1x1x40x16xf32>, %k: tensor<1x1x70x16xf32>)
    -> tensor<1x1x40x16xf32> {
  %out = hopfield.associate %q, %k, %k beta = 0.5 max_steps = [5]
      : tensor<1x1x40x16xf32>, tensor<1x1x70x16xf32>, tensor<1x1x70x16xf32>
      -> tensor<1x1x40x16xf32>
  return %out : tensor<1x1x40x16xf32>
}

// -----

// Batch 1, the 40 queries of a head in one block, values as wide as the
// keys: the whole loop is one
// kernel (hopfield_retrieval), one block per head. The first state is the
// query scaled by beta and rounded; the workspace holds three states and
// their log-sum-exps; per head the state's scale, the budget and eps^2; the
// steps each head ran come back from the kernel.
// CHECK-LABEL: func.func @fused
// CHECK-NOT: hopfield.associate
// CHECK-DAG: %[[BUDGET:.+]] = arith.constant dense<[3, 1]> : tensor<2xi64>
// CHECK-DAG: %[[EPS2:.+]] = arith.constant 9.99999974E-5 : f32
// CHECK: %[[STATES:.+]] = memref.alloc() : memref<3x2x40x16xbf16>
// CHECK: %[[LSE:.+]] = memref.alloc() : memref<3x2x40xf32>
// CHECK: linalg.fill ins(%[[EPS2]] : f32) outs(%{{.+}} : tensor<2xf32>)
// CHECK: %[[OUT:.+]] = memref.alloc() : memref<1x2x40x16xf32>
// CHECK: %[[STEPS:.+]] = memref.alloc() : memref<2xi64>
// CHECK: gpu.launch_func @hopfield_flash_kernels::@hopfield_retrieval_0 blocks in (%{{.+}}, %{{.+}}, %{{.+}}) threads in (%{{.+}}, %{{.+}}, %{{.+}}) dynamic_shared_memory_size %{{.+}} args(%{{.+}} : memref<1x2x40x16xbf16>, %{{.+}} : memref<1x2x70x16xbf16>, %{{.+}} : memref<1x2x70x16xbf16>, %[[STATES]] : memref<3x2x40x16xbf16>, %[[LSE]] : memref<3x2x40xf32>, %{{.+}} : memref<2xf32>, %{{.+}} : memref<2xi64>, %{{.+}} : memref<2xf32>, %[[OUT]] : memref<1x2x40x16xf32>, %[[STEPS]] : memref<2xi64>)
// CHECK: %[[STEPST:.+]] = bufferization.to_tensor %[[STEPS]]
// CHECK: return %{{.+}}, %[[STEPST]]
// The kernel: the update loop (scf.while on the active flag) inside.
// CHECK: gpu.func @hopfield_retrieval_0
// CHECK: scf.while
// CHECK: scf.condition
// CHECK: nvvm.mma.sync
// CHECK: gpu.barrier
func.func @fused(%q: tensor<1x2x40x16xf32>, %k: tensor<1x2x70x16xf32>,
                 %v: tensor<1x2x70x16xf32>)
    -> (tensor<1x2x40x16xf32>, tensor<2xi64>) {
  %out, %steps = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [3, 1]
      {eps = array<f64: 0.01>}
      : tensor<1x2x40x16xf32>, tensor<1x2x70x16xf32>, tensor<1x2x70x16xf32>
      -> tensor<1x2x40x16xf32> steps tensor<2xi64>
  return %out, %steps : tensor<1x2x40x16xf32>, tensor<2xi64>
}
