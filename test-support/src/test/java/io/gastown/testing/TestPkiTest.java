package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestPkiTest {

  @Test
  void anIssuedCertificateNamesTheExtraAddressesAndDnsNames() throws Exception {
    TestPki ca = TestPki.ca("test CA", TestPki.Algorithm.RSA);

    TestPki serving = ca.issue("kube-apiserver", List.of("10.96.0.1", "kubernetes.default.svc"));

    assertThat(serving.certificate().getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "localhost"),
            List.of(7, "127.0.0.1"),
            List.of(7, "10.96.0.1"),
            List.of(2, "kubernetes.default.svc"));
    serving.certificate().verify(ca.certificate().getPublicKey());
  }
}
