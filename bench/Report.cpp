//===- Report.cpp - Results table and JSON of hopfield-bench --------------===//

#include "bench/Report.h"
#include "bench/Timing.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace hopfield::bench {
namespace {

double percentOf(double value, double ceiling) {
  return ceiling > 0.0 ? 100.0 * value / ceiling : 0.0;
}

/// One table row: name, median ms, GFLOP/s and % of peak (negative flops
/// leave the last two columns empty).
void printRow(std::FILE *file, const std::string &name, double ms, double flops,
              double peakGflops) {
  std::fprintf(file, "%-40s %11.3f", name.c_str(), ms);
  if (flops < 0.0) {
    std::fprintf(file, " %11s %9s\n", "-", "-");
    return;
  }
  double rate = gflops(flops, ms);
  std::fprintf(file, " %11.1f %8.1f%%\n", rate, percentOf(rate, peakGflops));
}

const char *verdict(bool met) { return met ? "met" : "NOT met"; }

} // namespace

double retrievalFlops(const RetrievalShape &shape) {
  return 4.0 * static_cast<double>(shape.batch) * shape.n * shape.n * shape.d;
}

std::string cpuModelName() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) != 0)
      continue;
    size_t colon = line.find(':');
    if (colon == std::string::npos)
      break;
    size_t begin = line.find_first_not_of(" \t", colon + 1);
    return begin == std::string::npos ? "unknown" : line.substr(begin);
  }
  return "unknown";
}

namespace {
/// Busy and total time of all CPUs since boot, from /proc/stat's "cpu" line.
bool readCpuTimes(double &busy, double &total) {
  std::ifstream stat("/proc/stat");
  std::string label;
  stat >> label;
  if (label != "cpu")
    return false;
  // user nice system idle iowait irq softirq steal
  double fields[8] = {};
  for (double &field : fields)
    if (!(stat >> field))
      return false;
  total = 0.0;
  for (double field : fields)
    total += field;
  busy = total - fields[3] - fields[4];
  return true;
}
} // namespace

double cpuBusyPercent(int milliseconds) {
  double busy0 = 0.0, total0 = 0.0, busy1 = 0.0, total1 = 0.0;
  if (!readCpuTimes(busy0, total0))
    return -1.0;
  std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds));
  if (!readCpuTimes(busy1, total1) || total1 <= total0)
    return -1.0;
  return 100.0 * (busy1 - busy0) / (total1 - total0);
}

std::string currentDate() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

void printTable(std::FILE *file, const BenchResults &r) {
  const RetrievalShape &s = r.shape;
  const double peak = r.peak.gflops;
  const double flops = retrievalFlops(s);
  const double gemmFlops = flops / 2.0;
  std::fprintf(file,
               "hopfield-bench: self-retrieval B=%lld N=%lld d=%lld "
               "beta=%g, f32, one softmax\n",
               static_cast<long long>(s.batch), static_cast<long long>(s.n),
               static_cast<long long>(s.d), static_cast<double>(s.beta));
  std::fprintf(file, "cpu: %s, %d threads, %s\n", r.cpuModel.c_str(), r.threads,
               r.date.c_str());
  std::fprintf(file, "OpenBLAS: %s\n", r.blasCore.c_str());
  std::fprintf(file, "before the run: CPUs %.0f%% busy, load average %.2f%s\n",
               r.busyPercent, r.loadAverage,
               r.busyPercent > 10.0 ? " (other work is running: the numbers "
                                      "are skewed)"
                                    : "");
  std::fprintf(file,
               "flops per run: 4*B*N*N*d = %.3f GFLOP; median of %d runs "
               "after %d warm-up\n\n",
               flops / 1e9, r.reps, r.warmup);

  std::fprintf(file, "%-40s %11s %11s %9s\n", "measurement", "median ms",
               "GFLOP/s", "of peak");
  std::string peakName = "FMA peak (" + r.peak.isa + ", " +
                         std::to_string(r.peak.chains) + " chains x " +
                         std::to_string(r.peak.threads) + " thr)";
  printRow(file, peakName, r.peak.medianMs, peak * r.peak.medianMs * 1e6, peak);
  std::string sgemmName =
      "SGEMM " + std::to_string(r.sgemm.size) + "^3 (OpenBLAS)";
  double sgemmFlops =
      2.0 * static_cast<double>(r.sgemm.size) * r.sgemm.size * r.sgemm.size;
  printRow(file, sgemmName, r.sgemm.medianMs, sgemmFlops, peak);
  const PhaseTimes &b = r.baseline.median;
  printRow(file, "unfused baseline (total)", b.totalMs, flops, peak);
  printRow(file, "  gemm1: S = beta X X^T", b.gemm1Ms, gemmFlops, peak);
  printRow(file, "  softmax: expf rows", b.softmaxMs, -1.0, peak);
  printRow(file, "  gemm2: O = P X", b.gemm2Ms, gemmFlops, peak);
  if (!r.haveHopfield) {
    std::fprintf(file, "\nhopfield: not measured (--no-hopfield)\n");
    return;
  }
  printRow(file, "hopfield artifact", r.hopfieldMs, flops, peak);

  double speedup = r.hopfieldMs > 0.0 ? b.totalMs / r.hopfieldMs : 0.0;
  double hopfieldPercent = percentOf(gflops(flops, r.hopfieldMs), peak);
  std::fprintf(file,
               "\nhopfield vs unfused baseline: %.2fx (target >= "
               "%.1fx: %s)\n",
               speedup, kTargetSpeedup, verdict(speedup >= kTargetSpeedup));
  std::fprintf(file,
               "hopfield of FMA peak:         %.1f%% (target >= "
               "%.0f%%: %s)\n",
               hopfieldPercent, kTargetPercentOfPeak,
               verdict(hopfieldPercent >= kTargetPercentOfPeak));
  std::fprintf(file, "SGEMM of FMA peak:            %.1f%%\n",
               percentOf(r.sgemm.gflops, peak));
  std::fprintf(file, "relative error vs baseline:   %.3g (limit 1e-4)\n",
               r.relativeError);
  std::fprintf(file, "compile time:                 %.2f s\n",
               r.compileSeconds);
}

