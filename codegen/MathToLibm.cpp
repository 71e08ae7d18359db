//===- MathToLibm.cpp - the hopfield-math-to-libm pass --------------------===//

#include "codegen/Passes.h"

#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDMATHTOLIBMPASS
#include "codegen/Passes.h.inc"
} // namespace mlir::hopfield

using namespace mlir;

namespace {
struct HopfieldMathToLibmPass
    : mlir::hopfield::impl::HopfieldMathToLibmPassBase<HopfieldMathToLibmPass> {
  using Base::Base;
  void runOnOperation() override {
    // Only the functions LLVM has no intrinsic for become libm calls; every
    // other math op stays legal, so the libm patterns leave it alone (exp,
    // the hot one, keeps its intrinsic or its polynomial).
    ConversionTarget target(getContext());
    target.addLegalDialect<arith::ArithDialect, func::FuncDialect,
                           math::MathDialect, vector::VectorDialect>();
    target.addIllegalOp<math::ErfOp, math::ErfcOp, math::AsinhOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(&getContext());
    populateMathToLibmConversionPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
