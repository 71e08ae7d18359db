//===- FlashKernel.cpp - a tensor-core attention kernel -------------------===//
//
// The attention kernel and the pieces the update loop's kernels share
// (UpdateLoopKernels.cpp); the register layouts in FlashKernelBuilder.h.
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


void FlashKernelBuilder::computeThreadIds() {
  blockRow = mul(gpu::BlockIdOp::create(b, loc, gpu::Dimension::x),
                 index(shape.blockRows));
  head = gpu::BlockIdOp::create(b, loc, gpu::Dimension::y);
  batch = gpu::BlockIdOp::create(b, loc, gpu::Dimension::z);
  thread = gpu::ThreadIdOp::create(b, loc, gpu::Dimension::x);
  lane = rem(thread, 32);
  groupRow = div(lane, 4);
  groupCol = rem(lane, 4);
  warpRow = mul(div(thread, 32), index(16 * shape.rowTiles));
  for (int64_t m = 0; m < shape.rowTiles; ++m) {
    Value first = add(add(blockRow, warpRow), add(index(16 * m), groupRow));
    rows.push_back({first, add(first, index(8))});
  }
  // The tiles in dynamic shared memory (over the 48 KiB static shared
  // memory may hold): queries, keys, values.
  Attribute workgroup = gpu::AddressSpaceAttr::get(
      b.getContext(), gpu::AddressSpace::Workgroup);
  Value raw = gpu::DynamicSharedMemoryOp::create(
      b, loc,
      MemRefType::get({ShapedType::kDynamic}, b.getI8Type(),
                      MemRefLayoutAttrInterface(), workgroup));
  auto view = [&](ArrayRef<int64_t> sizes, int64_t offset) {
    auto type = MemRefType::get(sizes, p.operandType,
                                MemRefLayoutAttrInterface(), workgroup);
    return memref::ViewOp::create(b, loc, type, raw, index(offset),
                                  ValueRange())
        .getResult();
  };
  int64_t pad = FlashKernelShape::kRowPad;
  int64_t stages = FlashKernelShape::kStages;
  queryTile = view({shape.blockRows, shape.headDim + pad}, 0);
  keyTiles = view({stages, shape.blockKeys, shape.headDim + pad},
                  shape.queryTileBytes());
  valueTiles = view({stages, shape.blockKeys, shape.valueDim + pad},
                    shape.queryTileBytes() + shape.keyTileBytes());
  if (change || retrieval)
    secondQueryTile = view({shape.blockRows, shape.headDim + pad},
                           shape.queryTileBytes() + shape.keyTileBytes());
  if (retrieval)
    rowTotals = memref::ViewOp::create(
                    b, loc,
                    MemRefType::get({FlashKernelShape::kThreads}, f32,
                                    MemRefLayoutAttrInterface(), workgroup),
                    raw,
                    index(shape.retrievalSharedBytes() -
                          FlashKernelShape::kThreads * 4),
                    ValueRange())
                    .getResult();
}

