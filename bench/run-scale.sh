#!/bin/sh
# Scale benchmark: compositional proofs of translated networks against ABC's &cec
# on the same pairs (see bench/scale.ts). Installs ABC (Debian: berkeley-abc) when
# it is missing, builds the benches, and runs them. Arguments go to scale.js, e.g.
#   bench/run-scale.sh --strategy threshold --abc-timeout 600 --jobs 2
set -e
cd "$(dirname "$0")/.."
if ! command -v berkeley-abc >/dev/null 2>&1; then
  echo "installing berkeley-abc (ABC) ..." >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q berkeley-abc
  else sudo apt-get update -q && sudo apt-get install -y -q berkeley-abc; fi
fi
npx tsc -p tsconfig.bench.json
node dist/bench/scale.js "$@"
