//===- FlashKernelBuilder.h - the tensor-core kernels' builder -*- C++ -*-===//
//
// Internal to the kernel builders (FlashKernel.cpp, UpdateLoopKernels.cpp):
// the class that writes the attention kernel and the update loop's kernels
// from the same pieces (shared-memory tiles, cp.async copies, ldmatrix
// fragments, mma.sync products, the online softmax).
//
// Register layouts are those of mma.sync.m16n8k16 (PTX ISA, "Matrix
// fragments for mma.m16n8k16"); each operand register is 32 bits, two
// bf16/f16 elements. With lane = 4 g + t:
//   A (16 x 16, 4 registers): rows g, g+8, g, g+8, columns 2t, 2t+1 in
//     registers 0, 1 and 8+2t, 9+2t in registers 2, 3;
//   B (16 x 8, 2 registers): column g, rows 2t, 2t+1 and 8+2t, 9+2t;
//   C (16 x 8, vector<2x2xf32>): rows g and g+8, columns 2t, 2t+1.
// So a thread holds two query rows (g and g+8) of each of its warp's row
// tiles; a row's statistics are reduced over the four threads t = 0..3 with
// shuffles; and the C fragments of the scores of two key groups of 8 are,
// after the exponential, exactly the A fragment of P for the next product.
// Fragments are ldmatrix results (an 8 x 8 matrix per register, lane g
// gets row g, columns 2t, 2t+1): Q's and K's as stored [row][dim], V's
// [key][dim] transposed.
//
//===----------------------------------------------------------------------===//

#ifndef CODEGEN_FLASHKERNELBUILDER_H
#define CODEGEN_FLASHKERNELBUILDER_H

#include "codegen/FlashKernel.h"
#include "codegen/WarpMma.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <array>

namespace mlir::hopfield::detail {

/// Elements per cp.async (16 bytes of bf16/f16).
constexpr int64_t kCopyElements = 8;

/// A thread's scores of its two rows of one row tile for a key tile:
/// [key group of 8][row g / g+8][column 2t / 2t+1].
using ScoreTile = SmallVector<std::array<std::array<Value, 2>, 2>>;

class FlashKernelBuilder {
public:
  /// With `change`, the association-change kernel: `p` then has queryA as
  /// its query, the key as key and value, rowChange as output, beta 1.
  FlashKernelBuilder(OpBuilder &b, Location loc, const FlashKernelProblem &p,
                     const FlashKernelShape &shape,
                     const ChangeKernelProblem *change = nullptr,
                     const RetrievalKernelProblem *retrieval = nullptr)
      : b(b), loc(loc), p(p), shape(shape), change(change),
        retrieval(retrieval), valueSource(p.value), copyValues(!change) {
    queries = cast<MemRefType>(p.query.getType()).getShape()[2];
    keys = cast<MemRefType>(p.value.getType()).getShape()[2];
    f32 = b.getF32Type();
    i32 = b.getI32Type();
    keysMasked = p.causal || keys % shape.blockKeys != 0;
  }

  void build();
  void buildChange();
  void buildRetrieval();

private:
  Value index(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value f32Const(double v) {
    return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, loc, x, y); }
  Value div(Value x, int64_t y) {
    return arith::DivUIOp::create(b, loc, x, index(y));
  }
  Value rem(Value x, int64_t y) {
    return arith::RemUIOp::create(b, loc, x, index(y));
  }
  Value minIndex(Value x, int64_t y) {
    return arith::MinSIOp::create(b, loc, x, index(y));
  }
  Value addF(Value x, Value y) { return arith::AddFOp::create(b, loc, x, y); }
  Value mulF(Value x, Value y) { return arith::MulFOp::create(b, loc, x, y); }
  Value maxF(Value x, Value y) {
    return arith::MaximumFOp::create(b, loc, x, y);
  }
  Value extract(Value vector, ArrayRef<int64_t> position) {
    return vector::ExtractOp::create(b, loc, vector, position);
  }
  Value zeroVector(VectorType type) {
    return arith::ConstantOp::create(b, loc, b.getZeroAttr(type));
  }
  // Positions in the loop-carried values: per row tile the running max and
  // sum of rows g and g+8, then per row tile the accumulators (one C
  // fragment per 8 value columns).
  int64_t maxAt(int64_t m, int64_t r) const { return 4 * m + r; }
  int64_t sumAt(int64_t m, int64_t r) const { return 4 * m + 2 + r; }
  int64_t accAt(int64_t m, int64_t j) const {
    return 4 * shape.rowTiles + m * (shape.valueDim / 8) + j;
  }

