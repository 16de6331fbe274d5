# The set-up the bench/micro scripts share; each sources it from the repository's root as
#   source bench/micro/setup.sh NAME [OUT]
# It builds this tree's tbuild (release; its path in $tbuild), makes the temporary
# directory $work (removed at exit) and builds bench/micro/NAME.src there with tbuild, as
# $work/OUT (default tb), and with go, as $work/go.
cargo build --release -q
tbuild=${CARGO_TARGET_DIR:-target}/release/tbuild
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "bench/micro/$1.src" "$work/main.go"
TBUILD_CACHE=off "$tbuild" -o "$work/${2:-tb}" "bench/micro/$1.src"
(cd "$work" && GO111MODULE=off go build -o go main.go)
