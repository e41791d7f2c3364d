#!/usr/bin/env bash
# The grading step: `dockgrade classroom` prints the job log (every check with points and feedback, the
# total, Classroom's points notices), appends the report to the job summary and writes the step outputs.
# It exits non-zero, recording no grade, when the run could not grade.
set -uo pipefail
root="$(cd "$GITHUB_ACTION_PATH/../../.." && pwd)"
node22="${RUNNER_TEMP:-/tmp}/dockgrade-tools/node_modules/.bin/node"
[ -x "$node22" ] || node22=node
rubric="${INPUT_RUBRIC:-$root/rubrics/docker-basics}"
exec "$node22" "$root/bin/dockgrade.js" classroom "${INPUT_PATH:-.}" --rubric "$rubric" \
  --lang "${INPUT_LANG:-fr}" --out "${RUNNER_TEMP:-/tmp}/dockgrade-report"
