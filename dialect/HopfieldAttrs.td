//===- HopfieldAttrs.td - hopfield enums and attributes ----*- tablegen -*-===//

#ifndef DIALECT_HOPFIELDATTRS_TD
#define DIALECT_HOPFIELDATTRS_TD

include "dialect/HopfieldDialect.td"
include "mlir/IR/EnumAttr.td"

def Hopfield_CriterionAssociation : I32EnumAttrCase<"association", 0>;
def Hopfield_CriterionState : I32EnumAttrCase<"state", 1>;

def Hopfield_ConvergenceCriterion
    : I32EnumAttr<"ConvergenceCriterion",
                  "stopping rule of the Hopfield update iteration",
                  [Hopfield_CriterionAssociation, Hopfield_CriterionState]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::hopfield";
  let description = [{
    `association`: per head, the maximum over the batch of the Frobenius norm
    of the change of the L x S association matrix is compared with eps (the
    rule of the hflayers library). `state`: per head, the maximum over the
    batch of the max-norm of the change of the state in the associative space.
  }];
}

def Hopfield_ConvergenceCriterionAttr
    : EnumAttr<Hopfield_Dialect, Hopfield_ConvergenceCriterion, "criterion"> {
  let assemblyFormat = "`<` $value `>`";
}

def Hopfield_MhaInitFirstScores : I32EnumAttrCase<"first_scores", 0>;
def Hopfield_MhaInitZero : I32EnumAttrCase<"zero", 1>;

def Hopfield_MhaInit
    : I32EnumAttr<"MhaInit",
                  "hidden state of the first modern Hopfield attention layer",
                  [Hopfield_MhaInitFirstScores, Hopfield_MhaInitZero]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::hopfield";
  let description = [{
    `first_scores`: h_1 = S_1. `zero`: h_0 = 0, so h_1 = (1 - alpha_hidden) S_1.
  }];
}

def Hopfield_MhaInitAttr : EnumAttr<Hopfield_Dialect, Hopfield_MhaInit, "init"> {
  let assemblyFormat = "`<` $value `>`";
}

def Hopfield_MhaLoweringMaterialize : I32EnumAttrCase<"materialize", 0>;
def Hopfield_MhaLoweringBias : I32EnumAttrCase<"bias", 1>;
def Hopfield_MhaLoweringConcat : I32EnumAttrCase<"concat", 2>;

def Hopfield_MhaLowering
    : I32EnumAttr<"MhaLowering",
                  "how a modern Hopfield attention layer is lowered",
                  [Hopfield_MhaLoweringMaterialize, Hopfield_MhaLoweringBias,
                   Hopfield_MhaLoweringConcat]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::hopfield";
  let description = [{
    SPEC 9.6. `materialize`: h_n is built as a [B,H,L,S] tensor and the
    softmax reads it. `bias`: attention with score scale (1 - a') c and the
    additive bias a' h_{n-1}. `concat`: attention over the layers' weighted
    queries and keys concatenated along the features, never L x S.
  }];
}

def Hopfield_MhaLoweringAttr
    : EnumAttr<Hopfield_Dialect, Hopfield_MhaLowering, "mha_lowering"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // DIALECT_HOPFIELDATTRS_TD
