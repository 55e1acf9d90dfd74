#!/usr/bin/env bash
# A checkout of an older commit that runs beside the current one, for bench/src/ab-firms.ts.
# Its node_modules links to this checkout's packages, except the workspace's own (@chainbrain/*), which
# point into the old checkout: otherwise the old code would import the new engine.
# Usage: bash bench/src/ab-worktree.sh <commit> [dir]   (prints the directory; remove it with
#        git worktree remove --force <dir>)
set -euo pipefail
commit=${1:?usage: ab-worktree.sh <commit> [dir]}
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${2:-/tmp/chainbrain-ab-$(git -C "$root" rev-parse --short "$commit")}
if [ ! -d "$dir" ]; then
  git -C "$root" worktree add -q --detach "$dir" "$commit"
fi
mkdir -p "$dir/node_modules/@chainbrain"
for entry in "$root"/node_modules/* "$root"/node_modules/.bin; do
  name=$(basename "$entry")
  [ "$name" = "@chainbrain" ] || ln -sfn "$entry" "$dir/node_modules/$name"
done
for entry in "$root"/node_modules/@chainbrain/*; do
  # npm links each workspace package as ../../<its folder>; the same folder in the old checkout.
  target=$(readlink "$entry")
  ln -sfn "$dir/${target#../../}" "$dir/node_modules/@chainbrain/$(basename "$entry")"
done
echo "$dir"
