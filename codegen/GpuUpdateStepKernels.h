//===- GpuUpdateStepKernels.h - update steps on the tensor cores -*- C++ -*-===//
//
// The pieces of an unrolled Hopfield update loop (hopfield-expand-updates
// with `unroll`) as tensor-core kernels (codegen/FlashKernel.h): the online
// passes and the association changes; and, for a loop small enough for one
// block per head, the whole loop as one kernel. Used by
// hopfield-gpu-flash-attention.
//
//===----------------------------------------------------------------------===//

#ifndef CODEGEN_GPUUPDATESTEPKERNELS_H
#define CODEGEN_GPUUPDATESTEPKERNELS_H

#include "codegen/TensorCoreBuffers.h"
#include "dialect/HopfieldOps.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"

#include <string>

namespace mlir::hopfield {

/// Why the kernels cannot compute `op`, or "" when they can (the one for
/// hopfield.associate is in GpuFlashAttention.cpp).
std::string whyNotOnTensorCores(AssociateOp op);
std::string whyNotOnTensorCores(OnlineAssociateOp op);
std::string whyNotOnTensorCores(AssociationChangeOp op);

/// The largest update budget whose steps run on the tensor cores: each step
/// rounds the state to bf16/f16, so the error grows with the steps.
constexpr int64_t kMaxTensorCoreSteps = 4;

/// Why the attention kernel cannot compute `op` as a whole (mask, bias,
/// query offset, association result, element type, sizes), or "".
std::string whyNotAttentionKernel(AssociateOp op);

/// Why the fused retrieval kernel (the whole loop in one block per head)
/// cannot compute the iterating `op`, or "" when it can.
std::string whyNotRetrievalKernel(AssociateOp op);

/// The iterating `op` as the fused retrieval kernel.
void replaceWithRetrievalKernel(AssociateOp op, gpu::GPUModuleOp kernels,
                                RoundedBuffers &rounded);

/// `op` as one kernel launch of `kernels`, its results in the online form
/// (normalised accumulator, row log-sum-exp as max, 1 as sum).
void replaceWithKernel(OnlineAssociateOp op, gpu::GPUModuleOp kernels,
                       RoundedBuffers &rounded);

/// `op` as the change kernel (per row) and the sum over rows.
void replaceWithKernel(AssociationChangeOp op, gpu::GPUModuleOp kernels,
                       RoundedBuffers &rounded);

} // namespace mlir::hopfield

#endif // CODEGEN_GPUUPDATESTEPKERNELS_H
