#!/usr/bin/env bash
# Build latency, tbuild against `go build` in the same run (hyperfine; medians in ms):
#   hello      fmt.Println: warm and up to date (nothing to do), warm but the output removed
#              (link again), warm after an edit of main (compile main, link), cold (empty cache)
#   module     tests/modules/app's cmd/hello, 21 packages: warm and up to date, after a
#              one-line edit in util.Fail's body (util and the link), cold (empty cache)
# Cold empties both caches: go 1.19 then compiles main alone (`go build -x`), its standard
# library being shipped compiled in $GOROOT/pkg; tbuild compiles its bundled packages too.
# Usage: [TBUILD=path] bench/build.sh [RUNS]   (needs go and hyperfine; without TBUILD,
# builds tbuild in release mode)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
tb=${TBUILD:-}
if [ -z "$tb" ]; then
  cargo build --release -q
  tb=$PWD/target/release/tbuild
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TBUILD_CACHE=$work/tbcache GOCACHE=$work/gocache CGO_ENABLED=0 GOFLAGS= GOPROXY=off

# One hyperfine measurement: prints the median in ms.
measure() {
  local prepare=$1 cmd=$2
  hyperfine -N -w 2 -r "$runs" --prepare "$prepare" --export-json "$work/h.json" "$cmd" >/dev/null 2>&1
  python3 -c "import json; print('%.1f' % (json.load(open('$work/h.json'))['results'][0]['median'] * 1000))"
}
row() { printf '%-34s %9s %9s\n' "$1" "$2" "$3"; }

mkdir -p "$work/hello"
cd "$work/hello"
printf 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hello, world")\n}\n' >main.go
printf 'module hello\n\ngo 1.19\n' >go.mod
# Gives main a string it never had before, so that each run compiles main again: an edit
# back to an earlier text would find that compile in the cache (tbuild's and go's).
cat >"$work/flip" <<'EOF'
#!/bin/sh
sed -i "s/hello, world[0-9]*/hello, world$(date +%s%N)/" "$1"
EOF
chmod +x "$work/flip"
$tb -o tb main.go && go build -o go main.go
printf '%-34s %9s %9s\n' "build (ms, median of $runs)" tbuild go
row "hello, up to date" "$(measure true "$tb -o tb main.go")" "$(measure true "go build -o go main.go")"
row "hello, output removed" "$(measure 'rm -f tb' "$tb -o tb main.go")" "$(measure 'rm -f go' "go build -o go main.go")"
row "hello, main edited" "$(measure "$work/flip main.go" "$tb -o tb main.go")" "$(measure "$work/flip main.go" "go build -o go main.go")"
row "hello, cold cache" "$(measure "rm -rf $TBUILD_CACHE tb" "$tb -o tb main.go")" "$(measure "rm -rf $GOCACHE go" "go build -o go main.go")"

cp -r "$OLDPWD/tests/modules" "$work/modules"
cd "$work/modules/app"
$tb build -o tb ./cmd/hello && go build -o go ./cmd/hello
cat >"$work/edit" <<'EOF'
#!/bin/sh
sed -i "s/\"util.Fail[0-9]*: %d\"/\"util.Fail$(date +%s%N): %d\"/" "$1"
EOF
chmod +x "$work/edit"
row "module (21 packages), up to date" "$(measure true "$tb build -o tb ./cmd/hello")" "$(measure true "go build -o go ./cmd/hello")"
row "module, one-line edit" "$(measure "$work/edit util/util.go" "$tb build -o tb ./cmd/hello")" "$(measure "$work/edit util/util.go" "go build -o go ./cmd/hello")"
row "module, cold cache" "$(measure "rm -rf $TBUILD_CACHE tb" "$tb build -o tb ./cmd/hello")" "$(measure "rm -rf $GOCACHE go" "go build -o go ./cmd/hello")"
