#!/usr/bin/env python3
"""Packs a root filesystem directory into an OCI image-layout tarball that `ctr images import` reads,
with no registry and no container engine: one uncompressed layer, an image config and a manifest, and an
index whose annotations carry the image name.

  oci-image.py ROOTFS NAME OUT.tar [--entrypoint JSON] [--cmd JSON] [--env K=V ...] [--user U] [--workdir D]
                                   [--config-json FILE]

--config-json reads the same settings from a file (keys Env, Entrypoint, Cmd, User, WorkingDir, as
hack/containerfile.py writes them); the options given on the command line win. PATH defaults to the usual
one unless Env sets it.

NAME is the full reference the pods use (e.g. ghcr.io/gastown/polecat-agent:0.1.0). Files keep their
numeric owners and modes; timestamps are clamped to 0 so the same tree gives the same digest.
"""
import argparse
import hashlib
import io
import json
import os
import sys
import tarfile
import tempfile


def layer_tar(rootfs, out):
    def reset(info):
        info.mtime = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for dirpath, dirnames, filenames in os.walk(rootfs):
            dirnames.sort()
            for name in sorted(dirnames) + sorted(filenames):
                path = os.path.join(dirpath, name)
                arcname = os.path.relpath(path, rootfs)
                info = tar.gettarinfo(path, arcname)
                if info is None:  # sockets and the like
                    continue
                reset(info)
                if info.isreg():
                    with open(path, "rb") as f:
                        tar.addfile(info, f)
                else:
                    tar.addfile(info)


def blob(directory, data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(directory, "blobs", "sha256", digest), "wb") as f:
        f.write(data)
    return "sha256:" + digest, len(data)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("rootfs")
    p.add_argument("name")
    p.add_argument("out")
    p.add_argument("--entrypoint")
    p.add_argument("--cmd")
    p.add_argument("--env", action="append", default=[])
    p.add_argument("--user")
    p.add_argument("--workdir")
    p.add_argument("--config-json")
    a = p.parse_args()
    base = {}
    if a.config_json:
        with open(a.config_json) as f:
            base = json.load(f)
    entrypoint = json.loads(a.entrypoint) if a.entrypoint is not None else base.get("Entrypoint")
    cmd = json.loads(a.cmd) if a.cmd is not None else base.get("Cmd")
    user = a.user if a.user is not None else base.get("User") or ""
    workdir = a.workdir if a.workdir is not None else base.get("WorkingDir") or ""
    env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
    for item in (base.get("Env") or []) + a.env:
        k, eq, v = item.partition("=")
        if not eq:
            sys.exit(f"oci-image.py: env {item}: expected NAME=VALUE")
        env[k] = v
    if not os.path.isdir(a.rootfs):
        sys.exit(f"oci-image.py: rootfs {a.rootfs} is not a directory")

    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(a.out))) as work:
        os.makedirs(os.path.join(work, "blobs", "sha256"))
        layer_path = os.path.join(work, "layer.tar")
        with open(layer_path, "wb") as f:
            layer_tar(a.rootfs, f)
        h = hashlib.sha256()
        with open(layer_path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        layer_digest = "sha256:" + h.hexdigest()
        layer_size = os.path.getsize(layer_path)
        os.rename(layer_path, os.path.join(work, "blobs", "sha256", h.hexdigest()))

        config = {
            "architecture": "amd64",
            "os": "linux",
            "config": {
                "Env": [f"{k}={v}" for k, v in env.items()],
                "Entrypoint": entrypoint,
                "Cmd": cmd,
                "User": user,
                "WorkingDir": workdir,
            },
            "rootfs": {"type": "layers", "diff_ids": [layer_digest]},
            "history": [{"created_by": "hack/oci-image.py"}],
        }
        config_digest, config_size = blob(work, json.dumps(config, sort_keys=True).encode())
        manifest = {
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config_size},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layer_digest, "size": layer_size}],
        }
        manifest_digest, manifest_size = blob(work, json.dumps(manifest, sort_keys=True).encode())
        tag = a.name.rsplit(":", 1)[1] if ":" in a.name.rsplit("/", 1)[-1] else "latest"
        index = {
            "schemaVersion": 2,
            "manifests": [{
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": manifest_digest,
                "size": manifest_size,
                "annotations": {"io.containerd.image.name": a.name, "org.opencontainers.image.ref.name": tag},
            }],
        }
        with open(os.path.join(work, "index.json"), "w") as f:
            json.dump(index, f, sort_keys=True)
        with open(os.path.join(work, "oci-layout"), "w") as f:
            json.dump({"imageLayoutVersion": "1.0.0"}, f)

        tmp_out = a.out + ".tmp"
        with tarfile.open(tmp_out, "w") as tar:
            for name in ("oci-layout", "index.json", "blobs"):
                tar.add(os.path.join(work, name), name)
        os.replace(tmp_out, a.out)
    print(f"{a.name} -> {a.out} ({manifest_digest})")


if __name__ == "__main__":
    main()
