//===- GpuFlashAttention.cpp - the hopfield-gpu-flash-attention pass ------===//
//
// Replaces each hopfield.associate the tensor-core kernel handles with that
// kernel (codegen/FlashKernel.h) on the operands' buffers:
//
//   %q = memref.alloc() : memref<...xbf16>          (bf16 or f16; K, V too)
//   %t = bufferization.to_tensor %q restrict writable
//   linalg.generic ins(%query) outs(%t) { arith.truncf }
//   (head_beta: memref.alloc + bufferization.materialize_in_destination)
//   %o = memref.alloc()
//   gpu.launch_func @hopfield_flash_kernels::@flash_attention_0 ...
//       args(%q, %k, %v, %o)
//   %out = bufferization.to_tensor %o restrict writable
//
// and the `steps` result by its value, 1 per head (no update steps). Ops the
// kernel does not handle (update steps, masks, biases, an association
// result, run-time sizes) stay for the generic lowering; the pass says why
// when `report` is set.
//
//===----------------------------------------------------------------------===//

#include "codegen/FlashKernel.h"
#include "codegen/GpuUpdateStepKernels.h"
#include "codegen/Passes.h"
#include "codegen/TensorCoreBuffers.h"
#include "dialect/HopfieldOps.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDGPUFLASHATTENTIONPASS
#include "codegen/Passes.h.inc"
} // namespace mlir::hopfield

using namespace mlir;
using namespace mlir::hopfield;

/// Why `op` stays on the generic path, or "" when the kernel handles it.
std::string mlir::hopfield::whyNotOnTensorCores(AssociateOp op) {
  if (op.iterates()) {
    std::string why = whyNotRetrievalKernel(op);
    return why.empty() ? "" : "Hopfield update steps, not in one kernel: " + why;
  }
  return whyNotAttentionKernel(op);
}

namespace {

constexpr llvm::StringLiteral kKernelModule = "hopfield_flash_kernels";

void replaceWithKernel(AssociateOp op, gpu::GPUModuleOp kernels,
                       Type operandType) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  FlashKernelProblem problem;
  problem.query = roundedBuffer(b, loc, op.getQuery(), operandType);
  problem.key = roundedBuffer(b, loc, op.getKey(), operandType);
  problem.value = roundedBuffer(b, loc, op.getValue(), operandType);
  if (op.getHeadBeta())
    problem.headBeta = copiedBuffer(b, loc, op.getHeadBeta());
  problem.output = resultBuffer(b, loc, op.getOutput().getType());
  problem.beta = op.getBeta().convertToDouble();
  problem.causal = op.getCausal();
  problem.operandType = operandType;
  buildFlashKernel(b, loc, kernels, problem);

  op.getOutput().replaceAllUsesWith(resultTensor(b, loc, problem.output));
  if (Value steps = op.getSteps()) {
    auto type = cast<RankedTensorType>(steps.getType());
    Value ones = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(
                    type, b.getIntegerAttr(type.getElementType(), 1)));
    steps.replaceAllUsesWith(ones);
  }
  op.erase();
}

struct HopfieldGpuFlashAttentionPass
    : mlir::hopfield::impl::HopfieldGpuFlashAttentionPassBase<
          HopfieldGpuFlashAttentionPass> {
  using Base::Base;
  void runOnOperation() override {
    Builder b(&getContext());
    Type operandType;
    if (operands == "bf16")
      operandType = b.getBF16Type();
    else if (operands == "f16")
      operandType = b.getF16Type();
    else {
      getOperation()->emitError("hopfield-gpu-flash-attention: operands must "
                                "be bf16 or f16, not '")
          << operands << "'";
      return signalPassFailure();
    }
    ModuleOp module = getOperation();
    SmallVector<Operation *> ops;
    auto collect = [&](auto op) {
      std::string why = whyNotOnTensorCores(op);
      if (why.empty())
        ops.push_back(op);
      else if (report)
        op.emitRemark("generic GPU lowering: ") << why;
    };
    module.walk([&](Operation *op) {
      if (auto associate = dyn_cast<AssociateOp>(op))
        collect(associate);
      else if (auto online = dyn_cast<OnlineAssociateOp>(op))
        collect(online);
      else if (auto change = dyn_cast<AssociationChangeOp>(op))
        collect(change);
    });
    if (ops.empty())
      return;
    // One gpu.module for the kernels (launch_func needs a container
    // module), shared by the pass's runs before and after the update loops
    // are unrolled.
    module->setAttr(gpu::GPUDialect::getContainerModuleAttrName(),
                    b.getUnitAttr());
    auto kernels = module.lookupSymbol<gpu::GPUModuleOp>(kKernelModule);
    if (!kernels) {
      OpBuilder moduleBuilder = OpBuilder::atBlockEnd(module.getBody());
      kernels = gpu::GPUModuleOp::create(moduleBuilder, module.getLoc(),
                                         kKernelModule);
    }
    RoundedBuffers rounded(operandType);
    for (Operation *op : ops) {
      auto associate = dyn_cast<AssociateOp>(op);
      if (associate && associate.iterates())
        replaceWithRetrievalKernel(associate, kernels, rounded);
      else if (associate)
        replaceWithKernel(associate, kernels, operandType);
      else if (auto online = dyn_cast<OnlineAssociateOp>(op))
        replaceWithKernel(online, kernels, rounded);
      else
        replaceWithKernel(cast<AssociationChangeOp>(op), kernels, rounded);
    }
  }
};

} // namespace
