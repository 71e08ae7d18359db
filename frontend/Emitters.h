//===- Emitters.h - one emitter per op family -------------------*- C++ -*-===//
//
// Each emitter checks a node (roles, config, weights, shapes), emits its IR
// at the builder's insertion point and defines the node's result values in
// the ImportContext. Failure means an error was reported.
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_EMITTERS_H
#define FRONTEND_EMITTERS_H

#include "frontend/ImportContext.h"

namespace mlir::hopfield {

/// `Hopfield` (SPEC 3.3, 3.8). EmitHopfield.cpp.
LogicalResult emitHopfieldNode(ImportContext &ctx, const ModelNode &node);

/// `HopfieldPooling` and `HopfieldLayer` (SPEC 3.4, 3.5).
/// EmitHopfieldLookup.cpp.
LogicalResult emitHopfieldPoolingNode(ImportContext &ctx,
                                      const ModelNode &node);
LogicalResult emitHopfieldLayerNode(ImportContext &ctx, const ModelNode &node);

/// `HopfieldEncoderLayer` and `HopfieldDecoderLayer` (SPEC 3.6).
/// EmitTransformerLayers.cpp.
LogicalResult emitHopfieldEncoderLayerNode(ImportContext &ctx,
                                           const ModelNode &node);
LogicalResult emitHopfieldDecoderLayerNode(ImportContext &ctx,
                                           const ModelNode &node);

/// `Linear`: y = x W^T + b over the last dimension. EmitLinear.cpp.
LogicalResult emitLinearNode(ImportContext &ctx, const ModelNode &node);

/// `LayerNorm` with torch semantics (SPEC 0). EmitLayerNorm.cpp.
LogicalResult emitLayerNormNode(ImportContext &ctx, const ModelNode &node);

/// `Add`, `ResidualMix` and `GELU`. EmitElementwise.cpp.
LogicalResult emitAddNode(ImportContext &ctx, const ModelNode &node);
LogicalResult emitResidualMixNode(ImportContext &ctx, const ModelNode &node);
LogicalResult emitGELUNode(ImportContext &ctx, const ModelNode &node);

/// `ModernHopfieldAttention` (SPEC 2.5, 9.5). EmitMha.cpp.
LogicalResult emitModernHopfieldAttentionNode(ImportContext &ctx,
                                              const ModelNode &node);

} // namespace mlir::hopfield

#endif // FRONTEND_EMITTERS_H
