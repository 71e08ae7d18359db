//===- GpuDeviceMemory.cpp - the hopfield-gpu-device-memory pass ----------===//
//
// The bufferized entry point of the GPU pipeline: its arguments are the
// caller's host buffers, its temporaries memref.alloc's, its weights memref
// globals, and its loops become kernels. This pass gives every buffer a
// device twin and moves the data across at the edges:
//
//   %d = gpu.alloc(...)            one per argument / alloc / weight
//   gpu.memcpy %d, %in             inputs and weights, at the start
//   ... loops on %d ...
//   gpu.memcpy %out, %d            outputs, before the return
//   gpu.dealloc %d                 everything, before the return
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDGPUDEVICEMEMORYPASS
#include "codegen/Passes.h.inc"
} // namespace mlir::hopfield

using namespace mlir;

namespace {

/// A device buffer of the shape of `host` (dynamic sizes read off it).
Value allocateLike(OpBuilder &b, Location loc, Value host) {
  auto type = cast<MemRefType>(host.getType());
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      sizes.push_back(memref::DimOp::create(b, loc, host, d));
  auto deviceType = MemRefType::get(type.getShape(), type.getElementType());
  return gpu::AllocOp::create(b, loc, deviceType, /*asyncToken=*/Type(),
                              /*asyncDependencies=*/ValueRange(), sizes,
                              /*symbolOperands=*/ValueRange(),
                              /*hostShared=*/false)
      .getMemref();
}

/// A device twin of `host` that takes over all current uses of `host`.
Value moveUses(OpBuilder &b, Location loc, Value host) {
  SmallVector<OpOperand *> uses =
      llvm::map_to_vector(host.getUses(), [](OpOperand &u) { return &u; });
  Value device = allocateLike(b, loc, host);
  for (OpOperand *use : uses)
    use->set(device);
  return device;
}

void copy(OpBuilder &b, Location loc, Value dst, Value src) {
  gpu::MemcpyOp::create(b, loc, /*asyncToken=*/Type(), ValueRange(), dst, src);
}

/// Whether `op` is host code of the function (not inside a loop nest that
/// becomes a kernel). The tensor-core kernels are gpu.func's of their own
/// module, launched by gpu.launch_func.
bool onHost(Operation *op) { return !op->getParentOfType<scf::ParallelOp>(); }

LogicalResult moveToDevice(func::FuncOp func, unsigned numInputs) {
  Block &body = func.getBody().front();
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  Location loc = func.getLoc();
  OpBuilder b(func.getContext());
  SmallVector<Value> deviceBuffers;

  // Arguments: inputs copied in, outputs copied back.
  b.setInsertionPointToStart(&body);
  for (BlockArgument arg : func.getArguments()) {
    Value device = moveUses(b, loc, arg);
    if (arg.getArgNumber() < numInputs)
      copy(b, loc, device, arg);
    deviceBuffers.push_back(device);
  }
  b.setInsertionPoint(ret);
  for (auto [arg, device] : llvm::zip(func.getArguments(), deviceBuffers))
    if (arg.getArgNumber() >= numInputs)
      copy(b, loc, arg, device);

  // Temporaries and weights.
  SmallVector<Operation *> allocs, globals, deallocs;
  WalkResult walk = func.walk([&](Operation *op) {
    if (isa<memref::AllocOp, memref::AllocaOp>(op) && onHost(op))
      allocs.push_back(op);
    else if (isa<memref::GetGlobalOp>(op) && onHost(op))
      globals.push_back(op);
    else if (isa<memref::DeallocOp>(op))
      deallocs.push_back(op);
    else if (isa<memref::LoadOp, memref::StoreOp, memref::CopyOp>(op) &&
             onHost(op)) {
      op->emitError("hopfield-gpu-device-memory: host code accesses a "
                    "buffer that lives on the GPU (only parallel loops "
                    "become kernels)");
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  for (Operation *op : deallocs)
    op->erase();
  for (Operation *op : allocs) {
    b.setInsertionPoint(op);
    auto type = cast<MemRefType>(op->getResult(0).getType());
    Value device = gpu::AllocOp::create(b, op->getLoc(), type, Type(),
                                        ValueRange(), op->getOperands(),
                                        ValueRange(), false)
                       .getMemref();
    op->getResult(0).replaceAllUsesWith(device);
    op->erase();
    deviceBuffers.push_back(device);
  }
  for (Operation *op : globals) {
    b.setInsertionPointAfter(op);
    Value host = op->getResult(0);
    Value device = moveUses(b, op->getLoc(), host);
    copy(b, op->getLoc(), device, host);
    deviceBuffers.push_back(device);
  }

  b.setInsertionPoint(ret);
  for (Value device : deviceBuffers)
    gpu::DeallocOp::create(b, loc, Type(), ValueRange(), device);
  return success();
}

struct HopfieldGpuDeviceMemoryPass
    : mlir::hopfield::impl::HopfieldGpuDeviceMemoryPassBase<
          HopfieldGpuDeviceMemoryPass> {
  using Base::Base;
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    if (!llvm::hasSingleElement(func.getBody())) {
      func.emitError("hopfield-gpu-device-memory: the entry point must be "
                     "one block");
      return signalPassFailure();
    }
    if (failed(moveToDevice(func, numInputs)))
      signalPassFailure();
  }
};

} // namespace
