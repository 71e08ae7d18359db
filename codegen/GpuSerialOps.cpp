//===- GpuSerialOps.cpp - the hopfield-gpu-serial-ops pass ----------------===//

#include "codegen/Passes.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDGPUSERIALOPSPASS
#include "codegen/Passes.h.inc"
} // namespace mlir::hopfield

using namespace mlir;

namespace {

struct HopfieldGpuSerialOpsPass
    : mlir::hopfield::impl::HopfieldGpuSerialOpsPassBase<
          HopfieldGpuSerialOpsPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> serial;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (op.hasPureBufferSemantics() && op.getNumParallelLoops() == 0 &&
          !op->getParentOfType<scf::ParallelOp>())
        serial.push_back(op);
    });
    for (linalg::LinalgOp op : serial) {
      OpBuilder b(op);
      Location loc = op.getLoc();
      Value zero = arith::ConstantIndexOp::create(b, loc, 0);
      Value one = arith::ConstantIndexOp::create(b, loc, 1);
      auto loop = scf::ParallelOp::create(b, loc, ValueRange{zero},
                                          ValueRange{one}, ValueRange{one});
      op->moveBefore(loop.getBody()->getTerminator());
    }
  }
};

} // namespace
