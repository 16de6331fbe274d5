#!/usr/bin/env bash
# The benchmark suite: builds every bench/*.src with tbuild and with `go build` on the same
# machine, checks that both print the same, and prints per program the run-time ratio
# tbuild/go (median of RUNS runs each, the runs of the binaries interleaved so that a change
# in the machine's load falls on all of them alike), the peak resident memory of one more run
# of each (GNU time's %M, in KB), the binary sizes and the build times.
# With OLD=/path/to/an/older/tbuild, each program is also built with that binary and timed in
# the same run, and the ratio new/old is printed: how a change moved the figures.
# Usage: [OLD=tbuild] bench/run.sh [RUNS]   (needs go; builds tbuild in release mode)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
old=${OLD:-}
cargo build --release -q
tb=$PWD/target/release/tbuild
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }
time_cmd() { local s e; s=$(now); "$@" >/dev/null 2>&1; e=$(now); echo "$e - $s" | bc; }
rss() { /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1; tail -1 "$work/rss"; }

if [ -n "$old" ]; then
  printf '%-10s %9s %9s %9s %7s %7s %9s %9s %10s %10s %9s %9s\n' program tbuild_s old_s go_s ratio new/old tb_rssKB go_rssKB tbuild_KB go_KB tb_build go_build
else
  printf '%-10s %9s %9s %7s %9s %9s %10s %10s %9s %9s\n' program tbuild_s go_s ratio tb_rssKB go_rssKB tbuild_KB go_KB tb_build go_build
fi
ratios=()
rss_ratios=()
olds=()
for src in bench/*.src; do
  name=$(basename "$src" .src)
  d=$work/$name
  mkdir -p "$d"
  cp "$src" "$d/main.go"
  tb_build=$(time_cmd "$tb" -o "$d/tb" "$src")
  go_build=$( (cd "$d" && time_cmd env GO111MODULE=off go build -o go main.go) )
  if ! diff <("$d/tb" 2>&1) <("$d/go" 2>&1) >/dev/null; then
    echo "$name: tbuild and go disagree" >&2
    exit 1
  fi
  # An older tbuild may not build a program that uses what it lacked: no new/old figure.
  has_old=
  if [ -n "$old" ] && "$old" -o "$d/old" "$src" 2>/dev/null; then
    has_old=1
  fi
  : >"$d/t_tb"; : >"$d/t_go"; : >"$d/t_old"
  for _ in $(seq "$runs"); do
    time_cmd "$d/tb" >>"$d/t_tb"
    time_cmd "$d/go" >>"$d/t_go"
    if [ -n "$has_old" ]; then time_cmd "$d/old" >>"$d/t_old"; fi
  done
  t_tb=$(median <"$d/t_tb")
  t_go=$(median <"$d/t_go")
  ratio=$(echo "scale=3; $t_tb / $t_go" | bc)
  ratios+=("$ratio")
  rss_tb=$(rss "$d/tb")
  rss_go=$(rss "$d/go")
  rss_ratios+=("$(echo "scale=3; $rss_tb / $rss_go" | bc)")
  kb_tb=$(( $(stat -c %s "$d/tb") / 1024 ))
  kb_go=$(( $(stat -c %s "$d/go") / 1024 ))
  if [ -n "$has_old" ]; then
    t_old=$(median <"$d/t_old")
    vs_old=$(echo "scale=3; $t_tb / $t_old" | bc)
    olds+=("$vs_old")
    printf '%-10s %9.3f %9.3f %9.3f %7.2f %7.2f %9d %9d %10d %10d %9.3f %9.3f\n' "$name" "$t_tb" "$t_old" "$t_go" \
      "$ratio" "$vs_old" "$rss_tb" "$rss_go" "$kb_tb" "$kb_go" "$tb_build" "$go_build"
  elif [ -n "$old" ]; then
    printf '%-10s %9.3f %9s %9.3f %7.2f %7s %9d %9d %10d %10d %9.3f %9.3f\n' "$name" "$t_tb" - "$t_go" \
      "$ratio" - "$rss_tb" "$rss_go" "$kb_tb" "$kb_go" "$tb_build" "$go_build"
  else
    printf '%-10s %9.3f %9.3f %7.2f %9d %9d %10d %10d %9.3f %9.3f\n' "$name" "$t_tb" "$t_go" "$ratio" \
      "$rss_tb" "$rss_go" "$kb_tb" "$kb_go" "$tb_build" "$go_build"
  fi
done
geo() { printf '%s\n' "$@" | awk '{s+=log($1)} END {printf "%.3f", exp(s/NR)}'; }
echo "geometric mean run-time ratio tbuild/go: $(geo "${ratios[@]}")"
echo "geometric mean peak-RSS ratio tbuild/go: $(geo "${rss_ratios[@]}")"
if [ -n "$old" ]; then
  echo "geometric mean run-time ratio tbuild/old: $(geo "${olds[@]}")"
fi