void FlashKernelBuilder::copyRows(Value source, Value target,
                                  ValueRange targetPrefix, Value firstRow,
                                  int64_t rowCount, int64_t lastRow,
                                  int64_t width, Value sourceBatch) {
  if (!sourceBatch)
    sourceBatch = batch;
  // 16-byte cp.async per thread and step, consecutive threads on
  // consecutive chunks of a row; rows past the end copy the last row (their
  // scores are masked, their P is 0, their outputs are not stored).
  int64_t chunksPerRow = width / kCopyElements;
  int64_t chunks = rowCount * chunksPerRow;
  for (int64_t i = 0; i < chunks; i += FlashKernelShape::kThreads) {
    Value linear = add(index(i), thread);
    auto copyOne = [&]() {
      Value r = div(linear, chunksPerRow);
      Value c = mul(rem(linear, chunksPerRow), index(kCopyElements));
      Value row = minIndex(add(firstRow, r), lastRow);
      SmallVector<Value> targetIndices(targetPrefix);
      targetIndices.append({r, c});
      nvgpu::DeviceAsyncCopyOp::create(
          b, loc, nvgpu::DeviceAsyncTokenType::get(b.getContext()), target,
          targetIndices, source, ValueRange{sourceBatch, head, row, c},
          b.getIndexAttr(kCopyElements), /*srcElements=*/Value(),
          /*bypassL1=*/b.getUnitAttr());
    };
    if (i + FlashKernelShape::kThreads <= chunks) {
      copyOne();
      continue;
    }
    Value inRange = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                          linear, index(chunks));
    auto ifOp = scf::IfOp::create(b, loc, inRange, /*withElseRegion=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(ifOp.thenBlock());
    copyOne();
  }
}

/// Starts the copies of key and value tile `tile` into stage tile % 2, as
/// one cp.async group.
void FlashKernelBuilder::copyTiles(Value tile) {
  Value stage = rem(tile, FlashKernelShape::kStages);
  Value first = mul(tile, index(shape.blockKeys));
  copyRows(p.key, keyTiles, stage, first, shape.blockKeys, keys - 1,
           shape.headDim);
  if (copyValues)
    copyRows(valueSource, valueTiles, stage, first, shape.blockKeys, keys - 1,
             shape.valueDim);
  NVVM::CpAsyncCommitGroupOp::create(b, loc);
}

/// The number of key tiles; with `causal`, the tiles after the block's
/// last query are all masked and skipped.
Value FlashKernelBuilder::keyTileCount() {
  Value numTiles = index(llvm::divideCeil(keys, shape.blockKeys));
  if (!p.causal)
    return numTiles;
  Value through = div(
      add(blockRow, index(shape.blockRows + shape.blockKeys - 1)),
      shape.blockKeys);
  return arith::MinSIOp::create(b, loc, numTiles, through);
}

/// Starts the next tile's copies (into the stage the last step read; every
/// thread passed the barrier at its end), then waits for tile `tile`'s.
void FlashKernelBuilder::awaitTile(Value tile, Value numTiles) {
  Value next = add(tile, index(1));
  Value hasNext = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                        next, numTiles);
  auto prefetch = scf::IfOp::create(b, loc, hasNext, /*withElseRegion=*/false);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(prefetch.thenBlock());
    copyTiles(next);
  }
  // Groups complete in order: with the next tile's group started, at most
  // one may still run; without it, none.
  auto wait = scf::IfOp::create(b, loc, hasNext, /*withElseRegion=*/true);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(wait.thenBlock());
    NVVM::CpAsyncWaitGroupOp::create(b, loc, 1);
    b.setInsertionPointToStart(wait.elseBlock());
    NVVM::CpAsyncWaitGroupOp::create(b, loc, 0);
  }
  gpu::BarrierOp::create(b, loc); // every thread's copies are visible
}

SmallVector<ScoreTile> FlashKernelBuilder::scores(Value stage, Value queries) {
  auto accType = VectorType::get({2, 2}, f32);
  int64_t groups = shape.blockKeys / 8;
  SmallVector<SmallVector<Value>> acc(
      shape.rowTiles, SmallVector<Value>(groups, zeroVector(accType)));
  Value lane8 = rem(lane, 8), lane16 = rem(lane, 16);
  for (int64_t k0 = 0; k0 < shape.headDim; k0 += 32) {
    // One or two key steps of 16 columns.
    int64_t steps = std::min<int64_t>(2, (shape.headDim - k0) / 16);
    SmallVector<SmallVector<Registers>> q(shape.rowTiles);
    for (int64_t m = 0; m < shape.rowTiles; ++m)
      for (int64_t h = 0; h < steps; ++h) {
        // A fragment: lanes 0-15 rows 0-15 at column k, 16-31 at k + 8.
        Value row = add(add(warpRow, index(16 * m)), lane16);
        Value col = add(index(k0 + 16 * h), mul(div(lane, 16), index(8)));
        q[m].push_back(loadMatrices(queries, {row, col}, 4, false));
      }
    // B fragments of K rows n0..n0+7: matrix j = columns k0 + 8 j.
    Value col = add(index(k0), mul(div(lane, 8), index(8)));
    if (steps == 1)
      col = minIndex(col, k0 + 8); // lanes 16-31 unused by an x2 load
    for (int64_t n = 0; n < groups; ++n) {
      Registers k = loadMatrices(keyTiles, {stage, add(index(8 * n), lane8),
                                            col},
                                 2 * steps, false);
      for (int64_t h = 0; h < steps; ++h)
        for (int64_t m = 0; m < shape.rowTiles; ++m)
          acc[m][n] = mma(q[m][h], {k[2 * h], k[2 * h + 1]}, acc[m][n]);
    }
  }
  SmallVector<ScoreTile> s(shape.rowTiles);
  for (int64_t m = 0; m < shape.rowTiles; ++m)
    for (Value group : acc[m]) {
      std::array<std::array<Value, 2>, 2> values;
      for (int64_t r = 0; r < 2; ++r)
        for (int64_t i = 0; i < 2; ++i)
          values[r][i] = mulF(extract(group, {r, i}), scale);
      s[m].push_back(values);
    }
  return s;
}

