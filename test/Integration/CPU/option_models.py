"""Model building blocks of option_cases.py (standard library only).

`Case` holds one model description under construction: its inputs (float32-
exact random values), nodes (hflayers configs with a state_dict generated
from the shapes the config implies, SPEC.md section 3.7) and outputs. The
cases themselves are in option_cases.py.
"""

import copy

import hopfield_e2e as e2e


def cfg(config, key, default):
    """config[key], or `default` when it is absent or None (hflayers)."""
    value = config.get(key)
    return default if value is None else value


def hopfield_shapes(config):
    """{state_dict name: shape} of a `Hopfield` module with `config`."""
    heads = cfg(config, "num_heads", 1)
    embed = config.get("input_size")
    q_static = cfg(config, "state_pattern_as_static", False)
    k_static = cfg(config, "stored_pattern_as_static", False)
    v_static = cfg(config, "pattern_projection_as_static", False)
    connected = cfg(config, "pattern_projection_as_connected", False)
    space = cfg(config, "normalize_hopfield_space", False)
    space_affine = cfg(config, "normalize_hopfield_space_affine", False)
    no_out = cfg(config, "disable_out_projection", False)
    bias = cfg(config, "input_bias", True)
    shapes = {}
    static_execution = (q_static and k_static and v_static and not connected
                        and not space and not space_affine and no_out)
    if not static_execution:
        kdim = cfg(config, "stored_pattern_size", embed)
        vdim = cfg(config, "pattern_projection_size", embed)
        hd = cfg(config, "hidden_size", embed // heads)
        pd = cfg(config, "pattern_size", hd)
        out = cfg(config, "output_size", embed)
        hidden, pattern = heads * hd, heads * pd
        packed = (kdim == embed and vdim == embed and
                  config.get("pattern_size") is None and not connected)
        core = "association_core."
        non_static = 3 - q_static - k_static - v_static
        if non_static and packed:
            rows = ((not q_static) * hidden + (not k_static) * hidden +
                    (not v_static) * pattern)
            shapes[core + "in_proj_weight"] = [rows, embed]
        elif non_static:
            if not q_static:
                shapes[core + "q_proj_weight"] = [hidden, embed]
            if not k_static:
                shapes[core + "k_proj_weight"] = [hidden, kdim]
            if not v_static:
                shapes[core + "v_proj_weight"] = [
                    pattern, hidden if connected and not k_static else vdim]
        if bias and non_static:
            shapes[core + "in_proj_bias"] = [
                (not q_static) * hidden + (not k_static) * hidden + pattern]
        if not no_out:
            shapes[core + "out_proj.weight"] = [out, pattern]
            if bias:
                shapes[core + "out_proj.bias"] = [out]
        if space_affine:
            shapes[core + "p_norm_weight"] = [config["hidden_size"]]
            shapes[core + "p_norm_bias"] = [config["hidden_size"]]
    for name, size_key in (("stored_pattern", "stored_pattern_size"),
                           ("state_pattern", None),
                           ("pattern_projection", "pattern_projection_size")):
        size = cfg(config, size_key, embed) if size_key else embed
        if (cfg(config, "normalize_" + name, True) and
                cfg(config, "normalize_%s_affine" % name, True)):
            shapes["norm_%s.weight" % name] = [size]
            shapes["norm_%s.bias" % name] = [size]
    return shapes


def numel(shape):
    count = 1
    for d in shape:
        count *= d
    return count


class Case:
    """One named model description with its inputs."""

    def __init__(self, name, rng, summary):
        self.name, self.rng, self.summary = name, rng, summary
        self.inputs = {}  # name -> (shape, data, "float" | "bool")
        self.nodes = []
        self.outputs = {}

    # Values.
    def gauss(self, count, sigma=1.0, mean=0.0):
        return [e2e.to_f32(mean + self.rng.gauss(0.0, sigma))
                for _ in range(count)]

    def pattern(self, name, shape, sigma=1.0):
        """A float model input of `shape`."""
        self.inputs[name] = (list(shape), self.gauss(numel(shape), sigma),
                             "float")
        return name

    def float_input(self, name, shape, data):
        self.inputs[name] = (list(shape), [e2e.to_f32(v) for v in data],
                             "float")
        return name

    def bool_input(self, name, shape, data):
        self.inputs[name] = (list(shape), [bool(v) for v in data], "bool")
        return name

    def random_mask(self, name, shape, rate):
        return self.bool_input(name, shape, [self.rng.random() < rate
                                             for _ in range(numel(shape))])

    def weight(self, name, shape):
        """A float32-exact weight whose scale suits its role."""
        leaf = name.rsplit(".", 1)[-1]
        count = numel(shape)
        if "norm" in name and leaf.endswith("weight"):
            data = self.gauss(count, 0.2, 1.0)
        elif "bias" in leaf:
            data = self.gauss(count, 0.1)
        elif leaf in ("pooling_weights", "lookup_weights", "target_weights"):
            data = self.gauss(count, 1.0)
        else:  # a projection (out, in)
            data = self.gauss(count, shape[-1] ** -0.5)
        return e2e.tensor(shape, data, "float32")

    def weights(self, shapes, prefix=""):
        return {prefix + name: self.weight(prefix + name, shape)
                for name, shape in sorted(shapes.items())}

    # Nodes.
    def node(self, name, op, inputs, config, shapes):
        self.nodes.append({"name": name, "op": op, "inputs": inputs,
                           "config": config, "weights": self.weights(shapes)})
        return name

    def hopfield(self, name, inputs, config):
        return self.node(name, "Hopfield", inputs, config,
                         hopfield_shapes(config))

    def output(self, name, value=None):
        self.outputs[name] = value or name

    # Descriptions.
    def description(self, precision, eps_scale=1.0):
        """The model description with float inputs of `precision` and every
        update_steps_eps scaled by `eps_scale`."""
        inputs = {name: {"shape": shape,
                         "dtype": "bool" if kind == "bool"
                         else e2e.FLOAT_DTYPE[precision]}
                  for name, (shape, _, kind) in self.inputs.items()}
        nodes = copy.deepcopy(self.nodes)
        if eps_scale != 1.0:
            for node in nodes:
                if node["op"].startswith("Hopfield"):
                    scale_eps(node["config"], eps_scale)
        return {"format": "hopfield-model/1", "name": self.name,
                "inputs": inputs, "nodes": nodes, "outputs": self.outputs}

    def values(self, precision):
        return {name: e2e.tensor(shape, data, "bool" if kind == "bool"
                                 else e2e.FLOAT_DTYPE[precision])
                for name, (shape, data, kind) in self.inputs.items()}


def scale_eps(config, scale):
    """Scales update_steps_eps of a Hopfield config, or of the Hopfield
    configs nested in a transformer layer's config."""
    nested = [value for value in config.values() if isinstance(value, dict)]
    for value in nested:
        scale_eps(value, scale)
    if nested:
        return
    eps = config.get("update_steps_eps", 1e-4)
    if eps is None:
        eps = 1e-4
    config["update_steps_eps"] = ([e * scale for e in eps]
                                  if isinstance(eps, list) else eps * scale)


def no_input_norms(config):
    """`config` with the three input LayerNorms off."""
    for name in ("stored_pattern", "state_pattern", "pattern_projection"):
        config["normalize_" + name] = False
        config["normalize_%s_affine" % name] = False
    return config


def causal(size):
    """A (size, size) bool mask, true above the diagonal."""
    return [j > i for i in range(size) for j in range(size)]


def table_shape(quantity, width, batch_first):
    return [1, quantity, width] if batch_first else [quantity, 1, width]


def transformer_shapes(width, feed_forward, norms):
    shapes = {"linear_residual.weight": [feed_forward, width],
              "linear_residual.bias": [feed_forward],
              "linear_output.weight": [width, feed_forward],
              "linear_output.bias": [width]}
    for norm in norms:
        shapes[norm + ".weight"] = [width]
        shapes[norm + ".bias"] = [width]
    return shapes


def prefixed(shapes, prefix):
    return {prefix + name: shape for name, shape in shapes.items()}

