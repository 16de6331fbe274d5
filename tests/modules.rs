//! Builds of packages in modules (`tbuild build [-o OUT] PACKAGES`, `tbuild run PACKAGE`)
//! against go's, on the modules under tests/modules/: `app` (nested packages, internal/,
//! a module replaced by a local directory, build-tagged and `_linux`/`_windows` files,
//! files go/build ignores, two packages of the same name, init order across packages, a
//! chain of eight packages `layers/l1`..`l8`: 21 packages with lib's),
//! `lib` (the replaced module) and `errs` (one package per load or compile error). Each
//! test copies them to a temporary directory and runs go (CGO_ENABLED=0, as tbuild has no
//! cgo; GOPROXY=off, as tbuild has no network) and tbuild there, then compares stdout,
//! stderr and the exit status. What may differ is only what names the tool (`go build` /
//! `tbuild build`, `go:` / `tbuild:`), the GOROOT path after `is not in GOROOT`, the
//! `+0x` offsets of traceback frames (different code), and the line tbuild adds where go
//! would offer to download a module ([`NO_NETWORK`]).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// The line tbuild prints under go's `go get` suggestion (driver/src/load.rs NO_NETWORK).
const NO_NETWORK: &str = "\t(tbuild does not download modules: go get it, or require it and replace it with a local directory in go.mod)";

/// A copy of tests/modules in a temporary directory (outputs are written beside the
/// sources, and go records version-control facts of a checkout that it would not here).
fn fixtures() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let (_, err, code) = run(Command::new("cp")
        .arg("-r")
        .arg(root().join("tests/modules"))
        .arg(tmp.path()));
    assert_eq!(code, 0, "cp: {err}");
    tmp
}

fn go(dir: &Path, args: &[&str]) -> (String, String, i32) {
    run(go_cmd(dir).args(args))
}

fn go_cmd(dir: &Path) -> Command {
    let mut c = Command::new("go");
    c.current_dir(dir)
        .env("CGO_ENABLED", "0")
        .env("GOPROXY", "off")
        .env("GOFLAGS", "")
        .env("GOWORK", "off")
        .env("GO111MODULE", "on")
        .env("GOCACHE", std::env::temp_dir().join("tbuild-test-gocache"));
    c
}

fn tb(dir: &Path, args: &[&str]) -> (String, String, i32) {
    run(tbuild().args(args).current_dir(dir))
}

/// Text with what may differ between the tools made equal (see the module comment).
fn normalize(text: &str, root: &Path) -> String {
    let mut out = Vec::new();
    for line in text.replace(&root.display().to_string(), "$ROOT").lines() {
        if line == NO_NETWORK {
            continue;
        }
        let mut l = line
            .replacen("go build ", "tbuild build ", 1)
            .replacen("go: ", "tbuild: ", 1);
        if let Some(i) = l.find("is not in GOROOT (") {
            l.truncate(i + "is not in GOROOT".len());
        }
        if let Some(i) = l.rfind(" +0x") {
            if l[i + 4..].bytes().all(|b| b.is_ascii_hexdigit()) {
                l.truncate(i);
            }
        }
        out.push(l);
    }
    out.join("\n")
}