void FlashKernelBuilder::maskScores(ScoreTile &s, Value tile, int64_t m) {
  Value minusInf = f32Const(-std::numeric_limits<double>::infinity());
  Value first =
      add(mul(tile, index(shape.blockKeys)), mul(groupCol, index(2)));
  for (auto [n, group] : llvm::enumerate(s)) {
    for (int64_t i = 0; i < 2; ++i) {
      Value key = add(first, index(8 * n + i));
      Value inRange = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                            key, index(keys));
      for (int64_t r = 0; r < 2; ++r) {
        Value allowed = inRange;
        if (p.causal)
          allowed = arith::AndIOp::create(
              b, loc, allowed,
              arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sle, key,
                                    rows[m][r]));
        group[r][i] =
            arith::SelectOp::create(b, loc, allowed, group[r][i], minusInf);
      }
    }
  }
}

/// Masks the scores of the tiles that need it: the one reaching past the
/// last key and, when causal, those reaching past the block's first query.
/// The others (most of them) skip the compares and selects: a
/// block-uniform branch.
void FlashKernelBuilder::maskTileIfNeeded(SmallVector<ScoreTile> &s,
                                          Value tile) {
  Value tileEnd = mul(add(tile, index(1)), index(shape.blockKeys));
  Value needed = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                                       tileEnd, index(keys));
  if (p.causal)
    needed = arith::OrIOp::create(
        b, loc, needed,
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, tileEnd,
                              add(blockRow, index(1))));
  SmallVector<Value> flat;
  for (ScoreTile &tileScores : s)
    for (auto &group : tileScores)
      for (auto &row : group)
        flat.append(row.begin(), row.end());
  auto ifOp = scf::IfOp::create(b, loc, ValueRange(flat).getTypes(), needed,
                                /*withElseRegion=*/true);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(ifOp.thenBlock());
    SmallVector<ScoreTile> masked = s;
    for (int64_t m = 0; m < shape.rowTiles; ++m)
      maskScores(masked[m], tile, m);
    SmallVector<Value> values;
    for (ScoreTile &tileScores : masked)
      for (auto &group : tileScores)
        for (auto &row : group)
          values.append(row.begin(), row.end());
    scf::YieldOp::create(b, loc, values);
    b.setInsertionPointToStart(ifOp.elseBlock());
    scf::YieldOp::create(b, loc, flat);
  }
  auto results = ifOp.getResults().begin();
  for (ScoreTile &tileScores : s)
    for (auto &group : tileScores)
      for (auto &row : group)
        for (Value &value : row)
          value = *results++;
}

