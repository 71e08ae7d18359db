/*===- FakeEnvManifest.c - An artifact whose manifest the test chooses ---===//
 *
 * Returns the manifest held in the environment variable
 * HOPFIELD_FAKE_MANIFEST (null when unset), so the runtime tests can check
 * the manifest validation message by message. Its run does nothing.
 *
 *===----------------------------------------------------------------------===*/

#include <stdlib.h>

const char *hopfield_artifact_manifest(void) {
  return getenv("HOPFIELD_FAKE_MANIFEST");
}

void hopfield_artifact_run(void **descriptors) { (void)descriptors; }
