"""Launches hopfield's tensor-core association kernel on device tensors.

The kernels come from prepare_attention.py (cubin + index.json). A kernel's
parameters are its memrefs as MLIR lowers them: for each of query, key,
value [B,H,N,d] (bf16) and output [B,H,N,d] (float32), contiguous, the
allocated and aligned pointers, the offset, the four sizes and the four
strides.
CuPy loads the cubin and launches on the default stream, which PyTorch's
events time as well.
"""

import json
import os

import numpy


class Launcher:
    def __init__(self, directory):
        import cupy
        self.cupy = cupy
        self.directory = directory
        with open(os.path.join(directory, "index.json")) as f:
            self.index = json.load(f)
        self.kernels = {}

    def has(self, shape):
        return shape.name in self.index

    def kernel(self, shape):
        if shape.name not in self.kernels:
            entry = self.index[shape.name]
            module = self.cupy.RawModule(
                path=os.path.join(self.directory, entry["cubin"]))
            function = module.get_function(entry["kernel"])
            # Over 48 KiB of dynamic shared memory needs the kernel's
            # permission, and prefers the whole carveout as shared memory
            # (as the runtime's launch asks for them).
            function.max_dynamic_shared_size_bytes = entry["shared_bytes"]
            if entry["shared_bytes"] > 48 * 1024:
                function.preferred_shared_memory_carveout = 100
            self.kernels[shape.name] = (function, entry)
        return self.kernels[shape.name]

    @staticmethod
    def descriptor(tensor):
        if not tensor.is_contiguous() or tensor.dim() != 4:
            raise ValueError("expected a contiguous rank-4 tensor")
        pointer = numpy.uint64(tensor.data_ptr())
        return ([pointer, pointer, numpy.int64(0)] +
                [numpy.int64(s) for s in tensor.shape] +
                [numpy.int64(s) for s in tensor.stride()])

    def prepare(self, torch, q, k, v):
        """The kernel's buffers: the bf16 inputs as they are (the compiled
        model rounds its f32 Q, K, V to bf16 in a kernel of its own before
        this one) and a float32 output."""
        return (q.contiguous(), k.contiguous(), v.contiguous(),
                torch.empty(q.shape, device=q.device, dtype=torch.float32))

    def launch(self, shape, q32, k32, v32, out):
        function, entry = self.kernel(shape)
        args = []
        for tensor in (q32, k32, v32, out):
            args += self.descriptor(tensor)
        function(tuple(entry["grid"]), tuple(entry["block"]), tuple(args),
                 shared_mem=entry["shared_bytes"])
        return out
