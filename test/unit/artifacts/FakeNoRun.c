/*===- FakeNoRun.c - A hand-written artifact without its entry point -----===//
 *
 * Exports a valid manifest but no hopfield_artifact_run.
 *
 *===----------------------------------------------------------------------===*/

const char *hopfield_artifact_manifest(void) {
  return "{\"format\": \"hopfield-artifact/1\", \"model\": \"fake-norun\","
         " \"target\": \"cpu\", \"precision\": \"f32\", \"inputs\": [],"
         " \"outputs\": []}";
}
