//===- DialectTest.cpp - C++ API of the hopfield ops ----------------------===//
//
// What lit cannot see: the accessors later passes rely on, and that the
// verifier rejects ops built through the C++ API (not only parsed ones).
//
//===----------------------------------------------------------------------===//

#include "dialect/HopfieldOps.h"
#include "tools/InitAll.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace mlir;
using namespace mlir::hopfield;

namespace {

class HopfieldDialectTest : public ::testing::Test {
protected:
  HopfieldDialectTest() {
    DialectRegistry registry;
    registerAllDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }

  /// Parses `body` inside a function and returns the first op of type OpTy.
  template <typename OpTy> OpTy parseFirst(const std::string &source) {
    module = parseSourceString<ModuleOp>(source, &context);
    if (!module)
      return OpTy();
    OpTy found;
    module->walk([&](OpTy op) {
      if (!found)
        found = op;
    });
    return found;
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

const char *kPerHeadAssociate = R"mlir(
func.func @f(%q: tensor<1x3x4x8xf32>, %k: tensor<1x3x6x8xf32>,
             %v: tensor<1x3x6x5xf32>) -> tensor<1x3x4x5xf32> {
  %o = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [0, 4, unbounded]
      {eps = array<f64: 1.0e-3, 2.0e-3, 3.0e-3>}
      : tensor<1x3x4x8xf32>, tensor<1x3x6x8xf32>, tensor<1x3x6x5xf32>
      -> tensor<1x3x4x5xf32>
  return %o : tensor<1x3x4x5xf32>
})mlir";

TEST_F(HopfieldDialectTest, PerHeadStopRuleAccessors) {
  auto op = parseFirst<AssociateOp>(kPerHeadAssociate);
  ASSERT_TRUE(op);
  EXPECT_TRUE(op.iterates());
  EXPECT_TRUE(op.hasPerHeadStopRule());
  EXPECT_EQ(op.getMaxStepsForHead(0), 0);
  EXPECT_EQ(op.getMaxStepsForHead(1), 4);
  EXPECT_EQ(op.getMaxStepsForHead(2), AssociateOp::kUnbounded);
  EXPECT_DOUBLE_EQ(op.getEpsForHead(2), 3.0e-3);
  EXPECT_EQ(op.getCriterion(), ConvergenceCriterion::association);
}

TEST_F(HopfieldDialectTest, SingleValueAppliesToEveryHead) {
  auto op = parseFirst<AssociateOp>(R"mlir(
func.func @f(%q: tensor<1x3x4x8xf32>, %k: tensor<1x3x6x8xf32>,
             %v: tensor<1x3x6x5xf32>) -> tensor<1x3x4x5xf32> {
  %o = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [0]
      : tensor<1x3x4x8xf32>, tensor<1x3x6x8xf32>, tensor<1x3x6x5xf32>
      -> tensor<1x3x4x5xf32>
  return %o : tensor<1x3x4x5xf32>
})mlir");
  ASSERT_TRUE(op);
  EXPECT_FALSE(op.iterates());
  EXPECT_FALSE(op.hasPerHeadStopRule());
  EXPECT_EQ(op.getMaxStepsForHead(2), 0);
  EXPECT_DOUBLE_EQ(op.getEpsForHead(1), 1.0e-4); // the default eps
}

TEST_F(HopfieldDialectTest, MhaDefaultScaleIsInverseSqrtHeadDim) {
  auto op = parseFirst<MhaOp>(R"mlir(
func.func @f(%q: tensor<1x2x4x16xf32>, %k: tensor<1x2x4x16xf32>,
             %v: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %o, %h = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x8xf32>
      -> tensor<1x2x4x8xf32>, tensor<1x2x4x4xf32>
  return %o : tensor<1x2x4x8xf32>
})mlir");
  ASSERT_TRUE(op);
  EXPECT_DOUBLE_EQ(op.getEffectiveScale(), 0.25);
  EXPECT_EQ(op.getInit(), MhaInit::first_scores);
}

TEST_F(HopfieldDialectTest, VerifierRejectsOpBuiltInCpp) {
  auto op = parseFirst<AssociateOp>(kPerHeadAssociate);
  ASSERT_TRUE(op);
  std::string message;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    message = diag.str();
    return success();
  });
  // A step budget for two heads on a three-head op.
  OpBuilder builder(op);
  op.setMaxStepsAttr(builder.getDenseI64ArrayAttr({1, 2}));
  EXPECT_TRUE(failed(verify(op)));
  EXPECT_NE(message.find("'max_steps' must hold 1 value or 3 (one per head), "
                         "got 2"),
            std::string::npos)
      << message;
  // Non-positive beta.
  op.setMaxStepsAttr(builder.getDenseI64ArrayAttr({1}));
  op.setBetaAttr(builder.getF64FloatAttr(0.0));
  EXPECT_TRUE(failed(verify(op)));
  EXPECT_NE(message.find("'beta' must be positive and finite"),
            std::string::npos)
      << message;
  // Repaired, it verifies again.
  op.setBetaAttr(builder.getF64FloatAttr(2.0));
  EXPECT_TRUE(succeeded(verify(op)));
}

TEST_F(HopfieldDialectTest, OnlineFormIsDestinationStyle) {
  auto op = parseFirst<OnlineAssociateOp>(R"mlir(
func.func @f(%q: tensor<1x1x4x8xbf16>, %k: tensor<1x1x6x8xbf16>,
             %v: tensor<1x1x6x8xbf16>, %a: tensor<1x1x4x8xf32>,
             %m: tensor<1x1x4xf32>, %s: tensor<1x1x4xf32>) -> tensor<1x1x4x8xf32> {
  %r:3 = hopfield.online_associate %q, %k, %v beta = 1.0 outs(%a, %m, %s)
      : tensor<1x1x4x8xbf16>, tensor<1x1x6x8xbf16>, tensor<1x1x6x8xbf16>
      -> tensor<1x1x4x8xf32>, tensor<1x1x4xf32>, tensor<1x1x4xf32>
  return %r#0 : tensor<1x1x4x8xf32>
})mlir");
  ASSERT_TRUE(op);
  auto dps = cast<DestinationStyleOpInterface>(op.getOperation());
  ASSERT_EQ(dps.getNumDpsInits(), 3);
  EXPECT_EQ(dps.getDpsInits()[0], op.getAccInit());
  EXPECT_EQ(dps.getDpsInits()[2], op.getSumInit());
  EXPECT_EQ(op.getAcc().getType(), op.getAccInit().getType());
  auto tiling = cast<TilingInterface>(op.getOperation());
  auto iterators = tiling.getLoopIteratorTypes();
  ASSERT_EQ(iterators.size(), 4u);
  EXPECT_EQ(iterators[3], utils::IteratorType::reduction);
}

} // namespace
