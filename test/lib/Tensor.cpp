//===- Tensor.cpp - Dense float64 tensors and elementwise ops -------------===//

#include "Tensor.h"

#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>

using namespace hopfield::reference;

void hopfield::reference::fail(const std::string &message) {
  throw std::runtime_error(message);
}

Tensor Tensor::zeros(std::vector<int64_t> shape) {
  Tensor t;
  t.shape = std::move(shape);
  t.data.assign(t.numElements(), 0.0);
  return t;
}

int64_t Tensor::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

int64_t Tensor::dim(int64_t dim) const {
  int64_t rank = static_cast<int64_t>(shape.size());
  return shape[dim < 0 ? rank + dim : dim];
}

std::string Tensor::shapeString() const {
  return hopfield::reference::shapeString(shape);
}

std::string
hopfield::reference::shapeString(const std::vector<int64_t> &shape) {
  std::ostringstream os;
  os << "[";
  for (size_t i = 0; i < shape.size(); ++i)
    os << (i ? "," : "") << shape[i];
  os << "]";
  return os.str();
}

Tensor hopfield::reference::linear(const Tensor &x, const Tensor &weight,
                                   const Tensor *bias) {
  if (x.shape.empty())
    fail("Linear: the input must have at least one dimension");
  if (weight.shape.size() != 2 || weight.shape[1] != x.dim(-1))
    fail("Linear: weight has shape " + weight.shapeString() +
         ", expected [out," + std::to_string(x.dim(-1)) + "] for input " +
         x.shapeString());
  int64_t in = weight.shape[1], out = weight.shape[0];
  if (bias && (bias->shape.size() != 1 || bias->shape[0] != out))
    fail("Linear: bias has shape " + bias->shapeString() + ", expected [" +
         std::to_string(out) + "]");
  std::vector<int64_t> shape = x.shape;
  shape.back() = out;
  Tensor y = Tensor::zeros(shape);
  int64_t rows = in ? x.numElements() / in : 0;
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t o = 0; o < out; ++o) {
      double sum = 0.0;
      for (int64_t i = 0; i < in; ++i)
        sum += x.data[r * in + i] * weight.data[o * in + i];
      y.data[r * out + o] = sum + (bias ? bias->data[o] : 0.0);
    }
  }
  return y;
}

Tensor hopfield::reference::layerNorm(const Tensor &x, size_t normalizedDims,
                                      const Tensor *weight, const Tensor *bias,
                                      double eps) {
  if (normalizedDims == 0 || normalizedDims > x.shape.size())
    fail("LayerNorm: cannot normalise over the last " +
         std::to_string(normalizedDims) + " dimensions of an input of shape " +
         x.shapeString());
  int64_t n = 1;
  for (size_t i = x.shape.size() - normalizedDims; i < x.shape.size(); ++i)
    n *= x.shape[i];
  for (const Tensor *param : {weight, bias})
    if (param && param->numElements() != n)
      fail("LayerNorm: parameter has shape " + param->shapeString() +
           ", expected " + std::to_string(n) + " elements for input " +
           x.shapeString());
  Tensor y = Tensor::zeros(x.shape);
  int64_t rows = n ? x.numElements() / n : 0;
  for (int64_t r = 0; r < rows; ++r) {
    const double *in = &x.data[r * n];
    double mean = 0.0;
    for (int64_t i = 0; i < n; ++i)
      mean += in[i];
    mean /= n;
    double var = 0.0;
    for (int64_t i = 0; i < n; ++i)
      var += (in[i] - mean) * (in[i] - mean);
    var /= n;
    double inv = 1.0 / std::sqrt(var + eps);
    for (int64_t i = 0; i < n; ++i) {
      double v = (in[i] - mean) * inv;
      if (weight)
        v *= weight->data[i];
      if (bias)
        v += bias->data[i];
      y.data[r * n + i] = v;
    }
  }
  return y;
}

