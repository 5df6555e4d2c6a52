#!/bin/sh
# Starts the process named by the first argument. JVM flags come from JAVA_TOOL_OPTIONS (the
# Deployments set a heap relative to the container's memory limit); settings from GASTOWN_* env.
set -eu
case "${1:-}" in
  webhook) main=io.gastown.webhook.WebhookServer ;;
  status-reporter) main=io.gastown.status.StatusReporter ;;
  *)
    echo "usage: webhook | status-reporter (got '${1:-}')" >&2
    exit 2
    ;;
esac
shift
exec java -cp '/app/lib/*' "$main" "$@"
