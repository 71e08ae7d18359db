/* Classic Hopfield retrieval from C, with the compiled model linked ahead of
 * time: no runtime library, no dlopen. Built by the example-c-api target of
 * examples/CMakeLists.txt, or by hand (examples/README.md).
 *
 * Usage: example-c-api [INPUTS.json [OUTPUTS.json]]
 * Prints, per query, the stored pattern it retrieved, and the step count.
 * With arguments, it also writes the inputs it made and the outputs it got
 * as JSON tensors, so that hopfield-run can be checked against it
 * (test/Integration/CPU/example-c-api.test).
 */
#include "classic_retrieval.h" /* hopfield-compile --emit header */

#include <stdio.h>

enum {
  NUM_STORED = 16,
  NUM_QUERIES = 4,
  DIM = 64 /* fixed by the model; the two counts are chosen at run time */
};

/* Which pattern each query is a damaged copy of, how many signs flip and a
   scale: the faint last query is too weak for one update to settle, so the
   run iterates. */
static const int targets[NUM_QUERIES] = {3, 10, 14, 7};
static const int flips[NUM_QUERIES] = {0, 10, 20, 10};
static const float scales[NUM_QUERIES] = {1.0f, 1.0f, 1.0f, 1.0f / 128};

/* A fixed xorshift generator: the same patterns on every machine. */
static uint32_t next_random(uint32_t *state) {
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

static float dot(const float *a, const float *b) {
  float sum = 0.0f;
  for (int i = 0; i < DIM; ++i)
    sum += a[i] * b[i];
  return sum;
}

/* Writes `rows` rows of DIM floats as the [1, rows, DIM] tensor `name`;
   %.9g gives back every float exactly. */
static void write_tensor(FILE *f, const char *name, const float *data,
                         int rows) {
  fprintf(f,
          "\"%s\": {\"shape\": [1, %d, %d], \"dtype\": \"float32\", "
          "\"data\": [",
          name, rows, DIM);
  for (int i = 0; i < rows * DIM; ++i)
    fprintf(f, "%s%.9g", i ? ", " : "", data[i]);
  fputs("]}", f);
}

/* Writes up to two tensors (a NULL name ends the list) as one JSON object. */
static int write_json(const char *path, const char *names[2],
                      const float *data[2], const int rows[2]) {
  FILE *f = fopen(path, "w");
  if (!f) {
    perror(path);
    return 1;
  }
  fputs("{", f);
  for (int t = 0; t < 2 && names[t]; ++t) {
    fputs(t ? ",\n " : "", f);
    write_tensor(f, names[t], data[t], rows[t]);
  }
  fputs("}\n", f);
  return fclose(f) != 0;
}

int main(int argc, char **argv) {
  static float stored[NUM_STORED * DIM], queries[NUM_QUERIES * DIM];
  static float retrieved[NUM_QUERIES * DIM];
  int64_t steps[1]; /* one head */

  uint32_t state = 2463534242u;
  for (int i = 0; i < NUM_STORED * DIM; ++i)
    stored[i] = (next_random(&state) >> 16) & 1 ? 1.0f : -1.0f;
  for (int q = 0; q < NUM_QUERIES; ++q) {
    float *query = queries + q * DIM;
    for (int i = 0; i < DIM; ++i)
      query[i] = scales[q] * stored[targets[q] * DIM + i];
    /* A stride coprime to DIM: distinct components, spread over the
       pattern. */
    for (int k = 0; k < flips[q]; ++k)
      query[(k * 5) % DIM] *= -1.0f;
  }

  classic_retrieval_run(NUM_STORED, NUM_QUERIES, stored, queries, retrieved,
                        steps);

  for (int q = 0; q < NUM_QUERIES; ++q) {
    const float *out = retrieved + q * DIM;
    int best = 0;
    for (int s = 1; s < NUM_STORED; ++s)
      if (dot(out, stored + s * DIM) > dot(out, stored + best * DIM))
        best = s;
    int match = 0;
    for (int i = 0; i < DIM; ++i)
      match += (out[i] > 0) == (stored[best * DIM + i] > 0);
    printf("query %d: scale %g, %d signs flipped, retrieved pattern %d "
           "(target %d), sign match %d/%d\n",
           q, scales[q], flips[q], best, targets[q], match, DIM);
  }
  /* The format of hopfield-run --steps. */
  printf("steps retrieve: %lld\n", (long long)steps[0]);

  if (argc > 1) {
    const char *names[2] = {"stored", "queries"};
    const float *data[2] = {stored, queries};
    const int rows[2] = {NUM_STORED, NUM_QUERIES};
    if (write_json(argv[1], names, data, rows))
      return 1;
  }
  if (argc > 2) {
    const char *names[2] = {"retrieved", NULL};
    const float *data[2] = {retrieved, NULL};
    const int rows[2] = {NUM_QUERIES, 0};
    if (write_json(argv[2], names, data, rows))
      return 1;
  }
  return 0;
}
