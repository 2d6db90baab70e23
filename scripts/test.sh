#!/usr/bin/env bash
# The README's test command: starts the project's PostgreSQL cluster, installs what tests need (Chromium for the
# browser test, front-end packages), then runs the whole test suite. .ci/run calls exactly this.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

scripts/postgres.sh start
scripts/prerequisites.sh --browser --tor
TORMETRICS_TEST_ADMIN_CONNECTION=$(scripts/postgres.sh admin-connection-string)
export TORMETRICS_TEST_ADMIN_CONNECTION

log="$ROOT/.data/test-output.log"
set +e
dotnet test TorMetrics.slnx --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line, whatever the runner printed: "Tests: N passed, N failed, N skipped".
# With the normal-verbosity console logger, dotnet test ends with "Passed: N", "Failed: N", "Skipped: N" lines.
count() { grep -E "^\s+$1: +[0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
echo "Tests: $(count Passed) passed, $(count Failed) failed, $(count Skipped) skipped"
exit "$status"
