#!/usr/bin/env python3
"""Regenerates the slimmed third-party CRDs in this directory from the projects' own files.

    go mod download -json github.com/argoproj/argo-cd/v3@v3.2.11        # prints "Dir"
    go mod download -json github.com/cert-manager/cert-manager@v1.21.2  # prints "Dir"
    python3 slim-crds.py <argo-cd Dir> <cert-manager Dir>

Slimming keeps every type, enum, required list and structure the API server validates with.
It drops `description` texts, and replaces a few deeply nested sub-schemas that our manifests
never use by `x-kubernetes-preserve-unknown-fields` objects:
- ApplicationSet: the nested `matrix` and `merge` generators (they repeat every generator);
- Issuer: the `acme` issuer (its HTTP01 solver embeds whole pod templates).
"""
import pathlib
import sys

import yaml

ARGOCD = ("v3.2.11", "manifests/crds", ["application-crd.yaml", "applicationset-crd.yaml", "appproject-crd.yaml"])
CERT_MANAGER = ("v1.21.2", "deploy/crds", ["cert-manager.io_certificates.yaml", "cert-manager.io_issuers.yaml"])
OPEN = {"type": "object", "x-kubernetes-preserve-unknown-fields": True}


def strip_descriptions(node):
    if isinstance(node, dict):
        # A string `description` is documentation; a mapping under that key is a property named description.
        return {k: strip_descriptions(v) for k, v in node.items() if not (k == "description" and isinstance(v, str))}
    if isinstance(node, list):
        return [strip_descriptions(v) for v in node]
    return node


def spec_schema(version):
    return version["schema"]["openAPIV3Schema"]["properties"]["spec"]


def slim(name, crd):
    crd = strip_descriptions(crd)
    for version in crd["spec"]["versions"]:
        if name == "applicationset-crd.yaml":
            generators = spec_schema(version)["properties"]["generators"]["items"]["properties"]
            generators["matrix"] = OPEN
            generators["merge"] = OPEN
        if name == "cert-manager.io_issuers.yaml":
            spec_schema(version)["properties"]["acme"] = OPEN
    return crd


def write(project, module_dir, spec):
    version, subdir, names = spec
    out = pathlib.Path(__file__).parent / project
    for name in names:
        docs = [d for d in yaml.safe_load_all((pathlib.Path(module_dir) / subdir / name).read_text()) if d]
        header = f"# Slimmed from {project} {version} {subdir}/{name} by ../slim-crds.py (see ../README.md).\n"
        (out / name).write_text(header + yaml.safe_dump(slim(name, docs[0]), sort_keys=False, width=1000))


if __name__ == "__main__":
    write("argocd", sys.argv[1], ARGOCD)
    write("cert-manager", sys.argv[2], CERT_MANAGER)
