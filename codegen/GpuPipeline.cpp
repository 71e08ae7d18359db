//===- GpuPipeline.cpp - the CUDA lowering pipeline -----------------------===//

#include "codegen/GpuPipeline.h"
#include "codegen/Passes.h"
#include "codegen/Pipelines.h"
#include "dialect/HopfieldOps.h"
#include "passes/Transforms.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Pipelines/Passes.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::hopfield;

LogicalResult mlir::hopfield::checkGpuSupport(ModuleOp module) {
  WalkResult result = module.walk([](AssociateOp op) {
    if (!op.iterates() || hasBoundedBudget(op))
      return WalkResult::advance();
    emitError(op.getLoc(),
              "--target cuda: update_steps_max None (iterate until "
              "converged) does not run on the GPU: the update steps are "
              "unrolled on the device up to the step budget; give a budget "
              "(an integer >= 0) or compile for --target cpu");
    return WalkResult::interrupt();
  });
  return failure(result.wasInterrupted());
}

std::string mlir::hopfield::ptxFeaturesFor(StringRef chip) {
  // sm_90a's architecture-specific instructions need PTX 8.0 as well.
  return chip.starts_with("sm_9") ? "+ptx80" : "+ptx70";
}

void mlir::hopfield::buildLowerToNvvmPipeline(
    OpPassManager &pm, const GpuPipelineOptions &options) {
  // The stopping rule's data lives on the device: the update loops are
  // unrolled to their budgets (no host round trip per step).
  buildHopfieldRewrites(pm, options.mhaLowering, options.tensorCores,
                        /*unrollUpdates=*/true);
  OpPassManager &tensors = pm.nest<func::FuncOp>();
  tensors.addPass(createConvertHopfieldToLinalgPass());
  tensors.addPass(createCanonicalizerPass());
  tensors.addPass(createCSEPass());

  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  bufferization::OneShotBufferizePassOptions bufferization;
  bufferization.allowReturnAllocsFromLoops = true;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferization));

  // Loops over device buffers, one kernel per outermost loop nest.
  OpPassManager &loops = pm.nest<func::FuncOp>();
  HopfieldCopiesToLoopsPassOptions copies;
  copies.all = true;
  loops.addPass(createHopfieldCopiesToLoopsPass(copies));
  loops.addPass(createHopfieldGpuSerialOpsPass());
  // No canonicalization until the loops are kernels: it would dissolve
  // loops of one iteration into host code.
  loops.addPass(createConvertLinalgToParallelLoopsPass());
  HopfieldGpuDeviceMemoryPassOptions memory;
  memory.numInputs = options.numInputs;
  loops.addPass(createHopfieldGpuDeviceMemoryPass(memory));
  HopfieldMapToGpuPassOptions mapping;
  mapping.blockSize = options.blockSize;
  loops.addPass(createHopfieldMapToGpuPass(mapping));
  loops.addPass(createConvertParallelLoopToGpuPass());
  pm.addPass(createGpuKernelOutliningPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(createGpuAsyncRegionPass());
  // Kernel math without libdevice (self-contained PTX).
  pm.addNestedPass<gpu::GPUModuleOp>(createHopfieldGpuMathPass());
  // The tensor-core kernel's vector loads and stores (convert-gpu-to-nvvm
  // lowers the other vector ops but not these).
  pm.addNestedPass<gpu::GPUModuleOp>(createConvertVectorToLLVMPass());

  // NVVM for the kernels, LLVM for the host, the kernels serialised.
  gpu::GPUToNVVMPipelineOptions nvvm;
  nvvm.cubinChip = options.chip;
  nvvm.cubinFeatures = ptxFeaturesFor(options.chip);
  nvvm.cubinFormat = options.format;
  gpu::buildLowerToNVVMPassPipeline(pm, nvvm);
}
