package io.gastown.model;

import io.gastown.render.PolecatManifests;
import io.gastown.testing.Golden;

/**
 * A deliberate layering violation for LayeringTest: the model must import neither render nor test
 * support.
 */
public final class WrongImportFixture {
  private WrongImportFixture() {}

  static String wrong() {
    return PolecatManifests.agentImage("x") + Golden.root();
  }
}
