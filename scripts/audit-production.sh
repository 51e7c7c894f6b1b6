#!/usr/bin/env bash
# `npm audit --omit=dev` at level high: fails on a high or critical advisory in what ships. When the
# registry does not offer the audit API (some mirrors answer 405), it says so and does not fail:
# nothing was checked, and the log shows it.
set -uo pipefail
out=$(npm audit --omit=dev --audit-level=high 2>&1)
status=$?
echo "$out" | tail -20
if [ $status -ne 0 ] && echo "$out" | grep -q "audit endpoint returned an error"; then
  echo "== npm audit: the registry's audit API is unavailable here; production dependencies NOT audited"
  exit 0
fi
exit $status
