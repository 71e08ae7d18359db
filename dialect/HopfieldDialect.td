//===- HopfieldDialect.td - hopfield dialect definition ----*- tablegen -*-===//
//
// The dialect and the base class every hopfield op derives from.
//
//===----------------------------------------------------------------------===//

#ifndef DIALECT_HOPFIELDDIALECT_TD
#define DIALECT_HOPFIELDDIALECT_TD

include "mlir/IR/OpBase.td"

def Hopfield_Dialect : Dialect {
  let name = "hopfield";
  let cppNamespace = "::mlir::hopfield";
  let summary = "Modern Hopfield networks, Hopfield layers and Hopfield attention";
  let description = [{
    The `hopfield` dialect holds the operations that are specific to modern
    Hopfield networks (Ramsauer et al., "Hopfield Networks is All You Need")
    and to modern Hopfield attention with a hidden state (Masumura & Taki):
    association with optional Hopfield iteration, its online (key-tiled)
    form, the hidden-state attention op, and energy/lse for analysis.

    Everything else (projections, normalisation, loops, vectors, GPU code)
    is expressed with upstream dialects. Frontends emit these ops directly;
    nothing is raised from matmuls and softmaxes.

    Tensor layout convention for the attention-shaped ops is
    `[batch, heads, sequence, features]`: queries `[B, H, L, D]`, keys
    `[B, H, S, D]`, values `[B, H, S, E]`.
  }];
  let useDefaultAttributePrinterParser = 1;
  // Tiling creates tensor slices and affine index arithmetic.
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
  let hasCanonicalizer = 0;
}

/// Base class of every hopfield op (one base, as Triton's `TT_Op`).
class Hopfield_Op<string mnemonic, list<Trait> traits = []>
    : Op<Hopfield_Dialect, mnemonic, traits>;

#endif // DIALECT_HOPFIELDDIALECT_TD
