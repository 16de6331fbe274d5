#!/usr/bin/env bash
# The hashes microbenchmark (bench/micro/hashes.src): builds it with this tree's tbuild and
# with go, checks that both print the same digest for every hash, then runs each RUNS times
# (interleaved) and prints the minimum and the median of the in-program times, in
# milliseconds, and the ratio of the minima (the minimum is steadier on a shared machine).
# Usage: bench/micro/hashes.sh [RUNS]   (needs go)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-9}
source bench/micro/setup.sh hashes
names=(sha256 crc32 crc32c crc32k sha512 sha1 md5 adler32 fnv64a)
for n in "${names[@]}"; do
  [ "$("$work/go" "$n" | cut -d' ' -f2)" = "$("$work/tb" "$n" | cut -d' ' -f2)" ] ||
    { echo "$n: tbuild's digest differs from go's" >&2; exit 1; }
done
for i in $(seq "$runs"); do
  for n in "${names[@]}"; do
    for b in go tb; do echo "$b $("$work/$b" "$n")"; done
  done
done > "$work/times"
printf '%-8s %9s %9s %9s %9s %7s\n' hash go_min go_med tb_min tb_med ratio
for n in "${names[@]}"; do
  python3 - "$work/times" "$n" <<'PY'
import sys, statistics
lines = [l.split() for l in open(sys.argv[1])]
name = sys.argv[2]
t = {b: sorted(float(l[3]) for l in lines if l[0] == b and l[1] == name) for b in ("go", "tb")}
print("%-8s %9.1f %9.1f %9.1f %9.1f %7.2f" % (name, t["go"][0], statistics.median(t["go"]),
      t["tb"][0], statistics.median(t["tb"]), t["tb"][0] / t["go"][0]))
PY
done
