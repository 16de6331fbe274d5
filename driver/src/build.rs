//! The build pipeline: compile -> assemble -> link, and the single-stage tools.
//!
//! [`build`] is the whole story of `tbuild -o main main.src` in one function, one step per
//! stage. Objects and `go_asm.h` go to a temporary work directory (kept with `-work`); the
//! output is written to a temporary file next to its destination and renamed into place only
//! when everything succeeded, so a failed build never leaves or clobbers an output file.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use sha2::{Digest, Sha256};
use tbuild_codegen::compile::{compile_package, CompileOptions, CompiledPackage, SourceFile};
use tbuild_codegen::diag::Diag;
use tbuild_linker::{Input, Options as LinkOptions};

use crate::BuildArgs;

/// An error of any stage, printed as the stage's own messages.
pub enum Error {
    /// Source errors: `file:line:col: message`, one per line.
    Diags(Vec<Diag>),
    Link(String),
    Io(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Diags(ds) => ds.iter().try_for_each(|d| writeln!(f, "{d}")),
            Error::Link(m) => writeln!(f, "tbuild: link: {m}"),
            Error::Io(m) => writeln!(f, "tbuild: {m}"),
        }
    }
}

fn io_err(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::Io(format!("{what} {}: {e}", path.display()))
}

/// The Go version string tbuild's binaries carry (in `.go.buildinfo`): the Go release whose
/// formats tbuild follows, and tbuild's own version.
pub fn go_version() -> String {
    format!("go1.19-tbuild-{}", env!("CARGO_PKG_VERSION"))
}

/// Prints stage timings for `-v`.
struct Stages {
    verbose: bool,
    start: Instant,
}

impl Stages {
    fn time<T>(&mut self, name: &str, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let r = f();
        if self.verbose {
            eprintln!(
                "{:<28} {:>8.2} ms",
                name,
                t.elapsed().as_secs_f64() * 1000.0
            );
        }
        r
    }

    fn total(&self) {
        if self.verbose {
            eprintln!(
                "{:<28} {:>8.2} ms",
                "total",
                self.start.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}

fn read_source(path: &Path) -> Result<SourceFile, Error> {
    let bytes = fs::read(path).map_err(|e| io_err("reading", path, e))?;
    Ok(SourceFile {
        name: path.display().to_string(),
        text: String::from_utf8_lossy(&bytes).into_owned(),
    })
}

/// The bundled packages' sources, for the compiler's imports.
fn bundled_source(path: &str) -> Option<Vec<SourceFile>> {
    let pkg = tbuild_runtime::package(path)?;
    Some(
        pkg.go_files
            .iter()
            .map(|f| SourceFile {
                name: format!("$TBUILD/{}/{}", pkg.path, f.name),
                text: f.text.to_string(),
            })
            .collect(),
    )
}

fn compile(files: &[SourceFile], path: &str) -> Result<CompiledPackage, Error> {
    let opts = CompileOptions {
        package_path: path.to_string(),
        import_source: &bundled_source,
    };
    compile_package(files, &opts).map_err(Error::Diags)
}

/// textflag.h is built into the assembler; go_asm.h comes from compiling the package.
fn assemble(name: &str, text: &str, asm_header: &str) -> Result<Vec<u8>, Error> {
    let include = |file: &str| (file == "go_asm.h").then(|| asm_header.to_string());
    tbuild_codegen::asm::assemble(name, text, &include).map_err(Error::Diags)
}

/// Writes `bytes` to `out` atomically: a temporary file in the same directory, renamed over
/// the destination only once complete.
fn write_output(out: &Path, bytes: &[u8], executable: bool) -> Result<(), Error> {
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".tbuild-")
        .tempfile_in(&dir)
        .map_err(|e| io_err("creating a file in", &dir, e))?;
    tmp.write_all(bytes)
        .map_err(|e| io_err("writing", out, e))?;
    if executable {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755))
            .map_err(|e| io_err("chmod", out, e))?;
    }
    tmp.persist(out)
        .map_err(|e| io_err("writing", out, e.error))?;
    Ok(())
}

/// A content hash of the inputs, in Go's build-ID alphabet (cmd/internal/buildid
/// HashToString: 15 bytes of SHA-256 as 20 characters of URL-safe base64).
fn build_id(inputs: &[Input]) -> String {
    let mut h = Sha256::new();
    for i in inputs {
        h.update(i.name.as_bytes());
        h.update((i.data.len() as u64).to_le_bytes());
        h.update(&i.data);
    }
    let digest = h.finalize();
    base64_url(&digest[..15])
}

fn base64_url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |acc, &b| (acc << 8) | b as u32) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn default_output(first: &Path, ext: &str) -> PathBuf {
    let stem = first
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "a".into());
    PathBuf::from(format!("{stem}{ext}"))
}

