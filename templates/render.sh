#!/usr/bin/env bash
# Renders one template to stdout, only if it is complete and valid (else lists the problems).
#
#   templates/render.sh [--set NAME=VALUE]... [--values FILE] TEMPLATE > out.yaml
exec "$(dirname "$0")/../deploy-tests/template-tool.sh" render "$@"
