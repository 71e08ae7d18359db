//===- WarpMma.cpp - warp-level tensor-core building blocks ---------------===//

#include "codegen/WarpMma.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using namespace mlir::hopfield;

Value mlir::hopfield::toRegister(OpBuilder &b, Location loc, Value pair) {
  Value word = vector::BitCastOp::create(
      b, loc, VectorType::get({1}, b.getI32Type()), pair);
  return vector::ExtractOp::create(b, loc, word, ArrayRef<int64_t>{0});
}

// nvgpu.mma.sync lowers f16 but not bf16 operands; the NVVM op takes both,
// as 32-bit registers (bf16) or as vector<2xf16>.
Value mlir::hopfield::warpMma(OpBuilder &b, Location loc, Type operandType,
                              ArrayRef<Value> a, ArrayRef<Value> bRegs,
                              Value c) {
  bool bf16 = operandType.isBF16();
  auto operands = [&](ArrayRef<Value> regs) {
    SmallVector<Value> values;
    for (Value reg : regs)
      values.push_back(
          bf16 ? reg
               : vector::BitCastOp::create(
                     b, loc, VectorType::get({2}, operandType),
                     vector::BroadcastOp::create(
                         b, loc, VectorType::get({1}, b.getI32Type()), reg))
                     .getResult());
    return values;
  };
  SmallVector<Value> accumulators;
  for (int64_t r = 0; r < 2; ++r)
    for (int64_t i = 0; i < 2; ++i)
      accumulators.push_back(
          vector::ExtractOp::create(b, loc, c, ArrayRef<int64_t>{r, i}));
  Type f32 = b.getF32Type();
  NVVM::MMATypes type = bf16 ? NVVM::MMATypes::bf16 : NVVM::MMATypes::f16;
  auto op = NVVM::MmaOp::create(
      b, loc,
      LLVM::LLVMStructType::getLiteral(b.getContext(), {f32, f32, f32, f32}),
      operands(a), operands(bRegs), accumulators,
      ArrayRef<int64_t>{16, 8, 16}, /*b1Op=*/std::nullopt,
      /*intOverflow=*/std::nullopt, std::array<NVVM::MMATypes, 2>{type, type},
      std::array<NVVM::MMALayout, 2>{NVVM::MMALayout::row,
                                     NVVM::MMALayout::col});
  Value d = c;
  for (int64_t k = 0; k < 4; ++k) {
    Value element = LLVM::ExtractValueOp::create(b, loc, op.getRes(), k);
    d = vector::InsertOp::create(b, loc, element, d,
                                 ArrayRef<int64_t>{k / 2, k % 2});
  }
  return d;
}

Registers mlir::hopfield::loadMatrices(OpBuilder &b, Location loc,
                                       Type operandType, Value tiles,
                                       ValueRange indices, int64_t count,
                                       bool transpose) {
  auto type = VectorType::get({count, 2}, operandType);
  Value matrices =
      nvgpu::LdMatrixOp::create(b, loc, type, tiles, indices, transpose, count);
  Registers regs;
  for (int64_t i = 0; i < count; ++i)
    regs.push_back(toRegister(
        b, loc,
        vector::ExtractOp::create(b, loc, matrices, ArrayRef<int64_t>{i})));
  return regs;
}

namespace {

template <typename Combine>
Value quadReduce(OpBuilder &b, Location loc, Value x, Combine combine) {
  for (int32_t offset : {1, 2}) {
    Value other = gpu::ShuffleOp::create(b, loc, x, offset, /*width=*/32,
                                         gpu::ShuffleMode::XOR)
                      .getShuffleResult();
    x = combine(x, other);
  }
  return x;
}

} // namespace

Value mlir::hopfield::quadMax(OpBuilder &b, Location loc, Value x) {
  return quadReduce(b, loc, x, [&](Value l, Value r) {
    return arith::MaximumFOp::create(b, loc, l, r).getResult();
  });
}

Value mlir::hopfield::quadSum(OpBuilder &b, Location loc, Value x) {
  return quadReduce(b, loc, x, [&](Value l, Value r) {
    return arith::AddFOp::create(b, loc, l, r).getResult();
  });
}

Value mlir::hopfield::fastExp2(OpBuilder &b, Location loc, Value x) {
  return LLVM::CallIntrinsicOp::create(
             b, loc, b.getF32Type(),
             b.getStringAttr("llvm.nvvm.ex2.approx.ftz.f32"), ValueRange{x})
      .getResult(0);
}
