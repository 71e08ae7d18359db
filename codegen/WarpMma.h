//===- WarpMma.h - warp-level tensor-core building blocks ------*- C++ -*-===//
//
// What the tensor-core kernel (FlashKernel.cpp) builds its products from:
// mma.sync.m16n8k16 on 32-bit operand registers (two bf16/f16 elements
// each) with f32 accumulators, ldmatrix loads of 8 x 8 matrices from
// shared memory, and reductions over the four lanes that share a row of an
// MMA fragment.
//
//===----------------------------------------------------------------------===//

#ifndef CODEGEN_WARPMMA_H
#define CODEGEN_WARPMMA_H

#include "mlir/IR/Builders.h"

namespace mlir::hopfield {

/// 32-bit operand registers of one fragment.
using Registers = SmallVector<Value, 4>;

/// A pair of bf16/f16 elements (vector<2xT>) as one 32-bit register.
Value toRegister(OpBuilder &b, Location loc, Value pair);

/// `c` + A B (mma.sync.m16n8k16.row.col): `a` 4 and `bRegs` 2 registers of
/// `operandType` (bf16 or f16) pairs, `c` a vector<2x2xf32> C fragment.
Value warpMma(OpBuilder &b, Location loc, Type operandType, ArrayRef<Value> a,
              ArrayRef<Value> bRegs, Value c);

/// `count` (2 or 4) 8 x 8 matrices of `tiles` by ldmatrix at `indices`
/// (each lane's row address), transposed or not; one register each.
Registers loadMatrices(OpBuilder &b, Location loc, Type operandType,
                       Value tiles, ValueRange indices, int64_t count,
                       bool transpose);

/// `x` combined (max or add) over the four lanes of a quad, which hold the
/// same rows of an MMA fragment.
Value quadMax(OpBuilder &b, Location loc, Value x);
Value quadSum(OpBuilder &b, Location loc, Value x);

/// 2^x by the PTX instruction ex2.approx.ftz.f32.
Value fastExp2(OpBuilder &b, Location loc, Value x);

} // namespace mlir::hopfield

#endif // CODEGEN_WARPMMA_H