/// `tbuild [-o OUT] FILE...`: compile, assemble, link.
pub fn build(args: &BuildArgs) -> Result<PathBuf, Error> {
    let mut stages = Stages {
        verbose: args.verbose,
        start: Instant::now(),
    };
    let work = tempfile::Builder::new()
        .prefix("tbuild-work-")
        .tempdir()
        .map_err(|e| Error::Io(format!("creating the work directory: {e}")))?;
    let work_dir = work.path().to_path_buf();
    if args.keep_work {
        let kept = work.keep();
        eprintln!("WORK={}", kept.display());
    }
    let sources = args
        .files
        .iter()
        .map(|p| read_source(p))
        .collect::<Result<Vec<_>, _>>()?;

    // 1. Compile the user's package first, so that its errors come before anything else.
    let main = stages.time("compile main", || compile(&sources, "main"))?;
    if args.compile_only {
        let out = args
            .output
            .clone()
            .unwrap_or_else(|| default_output(&args.files[0], ".o"));
        write_output(&out, &main.object, false)?;
        stages.total();
        return Ok(out);
    }

    // 2. Compile and assemble the bundled packages, dependencies first.
    let mut inputs = Vec::new();
    for pkg in tbuild_runtime::PACKAGES {
        let files = bundled_source(pkg.path).unwrap_or_default();
        let compiled = stages.time(&format!("compile {}", pkg.path), || {
            compile(&files, pkg.path)
        })?;
        for s in pkg.asm_files {
            let name = format!("$TBUILD/{}/{}", pkg.path, s.name);
            let obj = stages.time(&format!("asm {}", s.name), || {
                assemble(&name, s.text, &compiled.asm_header)
            })?;
            inputs.push(Input {
                name: format!("{}/{}.o", pkg.path, s.name),
                data: obj,
            });
        }
        if args.keep_work {
            let _ = fs::write(
                work_dir.join(format!("{}_go_asm.h", pkg.path)),
                &compiled.asm_header,
            );
        }
        inputs.push(Input {
            name: format!("{}.o", pkg.path),
            data: compiled.object,
        });
    }
    inputs.push(Input {
        name: "main.o".into(),
        data: main.object,
    });
    if args.keep_work {
        for i in &inputs {
            let _ = fs::write(work_dir.join(i.name.replace('/', "_")), &i.data);
        }
    }

    // 3. Link.
    let opts = LinkOptions {
        build_id: build_id(&inputs),
        go_version: go_version(),
        mod_info: mod_info(&args.files),
        strip_symbols: args.strip,
        ..LinkOptions::default()
    };
    let mut timings = Vec::new();
    let exe = stages
        .time("link", || {
            tbuild_linker::link_timed(&inputs, &opts, &mut timings)
        })
        .map_err(|e| Error::Link(e.to_string()))?;
    if args.verbose {
        for (name, d) in &timings {
            eprintln!("  {:<26} {:>8.2} ms", name, d.as_secs_f64() * 1000.0);
        }
    }
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.files[0], ""));
    stages.time("write", || write_output(&out, &exe, true))?;
    stages.total();
    Ok(out)
}

/// Module information as `go build` records it for a command-line-files build
/// (cmd/go/internal/load: `path command-line-arguments`, then the build settings).
fn mod_info(files: &[PathBuf]) -> String {
    let _ = files;
    "path\tcommand-line-arguments\nbuild\t-compiler=tbuild\nbuild\tCGO_ENABLED=0\nbuild\tGOARCH=amd64\nbuild\tGOOS=linux\nbuild\tGOAMD64=v1\n".to_string()
}

/// `tbuild run FILE [ARGS]`: build to a temporary file and run it, passing its exit status on.
pub fn run(file: &Path, args: &[String]) -> Result<u8, Error> {
    let dir = tempfile::Builder::new()
        .prefix("tbuild-run-")
        .tempdir()
        .map_err(|e| Error::Io(format!("creating a temporary directory: {e}")))?;
    let exe = dir.path().join(default_output(file, ""));
    let build_args = BuildArgs {
        output: Some(exe.clone()),
        files: vec![file.to_path_buf()],
        ..BuildArgs::default()
    };
    build(&build_args)?;
    let status = std::process::Command::new(&exe)
        .args(args)
        .status()
        .map_err(|e| io_err("running", &exe, e))?;
    use std::os::unix::process::ExitStatusExt;
    Ok(match (status.code(), status.signal()) {
        (Some(c), _) => c as u8,
        // As a shell reports a death by signal.
        (None, Some(sig)) => 128u8.wrapping_add(sig as u8),
        _ => 1,
    })
}

/// `tbuild tool compile`: one package to one object (and optionally go_asm.h).
pub fn tool_compile(
    files: &[PathBuf],
    package: &str,
    output: Option<&Path>,
    asmhdr: Option<&Path>,
) -> Result<(), Error> {
    let sources = files
        .iter()
        .map(|p| read_source(p))
        .collect::<Result<Vec<_>, _>>()?;
    let compiled = compile(&sources, package)?;
    let out = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| default_output(&files[0], ".o"));
    write_output(&out, &compiled.object, false)?;
    if let Some(h) = asmhdr {
        write_output(h, compiled.asm_header.as_bytes(), false)?;
    }
    Ok(())
}

/// `tbuild tool asm`: one .s file to one object; `#include "x"` searches the -I directories.
pub fn tool_asm(file: &Path, include: &[PathBuf], output: Option<&Path>) -> Result<(), Error> {
    let src = read_source(file)?;
    let dirs: Vec<PathBuf> = include
        .iter()
        .cloned()
        .chain(file.parent().map(Path::to_path_buf))
        .collect();
    let find = |name: &str| {
        dirs.iter()
            .find_map(|d| fs::read_to_string(d.join(name)).ok())
    };
    let obj = tbuild_codegen::asm::assemble(&src.name, &src.text, &find).map_err(Error::Diags)?;
    let out = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| default_output(file, ".o"));
    write_output(&out, &obj, false)
}

/// `tbuild tool link`: objects to an executable.
pub fn tool_link(files: &[PathBuf], output: &Path, entry: &str, strip: bool) -> Result<(), Error> {
    let mut inputs = Vec::new();
    for f in files {
        let data = fs::read(f).map_err(|e| io_err("reading", f, e))?;
        inputs.push(Input {
            name: f.display().to_string(),
            data,
        });
    }
    let opts = LinkOptions {
        entry: entry.to_string(),
        build_id: build_id(&inputs),
        go_version: go_version(),
        strip_symbols: strip,
        ..LinkOptions::default()
    };
    let exe = tbuild_linker::link(&inputs, &opts).map_err(|e| Error::Link(e.to_string()))?;
    write_output(output, &exe, true)
}
