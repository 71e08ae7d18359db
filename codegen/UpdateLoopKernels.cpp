//===- UpdateLoopKernels.cpp - the update loop's tensor-core kernels -----===//
//
// The association change between two states (one kernel per step of an
// unrolled loop) and the fused retrieval kernel (the whole loop in one
// block per head), from the attention kernel's pieces (FlashKernel.cpp).
//
//===----------------------------------------------------------------------===//

#include "codegen/FlashKernelBuilder.h"

#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

#include <limits>

using namespace mlir;
using namespace mlir::hopfield;
using namespace mlir::hopfield::detail;


/// A row's log-sum-exp from `lse` ([B,H,L], natural log) in the log2
/// domain of the scores; +inf for a row with no allowed key, so that its
/// weights exp2(s - lse) are 0 (not NaN).
Value FlashKernelBuilder::rowLseLog2(Value lse, Value lseBatch, Value row) {
  Value clamped = minIndex(row, queries - 1);
  Value value = memref::LoadOp::create(b, loc, lse,
                                       ValueRange{lseBatch, head, clamped});
  Value empty = arith::CmpFOp::create(
      b, loc, arith::CmpFPredicate::OEQ, value,
      f32Const(-std::numeric_limits<double>::infinity()));
  return arith::SelectOp::create(
      b, loc, empty, f32Const(std::numeric_limits<double>::infinity()),
      mulF(value, f32Const(1.4426950408889634)));
}

/// The change kernel: both states' scores of each key tile, their weights
/// from the given log-sum-exps, the squared differences summed per row.
void FlashKernelBuilder::buildChange() {
  computeThreadIds();
  scale = f32Const(1.4426950408889634); // log2(e): the queries are scaled
  SmallVector<Value> sums =
      changeRowSums(change->queryA, change->queryB, change->lseA,
                    change->lseB, batch, batch);
  for (int64_t m = 0; m < shape.rowTiles; ++m)
    for (int64_t r = 0; r < 2; ++r) {
      Value store = arith::AndIOp::create(
          b, loc,
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, rows[m][r],
                                index(queries)),
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, groupCol,
                                index(0)));
      auto ifOp = scf::IfOp::create(b, loc, store, /*withElseRegion=*/false);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(ifOp.thenBlock());
      memref::StoreOp::create(b, loc, sums[2 * m + r], change->rowChange,
                              ValueRange{batch, head, rows[m][r]});
    }
}

/// Per row of the block (row tile m, row r at 2 m + r; the four threads of
/// a row agree): sum_j (exp(a_j - lseA) - exp(b_j - lseB))^2 over all key
/// tiles, a and b the scores of `queryA` / `queryB` (rows at batch
/// `batchA` / `batchB` of their buffers, as the log-sum-exps).
SmallVector<Value> FlashKernelBuilder::changeRowSums(Value queryA,
                                                     Value queryB, Value lseA,
                                                     Value lseB, Value batchA,
                                                     Value batchB) {
  // The value tiles' place holds queryB: only key tiles are copied.
  bool copiedValues = copyValues;
  copyValues = false;
  Value numTiles = keyTileCount();
  copyRows(queryA, queryTile, ValueRange(), blockRow, shape.blockRows,
           queries - 1, shape.headDim, batchA);
  copyRows(queryB, secondQueryTile, ValueRange(), blockRow, shape.blockRows,
           queries - 1, shape.headDim, batchB);
  copyTiles(index(0));

  SmallVector<std::array<std::array<Value, 2>, 2>> lse(shape.rowTiles);
  for (int64_t m = 0; m < shape.rowTiles; ++m)
    for (int64_t r = 0; r < 2; ++r) {
      lse[m][0][r] = rowLseLog2(lseA, batchA, rows[m][r]);
      lse[m][1][r] = rowLseLog2(lseB, batchB, rows[m][r]);
    }
  SmallVector<Value> init(2 * shape.rowTiles, f32Const(0.0));
  auto loop = scf::ForOp::create(
      b, loc, index(0), numTiles, index(1), init,
      [&](OpBuilder &, Location, Value tile, ValueRange carried) {
        awaitTile(tile, numTiles);
        Value stage = rem(tile, FlashKernelShape::kStages);
        SmallVector<ScoreTile> sa = scores(stage, queryTile);
        SmallVector<ScoreTile> sb = scores(stage, secondQueryTile);
        if (keysMasked) {
          maskTileIfNeeded(sa, tile);
          maskTileIfNeeded(sb, tile);
        }
        SmallVector<Value> sums(carried);
        for (int64_t m = 0; m < shape.rowTiles; ++m)
          for (auto [ga, gb] : llvm::zip(sa[m], sb[m]))
            for (int64_t r = 0; r < 2; ++r)
              for (int64_t i = 0; i < 2; ++i) {
                Value wa = exp2(arith::SubFOp::create(b, loc, ga[r][i],
                                                      lse[m][0][r]));
                Value wb = exp2(arith::SubFOp::create(b, loc, gb[r][i],
                                                      lse[m][1][r]));
                Value d = arith::SubFOp::create(b, loc, wa, wb);
                sums[2 * m + r] =
                    math::FmaOp::create(b, loc, d, d, sums[2 * m + r]);
              }
        // The stage is free for the copies of the step after next.
        gpu::BarrierOp::create(b, loc);
        scf::YieldOp::create(b, loc, sums);
      });
  SmallVector<Value> sums;
  for (Value partial : loop.getResults())
    sums.push_back(quadSum(b, loc, partial));
  copyValues = copiedValues;
  return sums;
}