Tensor hopfield::reference::add(const Tensor &a, const Tensor &b) {
  if (a.shape != b.shape)
    fail("add: shapes " + a.shapeString() + " and " + b.shapeString() +
         " differ");
  Tensor y = a;
  for (size_t i = 0; i < y.data.size(); ++i)
    y.data[i] += b.data[i];
  return y;
}

Tensor hopfield::reference::swapLeadingDims(const Tensor &x) {
  if (x.shape.size() != 3)
    fail("expected a rank-3 tensor, got shape " + x.shapeString());
  int64_t d0 = x.shape[0], d1 = x.shape[1], f = x.shape[2];
  Tensor y = Tensor::zeros({d1, d0, f});
  y.isBool = x.isBool;
  for (int64_t i = 0; i < d0; ++i)
    for (int64_t j = 0; j < d1; ++j)
      for (int64_t k = 0; k < f; ++k)
        y.data[(j * d0 + i) * f + k] = x.data[(i * d1 + j) * f + k];
  return y;
}

Tensor hopfield::reference::sliceRows(const Tensor &t, int64_t start,
                                      int64_t count) {
  if (t.shape.empty() || start < 0 || start + count > t.shape[0])
    fail("cannot take rows [" + std::to_string(start) + "," +
         std::to_string(start + count) + ") of a tensor of shape " +
         t.shapeString());
  int64_t width = t.shape[0] ? t.numElements() / t.shape[0] : 0;
  Tensor y;
  y.shape = t.shape;
  y.shape[0] = count;
  y.data.assign(t.data.begin() + start * width,
                t.data.begin() + (start + count) * width);
  return y;
}

// The activations of docs/HflayersNodes.md, as torch defines them.
static double relu(double x) { return x > 0.0 ? x : 0.0; }
static double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
static double selu(double x) {
  const double alpha = 1.6732632423543772848170429916717;
  const double scale = 1.0507009873554804934193349852946;
  return scale * (x > 0.0 ? x : alpha * std::expm1(x));
}
static double celu(double x) { return x > 0.0 ? x : std::expm1(x); }
static double neg(double x) { return -x; }
static double square(double x) { return x * x; }
static double sign(double x) { return (x > 0.0) - (x < 0.0); }
static double tanhFn(double x) { return std::tanh(x); }
static double expFn(double x) { return std::exp(x); }
static double expm1Fn(double x) { return std::expm1(x); }
static double absFn(double x) { return std::fabs(x); }
static double sinFn(double x) { return std::sin(x); }
static double cosFn(double x) { return std::cos(x); }
static double erfFn(double x) { return std::erf(x); }
static double erfcFn(double x) { return std::erfc(x); }
static double sinhFn(double x) { return std::sinh(x); }
static double coshFn(double x) { return std::cosh(x); }
static double atanFn(double x) { return std::atan(x); }
static double asinhFn(double x) { return std::asinh(x); }

Activation hopfield::reference::activationByName(const std::string &name) {
  static const std::map<std::string, Activation> table = {
      {"relu", relu},    {"erfc", erfcFn},   {"sigmoid", sigmoid},
      {"tanh", tanhFn},  {"selu", selu},     {"celu", celu},
      {"exp", expFn},    {"expm1", expm1Fn}, {"abs", absFn},
      {"neg", neg},      {"square", square}, {"sign", sign},
      {"sin", sinFn},    {"cos", cosFn},     {"erf", erfFn},
      {"sinh", sinhFn},  {"cosh", coshFn},   {"atan", atanFn},
      {"asinh", asinhFn}};
  auto it = table.find(name);
  if (it != table.end())
    return it->second;
  std::string known;
  for (const auto &[key, fn] : table)
    known += (known.empty() ? "" : ", ") + key;
  fail("unknown activation '" + name + "' (expected one of " + known + ")");
}

void hopfield::reference::applyActivation(Tensor &x, Activation activation) {
  for (double &v : x.data)
    v = activation(v);
}
