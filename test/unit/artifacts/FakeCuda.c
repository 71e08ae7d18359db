/*===- FakeCuda.c - A hand-written artifact for the wrong target ---------===//
 *
 * Declares target "cuda"; the CPU runtime must refuse it, naming both
 * targets.
 *
 *===----------------------------------------------------------------------===*/

const char *hopfield_artifact_manifest(void) {
  return "{\"format\": \"hopfield-artifact/1\", \"model\": \"fake-cuda\","
         " \"target\": \"cuda\", \"precision\": \"f32\","
         " \"inputs\": [{\"name\": \"x\", \"dtype\": \"float32\","
         " \"shape\": [4]}],"
         " \"outputs\": [{\"name\": \"y\", \"dtype\": \"float32\","
         " \"shape\": [4], \"kind\": \"tensor\"}]}";
}

void hopfield_artifact_run(void **descriptors) { (void)descriptors; }