/// One key tile: its scores, the online softmax update of the carried row
/// statistics (max in the log2 domain, partial sums of the thread's
/// columns) and O = O * rescale + P V.
SmallVector<Value> FlashKernelBuilder::tileStep(Value tile, ValueRange carried,
                                                Value numTiles) {
  awaitTile(tile, numTiles);
  Value stage = rem(tile, FlashKernelShape::kStages);
  SmallVector<ScoreTile> s = scores(stage, queryTile);
  Value minusInf = f32Const(-std::numeric_limits<double>::infinity());
  Value zero = f32Const(0.0);
  SmallVector<Value> result(carried.begin(), carried.end());
  SmallVector<std::array<Value, 2>> rescale(shape.rowTiles);
  if (keysMasked)
    maskTileIfNeeded(s, tile);
  Value moved;
  for (int64_t m = 0; m < shape.rowTiles; ++m) {
    for (int64_t r = 0; r < 2; ++r) {
      Value tileMax = s[m][0][r][0];
      for (auto &group : s[m])
        for (int64_t i = 0; i < 2; ++i)
          tileMax = maxF(tileMax, group[r][i]);
      tileMax = quadMax(b, loc, tileMax);
      Value oldMax = carried[maxAt(m, r)];
      Value newMax = maxF(oldMax, tileMax);
      // A row with no allowed key so far keeps exp2(-inf - 0) = 0.
      Value isEmpty = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ,
                                            newMax, minusInf);
      Value base = arith::SelectOp::create(b, loc, isEmpty, zero, newMax);
      rescale[m][r] = exp2(arith::SubFOp::create(b, loc, oldMax, base));
      Value sum = mulF(carried[sumAt(m, r)], rescale[m][r]);
      for (auto &group : s[m])
        for (int64_t i = 0; i < 2; ++i) {
          group[r][i] =
              exp2(arith::SubFOp::create(b, loc, group[r][i], base));
          sum = addF(sum, group[r][i]);
        }
      result[maxAt(m, r)] = newMax;
      result[sumAt(m, r)] = sum;
      Value rowMoved = arith::CmpFOp::create(
          b, loc, arith::CmpFPredicate::UNE, newMax, oldMax);
      moved = moved ? arith::OrIOp::create(b, loc, moved, rowMoved).getResult()
                    : rowMoved;
    }
  }

  // O = O * rescale. Once the row maxima settle the factors are 1: the warp
  // skips the multiplications when none of its rows' maxima moved (a
  // warp-uniform branch).
  Value anyMoved = NVVM::VoteSyncOp::create(
      b, loc, b.getI1Type(),
      arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(-1)), moved,
      NVVM::VoteSyncKind::any);
  ValueRange accumulators = carried.drop_front(4 * shape.rowTiles);
  auto rescaleIf = scf::IfOp::create(b, loc, accumulators.getTypes(),
                                     anyMoved, /*withElseRegion=*/true);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(rescaleIf.thenBlock());
    auto rowType = VectorType::get({2}, f32);
    SmallVector<Value> scaledAccs;
    for (auto [i, acc] : llvm::enumerate(accumulators)) {
      int64_t m = i / (shape.valueDim / 8);
      for (int64_t r = 0; r < 2; ++r) {
        Value scaled = arith::MulFOp::create(
            b, loc, extract(acc, {r}),
            vector::BroadcastOp::create(b, loc, rowType, rescale[m][r]));
        acc = vector::InsertOp::create(b, loc, scaled, acc,
                                       ArrayRef<int64_t>{r});
      }
      scaledAccs.push_back(acc);
    }
    scf::YieldOp::create(b, loc, scaledAccs);
    b.setInsertionPointToStart(rescaleIf.elseBlock());
    scf::YieldOp::create(b, loc, accumulators);
  }
  for (auto [i, acc] : llvm::enumerate(rescaleIf.getResults()))
    result[4 * shape.rowTiles + i] = acc;

  // O += P V.
  auto pairType = VectorType::get({2}, f32);
  auto pack = [&](Value x, Value y) {
    Value pair =
        vector::FromElementsOp::create(b, loc, pairType, ValueRange{x, y});
    return toRegister(arith::TruncFOp::create(
        b, loc, VectorType::get({2}, p.operandType), pair));
  };
  for (int64_t k0 = 0; k0 < shape.blockKeys; k0 += 32) {
    // P fragments of keys k0..k0+15 and k0+16..k0+31.
    int64_t steps = std::min<int64_t>(2, (shape.blockKeys - k0) / 16);
    SmallVector<SmallVector<Registers>> pRegs(shape.rowTiles);
    for (int64_t m = 0; m < shape.rowTiles; ++m)
      for (int64_t h = 0; h < steps; ++h) {
        auto &lo = s[m][(k0 + 16 * h) / 8], &hi = s[m][(k0 + 16 * h) / 8 + 1];
        pRegs[m].push_back({pack(lo[0][0], lo[0][1]),
                            pack(lo[1][0], lo[1][1]),
                            pack(hi[0][0], hi[0][1]),
                            pack(hi[1][0], hi[1][1])});
      }
    // V rows k0 + lane, transposed: registers 2h, 2h+1 are the B fragment
    // of key step h.
    Value row = add(index(k0), steps == 2 ? lane : rem(lane, 16));
    for (int64_t j = 0; j < shape.valueDim / 8; ++j) {
      Registers v = loadMatrices(valueTiles, {stage, row, index(8 * j)},
                                 2 * steps, /*transpose=*/true);
      for (int64_t h = 0; h < steps; ++h)
        for (int64_t m = 0; m < shape.rowTiles; ++m)
          result[accAt(m, j)] =
              mma(pRegs[m][h], {v[2 * h], v[2 * h + 1]}, result[accAt(m, j)]);
    }
  }
  // Every warp is done with this stage before the next step's copies
  // overwrite it.
  gpu::BarrierOp::create(b, loc);
  return result;
}

void FlashKernelBuilder::storeOutput(ValueRange carried) {
  storeRows(carried, p.output, batch, Value(), p.rowLse, batch, p.rowSum);
}

