package io.gastown.expand;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built-in host keys are the providers' real keys: each key's SHA256 fingerprint equals the
 * fingerprint the provider publishes (GitHub, GitLab and Bitbucket documentation pages named in the
 * known_hosts header).
 */
class KnownHostsTest {
  private static final Map<String, String> PUBLISHED_FINGERPRINTS = new LinkedHashMap<>();

  static {
    PUBLISHED_FINGERPRINTS.put(
        "github.com ssh-ed25519", "SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU");
    PUBLISHED_FINGERPRINTS.put(
        "github.com ecdsa-sha2-nistp256", "SHA256:p2QAMXNIC1TJYWeIOttrVc98/R1BUFWu3/LiyKgUfQM");
    PUBLISHED_FINGERPRINTS.put(
        "github.com ssh-rsa", "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s");
    PUBLISHED_FINGERPRINTS.put(
        "gitlab.com ssh-ed25519", "SHA256:eUXGGm1YGsMAS7vkcx6JOJdOGHPem5gQp4taiCfCLB8");
    PUBLISHED_FINGERPRINTS.put(
        "gitlab.com ecdsa-sha2-nistp256", "SHA256:HbW3g8zUjNSksFbqTiUWPWg2Bq1x8xdGUrliXFzSnUw");
    PUBLISHED_FINGERPRINTS.put(
        "gitlab.com ssh-rsa", "SHA256:ROQFvPThGrW4RuWLoL9tq9I9zJ42fK4XywyRtbOz/EQ");
    PUBLISHED_FINGERPRINTS.put(
        "bitbucket.org ssh-ed25519", "SHA256:ybgmFkzwOSotHTHLJgHO0QN8L0xErw6vd0VhFA9m3SM");
    PUBLISHED_FINGERPRINTS.put(
        "bitbucket.org ecdsa-sha2-nistp256", "SHA256:FC73VB6C4OQLSCrjEayhMp9UMxS97caD/Yyi2bhW/J0");
    PUBLISHED_FINGERPRINTS.put(
        "bitbucket.org ssh-rsa", "SHA256:46OSHA1Rmj8E8ERTC6xkNcmGOw9oFxYr0WF6zWW8l1E");
  }

  @Test
  void everyBuiltInKeyHasThePublishedFingerprint() throws Exception {
    Map<String, String> actual = new LinkedHashMap<>();
    for (String line : Resources.BUILT_IN_KNOWN_HOSTS.split("\n")) {
      String[] fields = line.split(" ");
      assertThat(fields).as("known_hosts line '%s'", line).hasSize(3);
      byte[] blob = Base64.getDecoder().decode(fields[2]);
      String fingerprint =
          "SHA256:"
              + Base64.getEncoder()
                  .withoutPadding()
                  .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
      actual.put(fields[0] + " " + fields[1], fingerprint);
    }
    assertThat(actual).containsExactlyEntriesOf(PUBLISHED_FINGERPRINTS);
  }
}
