#!/usr/bin/env bash
# The collector's pauses against the live heap (bench/micro/pause.src): builds it with tbuild
# and go and prints, for each size in MB, the collections and their median and largest
# pause for both (go's pauses are its stop-the-world phases only: it marks beside the
# program; tbuild's are the whole marking).
# Usage: bench/micro/pause.sh [MB ...]   (default 8 32 128 512; needs go)
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(8 32 128 512)
source bench/micro/setup.sh pause
for mb in "${sizes[@]}"; do
  printf 'tbuild %s\n' "$("$work/tb" "$mb")"
  printf 'go     %s\n' "$("$work/go" "$mb")"
done
