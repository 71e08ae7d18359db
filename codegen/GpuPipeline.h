//===- GpuPipeline.h - the CUDA lowering pipeline ---------------*- C++ -*-===//
//
// `--target cuda`: the hopfield rewrites every target shares, then linalg,
// buffers in GPU memory, one kernel per loop nest, NVVM, and the kernels
// serialised into the module with gpu-module-to-binary (PTX, compiled by
// the driver when the artifact loads, or, with ptxas, assembled into a
// cubin: assembleKernels). The host code
// calls the runtime's mgpu* functions (runtime/GpuWrappers.cpp).
//
// This is the correctness-first mapping: one thread per point of each
// parallel loop nest, reductions sequential in the thread, every buffer in
// global memory. The tensor-core attention kernel (shared-memory K/V tiles,
// mma.sync, online softmax in registers) is the performance step still to
// come.
//
//===----------------------------------------------------------------------===//

#ifndef CODEGEN_GPUPIPELINE_H
#define CODEGEN_GPUPIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include <optional>
#include <string>

namespace mlir::hopfield {

struct GpuPipelineOptions {
  /// sm_80, sm_90 or sm_90a.
  std::string chip = "sm_90";
  /// "isa" (PTX) or "bin" (cubin; needs ptxas on PATH).
  std::string format = "isa";
  /// Leading entry-point arguments that are inputs (copied to the device).
  unsigned numInputs = 0;
  /// As --mha-lowering.
  std::string mhaLowering = "auto";
  /// "bf16" or "f16": associations the tensor-core kernel handles run there
  /// with operands of that type; "": all on the generic f32 kernels.
  std::string tensorCores;
  int64_t blockSize = 256;
};

/// Fails, naming the node, for what the CUDA pipeline cannot run: an update
/// iteration without a step budget (the steps are unrolled to the budget).
LogicalResult checkGpuSupport(ModuleOp module);

/// ptxas on PATH or in /usr/local/cuda/bin (GpuBinary.cpp).
std::optional<std::string> findPtxas();

/// Replaces the PTX of every kernel module in `module` (after the pipeline)
/// by a cubin from `ptxas -arch=chip`; fails with ptxas's message.
LogicalResult assembleKernels(ModuleOp module, StringRef ptxas,
                              StringRef chip);

/// The PTX ISA version a chip needs ("+ptx80" for sm_90).
std::string ptxFeaturesFor(StringRef chip);

void buildLowerToNvvmPipeline(OpPassManager &pm,
                              const GpuPipelineOptions &options);

} // namespace mlir::hopfield

#endif // CODEGEN_GPUPIPELINE_H
