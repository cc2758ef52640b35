/**
 * ONNX models: a hand-written protobuf reader ({@link org.sae4j.lm.onnx.Proto}), the graph with hooks exposed as
 * outputs and pruned to their backward cone ({@link org.sae4j.lm.onnx.OnnxGraph}), residual-stream names
 * ({@link org.sae4j.lm.onnx.Hooks}) and the ONNX Runtime session ({@link org.sae4j.lm.onnx.HookedModel}). Imports the
 * core's root package and ONNX Runtime.
 */
package org.sae4j.lm.onnx;