void writeJson(const std::string &path, const BenchResults &r) {
  using Json = nlohmann::ordered_json;
  const double peak = r.peak.gflops;
  const double flops = retrievalFlops(r.shape);
  const PhaseTimes &b = r.baseline.median;
  Json json = {
      {"format", "hopfield-bench/1"},
      {"command", r.command},
      {"date", r.date},
      {"cpu", r.cpuModel},
      {"threads", r.threads},
      {"blas_core", r.blasCore},
      {"load_average", r.loadAverage},
      {"cpu_busy_percent_before", r.busyPercent},
      {"warmup", r.warmup},
      {"reps", r.reps},
      {"problem",
       {{"batch", r.shape.batch},
        {"n", r.shape.n},
        {"d", r.shape.d},
        {"beta", r.shape.beta},
        {"precision", "f32"},
        {"update_steps_max", 0},
        {"flops", flops}}},
      {"fma_peak",
       {{"isa", r.peak.isa},
        {"threads", r.peak.threads},
        {"chains", r.peak.chains},
        {"lanes", r.peak.lanes},
        {"iterations", r.peak.iterations},
        {"median_ms", r.peak.medianMs},
        {"gflops", peak}}},
      {"sgemm",
       {{"size", r.sgemm.size},
        {"median_ms", r.sgemm.medianMs},
        {"gflops", r.sgemm.gflops},
        {"percent_of_peak", percentOf(r.sgemm.gflops, peak)}}},
      {"baseline",
       {{"median_ms", b.totalMs},
        {"gemm1_ms", b.gemm1Ms},
        {"softmax_ms", b.softmaxMs},
        {"gemm2_ms", b.gemm2Ms},
        {"gflops", gflops(flops, b.totalMs)},
        {"percent_of_peak", percentOf(gflops(flops, b.totalMs), peak)}}},
  };
  if (r.haveHopfield) {
    double rate = gflops(flops, r.hopfieldMs);
    double speedup = r.hopfieldMs > 0.0 ? b.totalMs / r.hopfieldMs : 0.0;
    json["hopfield"] = {{"artifact", r.artifact},
                        {"compile_s", r.compileSeconds},
                        {"median_ms", r.hopfieldMs},
                        {"gflops", rate},
                        {"percent_of_peak", percentOf(rate, peak)},
                        {"speedup_vs_baseline", speedup},
                        {"relative_error", r.relativeError}};
    json["targets"] = {
        {"speedup_min", kTargetSpeedup},
        {"percent_of_peak_min", kTargetPercentOfPeak},
        {"speedup_met", speedup >= kTargetSpeedup},
        {"percent_of_peak_met", percentOf(rate, peak) >= kTargetPercentOfPeak}};
  } else {
    json["hopfield"] = nullptr;
  }
  std::ofstream file(path, std::ios::trunc);
  file << json.dump(2) << "\n";
  file.close();
  if (!file)
    throw std::runtime_error("cannot write '" + path + "'");
}

} // namespace hopfield::bench
