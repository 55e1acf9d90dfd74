#!/usr/bin/env bash
# Firm-level ESRI of every firm through the real command, files read and result written included.
# Usage: bash bench/src/esri-all-firms.sh <dir from write-network.ts> [threads]
set -euo pipefail
dir=${1:-/tmp/chainbrain-bench-100k}
threads=${2:-2}
root=$(cd "$(dirname "$0")/../.." && pwd)
/usr/bin/time -v node "$root/packages/cli/bin/chainbrain.js" esri \
  --edges "$dir/edges.csv" --firms "$dir/firms.csv" --essentiality "$dir/essentiality.csv" \
  --production table --substitution --eps 1e-2 --all-firms --threads "$threads" \
  --out "$dir/result.json" 2> "$dir/esri-stderr.txt" || { tail -5 "$dir/esri-stderr.txt"; exit 1; }
grep -E "chainbrain esri:|Elapsed|Maximum resident" "$dir/esri-stderr.txt"
