#!/usr/bin/env bash
# Validates YAML templates: fills the {{VARIABLE}} markers and reports every missing variable
# and every schema error (against the CRDs in kustomize/base/crds), not just the first.
#
#   templates/validate.sh [--set NAME=VALUE]... [--values FILE] TEMPLATE...
#
# FILE holds NAME=VALUE lines. Exit 0 when valid, 1 with the list of problems otherwise.
exec "$(dirname "$0")/../deploy-tests/template-tool.sh" validate "$@"
