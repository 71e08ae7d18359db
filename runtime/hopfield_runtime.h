/*===- hopfield_runtime.h - Load and run hopfield artifacts ------*- C -*-===//
 *
 * C ABI of the hopfield runtime (DESIGN.md section 4.4, runtime/README.md).
 * It loads a compiled artifact, describes its inputs and outputs, creates host
 * tensors and runs the model. The library has no MLIR dependency.
 *
 * Every function that can fail returns a hopfield_status; on failure
 * hopfield_last_error() returns a readable message naming what is wrong. No
 * function aborts on bad input. An artifact may be run from several threads at
 * once; a tensor may be read by several threads but written by one.
 *
 *===----------------------------------------------------------------------===*/

#ifndef RUNTIME_HOPFIELD_RUNTIME_H
#define RUNTIME_HOPFIELD_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define HOPFIELD_API __attribute__((visibility("default")))
#else
#define HOPFIELD_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/// Result of every fallible runtime call.
typedef enum hopfield_status {
  HOPFIELD_OK = 0,
  /// A null handle, an index out of range, a negative size, ...
  HOPFIELD_ERROR_INVALID_ARGUMENT = 1,
  /// The artifact file does not exist or cannot be read.
  HOPFIELD_ERROR_IO = 2,
  /// The file is not a valid artifact: not loadable, a missing symbol, a
  /// malformed or unsupported manifest.
  HOPFIELD_ERROR_BAD_ARTIFACT = 3,
  /// The artifact was compiled for a target this runtime cannot run.
  HOPFIELD_ERROR_WRONG_TARGET = 4,
  /// A tensor has the wrong dtype.
  HOPFIELD_ERROR_DTYPE_MISMATCH = 5,
  /// A tensor has the wrong rank or sizes, or the wrong number of tensors.
  HOPFIELD_ERROR_SHAPE_MISMATCH = 6,
  /// A float input holds NaN or an infinity.
  HOPFIELD_ERROR_NON_FINITE = 7,
  /// A tensor is too large to allocate.
  HOPFIELD_ERROR_OUT_OF_MEMORY = 8,
  /// No output matches the request (for example no steps for a node).
  HOPFIELD_ERROR_NOT_FOUND = 9,
  /// A CUDA artifact, but no CUDA driver or no device on this machine.
  HOPFIELD_ERROR_NO_DEVICE = 10,
  /// A CUDA call failed while loading or running a CUDA artifact (the
  /// message names the call and the CUDA error).
  HOPFIELD_ERROR_DEVICE = 11
} hopfield_status;

/// Element types of artifact inputs and outputs.
typedef enum hopfield_dtype {
  HOPFIELD_FLOAT32 = 0,
  HOPFIELD_FLOAT64 = 1,
  /// One byte per element holding 0 or 1.
  HOPFIELD_BOOL = 2,
  HOPFIELD_INT64 = 3
} hopfield_dtype;

/// A loaded artifact; immutable once opened.
typedef struct hopfield_artifact hopfield_artifact;
/// One input or output of an artifact; lives as long as its artifact.
typedef struct hopfield_port hopfield_port;
/// A dense row-major host tensor, 64-byte aligned.
typedef struct hopfield_tensor hopfield_tensor;

/*===-------------------------- errors and dtypes ------------------------===*/

/// The message of the last failure on the calling thread ("" if none).
HOPFIELD_API const char *hopfield_last_error(void);
/// A short name of a status ("ok", "shape mismatch", ...).
HOPFIELD_API const char *hopfield_status_name(hopfield_status status);
/// The manifest name of a dtype ("float32", "float64", "bool", "int64").
HOPFIELD_API const char *hopfield_dtype_name(hopfield_dtype dtype);
/// Parses a manifest dtype name.
HOPFIELD_API hopfield_status hopfield_dtype_from_name(const char *name,
                                                      hopfield_dtype *dtype);
/// Bytes per element of a dtype (0 for an unknown value).
HOPFIELD_API size_t hopfield_dtype_size(hopfield_dtype dtype);

/*===------------------------------ artifacts ----------------------------===*/

/// Loads the artifact at `path` and validates its manifest. On success
/// `*artifact` owns the library; release it with hopfield_artifact_close.
HOPFIELD_API hopfield_status
hopfield_artifact_open(const char *path, hopfield_artifact **artifact);
/// Unloads an artifact (null is ignored). Its ports become invalid; tensors
/// stay valid.
HOPFIELD_API void hopfield_artifact_close(hopfield_artifact *artifact);

/// The path the artifact was opened from.
HOPFIELD_API const char *hopfield_artifact_path(const hopfield_artifact *a);
/// The manifest's "model" field.
HOPFIELD_API const char *hopfield_artifact_model(const hopfield_artifact *a);
/// The manifest's "target" field ("cpu").
HOPFIELD_API const char *hopfield_artifact_target(const hopfield_artifact *a);
/// The manifest's "target_cpu" field, or "" when absent.
HOPFIELD_API const char *
hopfield_artifact_target_cpu(const hopfield_artifact *a);
/// The manifest's "precision" field ("f32", "f64", ...).
HOPFIELD_API const char *
hopfield_artifact_precision(const hopfield_artifact *a);
/// The manifest JSON text as the artifact returned it.
HOPFIELD_API const char *
hopfield_artifact_manifest_json(const hopfield_artifact *a);