  Value exp2(Value x) { return fastExp2(b, loc, x); }
  Value toRegister(Value pair) { return hopfield::toRegister(b, loc, pair); }
  Value mma(ArrayRef<Value> a, ArrayRef<Value> bRegs, Value c) {
    return warpMma(b, loc, p.operandType, a, bRegs, c);
  }
  Registers loadMatrices(Value tiles, ValueRange indices, int64_t count,
                         bool transpose) {
    return hopfield::loadMatrices(b, loc, p.operandType, tiles, indices,
                                  count, transpose);
  }

  void computeThreadIds();
  void copyRows(Value source, Value target, ValueRange targetPrefix,
                Value firstRow, int64_t rows, int64_t lastRow, int64_t width,
                Value sourceBatch = {});
  void copyTiles(Value tile);
  Value keyTileCount();
  void awaitTile(Value tile, Value numTiles);
  SmallVector<ScoreTile> scores(Value stage, Value queries);
  void maskScores(ScoreTile &s, Value tile, int64_t m);
  void maskTileIfNeeded(SmallVector<ScoreTile> &s, Value tile);
  SmallVector<Value> tileStep(Value tile, ValueRange carried, Value numTiles);
  SmallVector<Value> onlinePass(Value querySource, Value queryBatch);
  void storeOutput(ValueRange carried);
  void storeRows(ValueRange carried, Value target, Value targetBatch,
                 Value stateScale, Value lseTarget, Value lseBatch,
                 Value sumTarget);
  void storeRowStatistics(Value max, Value sum, Value positive, Value row,
                          Value lseBatch, Value lseTarget, Value sumTarget);
  Value rowLseLog2(Value lse, Value lseBatch, Value row);
  SmallVector<Value> changeRowSums(Value queryA, Value queryB, Value lseA,
                                   Value lseB, Value batchA, Value batchB);
  Value blockSum(ArrayRef<Value> rowSums);

  OpBuilder &b;
  Location loc;
  const FlashKernelProblem &p;
  const FlashKernelShape &shape;
  const ChangeKernelProblem *change;
  const RetrievalKernelProblem *retrieval;
  Value valueSource; // what the value tiles hold: the values, or the keys
  bool copyValues;   // whether copyTiles fills the value tiles
  int64_t queries, keys;
  bool keysMasked;
  Type f32, i32;
  Value queryTile;                  // shared memory, [row][dim]
  Value keyTiles, valueTiles;       // shared memory, [stage][key][column]
  Value secondQueryTile;            // change phase: queryB, where V was
  Value rowTotals;                  // retrieval: [kThreads] f32 row sums
  Value batch, head, blockRow;      // from the block id
  Value thread, lane, groupRow, groupCol; // tid, lane, g, t
  Value warpRow;                    // the warp's first row in the block
  SmallVector<std::array<Value, 2>> rows; // per row tile: rows g, g+8
  Value scale;                      // beta log2(e)
};

/// A kernel of `kernels` with `buffers` as arguments, built by `body`, and
/// its launch: one block per `blockRows` queries, head and batch; with
/// `capRegisters`, registers capped for the blocks per SM the shape allows.
gpu::LaunchFuncOp addKernel(OpBuilder &b, Location loc,
                            gpu::GPUModuleOp kernels, StringRef prefix,
                            ArrayRef<Value> buffers,
                            const FlashKernelShape &shape,
                            ArrayRef<int64_t> queryShape, int64_t sharedBytes,
                            bool capRegisters,
                            function_ref<void(OpBuilder &, ValueRange)> body);

} // namespace mlir::hopfield::detail

#endif // CODEGEN_FLASHKERNELBUILDER_H