/// The sum over the block's rows that are queries (rows past the end copy
/// the last query and do not count), the same in every thread: each row's
/// first thread writes its sum to shared memory, then every thread adds
/// them up in row order (the same result every run).
Value FlashKernelBuilder::blockSum(ArrayRef<Value> rowSums) {
  for (int64_t m = 0; m < shape.rowTiles; ++m)
    for (int64_t r = 0; r < 2; ++r) {
      Value first = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                          groupCol, index(0));
      auto ifOp = scf::IfOp::create(b, loc, first, /*withElseRegion=*/false);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(ifOp.thenBlock());
      Value inRange = arith::CmpIOp::create(
          b, loc, arith::CmpIPredicate::slt, rows[m][r], index(queries));
      Value value = arith::SelectOp::create(b, loc, inRange, rowSums[2 * m + r],
                                            f32Const(0.0));
      memref::StoreOp::create(b, loc, value, rowTotals,
                              ValueRange{sub(rows[m][r], blockRow)});
    }
  gpu::BarrierOp::create(b, loc);
  auto loop = scf::ForOp::create(
      b, loc, index(0), index(std::min(queries, shape.blockRows)), index(1),
      ValueRange{f32Const(0.0)},
      [&](OpBuilder &, Location, Value row, ValueRange carried) {
        Value value = memref::LoadOp::create(b, loc, rowTotals, row);
        scf::YieldOp::create(b, loc, addF(carried[0], value));
      });
  // Every thread has read the sums before any writes the next ones.
  gpu::BarrierOp::create(b, loc);
  return loop.getResult(0);
}

