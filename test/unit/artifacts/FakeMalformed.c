/*===- FakeMalformed.c - A hand-written artifact with broken JSON --------===//
 *
 * Its manifest is truncated JSON; opening it must fail with a clear message.
 *
 *===----------------------------------------------------------------------===*/

const char *hopfield_artifact_manifest(void) {
  return "{\"format\": \"hopfield-artifact/1\", \"model\": \"fake-malformed\","
         " \"inputs\": [";
}

void hopfield_artifact_run(void **descriptors) { (void)descriptors; }