/// Asserts that go and tbuild give the same (normalized) results.
fn same(what: &str, root: &Path, g: (String, String, i32), t: (String, String, i32)) {
    let g = (normalize(&g.0, root), normalize(&g.1, root), g.2);
    let t = (normalize(&t.0, root), normalize(&t.1, root), t.2);
    assert_eq!(t, g, "{what}: tbuild (left) differs from go (right)");
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Builds `pkg` in `dir` with both tools to `tmp/{go,tbuild}-NAME`; returns the two
/// executables.
fn build_both(dir: &Path, tmp: &Path, pkg: &str, name: &str) -> (PathBuf, PathBuf) {
    let g = tmp.join(format!("go-{name}"));
    let t = tmp.join(format!("tbuild-{name}"));
    let (_, err, code) = go(dir, &["build", "-o", g.to_str().unwrap(), pkg]);
    assert_eq!(code, 0, "go build {pkg}: {err}");
    let (_, err, code) = tb(dir, &["build", "-o", t.to_str().unwrap(), pkg]);
    assert_eq!(code, 0, "tbuild build {pkg}: {err}");
    (g, t)
}

#[test]
fn a_command_of_the_module_runs_as_gos() {
    if !have("go") {
        return;
    }
    let tmp = fixtures();
    let app = tmp.path().join("modules/app");
    let (g, t) = build_both(&app, tmp.path(), "./cmd/hello", "hello");
    // Init order across packages (dependencies first, depth first in import order, the
    // main package's files in name order), tagged files, generics across packages.
    same(
        "hello",
        tmp.path(),
        run(&mut Command::new(&g)),
        run(&mut Command::new(&t)),
    );
    // A panic's traceback: functions by import path, files by absolute path.
    let (gr, tr) = (
        run(Command::new(&g).arg("fail")),
        run(Command::new(&t).arg("fail")),
    );
    assert!(tr.1.contains("example.com/app/util.Fail()\n\t"), "{}", tr.1);
    same("hello fail", tmp.path(), gr, tr);
    // A dot in the last element of an import path is escaped in symbols, as Go's.
    let (gr, tr) = (
        run(Command::new(&g).arg("dotted")),
        run(Command::new(&t).arg("dotted")),
    );
    assert!(
        tr.1.contains("example.com/app/dotted%2ev2.Fail()"),
        "{}",
        tr.1
    );
    same("hello dotted", tmp.path(), gr, tr);
    // -trimpath: files as module path and path in the module, as go's.
    let (gt, tt) = (tmp.path().join("go-trim"), tmp.path().join("tbuild-trim"));
    let (_, err, code) = go(
        &app,
        &[
            "build",
            "-trimpath",
            "-o",
            gt.to_str().unwrap(),
            "./cmd/hello",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (_, err, code) = tb(
        &app,
        &[
            "build",
            "-trimpath",
            "-o",
            tt.to_str().unwrap(),
            "./cmd/hello",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (gr, tr) = (
        run(Command::new(&gt).arg("fail")),
        run(Command::new(&tt).arg("fail")),
    );
    assert!(tr.1.contains("\texample.com/app/util/util.go:"), "{}", tr.1);
    same("hello fail -trimpath", tmp.path(), gr, tr);
    // The package's files named on the command line: package command-line-arguments,
    // importing the module's packages.
    let cmd = app.join("cmd/hello");
    let (gf, tf) = (tmp.path().join("go-files"), tmp.path().join("tbuild-files"));
    let (_, err, code) = go(
        &cmd,
        &["build", "-o", gf.to_str().unwrap(), "main.go", "z.go"],
    );
    assert_eq!(code, 0, "{err}");
    let (_, err, code) = tb(&cmd, &["-o", tf.to_str().unwrap(), "main.go", "z.go"]);
    assert_eq!(code, 0, "{err}");
    same(
        "files",
        tmp.path(),
        run(&mut Command::new(&gf)),
        run(&mut Command::new(&tf)),
    );
    // `tbuild run a.go b.go ARGS`: the leading .go arguments are the files, as go run's.
    same(
        "run files",
        tmp.path(),
        run(Command::new(&gf).arg("fail")),
        tb(&cmd, &["run", "main.go", "z.go", "fail"]),
    );
    // `tbuild run PACKAGE ARGS` runs the same program.
    let tr = tb(&app, &["run", "./cmd/hello", "fail"]);
    same(
        "run hello fail",
        tmp.path(),
        run(Command::new(&g).arg("fail")),
        tr,
    );
}

#[test]
fn packages_of_the_same_name_stay_apart() {
    if !have("go") {
        return;
    }
    let tmp = fixtures();
    let app = tmp.path().join("modules/app");
    let (g, t) = build_both(&app, tmp.path(), "example.com/app/cmd/same", "same");
    same(
        "same",
        tmp.path(),
        run(&mut Command::new(&g)),
        run(&mut Command::new(&t)),
    );
}

#[test]
fn patterns_and_outputs_are_go_builds() {
    if !have("go") {
        return;
    }
    let tmp = fixtures();
    let app = tmp.path().join("modules/app");
    let before = files_in(&app);
    // Several packages: built and discarded. testdata/, _ignored/ are not matched.
    same(
        "build ./...",
        tmp.path(),
        go(&app, &["build", "./..."]),
        tb(&app, &["build", "./..."]),
    );
    assert_eq!(files_in(&app), before, "build ./... wrote files");
    // -o DIR/: each main package into DIR, named after its import path.
    let (gd, td) = (tmp.path().join("go-bin"), tmp.path().join("tbuild-bin"));
    for (d, out) in [
        (
            &gd,
            go(
                &app,
                &["build", "-o", &format!("{}/", gd.display()), "./..."],
            ),
        ),
        (
            &td,
            tb(
                &app,
                &["build", "-o", &format!("{}/", td.display()), "./..."],
            ),
        ),
    ] {
        assert_eq!(out.2, 0, "{}", out.1);
        assert!(d.is_dir());
    }
    assert_eq!(files_in(&td), files_in(&gd));
    assert_eq!(files_in(&td), ["hello", "other", "same"]);
    // Several packages and -o FILE: refused.
    same(
        "-o file ./...",
        tmp.path(),
        go(&app, &["build", "-o", "x", "./..."]),
        tb(&app, &["build", "-o", "x", "./..."]),
    );
    // One main package and no -o: the executable is named after it, in the current
    // directory; `.` is the current directory's package.
    let cmd = app.join("cmd/other");
    let (_, err, code) = tb(&cmd, &["build"]);
    assert_eq!(code, 0, "{err}");
    let (out, _, code) = run(&mut Command::new(cmd.join("other")));
    assert_eq!((out.as_str(), code), ("", 0));
    fs::remove_file(cmd.join("other")).unwrap();
    same(
        "build in cmd/other",
        tmp.path(),
        go(&cmd, &["build", "."]),
        tb(&cmd, &["build", "."]),
    );
    assert!(cmd.join("other").is_file());
    // A pattern that matches nothing, and one under a missing directory.
    same(
        "no match",
        tmp.path(),
        go(&app, &["build", "example.com/nothing/..."]),
        tb(&app, &["build", "example.com/nothing/..."]),
    );
    same(
        "missing dir",
        tmp.path(),
        go(&app, &["build", "./nothing/..."]),
        tb(&app, &["build", "./nothing/..."]),
    );
    // A non-main package alone: compiled, nothing written.
    same(
        "build util",
        tmp.path(),
        go(&app, &["build", "./util"]),
        tb(&app, &["build", "./util"]),
    );
    assert_eq!(files_in(&app), before);
}

#[test]
fn errors_are_gos() {
    if !have("go") {
        return;
    }
    let tmp = fixtures();
    let errs = tmp.path().join("modules/errs");
    for pkg in [
        "./cycle",
        "./cyc1",
        "./hidden",
        "./missing",
        "./mixed",
        "./mixedimp",
        "./excluded",
        "./allwin",
        "./program",
        "./onlytests",
        "./nope",
        "./empty",
        "./nonexistent",
        "example.com/errs/nothere",
        "example.com/else/x",
        "fmtx",
    ] {
        let g = go(&errs, &["build", pkg]);
        assert_ne!(g.2, 0, "go build {pkg} succeeded");
        same(pkg, tmp.path(), g, tb(&errs, &["build", pkg]));
    }
    // A compile error in an imported package: its `# path` header, exit status 2, for
    // build and for run.
    let null = "/dev/null";
    same(
        "compile",
        tmp.path(),
        go(&errs, &["build", "-o", null, "./compile"]),
        tb(&errs, &["build", "-o", null, "./compile"]),
    );
    let g = go(&errs, &["run", "./compile"]);
    same(
        "run compile",
        tmp.path(),
        g,
        tb(&errs, &["run", "./compile"]),
    );
    same(
        "run a library",
        tmp.path(),
        go(&errs, &["run", "./cyc2"]),
        tb(&errs, &["run", "./cyc2"]),
    );
    same(
        "run fmt",
        tmp.path(),
        go(&errs, &["run", "fmt"]),
        tb(&errs, &["run", "fmt"]),
    );
    // Files on the command line that import the module's packages.
    for files in [
        &["hidden/main.go"][..],
        &["cycle/main.go"],
        &["missing/main.go"],
        &["compile/main.go"],
    ] {
        let mut g = vec!["build", "-o", null];
        g.extend_from_slice(files);
        let mut t = vec!["-o", null];
        t.extend_from_slice(files);
        same(files[0], tmp.path(), go(&errs, &g), tb(&errs, &t));
    }
    // Outside any module.
    let (_, err, code) = tb(tmp.path(), &["build", "./..."]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "tbuild: go.mod file not found in current directory or any parent directory; see 'go help modules'\n"
    );
}

/// Files of a package other than main, named on the command line outside any module: go
/// build compiles them and writes nothing (with -o, an `ar` archive of the package), and go
/// run refuses them as "not a main package"; tbuild does the same.
#[test]
fn files_of_a_library_compile_and_do_not_run() {
    if !have("go") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(
        dir.join("lib.go"),
        "package lib\n\nimport \"fmt\"\n\nfunc Hello() { fmt.Println(\"hi\") }\n",
    )
    .unwrap();
    let before = files_in(dir);
    same(
        "build",
        dir,
        go(dir, &["build", "lib.go"]),
        tb(dir, &["build", "lib.go"]),
    );
    assert_eq!(files_in(dir), before, "a library's build writes nothing");
    same(
        "run",
        dir,
        go(dir, &["run", "lib.go"]),
        tb(dir, &["run", "lib.go"]),
    );
    let (_, err, code) = tb(dir, &["build", "-o", "lib.a", "lib.go"]);
    assert_eq!(code, 0, "{err}");
    let archive = fs::read(dir.join("lib.a")).unwrap();
    assert!(
        archive.starts_with(b"!<arch>\n_go_.o/"),
        "an ar archive of the object"
    );
    let (listed, _, code) = run(Command::new("ar").arg("t").arg(dir.join("lib.a")));
    assert_eq!((listed.as_str(), code), ("_go_.o\n", 0), "GNU ar reads it");
}

/// `go version -m` reads the same module lines from tbuild's binary as from go's.
#[test]
fn build_info_names_the_modules() {
    if !have("go") {
        return;
    }
    let tmp = fixtures();
    let app = tmp.path().join("modules/app");
    let (g, t) = build_both(&app, tmp.path(), "./cmd/hello", "hello");
    let modules = |exe: &Path| {
        let (out, err, code) = go(&app, &["version", "-m", exe.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        out.lines()
            .skip(1)
            .filter(|l| !l.starts_with("\tbuild\t"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let want = modules(&g);
    assert_eq!(modules(&t), want);
    assert!(
        want.iter().any(|l| l == "\tdep\texample.com/lib\tv0.1.0"),
        "{want:?}"
    );
    // Files on the command line: the main module is a dependency.
    let cmd = app.join("cmd/hello");
    let (gf, tf) = (tmp.path().join("go-files"), tmp.path().join("tbuild-files"));
    let (_, err, code) = go(
        &cmd,
        &["build", "-o", gf.to_str().unwrap(), "main.go", "z.go"],
    );
    assert_eq!(code, 0, "{err}");
    let (_, err, code) = tb(&cmd, &["-o", tf.to_str().unwrap(), "main.go", "z.go"]);
    assert_eq!(code, 0, "{err}");
    let want = modules(&gf);
    assert_eq!(modules(&tf), want);
    assert!(
        want.iter()
            .any(|l| l == "\tdep\texample.com/app\t(devel)\t"),
        "{want:?}"
    );
}

/// With vendor/modules.txt (go mod vendor), packages of other modules come from vendor/:
/// a change to the vendored copy shows in both tools' programs.
#[test]
fn vendored_modules() {
    if !have("go") {
        return;
    }
    let tmp = fixtures();
    let app = tmp.path().join("modules/app");
    let (_, err, code) = go(&app, &["mod", "vendor"]);
    assert_eq!(code, 0, "go mod vendor: {err}");
    let lib = app.join("vendor/example.com/lib/lib.go");
    let text = fs::read_to_string(&lib).unwrap();
    fs::write(&lib, text.replace("hello from ", "vendored hello from ")).unwrap();
    let (g, t) = build_both(&app, tmp.path(), "./cmd/hello", "hello");
    let (gr, tr) = (run(&mut Command::new(&g)), run(&mut Command::new(&t)));
    assert!(tr.0.contains("vendored hello from lib"), "{}", tr.0);
    same("vendored", tmp.path(), gr, tr);
    // -mod=mod (or GOFLAGS=-mod=mod) reads the replacement directory instead.
    let (out, err, code) = tb(&app, &["run", "-mod=mod", "./cmd/hello"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("\thello from lib") || out.contains(" hello from lib"),
        "{out}"
    );
    let (out2, err, code) = run(tbuild()
        .args(["run", "./cmd/hello"])
        .current_dir(&app)
        .env("GOFLAGS", "-mod=mod"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out2, out);
    assert!(!out.contains("vendored"), "{out}");
}

/// A module in the module cache (`$GOMODCACHE/path@version`, the path case-encoded), put
/// there by go itself from a file:// proxy; and one that is required but not downloaded.
#[test]
fn modules_from_the_module_cache() {
    if !have("go") || !have("zip") {
        return;
    }
    let tmp = fixtures();
    let t = tmp.path();
    // The proxy: example.com/Cased v1.0.0 (golang.org/ref/mod, "GOPROXY protocol").
    let stage = t.join("stage/example.com/Cased@v1.0.0");
    fs::create_dir_all(&stage).unwrap();
    fs::write(
        stage.join("go.mod"),
        "module example.com/Cased\n\ngo 1.19\n",
    )
    .unwrap();
    fs::write(
        stage.join("cased.go"),
        "package cased\n\nimport \"fmt\"\n\nfunc init() { fmt.Println(\"cased: init\") }\n\nfunc Name() string { return \"from the module cache\" }\n",
    )
    .unwrap();
    let proxy = t.join("proxy/example.com/!cased/@v");
    fs::create_dir_all(&proxy).unwrap();
    fs::write(proxy.join("list"), "v1.0.0\n").unwrap();
    fs::write(proxy.join("v1.0.0.info"), "{\"Version\":\"v1.0.0\"}\n").unwrap();
    fs::copy(stage.join("go.mod"), proxy.join("v1.0.0.mod")).unwrap();
    let (_, err, code) = run(Command::new("zip")
        .arg("-qrD")
        .arg(proxy.join("v1.0.0.zip"))
        .arg("example.com")
        .current_dir(t.join("stage")));
    assert_eq!(code, 0, "zip: {err}");
    let m = t.join("cachemod");
    fs::create_dir_all(&m).unwrap();
    fs::write(
        m.join("go.mod"),
        "module example.com/usecache\n\ngo 1.19\n\nrequire example.com/Cased v1.0.0\n",
    )
    .unwrap();
    fs::write(
        m.join("main.go"),
        "package main\n\nimport (\n\t\"fmt\"\n\n\tcased \"example.com/Cased\"\n)\n\nfunc main() { fmt.Println(cased.Name()) }\n",
    )
    .unwrap();
    let cache = t.join("gomodcache");
    let (_, err, code) = run(go_cmd(&m)
        .args(["mod", "download", "example.com/Cased"])
        .env("GOMODCACHE", &cache)
        .env("GOPROXY", format!("file://{}", t.join("proxy").display()))
        .env("GOSUMDB", "off")
        .env("GOFLAGS", "-mod=mod"));
    assert_eq!(code, 0, "go mod download: {err}");
    assert!(cache.join("example.com/!cased@v1.0.0/cased.go").is_file());
    let (_, err, code) = run(go_cmd(&m)
        .args(["mod", "tidy"])
        .env("GOMODCACHE", &cache)
        .env("GOPROXY", format!("file://{}", t.join("proxy").display()))
        .env("GOSUMDB", "off"));
    assert_eq!(code, 0, "go mod tidy: {err}");
    let g = t.join("go-cached");
    let (_, err, code) = run(go_cmd(&m)
        .args(["build", "-o"])
        .arg(&g)
        .arg(".")
        .env("GOMODCACHE", &cache));
    assert_eq!(code, 0, "go build: {err}");
    let tr = run(tbuild()
        .args(["run", "."])
        .current_dir(&m)
        .env("GOMODCACHE", &cache));
    assert_eq!(tr.0, "cased: init\nfrom the module cache\n", "{}", tr.1);
    same("module cache", t, run(&mut Command::new(&g)), tr);
    // The build information carries the module's go.sum hash, as go's does.
    let tx = t.join("tbuild-cached");
    let (_, err, code) = run(tbuild()
        .args(["build", "-o"])
        .arg(&tx)
        .current_dir(&m)
        .env("GOMODCACHE", &cache));
    assert_eq!(code, 0, "{err}");
    let info = |exe: &Path| go(&m, &["version", "-m", exe.to_str().unwrap()]).0;
    let dep = |s: String| {
        s.lines()
            .find(|l| l.contains("\tdep\t"))
            .map(str::to_string)
    };
    assert_eq!(dep(info(&tx)), dep(info(&g)));
    // Not downloaded: tbuild says so, and that it does not download.
    let (_, err, code) = run(tbuild()
        .args(["build", "."])
        .current_dir(&m)
        .env("GOMODCACHE", t.join("empty-cache")));
    assert_eq!(code, 1);
    assert!(
        err.starts_with(
            "main.go:6:2: module example.com/Cased@v1.0.0 is not in the module cache ("
        ) && err.contains("tbuild does not download modules"),
        "{err}"
    );
}

/// Build constraints over random inputs: packages of files with random `//go:build`
/// expressions, `// +build` lines and `_GOOS`/`_GOARCH`/`_test` names, each file's init
/// printing its name; go and tbuild must choose the same files (the program prints the
/// same lines). The tags avoid `gc` and `cgo`, where tbuild's choice differs from go's on
/// purpose (constraint.rs).
#[test]
fn random_build_constraints_choose_gos_files() {
    if !have("go") {
        return;
    }
    let mut seed: u64 = std::env::var("TBUILD_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15);
    let mut next = move |n: usize| {
        // xorshift64*
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        (seed.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    };
    const TAGS: &[&str] = &[
        "linux", "amd64", "unix", "windows", "arm64", "darwin", "go1.1", "go1.18", "go1.19",
        "go1.20", "amd64.v1", "foo", "ignore", "android", "386",
    ];
    const SUFFIXES: &[&str] = &[
        "",
        "",
        "",
        "_linux",
        "_windows",
        "_amd64",
        "_arm64",
        "_linux_amd64",
        "_linux_arm64",
        "_darwin_amd64",
        "_test",
        "_linux_test",
        "_unix",
        "_js_wasm",
    ];
    fn expr(next: &mut dyn FnMut(usize) -> usize, depth: u32) -> String {
        match if depth > 2 { 0 } else { next(5) } {
            0 | 1 => TAGS[next(TAGS.len())].to_string(),
            2 => format!("!{}", expr(next, depth + 1)),
            3 => format!("({} && {})", expr(next, depth + 1), expr(next, depth + 1)),
            _ => format!("({} || {})", expr(next, depth + 1), expr(next, depth + 1)),
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let rounds = 25;
    for round in 0..rounds {
        let dir = tmp.path().join(format!("r{round}"));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("go.mod"), "module example.com/r\n\ngo 1.19\n").unwrap();
        fs::write(dir.join("main.go"), "package main\n\nfunc main() {}\n").unwrap();
        let mut sources = Vec::new();
        for i in 0..10 {
            let name = format!("f{i}{}.go", SUFFIXES[next(SUFFIXES.len())]);
            let header = match next(4) {
                0 => String::new(),
                1 => format!("//go:build {}\n\n", expr(&mut next, 0)),
                2 => {
                    // Old syntax: options separated by spaces, terms by commas.
                    let opt = |next: &mut dyn FnMut(usize) -> usize| {
                        let neg = if next(3) == 0 { "!" } else { "" };
                        let a = TAGS[next(TAGS.len())];
                        let b = TAGS[next(TAGS.len())];
                        format!("{neg}{a},{b}")
                    };
                    let (x, y) = (opt(&mut next), opt(&mut next));
                    // Without a blank line after it, a +build line is only a comment.
                    let blank = if next(4) == 0 { "" } else { "\n" };
                    format!("// +build {x} {y}\n{blank}")
                }
                _ => format!("// Comment.\n//go:build {}\n\n", expr(&mut next, 0)),
            };
            // Test files may be an external test package; `documentation` is ignored; any
            // other second name is go's "found packages".
            let pkg = match (name.ends_with("_test.go"), next(10)) {
                (true, 0..=2) => "main_test",
                (_, 3) => "documentation",
                (_, 4) if next(4) == 0 => "other",
                _ => "main",
            };
            let text = format!("{header}package {pkg}\n\nfunc init() {{ println(\"{name}\") }}\n");
            fs::write(dir.join(&name), &text).unwrap();
            sources.push(format!("--- {name}\n{text}"));
        }
        let exe_g = dir.join("g");
        let exe_t = dir.join("t");
        let g = go(&dir, &["build", "-o", exe_g.to_str().unwrap(), "."]);
        let t = tb(&dir, &["build", "-o", exe_t.to_str().unwrap(), "."]);
        assert_eq!(
            (t.1.clone(), t.2),
            (g.1.clone(), g.2),
            "round {round}: build differs\n{}",
            sources.join("")
        );
        if g.2 != 0 {
            continue;
        }
        let (gr, tr) = (
            run(&mut Command::new(&exe_g)),
            run(&mut Command::new(&exe_t)),
        );
        assert_eq!(tr, gr, "round {round}: files differ\n{}", sources.join(""));
    }
}

/// The build cache holds every package of a module (driver/src/pkgbuild.rs package_key), so
/// a warm build compiles nothing, and an output that is up to date is not linked or written
/// again (go's rule). An edit inside a function body that no importer reads (export data,
/// codegen/src/compile/export.rs) recompiles that package alone, then relinks.
#[test]
fn an_edit_rebuilds_only_its_package() {
    let tmp = fixtures();
    let app = tmp.path().join("modules/app");
    let cache = tmp.path().join("cache");
    let build = || {
        run(tbuild()
            .args(["build", "-v", "-o", "hello", "./cmd/hello"])
            .current_dir(&app)
            .env("TBUILD_CACHE", &cache))
    };
    let compiled = |err: &str| -> Vec<String> {
        err.lines()
            .filter_map(|l| l.strip_prefix("compile "))
            .filter_map(|l| l.split_whitespace().next().map(str::to_string))
            .collect()
    };
    let linked = |err: &str| err.lines().any(|l| l.starts_with("link "));
    let exe = app.join("hello");

    let (_, err, code) = build();
    assert_eq!(code, 0, "{err}");
    assert!(
        compiled(&err).contains(&"example.com/app/util".to_string()),
        "{err}"
    );
    assert!(linked(&err), "{err}");
    let (first, _, _) = run(&mut Command::new(&exe));
    let stamp = fs::metadata(&exe).unwrap().modified().unwrap();

    // Warm, nothing changed: no compile, no link, the output untouched.
    let (_, err, code) = build();
    assert_eq!(code, 0, "{err}");
    assert_eq!(compiled(&err), Vec::<String>::new(), "{err}");
    assert!(!linked(&err), "{err}");
    assert_eq!(fs::metadata(&exe).unwrap().modified().unwrap(), stamp);

    // A message inside util.Fail (never inlined, so not in util's export data).
    let util = app.join("util/util.go");
    let text = fs::read_to_string(&util).unwrap();
    fs::write(
        &util,
        text.replace("\"util.Fail: %d\"", "\"util.Fail! %d\""),
    )
    .unwrap();
    let (_, err, code) = build();
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        compiled(&err),
        vec!["example.com/app/util".to_string()],
        "{err}"
    );
    assert!(linked(&err), "{err}");
    let (out, stderr, code) = run(Command::new(&exe).arg("fail"));
    assert_eq!(code, 2);
    assert_eq!(out, first);
    assert!(stderr.contains("panic: util.Fail! 1"), "{stderr}");

    // An edit importers see (a new exported function) recompiles them too.
    fs::write(
        &util,
        format!(
            "{}\nfunc G() int {{ return 2 }}\n",
            fs::read_to_string(&util).unwrap()
        ),
    )
    .unwrap();
    let (_, err, code) = build();
    assert_eq!(code, 0, "{err}");
    let again = compiled(&err);
    assert!(
        again.len() > 1 && again.contains(&"example.com/app/cmd/hello".to_string()),
        "{err}"
    );

    // Another flag is another link: -s relinks.
    let (_, err, code) = run(tbuild()
        .args(["build", "-v", "-s", "-o", "hello", "./cmd/hello"])
        .current_dir(&app)
        .env("TBUILD_CACHE", &cache));
    assert_eq!(code, 0, "{err}");
    assert!(linked(&err), "{err}");
}

/// An imported package's functions and methods are parsed only when the importer names
/// them or reaches their type, and its types resolved when met (codegen's
/// compile/export.rs): what the importer reaches in every way is there, as in go. A method
/// declared through an alias, a type reached only as a function's result, a generic type's
/// method, a dot import's function, a variable's methods through an interface.
#[test]
fn imported_declarations_reached_every_way_are_gos() {
    if !have("go") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let files = [
        ("go.mod", "module example.com/m\n\ngo 1.19\n"),
        (
            "lib/lib.go",
            "package lib\n\nimport \"fmt\"\n\ntype B struct{ N int }\n\n// A method declared through an alias belongs to B.\ntype A = B\n\nfunc (A) Alias() string { return \"through the alias\" }\n\nfunc (b B) String() string { return fmt.Sprint(\"B\", b.N) }\n\ntype hidden struct{ inner }\n\ntype inner struct{}\n\nfunc (inner) Hidden() string { return \"promoted from an embedded type\" }\n\n// Hide's result type is reached only through its signature.\nfunc Hide() interface{ Hidden() string } { return hidden{} }\n\ntype T[E any] struct{ v E }\n\nfunc (t T[E]) Get() E { return t.v }\n\nfunc Make[E any](v E) T[E] { return T[E]{v} }\n\nfunc Plain(x int) int { return x * 2 }\n\nvar Default = B{N: 7}\n",
        ),
        (
            "more/more.go",
            "package more\n\nimport \"example.com/m/lib\"\n\nfunc Twice(x int) int { return lib.Plain(x) + lib.Plain(x) }\n\nfunc unused() {}\n",
        ),
        (
            "main.go",
            "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/m/lib\"\n\t. \"example.com/m/more\"\n)\n\nfunc main() {\n\tvar b lib.B\n\tfmt.Println(b.Alias(), b)\n\tvar s fmt.Stringer = lib.Default\n\tfmt.Println(s.String(), lib.Hide().Hidden(), lib.Make(\"g\").Get(), Twice(21))\n}\n",
        ),
    ];
    for (name, text) in files {
        let path = m.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let (g, t) = build_both(&m, tmp.path(), ".", "reached");
    let want = run(&mut Command::new(&g));
    assert!(want.0.contains("through the alias B0"), "{want:?}");
    same("reached", tmp.path(), want, run(&mut Command::new(&t)));
}
