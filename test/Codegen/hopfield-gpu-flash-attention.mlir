// RUN: hopfield-opt %s --hopfield-gpu-flash-attention="operands=bf16 report=true" -split-input-file -verify-diagnostics | FileCheck %s --enable-var-scope
// RUN: not hopfield-opt %s --hopfield-gpu-flash-attention="operands=f32" -split-input-file 2>&1 | FileCheck %s --check-prefix=OPERANDS

// OPERANDS: error: hopfield-gpu-flash-attention: operands must be bf16 or f16, not 'f32'

// A causal association with per-head beta and a steps result: Q, K, V
// rounded to bf16 by one elementwise kernel each, into buffers of their
// own; the kernel launched on them with its dynamic shared memory; the
// steps are 1 per head (no update steps).
// CHECK-LABEL: func.func @causal
// CHECK-SAME: (%[[Q:.+]]: tensor<2x4x100x64xf32>, %[[K:.+]]: tensor<2x4x130x64xf32>, %[[V:.+]]: tensor<2x4x130x32xf32>, %[[HB:.+]]: tensor<4xf32>)
// CHECK: %[[QB:.+]] = memref.alloc() : memref<2x4x100x64xbf16>
// CHECK: %[[QT:.+]] = bufferization.to_tensor %[[QB]] restrict writable
// CHECK: %[[QR:.+]] = linalg.generic {{.*}} ins(%[[Q]] : tensor<2x4x100x64xf32>) outs(%[[QT]]
// CHECK: arith.truncf %{{.*}} : f32 to bf16
// CHECK: bufferization.materialize_in_destination %[[QR]] in restrict writable %[[QB]]
// CHECK: %[[KB:.+]] = memref.alloc() : memref<2x4x130x64xbf16>
// CHECK: %[[VB:.+]] = memref.alloc() : memref<2x4x130x32xbf16>
// CHECK: %[[HBB:.+]] = memref.alloc() : memref<4xf32>
// CHECK: bufferization.materialize_in_destination %[[HB]] in restrict writable %[[HBB]]
// CHECK: %[[OUT:.+]] = memref.alloc() : memref<2x4x100x32xf32>
// CHECK: gpu.launch_func @hopfield_flash_kernels::@flash_attention_0 blocks in (%{{.+}}, %{{.+}}, %{{.+}}) threads in (%{{.+}}, %{{.+}}, %{{.+}}) dynamic_shared_memory_size %{{.+}} args(%[[QB]] : memref<2x4x100x64xbf16>, %[[KB]] : memref<2x4x130x64xbf16>, %[[VB]] : memref<2x4x130x32xbf16>, %[[OUT]] : memref<2x4x100x32xf32>, %[[HBB]] : memref<4xf32>)
// CHECK: %[[O:.+]] = bufferization.to_tensor %[[OUT]] restrict writable
// CHECK: %[[STEPS:.+]] = arith.constant dense<1> : tensor<4xi64>
// CHECK: return %[[O]], %[[STEPS]]
// The kernel: tiles in dynamic shared memory, cp.async copies, ldmatrix
// fragments (V's transposed), bf16 MMAs with f32 accumulators, the online
// softmax's shuffles and warp vote.
// CHECK: gpu.module @hopfield_flash_kernels
// CHECK: gpu.func @flash_attention_0(%{{.+}}: memref<2x4x100x64xbf16>, %{{.+}}: memref<2x4x130x64xbf16>, %{{.+}}: memref<2x4x130x32xbf16>, %{{.+}}: memref<2x4x100x32xf32>, %{{.+}}: memref<4xf32>) kernel
// CHECK-DAG: gpu.dynamic_shared_memory
// CHECK-DAG: nvgpu.device_async_copy
// CHECK-DAG: nvvm.cp.async.wait.group 1
// CHECK-DAG: nvgpu.ldmatrix {{.*}} {numTiles = 4 : i32, transpose = false}
// CHECK-DAG: nvgpu.ldmatrix {{.*}} {numTiles = 4 : i32, transpose = true}
// CHECK-DAG: nvvm.mma.sync {{.*}}multiplicandAPtxType = #nvvm.mma_type<bf16>
// CHECK-DAG: gpu.shuffle  xor
// CHECK-DAG: nvvm.vote.sync  any
// CHECK-DAG: gpu.barrier
func.func @causal(%q: tensor<2x4x100x64xf32>, %k: tensor<2x4x130x64xf32>,
                  %v: tensor<2x4x130x32xf32>, %hb: tensor<4xf32>)
    -> (tensor<2x4x100x32xf32>, tensor<4xi64>) {
  %out, %steps = hopfield.associate %q, %k, %v head_beta(%hb : tensor<4xf32>)
      beta = 0.125 max_steps = [0] causal
      : tensor<2x4x100x64xf32>, tensor<2x4x130x64xf32>, tensor<2x4x130x32xf32>
      -> tensor<2x4x100x32xf32> steps tensor<4xi64>
  return %out, %steps : tensor<2x4x100x32xf32>, tensor<4xi64>
}

// -----

// What the kernel does not handle stays for the generic lowering, with the
// reason: a mask, an update loop too long for bf16 state (unrolled later,
// its steps may still reach the tensor cores), a head width that is not a
// multiple of 16.
// CHECK-LABEL: func.func @generic
// CHECK-NOT: gpu.launch_func
// CHECK-COUNT-3: hopfield.associate
// CHECK-NOT: gpu.module
func.func @generic(%q: tensor<1x1x8x16xf32>, %k: tensor<1x1x8x16xf32>,
                   %m: tensor<1x1x8x8xi1>, %q8: tensor<1x1x8x8xf32>)
    -> (tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x8xf32>) {
  // expected-remark @below {{generic GPU lowering: a mask or bias operand}}
  %a = hopfield.associate %q, %k, %k mask(%m : tensor<1x1x8x8xi1>)
      beta = 1.0 max_steps = [0]
      : tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>
      -> tensor<1x1x8x16xf32>
  // expected-remark @below {{generic GPU lowering: Hopfield update steps, not in one kernel: an update budget of 5 steps (over 4: each step rounds the state, the error grows with the steps)}}
  %b = hopfield.associate %q, %k, %k beta = 1.0 max_steps = [5]
      : tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>
      -> tensor<1x1x8x16xf32>
  // expected-remark @below {{generic GPU lowering: head width 8 is not a multiple of 16 up to 256}}
  %c = hopfield.associate %q8, %q8, %q8 beta = 1.0 max_steps = [0]
      : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>
      -> tensor<1x1x8x8xf32>
  return %a, %b, %c
      : tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x8xf32>
}