/// Number of inputs / outputs (0 for a null artifact).
HOPFIELD_API size_t hopfield_artifact_num_inputs(const hopfield_artifact *a);
HOPFIELD_API size_t hopfield_artifact_num_outputs(const hopfield_artifact *a);
/// The input / output at `index` in manifest order; null (with an error
/// message) when out of range.
HOPFIELD_API const hopfield_port *
hopfield_artifact_input(const hopfield_artifact *a, size_t index);
HOPFIELD_API const hopfield_port *
hopfield_artifact_output(const hopfield_artifact *a, size_t index);
/// Finds an input / output by name; HOPFIELD_ERROR_NOT_FOUND if none.
HOPFIELD_API hopfield_status hopfield_artifact_find_input(
    const hopfield_artifact *a, const char *name, size_t *index);
HOPFIELD_API hopfield_status hopfield_artifact_find_output(
    const hopfield_artifact *a, const char *name, size_t *index);

/*===-------------------------------- ports ------------------------------===*/

/// The port's name.
HOPFIELD_API const char *hopfield_port_name(const hopfield_port *p);
/// The port's element type.
HOPFIELD_API hopfield_dtype hopfield_port_dtype(const hopfield_port *p);
/// The port's rank.
HOPFIELD_API size_t hopfield_port_rank(const hopfield_port *p);
/// Shape entry `dim`: a static size in `*size` (and null in `*symbol`), or
/// -1 in `*size` and the run-time dimension's name in `*symbol`. Either
/// pointer may be null.
HOPFIELD_API hopfield_status hopfield_port_dim(const hopfield_port *p,
                                               size_t dim, int64_t *size,
                                               const char **symbol);
/// "tensor" or "steps" for an output, "input" for an input.
HOPFIELD_API const char *hopfield_port_kind(const hopfield_port *p);
/// The node a steps output belongs to, "" otherwise.
HOPFIELD_API const char *hopfield_port_node(const hopfield_port *p);

/*===------------------------------- tensors -----------------------------===*/

/// Creates a zero-initialised host tensor. A rank-0 tensor has one element;
/// `shape` may be null when `rank` is 0.
HOPFIELD_API hopfield_status hopfield_tensor_create(hopfield_dtype dtype,
                                                    size_t rank,
                                                    const int64_t *shape,
                                                    hopfield_tensor **tensor);
/// Frees a tensor (null is ignored).
HOPFIELD_API void hopfield_tensor_destroy(hopfield_tensor *t);
/// The element buffer (64-byte aligned, row-major).
HOPFIELD_API void *hopfield_tensor_data(hopfield_tensor *t);
HOPFIELD_API const void *hopfield_tensor_const_data(const hopfield_tensor *t);
HOPFIELD_API hopfield_dtype hopfield_tensor_dtype(const hopfield_tensor *t);
HOPFIELD_API size_t hopfield_tensor_rank(const hopfield_tensor *t);
/// `rank` sizes (null for rank 0).
HOPFIELD_API const int64_t *hopfield_tensor_shape(const hopfield_tensor *t);
HOPFIELD_API size_t hopfield_tensor_num_elements(const hopfield_tensor *t);
HOPFIELD_API size_t hopfield_tensor_byte_size(const hopfield_tensor *t);

/*===--------------------------------- run -------------------------------===*/

/// Runs the model once. `inputs` holds one tensor per manifest input, in
/// manifest order; they are checked (dtype, rank, static sizes, agreement of
/// run-time dimensions, finite floats) and not modified. On success
/// `outputs[0..numOutputs)` receive new tensors, one per manifest output, that
/// the caller destroys; on failure they are set to null.
HOPFIELD_API hopfield_status hopfield_run(const hopfield_artifact *a,
                                          const hopfield_tensor *const *inputs,
                                          size_t numInputs,
                                          hopfield_tensor **outputs,
                                          size_t numOutputs);

/// The GPU time of this thread's last hopfield_run of a CUDA artifact:
/// milliseconds between CUDA events recorded on the run's stream, from its
/// creation to the run's final synchronisation (the copies in and out
/// included, the host-side input checks not). HOPFIELD_ERROR_INVALID_ARGUMENT
/// when there was no such run or it was not timed (an event call failed).
HOPFIELD_API hopfield_status hopfield_last_gpu_time_ms(double *ms);

/// Finds the steps output of `node` among `outputs` (as returned by
/// hopfield_run) and returns its per-head counts and the number of heads.
HOPFIELD_API hopfield_status
hopfield_node_steps(const hopfield_artifact *a, hopfield_tensor *const *outputs,
                    size_t numOutputs, const char *node, const int64_t **steps,
                    size_t *numHeads);

#ifdef __cplusplus
}
#endif

#endif /* RUNTIME_HOPFIELD_RUNTIME_H */
