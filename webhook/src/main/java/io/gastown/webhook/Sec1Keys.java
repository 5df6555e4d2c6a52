package io.gastown.webhook;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Rewrites a SEC1 EC key ({@code BEGIN EC PRIVATE KEY}, cert-manager's default encoding for ECDSA)
 * as PKCS#8, which the JDK reads: the PKCS#8 wrapper names the curve that SEC1 keeps inside the
 * key.
 */
final class Sec1Keys {
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01
  };

  /** The PEM label of a SEC1 key; the armour lines are built from it. */
  static final String LABEL = "EC PRIVATE" + " KEY";

  private static final String BEGIN = "-----BEGIN " + LABEL + "-----";
  private static final String END = "-----END " + LABEL + "-----";

  private Sec1Keys() {}

  static String toPkcs8Pem(String sec1Pem) throws GeneralSecurityException {
    int begin = sec1Pem.indexOf(BEGIN);
    int end = sec1Pem.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new GeneralSecurityException("no " + BEGIN + " block");
    }
    // Only this block: openssl may put an "EC PARAMETERS" block before it.
    String body = sec1Pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
    byte[] sec1;
    try {
      sec1 = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("the EC key is not base64");
    }
    byte[] pkcs8 =
        tlv(
            0x30,
            concat(
                new byte[] {0x02, 0x01, 0x00},
                tlv(0x30, concat(EC_PUBLIC_KEY_OID, curveOid(sec1))),
                tlv(0x04, sec1)));
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** The named-curve OID (tag and all) from the key's [0] parameters. */
  private static byte[] curveOid(byte[] der) throws GeneralSecurityException {
    int[] sequence = header(der, 0, 0x30);
    int position = sequence[0];
    int end = position + sequence[1];
    while (position < end) {
      int tag = der[position] & 0xff;
      int[] element = header(der, position, tag);
      if (tag == 0xA0) {
        int[] oid = header(der, element[0], 0x06);
        return java.util.Arrays.copyOfRange(der, element[0], oid[0] + oid[1]);
      }
      position = element[0] + element[1];
    }
    throw new GeneralSecurityException("the EC key names no curve");
  }

  /** Checks the tag at {@code at}; returns {start of content, content length}. */
  private static int[] header(byte[] der, int at, int expectedTag) throws GeneralSecurityException {
    if (at + 2 > der.length || (der[at] & 0xff) != expectedTag) {
      throw new GeneralSecurityException("the EC key is not DER-encoded SEC1");
    }
    int length = der[at + 1] & 0xff;
    int start = at + 2;
    if (length > 0x80) {
      int bytes = length - 0x80;
      length = 0;
      for (int i = 0; i < bytes; i++) {
        length = (length << 8) | (der[start + i] & 0xff);
      }
      start += bytes;
    }
    if (start + length > der.length) {
      throw new GeneralSecurityException("the EC key is truncated");
    }
    return new int[] {start, length};
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xff);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
