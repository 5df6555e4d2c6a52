#!/usr/bin/env bash
# Generates a throw-away CA and a webhook serving certificate for the `dev` overlay
# (kustomize/components/dev-ca, used by the overlays dev and dev-in-cluster).
#
#   hack/dev-certs.sh [OUT_DIR]      # default: kustomize/components/dev-ca/certs (git-ignored)
#
# Writes ca.crt, tls.crt, tls.key (and ca.key, kept for re-issuing). The serving certificate is
# valid for localhost, 127.0.0.1 and the in-cluster Service names, so the same files work for a
# webhook run with `java ... webhook` on the host and for a Deployment in a kind-like cluster.
# Existing files are kept unless FORCE=1; the key files are created mode 600.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/kustomize/components/dev-ca/certs}
DAYS=${DAYS:-30}
mkdir -p "$OUT"

if [[ -s $OUT/tls.crt && -s $OUT/tls.key && -s $OUT/ca.crt && ${FORCE:-0} != 1 ]]; then
  echo "dev-certs: $OUT already has certificates (FORCE=1 to renew)" >&2
  exit 0
fi

umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days "$DAYS" \
  -subj "/CN=gastown-dev-ca" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$OUT/ca.key" -out "$OUT/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
  -subj "/CN=gastown-webhook.gastown-system.svc" \
  -keyout "$OUT/tls.key" -out "$OUT/tls.csr" 2>/dev/null
cat > "$OUT/ext.cnf" <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:gastown-webhook.gastown-system.svc,DNS:gastown-webhook.gastown-system.svc.cluster.local
EXT
openssl x509 -req -in "$OUT/tls.csr" -CA "$OUT/ca.crt" -CAkey "$OUT/ca.key" -CAcreateserial \
  -days "$DAYS" -sha256 -extfile "$OUT/ext.cnf" -out "$OUT/tls.crt" 2>/dev/null
rm -f "$OUT/tls.csr" "$OUT/ext.cnf" "$OUT/ca.srl"
chmod 644 "$OUT/ca.crt" "$OUT/tls.crt"
echo "dev-certs: wrote $OUT/{ca.crt,tls.crt,tls.key} (valid $DAYS days)" >&2