/// The fused retrieval kernel: one block holds all the queries of its head
/// (batch 1) and runs the whole update loop (SPEC 3.9) itself, the states
/// in three slots of a global workspace (current, next, the one after), the
/// stopping rule a block reduction.
void FlashKernelBuilder::buildRetrieval() {
  const RetrievalKernelProblem &r = *retrieval;
  computeThreadIds();
  scale = f32Const(1.4426950408889634); // the queries are scaled
  Value stateScale = memref::LoadOp::create(b, loc, r.betas, head);
  Value budget = memref::LoadOp::create(b, loc, r.budget, head);
  Value threshold = memref::LoadOp::create(b, loc, r.threshold, head);
  auto i64Const = [&](int64_t v) {
    return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(v))
        .getResult();
  };

  // State 0 is the query; each pass over the keys writes the next state
  // and its own log-sum-exp.
  valueSource = r.key;
  auto statePass = [&](Value querySource, Value queryBatch, Value nextSlot,
                       Value lseSlot) {
    SmallVector<Value> results = onlinePass(querySource, queryBatch);
    storeRows(results, r.states, nextSlot, stateScale, r.lse, lseSlot,
              Value());
    // The states and log-sum-exps are read back by every thread.
    gpu::BarrierOp::create(b, loc);
  };
  // Slot 0: the first state's pass writes state 1 and lse 0 (state 0 stays
  // the query, read from its own buffer).
  statePass(r.query, batch, index(1), index(0));

  Value active = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne,
                                       budget, i64Const(0));
  // (current slot, steps, active): state u in slot u % 3 of the
  // workspace, except state 0, the query in its own buffer.
  SmallVector<Value> inits = {index(0), i64Const(1), active};
  auto loop = scf::WhileOp::create(
      b, loc, ValueRange(inits).getTypes(), inits,
      [&](OpBuilder &, Location, ValueRange args) {
        scf::ConditionOp::create(b, loc, args[2], args);
      },
      [&](OpBuilder &, Location, ValueRange args) {
        // Slots: state u lives in slot u % 3 (state 0 in the query buffer).
        Value current = args[0];
        Value next = rem(add(current, index(1)), 3);
        Value after = rem(add(current, index(2)), 3);
        statePass(r.states, next, after, next);
        // The change between the current state and the next one.
        Value isFirst = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                              args[1], i64Const(1));
        auto sums = scf::IfOp::create(
            b, loc, SmallVector<Type>(2 * shape.rowTiles, f32), isFirst,
            /*withElseRegion=*/true);
        {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToStart(sums.thenBlock());
          // State 0 is the query (batch 0), its lse in slot 0.
          scf::YieldOp::create(b, loc,
                               changeRowSums(r.states, r.query, r.lse, r.lse,
                                             next, batch));
          b.setInsertionPointToStart(sums.elseBlock());
          scf::YieldOp::create(b, loc,
                               changeRowSums(r.states, r.states, r.lse, r.lse,
                                             next, current));
        }
        Value total = blockSum(SmallVector<Value>(sums.getResults()));
        Value steps = arith::AddIOp::create(b, loc, args[1], i64Const(1));
        Value unbounded = arith::CmpIOp::create(
            b, loc, arith::CmpIPredicate::slt, budget, i64Const(0));
        Value withinBudget = arith::CmpIOp::create(
            b, loc, arith::CmpIPredicate::slt,
            arith::SubIOp::create(b, loc, steps, i64Const(1)), budget);
        Value changed = arith::CmpFOp::create(
            b, loc, arith::CmpFPredicate::OGT, total, threshold);
        Value keep = arith::AndIOp::create(
            b, loc, arith::OrIOp::create(b, loc, unbounded, withinBudget),
            changed);
        scf::YieldOp::create(b, loc, ValueRange{next, steps, keep});
      });

  // The output: the last state's pass over the values.
  Value last = loop.getResult(0);
  Value isQuery = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                        loop.getResult(1), i64Const(1));
  valueSource = r.value;
  auto output = scf::IfOp::create(b, loc, isQuery, /*withElseRegion=*/true);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(output.thenBlock());
    storeRows(onlinePass(r.query, batch), r.output, batch, Value(), Value(),
              Value(), Value());
    b.setInsertionPointToStart(output.elseBlock());
    storeRows(onlinePass(r.states, last), r.output, batch, Value(), Value(),
              Value(), Value());
  }
  Value firstThread = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                            thread, index(0));
  auto store = scf::IfOp::create(b, loc, firstThread, /*withElseRegion=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(store.thenBlock());
  memref::StoreOp::create(b, loc, loop.getResult(1), r.steps, head);
}
bool mlir::hopfield::changeKernelFits(int64_t d) {
  FlashKernelShape shape(d, d);
  return FlashKernelShape::kStages * shape.blockKeys >= shape.blockRows;
}

gpu::LaunchFuncOp mlir::hopfield::buildChangeKernel(
    OpBuilder &b, Location loc, gpu::GPUModuleOp kernels,
    const ChangeKernelProblem &problem) {
  auto q = cast<MemRefType>(problem.queryA.getType()).getShape();
  // The value tiles' place holds the second query tile (changeKernelFits).
  FlashKernelShape shape(q[3], q[3]);
  SmallVector<Value> buffers = {problem.queryA, problem.queryB, problem.key,
                                problem.lseA,   problem.lseB,
                                problem.rowChange};
  return addKernel(
      b, loc, kernels, "association_change", buffers, shape, q,
      shape.sharedBytes(), /*capRegisters=*/true,
      [&](OpBuilder &nb, ValueRange args) {
        ChangeKernelProblem inside = problem;
        inside.queryA = args[0];
        inside.queryB = args[1];
        inside.key = args[2];
        inside.lseA = args[3];
        inside.lseB = args[4];
        inside.rowChange = args[5];
        FlashKernelProblem base;
        base.query = args[0];
        base.key = args[2];
        base.value = args[2];
        base.output = args[5];
        base.causal = problem.causal;
        base.operandType = problem.operandType;
        FlashKernelBuilder(nb, loc, base, shape, &inside).buildChange();
      });
}

gpu::LaunchFuncOp mlir::hopfield::buildRetrievalKernel(
    OpBuilder &b, Location loc, gpu::GPUModuleOp kernels,
    const RetrievalKernelProblem &problem) {
  auto q = cast<MemRefType>(problem.query.getType()).getShape();
  auto v = cast<MemRefType>(problem.value.getType()).getShape();
  FlashKernelShape shape(q[3], v[3]);
  SmallVector<Value> buffers = {
      problem.query,  problem.key,    problem.value,     problem.states,
      problem.lse,    problem.betas,  problem.budget,    problem.threshold,
      problem.output, problem.steps};
  int64_t shared = shape.retrievalSharedBytes();
  return addKernel(
      b, loc, kernels, "hopfield_retrieval", buffers, shape, q, shared,
      // One block per head: no point in trading registers for occupancy.
      /*capRegisters=*/false, [&](OpBuilder &nb, ValueRange args) {
        RetrievalKernelProblem inside = problem;
        inside.query = args[0];
        inside.key = args[1];
        inside.value = args[2];
        inside.states = args[3];
        inside.lse = args[4];
        inside.betas = args[5];
        inside.budget = args[6];
        inside.threshold = args[7];
        inside.output = args[8];
        inside.steps = args[9];
        FlashKernelProblem base;
        base.query = args[0];
        base.key = args[1];
        base.value = args[2];
        base.output = args[8];
        base.causal = problem.causal;
        base.operandType = problem.operandType;
        FlashKernelBuilder(nb, loc, base, shape, nullptr, &inside)
            .buildRetrieval();
      });
}
