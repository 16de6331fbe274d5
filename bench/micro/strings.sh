#!/usr/bin/env bash
# The strings microbenchmark (bench/micro/strings.src): builds it with this tree's tbuild,
# with go and, if given, with another tbuild binary (an older build, to compare), checks that
# every build prints the same for every benchmark, then times each with hyperfine and prints
# the median wall time and the mean user time, in milliseconds (user time is steadier on a
# shared machine).
# Usage: bench/micro/strings.sh [OLD_TBUILD] [RUNS]   (needs go and hyperfine)
set -euo pipefail
cd "$(dirname "$0")/../.."
old=${1:-}
runs=${2:-10}
source bench/micro/setup.sh strings new
builds=(go new)
if [ -n "$old" ]; then
  TBUILD_CACHE=off "$old" -o "$work/old" bench/micro/strings.src
  builds=(go old new)
fi
names=(index index-hard indexbyte contains split fields replace toupper builder misc)
for n in "${names[@]}"; do
  want=$("$work/go" "$n")
  for b in "${builds[@]}"; do
    [ "$("$work/$b" "$n")" = "$want" ] || { echo "$n: $b prints differently from go" >&2; exit 1; }
  done
done
printf '%-11s' benchmark
for b in "${builds[@]}"; do printf ' %9s %9s' "${b}_ms" "${b}_user"; done
echo
for n in "${names[@]}"; do
  printf '%-11s' "$n"
  for b in "${builds[@]}"; do
    hyperfine -N -w 1 -r "$runs" --export-json "$work/t.json" "$work/$b $n" >/dev/null 2>&1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(" %9.1f %9.1f" % (1000*r["median"], 1000*r["user"]), end="")' "$work/t.json"
  done
  echo
done
