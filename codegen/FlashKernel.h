//===- FlashKernel.h - a tensor-core attention kernel ---------*- C++ -*-===//
//
// The GPU kernel that computes one hopfield.associate (no update steps) in
// the FlashAttention form: each thread block owns 64 or 128 queries of one
// (batch, head), four warps own 16 or 32 of them (one or two 16-row MMA
// tiles); the block's queries and its key and value tiles are copied into
// shared memory with cp.async, the key/value tiles two stages deep (the
// next tile loads while this one is used); fragments come from shared
// memory with ldmatrix; Q K^T and P V run on the tensor cores (mma.sync
// m16n8k16, bf16 or f16 operands, f32 accumulators); the softmax is the
// online one, its row statistics in f32 registers. Masks: keys past the end
// and, with `causal`, keys after the query; nothing L x S is stored.
//
// The same pieces (FlashKernelBuilder.h) make the Hopfield update loop's
// kernels: the online pass in the online form of its result (the row
// log-sum-exp beside the normalised output), the association change
// between two states (hopfield.association_change: two score products per
// key tile, no values; UpdateLoopKernels.cpp), and the fused retrieval
// kernel that runs a whole small loop in one block per head.
//
//===----------------------------------------------------------------------===//

#ifndef CODEGEN_FLASHKERNEL_H
#define CODEGEN_FLASHKERNEL_H

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/Builders.h"

namespace mlir::hopfield {

/// The kernel's geometry for head width `d` and value width `e`.
struct FlashKernelShape {
  static constexpr int64_t kWarps = 4;
  static constexpr int64_t kThreads = kWarps * 32;
  /// Key/value tiles in flight.
  static constexpr int64_t kStages = 2;
  /// Padding of each shared-memory row (elements, 16 bytes): the eight rows
  /// an ldmatrix reads then fall into different banks.
  static constexpr int64_t kRowPad = 8;
  /// Dynamic shared memory a block may use (two blocks fit on an SM of
  /// sm_80 / sm_90).
  static constexpr int64_t kSharedBytes = 110 * 1024;

  FlashKernelShape(int64_t d, int64_t e);

  int64_t headDim, valueDim;
  /// 16-row MMA tiles per warp (1 or 2) and the block's queries.
  int64_t rowTiles, blockRows;
  /// Keys per shared-memory tile: 64, or 32/16 where 64 would not fit.
  int64_t blockKeys;
  /// Dynamic shared memory of a block: the query tile, then two stages of
  /// key tiles, then two of value tiles.
  int64_t queryTileBytes() const;
  int64_t keyTileBytes() const;
  int64_t sharedBytes() const;
  /// The fused retrieval kernel's: the same tiles, a second query tile
  /// where the value tiles are (the larger of the two), one f32 per thread.
  int64_t retrievalSharedBytes() const;
  /// Thread blocks per SM the kernel is compiled for (nvvm.minctasm, a
  /// register cap, when over 2): as many as the shared memory holds while
  /// the registers a thread needs fit.
  int64_t blocksPerSM() const;
};

/// What one kernel computes. Static shapes: query [B,H,L,D], key [B,H,S,D],
/// value [B,H,S,E] of `operandType` (bf16 or f16), output [B,H,L,E] f32,
/// headBeta [H] f32 or null; D a multiple of 16, E of 8.
struct FlashKernelProblem {
  Value query, key, value, headBeta, output;
  /// Optional [B,H,L] f32 outputs, the online form of the result (for a
  /// hopfield.online_associate from the identity start): each row's
  /// log-sum-exp of its scaled scores (natural log; -inf when no key is
  /// allowed) and its sum of normalised weights (1, or 0 for such a row).
  Value rowLse, rowSum;
  double beta = 1.0;
  bool causal = false;
  Type operandType;
};

/// The association change of two states (hopfield.association_change
/// without mask or bias), per row: rowChange[b,h,l] = sum_j (exp(a_j -
/// lseA) - exp(b_j - lseB))^2 with a = queryA . k_j, b = queryB . k_j (the
/// queries already scaled). Queries [B,H,L,D] and key [B,H,S,D] of
/// `operandType`, lseA / lseB / rowChange [B,H,L] f32.
struct ChangeKernelProblem {
  Value queryA, queryB, key, lseA, lseB, rowChange;
  bool causal = false;
  Type operandType;
};

/// Whether the kernel handles these static shapes; otherwise says why.
LogicalResult checkFlashKernelShapes(ArrayRef<int64_t> query,
                                     ArrayRef<int64_t> key,
                                     ArrayRef<int64_t> value,
                                     std::string &why);

/// Adds the kernel that computes `problem` to `kernels` and launches it at
/// `b`'s insertion point (arguments: query, key, value, output[, rowLse,
/// rowSum][, headBeta]).
gpu::LaunchFuncOp buildFlashKernel(OpBuilder &b, Location loc,
                                   gpu::GPUModuleOp kernels,
                                   const FlashKernelProblem &problem);

/// The fused retrieval kernel: the whole update loop of an association with
/// batch 1 whose queries fit one block (L <= the block's rows), one block
/// per head. query [1,H,L,D] (the first state, scaled), key [1,H,S,D],
/// value [1,H,S,E] of `operandType`; workspace: states [3,H,L,D] of
/// `operandType`, lse [3,H,L] f32; per head: betas (the state's scale,
/// beta * head_beta) f32, budget i64 (negative: unbounded), threshold
/// (eps^2) f32; results: output [1,H,L,E] f32, steps [H] i64.
struct RetrievalKernelProblem {
  Value query, key, value, states, lse, betas, budget, threshold, output,
      steps;
  bool causal = false;
  Type operandType;
};

/// Adds the fused retrieval kernel to `kernels` and launches it (one block
/// per head; arguments in the order of the struct's fields).
gpu::LaunchFuncOp buildRetrievalKernel(OpBuilder &b, Location loc,
                                       gpu::GPUModuleOp kernels,
                                       const RetrievalKernelProblem &problem);

/// Whether the change kernel handles head width `d` (its second query tile
/// takes the place of the value tiles in shared memory).
bool changeKernelFits(int64_t d);

/// Adds the change kernel to `kernels` and launches it (arguments: queryA,
/// queryB, key, lseA, lseB, rowChange).
gpu::LaunchFuncOp buildChangeKernel(OpBuilder &b, Location loc,
                                    gpu::GPUModuleOp kernels,
                                    const ChangeKernelProblem &problem);

} // namespace mlir::hopfield

#endif // CODEGEN_FLASHKERNEL_H
