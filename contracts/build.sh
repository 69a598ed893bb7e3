#!/usr/bin/env bash
# Installs the pinned compiler and libraries when needed, then compiles the contracts (offline).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec node scripts/compile.js "$@"
