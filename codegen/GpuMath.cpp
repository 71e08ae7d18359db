//===- GpuMath.cpp - the hopfield-gpu-math pass ---------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDGPUMATHPASS
#include "codegen/Passes.h.inc"
} // namespace mlir::hopfield

using namespace mlir;

namespace {

/// `op` (f32) as the NVVM intrinsic `name`, which PTX has an instruction
/// for.
template <typename Op>
struct ToNvvmIntrinsic : OpRewritePattern<Op> {
  ToNvvmIntrinsic(MLIRContext *ctx, StringRef name)
      : OpRewritePattern<Op>(ctx), name(name) {}
  StringRef name;
  LogicalResult matchAndRewrite(Op op,
                                PatternRewriter &rewriter) const override {
    if (!op.getType().isF32())
      return rewriter.notifyMatchFailure(op, "f32 only");
    rewriter.replaceOpWithNewOp<LLVM::CallIntrinsicOp>(
        op, op.getType(), rewriter.getStringAttr(name),
        ValueRange(op->getOperands()));
    return success();
  }
};

/// |x| = max(x, -x) for f32 (libdevice's __nv_fabsf otherwise).
struct AbsFToArith : OpRewritePattern<math::AbsFOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(math::AbsFOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getType().isF32())
      return rewriter.notifyMatchFailure(op, "f32 only");
    Value negated = arith::NegFOp::create(rewriter, op.getLoc(), op.getOperand());
    rewriter.replaceOpWithNewOp<arith::MaximumFOp>(op, op.getOperand(),
                                                   negated);
    return success();
  }
};

/// copysign(x, y) for f32 from the bits: |x|'s magnitude, y's sign bit.
struct CopySignToArith : OpRewritePattern<math::CopySignOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(math::CopySignOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getType().isF32())
      return rewriter.notifyMatchFailure(op, "f32 only");
    Location loc = op.getLoc();
    Type i32 = rewriter.getI32Type();
    auto bits = [&](Value v) {
      return arith::BitcastOp::create(rewriter, loc, i32, v).getResult();
    };
    auto constant = [&](uint32_t c) {
      return arith::ConstantOp::create(rewriter, loc,
                                       rewriter.getI32IntegerAttr(c))
          .getResult();
    };
    Value magnitude =
        arith::AndIOp::create(rewriter, loc, bits(op.getLhs()),
                              constant(0x7fffffffu));
    Value sign = arith::AndIOp::create(rewriter, loc, bits(op.getRhs()),
                                       constant(0x80000000u));
    Value result = arith::OrIOp::create(rewriter, loc, magnitude, sign);
    rewriter.replaceOpWithNewOp<arith::BitcastOp>(op, op.getType(), result);
    return success();
  }
};

struct HopfieldGpuMathPass
    : mlir::hopfield::impl::HopfieldGpuMathPassBase<HopfieldGpuMathPass> {
  using Base::Base;
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    populateMathPolynomialApproximationPatterns(
        patterns, [](StringRef) { return true; });
    // Every expansion upstream has (rsqrt, fma, ceil, sinh, asinh, ...).
    math::populateExpansionPatterns(patterns);
    patterns.add<AbsFToArith, CopySignToArith>(ctx);
    patterns.add<ToNvvmIntrinsic<math::SqrtOp>>(ctx, "llvm.nvvm.sqrt.rn.f");
    patterns.add<ToNvvmIntrinsic<math::FloorOp>>(ctx, "llvm.nvvm.floor.f");
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