/// Each row's normalised accumulator into `target` (f32), or, with
/// `stateScale`, times it and rounded to the operand type (a next state);
/// the row statistics when `lseTarget` is set.
void FlashKernelBuilder::storeRows(ValueRange carried, Value target,
                                   Value targetBatch, Value stateScale,
                                   Value lseTarget, Value lseBatch,
                                   Value sumTarget) {
  Value zero = f32Const(0.0);
  auto rowType = VectorType::get({2}, f32);
  for (int64_t m = 0; m < shape.rowTiles; ++m)
    for (int64_t r = 0; r < 2; ++r) {
      Value sum = quadSum(b, loc, carried[sumAt(m, r)]);
      // A row whose keys are all masked is zero (SPEC 9.3), not NaN.
      Value positive = arith::CmpFOp::create(
          b, loc, arith::CmpFPredicate::OGT, sum, zero);
      Value inverse = arith::SelectOp::create(
          b, loc, positive,
          arith::DivFOp::create(b, loc, f32Const(1.0), sum), zero);
      Value inRange = arith::CmpIOp::create(
          b, loc, arith::CmpIPredicate::slt, rows[m][r], index(queries));
      auto ifOp = scf::IfOp::create(b, loc, inRange, /*withElseRegion=*/false);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(ifOp.thenBlock());
      if (lseTarget)
        storeRowStatistics(carried[maxAt(m, r)], sum, positive, rows[m][r],
                           lseBatch, lseTarget, sumTarget);
      if (stateScale)
        inverse = mulF(inverse, stateScale);
      Value factor = vector::BroadcastOp::create(b, loc, rowType, inverse);
      for (int64_t j = 0; j < shape.valueDim / 8; ++j) {
        Value values = arith::MulFOp::create(
            b, loc, extract(carried[accAt(m, j)], {r}), factor);
        if (stateScale)
          values = arith::TruncFOp::create(
              b, loc, VectorType::get({2}, p.operandType), values);
        Value col = add(index(8 * j), mul(groupCol, index(2)));
        vector::StoreOp::create(b, loc, values, target,
                                ValueRange{targetBatch, head, rows[m][r], col});
      }
    }
}

