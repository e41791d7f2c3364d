#!/usr/bin/env bash
# Installs dockgrade's production dependencies and builds it, with a Node 22 and a TypeScript compiler
# kept in a folder of their own ($RUNNER_TEMP/dockgrade-tools): nothing is added to PATH, GITHUB_PATH or
# GITHUB_ENV, so the student's later steps keep their own Node. npm's cache (~/.npm) is restored by the
# action before this runs.
set -euo pipefail
root="$(cd "$GITHUB_ACTION_PATH/../../.." && pwd)"
tools="${RUNNER_TEMP:-/tmp}/dockgrade-tools"
if ! command -v npm >/dev/null 2>&1; then
  echo "::error title=dockgrade: npm missing::The runner has no npm. Expected: Node.js and npm on the runner (ubuntu-latest has them). Fix: use runs-on: ubuntu-latest, or add actions/setup-node before this action."
  exit 1
fi
want() { node -p 'require(process.argv[1]).devDependencies[process.argv[2]]' "$root/package.json" "$1"; }
quiet=(--no-audit --no-fund --loglevel=error --prefer-offline)
npm install --prefix "$tools" --no-save "${quiet[@]}" "node@$(want node)" "typescript@$(want typescript)"
npm ci --prefix "$root" --omit=dev --ignore-scripts "${quiet[@]}"
"$tools/node_modules/.bin/node" "$tools/node_modules/typescript/bin/tsc" -p "$GITHUB_ACTION_PATH/tsconfig.action.json"
echo "dockgrade $(node -p 'require(process.argv[1]).version' "$root/package.json") on Node $("$tools/node_modules/.bin/node" --version)"