/// The online form of a row's result (one thread of the four per row
/// writes): lse = (max + log2 sum) ln 2, the scores being in the log2
/// domain, and the sum of the normalised weights.
void FlashKernelBuilder::storeRowStatistics(Value max, Value sum,
                                            Value positive, Value row,
                                            Value lseBatch, Value lseTarget,
                                            Value sumTarget) {
  Value first = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                      groupCol, index(0));
  auto ifOp = scf::IfOp::create(b, loc, first, /*withElseRegion=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(ifOp.thenBlock());
  Value log2Sum = math::Log2Op::create(b, loc, sum);
  Value lse = mulF(addF(max, log2Sum), f32Const(0.6931471805599453));
  lse = arith::SelectOp::create(
      b, loc, positive, lse,
      f32Const(-std::numeric_limits<double>::infinity()));
  memref::StoreOp::create(b, loc, lse, lseTarget,
                          ValueRange{lseBatch, head, row});
  if (!sumTarget)
    return;
  Value weights =
      arith::SelectOp::create(b, loc, positive, f32Const(1.0), f32Const(0.0));
  memref::StoreOp::create(b, loc, weights, sumTarget,
                          ValueRange{lseBatch, head, row});
}

void FlashKernelBuilder::build() {
  computeThreadIds();
  // Scores in the log2 domain: exp(beta s) = exp2(beta log2(e) s).
  scale = f32Const(p.beta * 1.4426950408889634);
  if (p.headBeta)
    scale = mulF(scale, memref::LoadOp::create(b, loc, p.headBeta,
                                               ValueRange{head}));
  storeOutput(onlinePass(p.query, batch));
}

/// One pass of the block's queries (rows of `querySource` at batch
/// `queryBatch`) over all key tiles: the carried row statistics and
/// accumulators at the end.
SmallVector<Value> FlashKernelBuilder::onlinePass(Value querySource,
                                                  Value queryBatch) {
  Value numTiles = keyTileCount();
  // The block's queries and the first key/value tile: the first group.
  copyRows(querySource, queryTile, ValueRange(), blockRow, shape.blockRows,
           queries - 1, shape.headDim, queryBatch);
  copyTiles(index(0));

  SmallVector<Value> init;
  for (int64_t m = 0; m < shape.rowTiles; ++m)
    init.append({f32Const(-std::numeric_limits<double>::infinity()),
                 f32Const(-std::numeric_limits<double>::infinity()),
                 f32Const(0.0), f32Const(0.0)});
  Value zeroAcc = zeroVector(VectorType::get({2, 2}, f32));
  init.append(shape.rowTiles * (shape.valueDim / 8), zeroAcc);
  auto loop = scf::ForOp::create(
      b, loc, index(0), numTiles, index(1), init,
      [&](OpBuilder &, Location, Value tile, ValueRange carried) {
        scf::YieldOp::create(b, loc, tileStep(tile, carried, numTiles));
      });
  return llvm::to_vector(ValueRange(loop.getResults()));
}

/// A kernel of `kernels` with `buffers` as arguments, built by `body`, and
/// its launch: one block per `blockRows` queries, head and batch; with
/// `capRegisters`, registers capped for the blocks per SM the shape allows.
gpu::LaunchFuncOp mlir::hopfield::detail::addKernel(OpBuilder &b, Location loc, gpu::GPUModuleOp kernels,
          StringRef prefix, ArrayRef<Value> buffers,
          const FlashKernelShape &shape, ArrayRef<int64_t> queryShape,
          int64_t sharedBytes, bool capRegisters,
          function_ref<void(OpBuilder &, ValueRange)> body) {
  auto type = b.getFunctionType(ValueRange(buffers).getTypes(), {});
  gpu::GPUFuncOp kernel;
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(kernels.getBody());
    std::string name =
        (prefix + "_" +
         std::to_string(llvm::range_size(kernels.getOps<gpu::GPUFuncOp>())))
            .str();
    kernel = gpu::GPUFuncOp::create(b, loc, name, type);
    kernel->setAttr(gpu::GPUDialect::getKernelFuncAttrName(), b.getUnitAttr());
    kernel.setKnownBlockSizeAttr(
        b.getDenseI32ArrayAttr({FlashKernelShape::kThreads, 1, 1}));
    if (int64_t blocks = shape.blocksPerSM(); capRegisters && blocks > 2)
      kernel->setAttr(NVVM::NVVMDialect::getMinctasmAttrName(),
                      b.getI32IntegerAttr(blocks));
    Block &entry = kernel.getBody().front();
    b.setInsertionPointToStart(&entry);
    body(b, entry.getArguments());
    gpu::ReturnOp::create(b, loc);
  }
  auto index = [&](int64_t x) {
    return arith::ConstantIndexOp::create(b, loc, x).getResult();
  };
  gpu::KernelDim3 grid{
      index(llvm::divideCeil(queryShape[2], shape.blockRows)),
      index(queryShape[1]), index(queryShape[0])};
  gpu::KernelDim3 block{index(FlashKernelShape::kThreads), index(1),
                        index(1)};
  Value shared = arith::ConstantOp::create(
      b, loc, b.getI32IntegerAttr(static_cast<int32_t>(sharedBytes)));
  return gpu::LaunchFuncOp::create(b, loc, kernel, grid, block, shared,
                                   buffers);
}

gpu::LaunchFuncOp mlir::hopfield::buildFlashKernel(
    OpBuilder &b, Location loc, gpu::GPUModuleOp kernels,
    const FlashKernelProblem &problem) {
  auto q = cast<MemRefType>(problem.query.getType()).getShape();
  auto v = cast<MemRefType>(problem.value.getType()).getShape();
  FlashKernelShape shape(q[3], v[3]);
  SmallVector<Value> buffers = {problem.query, problem.key, problem.value,
                                problem.output};
  if (problem.rowLse)
    buffers.append({problem.rowLse, problem.rowSum});
  if (problem.headBeta)
    buffers.push_back(problem.headBeta);
  return addKernel(
      b, loc, kernels, "flash_attention", buffers, shape, q,
      shape.sharedBytes(), /*capRegisters=*/true,
      [&](OpBuilder &nb, ValueRange args) {
        // The kernel's own values: constants stay inside it.
        FlashKernelProblem inside = problem;
        inside.query = args[0];
        inside.key = args[1];
        inside.value = args[2];
        inside.output = args[3];
        size_t next = 4;
        if (problem.rowLse) {
          inside.rowLse = args[next++];
          inside.rowSum = args[next++];
        }
        if (problem.headBeta)
          inside.headBeta = args[next];
        FlashKernelBuilder(nb, loc, inside, shape).build();
      });
}
