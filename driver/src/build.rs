//! The build pipeline: compile -> assemble -> link, and the single-stage tools.
//!
//! [`build`] is the whole story of `tbuild -o main main.src` in one function, one step per
//! stage. Objects and `go_asm.h` go to a temporary work directory (kept with `-work`); the
//! output is written to a temporary file next to its destination and renamed into place only
//! when everything succeeded, so a failed build never leaves or clobbers an output file.

use std::fmt;
use std::fs;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use sha2::{Digest, Sha256};
use tbuild::cache::{Cache, Entry, Key};
use tbuild::cleanup::{self, WorkDir};
use tbuild_codegen::compile::{compile_package, CompileOptions, CompiledPackage, SourceFile};
use tbuild_codegen::diag::Diag;
use tbuild_linker::buildinfo::{hash_to_string, hash_zeroed};
use tbuild_linker::{Input, Options as LinkOptions};

use crate::files::{
    build_output, check_source_names, default_output, io_err, read_include, read_input,
    write_output, write_output_then,
};
use crate::BuildArgs;

/// An error of any stage, printed as the stage's own messages.
pub enum Error {
    /// Source errors: `file:line:col: message`, one per line.
    Diags(Vec<Diag>),
    Link(String),
    Io(String),
    /// Package loading's errors (load.rs), printed as they are, as the go command prints
    /// them.
    Load(String),
    /// Packages that failed to compile, each under its `# import/path` line: the go
    /// command exits with status 2 for a failed build action, 1 for load errors.
    Packages(String),
}

impl Error {
    /// The exit status a failed build ends with.
    pub fn exit_status(&self) -> u8 {
        match self {
            Error::Packages(_) => 2,
            _ => 1,
        }
    }

    /// The same message printed as a load error: without the `tbuild: ` prefix.
    pub fn load(self) -> Error {
        match self {
            Error::Io(m) => Error::Load(m),
            e => e,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Diags(ds) => ds.iter().try_for_each(|d| writeln!(f, "{d}")),
            Error::Link(m) => writeln!(f, "tbuild: link: {m}"),
            Error::Io(m) => writeln!(f, "tbuild: {m}"),
            Error::Load(m) | Error::Packages(m) => writeln!(f, "{m}"),
        }
    }
}

/// The Go version string tbuild's binaries carry (in `.go.buildinfo`): the Go release whose
/// formats tbuild follows, and tbuild's own version.
pub fn go_version() -> String {
    format!("go1.19-tbuild-{}", env!("CARGO_PKG_VERSION"))
}

/// Prints stage timings for `-v`.
pub(crate) struct Stages {
    pub verbose: bool,
    pub start: Instant,
}

impl Stages {
    pub fn time<T>(&mut self, name: &str, f: impl FnOnce() -> T) -> T {
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

    pub fn total(&self) {
        if self.verbose {
            eprintln!(
                "{:<28} {:>8.2} ms",
                "total",
                self.start.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}

/// The name a source file is recorded under in the objects (debug information, hence Go's
/// pc/line tables and tracebacks): its absolute path, as Go's compiler records it
/// (cmd/internal/objabi `AbsFile`), or with `-trimpath` its base name in the directory `.`,
/// which is what `go build -trimpath` prints for a command-line package (`./main.go`).
pub(crate) fn recorded_name(path: &Path, trimpath: bool) -> String {
    if trimpath {
        let base = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        return format!("./{base}");
    }
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// The name a bundled file is recorded under: `$TBUILD/runtime/proc.go` (as Go's objects say
/// `$GOROOT/src/runtime/proc.go`), or `runtime/proc.go` with `-trimpath`, as Go prints it.
fn bundled_name(pkg: &str, file: &str, trimpath: bool) -> String {
    if trimpath {
        format!("{pkg}/{file}")
    } else {
        format!("$TBUILD/{pkg}/{file}")
    }
}

/// (recorded name, name as given) of each source file, to print errors under the given names.
type GivenNames = Vec<(String, String)>;

/// Reads the user's source files, each named as [`recorded_name`] says; returns them with the
/// map from recorded names back to the names given, for error messages (Go's compiler reports
/// positions under the name it was given, and cmd/go shortens the rest, `base.ShortPath`).
fn read_sources(
    paths: &[PathBuf],
    trimpath: bool,
    what: &str,
) -> Result<(Vec<SourceFile>, GivenNames), Error> {
    let mut files = Vec::new();
    let mut names = Vec::new();
    for path in paths {
        let bytes = read_input(path, what)?;
        let name = recorded_name(path, trimpath);
        names.push((name.clone(), path.display().to_string()));
        files.push(SourceFile { name, text: bytes });
    }
    Ok((files, names))
}

/// Errors name the files as the user gave them.
fn given_names(e: Error, names: &[(String, String)]) -> Error {
    match e {
        Error::Diags(ds) => Error::Diags(
            ds.into_iter()
                .map(|mut d| {
                    for (recorded, given) in names {
                        if d.file == *recorded {
                            d.file = given.clone();
                        }
                        if d.msg.contains(recorded.as_str()) {
                            d.msg = d.msg.replace(recorded.as_str(), given);
                        }
                    }
                    d
                })
                .collect(),
        ),
        other => other,
    }
}

/// The bundled packages' sources, for the compiler's imports.
fn bundled_source(path: &str, trimpath: bool) -> Option<Vec<SourceFile>> {
    let pkg = tbuild_runtime::package(path)?;
    Some(
        pkg.go_files
            .iter()
            .map(|f| SourceFile {
                name: bundled_name(pkg.path, f.name, trimpath),
                text: f.text.as_bytes().to_vec(),
            })
            .collect(),
    )
}

/// How a package is compiled: go tool compile's flags that tbuild's builds set.
#[derive(Clone, Copy)]
pub(crate) struct CompileFlags {
    /// `-m`: collect escape analysis's diagnostics.
    pub report: bool,
    /// Not `-l`: inline small functions' calls.
    pub inline: bool,
    /// `-complete`: the package has no assembly files.
    pub complete: bool,
    /// `-c`: how many threads compile the functions (None: as many as the CPUs, for a big
    /// package; codegen's lower/machine.rs).
    pub concurrency: Option<usize>,
    /// The process ends after this compile and a link: the compiler's tables are left to
    /// its exit (codegen's `CompileOptions::disable_free`).
    pub disable_free: bool,
}

impl CompileFlags {
    /// A package with assembly files (not -complete): the bundled packages' flags.
    pub(crate) const BUNDLED: CompileFlags = CompileFlags {
        report: false,
        inline: true,
        complete: false,
        concurrency: None,
        disable_free: false,
    };
}

/// Compiles a package and returns the packages it imports, transitively (the compiler asks
/// for each one's export data exactly when it needs it). `imports` gives an imported
/// package's export data, `summaries` its escape summaries (None: unknown). The compiler
/// runs on a thread with a stack for the deepest nesting it accepts (codegen's
/// compile::stack); `imports` and `summaries` may be called from that thread.
pub(crate) fn compile_with_deps(
    files: &[SourceFile],
    path: &str,
    imports: &Imports,
    summaries: &Summaries,
    flags: CompileFlags,
) -> Result<(CompiledPackage, Vec<String>), Error> {
    tbuild_codegen::compile::stack::run(|| {
        compile_on_this_thread(files, path, imports, summaries, flags)
    })
    .map_err(|e| Error::Io(format!("starting the compiler: {e}")))?
}

/// Where a compile finds an imported package's escape summaries.
type Summaries<'a> = dyn Fn(&str) -> Option<String> + Sync + 'a;

/// Where a compile finds an imported package's export data (codegen's compile/export.rs), by
/// import path: a bundled package's from its cache entry ([`Bundled::export`]), a user
/// package's from its compile (pkgbuild.rs).
pub(crate) type Imports<'a> = dyn Fn(&str) -> Option<Vec<SourceFile>> + Sync + 'a;

fn compile_on_this_thread(
    files: &[SourceFile],
    path: &str,
    imports: &Imports,
    summaries: &Summaries,
    flags: CompileFlags,
) -> Result<(CompiledPackage, Vec<String>), Error> {
    let deps = std::cell::RefCell::new(Vec::new());
    let import_source = |p: &str| {
        deps.borrow_mut().push(p.to_string());
        imports(p)
    };
    let opts = CompileOptions {
        package_path: path.to_string(),
        import_source: &import_source,
        escape_summaries: summaries,
        escape_report: flags.report,
        inline: flags.inline,
        complete: flags.complete,
        concurrency: flags.concurrency,
        disable_free: flags.disable_free,
    };
    let compiled = compile_package(files, &opts).map_err(Error::Diags)?;
    Ok((compiled, deps.into_inner()))
}

/// Export data as the compiler reads it.
pub(crate) fn export_sources(files: &[(String, tbuild_linker::Bytes)]) -> Vec<SourceFile> {
    files
        .iter()
        .map(|(name, text)| SourceFile {
            name: name.clone(),
            text: text.to_vec(),
        })
        .collect()
}

/// Export data as a cache entry keeps it.
pub(crate) fn export_entry(files: Vec<SourceFile>) -> Vec<(String, tbuild_linker::Bytes)> {
    files.into_iter().map(|f| (f.name, f.text.into())).collect()
}

/// The bundled packages of one build, each compiled (or taken from the build cache) once,
/// when first needed: by a compilation that imports it (for its export data and escape
/// summaries) or by the link.
pub(crate) struct Bundled<'a> {
    pub trimpath: bool,
    pub verbose: bool,
    pub cache: Option<&'a Cache>,
    pub entries: std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<Compiled>>>,
    /// One lock per package being compiled, so that threads needing the same package
    /// compile it once: the others wait for it ([`Bundled::prepare`] compiles in parallel).
    compiling:
        std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<std::sync::Mutex<()>>>>,
    /// The first bundled package whose export data a compile asked for and could not get, and
    /// why: the importing compile then fails with "does not support importing", which is not
    /// the cause ([`Bundled::failure`]).
    failed: std::sync::Mutex<Option<String>>,
}

/// A bundled package's cache entry and its content ID (cache::entry_id), which reading the
/// entry verified or compiling it computed: a link's action ID names the package by it
/// instead of hashing its objects again.
pub(crate) struct Compiled {
    pub entry: Entry,
    pub id: String,
}

impl<'a> Bundled<'a> {
    pub fn new(args: &BuildArgs, cache: Option<&'a Cache>) -> Bundled<'a> {
        Bundled {
            trimpath: args.trimpath,
            verbose: args.verbose,
            cache,
            entries: Default::default(),
            compiling: Default::default(),
            failed: Default::default(),
        }
    }

    /// Compiles, on `jobs` threads where their imports allow, the bundled packages that
    /// `roots` import, directly or not, whose cache entries are missing, with the runtime
    /// (every link needs it). Each compile asks for its imports' export data itself; this
    /// only lets independent packages compile at once (a cold build of hello: the runtime
    /// beside fmt's chain). What the cache has is left for whoever needs it.
    pub fn prepare(&self, roots: &[String], jobs: usize) {
        let (list, imports) = bundled_closure(roots);
        let cached = |p: &tbuild_runtime::Package| {
            let key = Key::package(p.path, self.trimpath);
            self.cache.is_some_and(|c| c.recorded_id(&key).is_some())
        };
        let missing: Vec<usize> = (0..list.len()).filter(|&i| !cached(list[i])).collect();
        // Even on one job this runs: each package then compiles after its imports, so no
        // compile waits on a nested one (each holds a compiler thread's large stack
        // reservation, and a chain of them exceeds an address-space limit go builds under).
        if missing.len() < 2 {
            return;
        }
        let deps: Vec<Vec<usize>> = missing
            .iter()
            .map(|&i| {
                let index = |p: &String| missing.iter().position(|&j| list[j].path == p);
                imports[i].iter().filter_map(index).collect()
            })
            .collect();
        crate::schedule::run(&deps, jobs, &|k| {
            let _ = self.entry(list[missing[k]].path);
        });
    }

    /// The objects of the runtime and of the bundled packages `roots` import, directly or
    /// not, read for the link ([`tbuild_linker::ReadAhead`]): run beside the compile of the
    /// package that imports them, on a CPU the compile leaves idle.
    pub fn read_ahead(&self, roots: &[String]) -> tbuild_linker::ReadAhead {
        let deps: Vec<String> = bundled_closure(roots)
            .0
            .iter()
            .map(|p| p.path.to_string())
            .collect();
        match bundled_inputs(self, &deps, None) {
            Ok(inputs) => tbuild_linker::ReadAhead::read(&inputs.objects),
            // The link meets the same fault and reports it.
            Err(_) => Default::default(),
        }
    }

    /// The export data of bundled package `path`; None if there is no such package.
    pub fn export(&self, path: &str) -> Option<Vec<SourceFile>> {
        tbuild_runtime::package(path)?;
        match self.entry(path) {
            Ok(c) => Some(export_sources(&c.entry.export)),
            Err(e) => {
                let mut failed = self.failed.lock().unwrap_or_else(|e| e.into_inner());
                // The first failure is the cause: a package whose import failed fails after it.
                failed.get_or_insert_with(|| match e {
                    Error::Io(m) => format!("building {path}: {m}"),
                    e => format!("building {path}:\n{}", e.to_string().trim_end()),
                });
                None
            }
        }
    }

    /// Why a compile that imports bundled packages failed, if it was because one of them
    /// could not be built (a thread or memory could not be had, say): that error, instead of
    /// the importer's "does not support importing".
    pub fn failure(&self, e: Error) -> Error {
        let failed = self.failed.lock().unwrap_or_else(|e| e.into_inner());
        failed.clone().map_or(e, Error::Io)
    }

    /// The content ID of bundled package `path`'s entry, for a link's action ID: of the
    /// entry this build loaded, else as the cache entry's header records it (without
    /// reading the entry: Cache::recorded_id), else of the entry compiled now.
    pub fn id(&self, path: &str) -> Result<String, Error> {
        if let Some(e) = self.lock().get(path) {
            return Ok(e.id.clone());
        }
        let key = Key::package(path, self.trimpath);
        if let Some(id) = self.cache.and_then(|c| c.recorded_id(&key)) {
            return Ok(hash_to_string(&id));
        }
        Ok(self.entry(path)?.id.clone())
    }

    pub fn entry(&self, path: &str) -> Result<std::sync::Arc<Compiled>, Error> {
        // The map's lock is never held across a compile, which may ask for other entries;
        // the package's own lock is, so that another thread asking for it waits.
        if let Some(e) = self.lock().get(path) {
            return Ok(e.clone());
        }
        let Some(pkg) = tbuild_runtime::package(path) else {
            return Err(Error::Io(format!("no bundled package {path}")));
        };
        let mine = {
            let mut all = self.compiling.lock().unwrap_or_else(|e| e.into_inner());
            all.entry(path.to_string()).or_default().clone()
        };
        let _compiling = mine.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = self.lock().get(path) {
            return Ok(e.clone());
        }
        let key = Key::package(pkg.path, self.trimpath);
        let time = |name: &str, t: Instant| {
            if self.verbose {
                eprintln!(
                    "{:<28} {:>8.2} ms",
                    name,
                    t.elapsed().as_secs_f64() * 1000.0
                );
            }
        };
        let compiled = match self.cache.and_then(|c| c.get_with_id(&key)) {
            Some((entry, id)) => {
                if self.verbose {
                    eprintln!("{:<28} {:>8}", format!("cached {}", pkg.path), "hit");
                }
                Compiled {
                    entry,
                    id: hash_to_string(&id),
                }
            }
            None => {
                let files = bundled_source(pkg.path, self.trimpath).unwrap_or_default();
                let t = Instant::now();
                let summaries = |p: &str| self.entry(p).ok().map(|e| e.entry.escapes.clone());
                let imports = |p: &str| self.export(p);
                // A bundled package may have assembly files: not -complete.
                let (compiled, imported) = compile_with_deps(
                    &files,
                    pkg.path,
                    &imports,
                    &summaries,
                    CompileFlags::BUNDLED,
                )?;
                time(&format!("compile {}", pkg.path), t);
                let mut names = object_names(pkg).into_iter();
                let mut objects = Vec::new();
                for s in pkg.asm_files {
                    let name = bundled_name(pkg.path, s.name, self.trimpath);
                    let t = Instant::now();
                    let obj = assemble(pkg.path, &name, s.text, &compiled.asm_header)?;
                    time(&format!("asm {}", s.name), t);
                    objects.extend(names.next().map(|n| linker_input(n, obj)));
                }
                objects.extend(names.next().map(|n| linker_input(n, compiled.object)));
                let e = Entry {
                    objects,
                    asm_header: compiled.asm_header,
                    escapes: compiled.escapes,
                    export: export_entry(compiled.export),
                    imports: imported,
                };
                let id = match self.cache {
                    Some(c) => c.put(&key, &e),
                    None => tbuild::cache::entry_id(&e),
                };
                Compiled {
                    id: hash_to_string(&id),
                    entry: e,
                }
            }
        };
        let e = std::sync::Arc::new(compiled);
        self.lock().insert(path.to_string(), e.clone());
        Ok(e)
    }

    fn lock(
        &self,
    ) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, std::sync::Arc<Compiled>>>
    {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// An object as the linker takes it, with the link summary the linker derives from it
/// (tbuild_linker::summary): kept in the object's cache entry, it spares every later link
/// decoding the object's code and walking its DWARF. An object the linker cannot read gets
/// none; the link reports the fault.
pub(crate) fn linker_input(name: String, data: Vec<u8>) -> Input {
    let data = data.into();
    let summary = tbuild_linker::summary::summarize(&name, &data).ok();
    Input {
        name,
        data,
        summary: summary.map(Into::into),
    }
}

/// The names of a bundled package's objects, as its entry holds them: one per assembly
/// file, then the compiled Go code.
fn object_names(pkg: &tbuild_runtime::Package) -> Vec<String> {
    let asm = pkg
        .asm_files
        .iter()
        .map(|s| format!("{}/{}.o", pkg.path, s.name));
    asm.chain([format!("{}.o", pkg.path)]).collect()
}

/// textflag.h is built into the assembler; go_asm.h comes from compiling the package. A
/// `·name` symbol belongs to package `pkg` (`sync/atomic.AddInt32`), as with `go tool asm -p`.
fn assemble(pkg: &str, name: &str, text: &str, asm_header: &str) -> Result<Vec<u8>, Error> {
    let include = |file: &str| (file == "go_asm.h").then(|| asm_header.to_string());
    tbuild_codegen::asm::assemble_package(pkg, name, text, &include).map_err(Error::Diags)
}

/// Build IDs in Go's form (cmd/go/internal/work/buildid.go): every component is a SHA-256
/// hash written by [`hash_to_string`] (20 characters). A binary's ID is
/// `actionID(binary)/actionID(main)/contentID(main)/contentID(binary)`: the action IDs hash
/// what went into compiling the main package and linking the binary, the content IDs hash
/// what came out. The linker writes the ID with the binary's action ID standing in for its
/// content ID; [`stamp_build_id`] then replaces it with the hash of the binary itself.
struct IdHash(Sha256);

impl IdHash {
    fn new(kind: &str) -> IdHash {
        let mut h = IdHash(Sha256::new());
        h.part(kind.as_bytes());
        h.part(go_version().as_bytes());
        h
    }

    /// Adds one length-prefixed part, so that no two sequences of parts hash alike.
    fn part(&mut self, b: &[u8]) -> &mut IdHash {
        self.0.update((b.len() as u64).to_le_bytes());
        self.0.update(b);
        self
    }

    fn id(self) -> String {
        hash_to_string(&self.0.finalize().into())
    }
}

/// The content ID of an object or binary: the hash of its bytes.
pub(crate) fn content_id(data: &[u8]) -> String {
    hash_to_string(&Sha256::digest(data).into())
}

/// The action ID of compiling package main: the compiler (tbuild's version), the package
/// path, `-trimpath`, and each source file's recorded name and contents. The bundled packages
/// need no part here: they are inputs of the link, whose action ID covers them.
pub(crate) fn compile_action_id(sources: &[SourceFile], trimpath: bool, no_inline: bool) -> String {
    let mut h = IdHash::new("compile");
    h.part(b"main")
        .part(if trimpath { b"-trimpath" } else { b"" })
        .part(if no_inline { b"-l" } else { b"" });
    for f in sources {
        h.part(f.name.as_bytes()).part(&f.text);
    }
    h.id()
}

/// The objects a link reads, each with the content ID its action ID records: a bundled
/// package's objects share their cache entry's ID; the others are hashed.
#[derive(Default)]
pub(crate) struct LinkInputs {
    pub objects: Vec<Input>,
    pub ids: Vec<String>,
}

impl LinkInputs {
    pub fn push(&mut self, object: Input, id: String) {
        self.objects.push(object);
        self.ids.push(id);
    }

    /// Each input's name and content ID.
    pub fn ids(&self) -> Vec<(String, String)> {
        let names = self.objects.iter().map(|i| i.name.clone());
        names.zip(self.ids.iter().cloned()).collect()
    }
}

/// The action ID of a link: the linker's identity, the options that reach the output, and
/// each input's name and content ID (Go: the linker's tool ID and the content IDs of the
/// packages linked, cmd/go/internal/work/exec.go `linkActionID` and `printLinkerConfig`'s
/// `toolID("link")`). Without the linker's identity, a tbuild whose linker changed would
/// take an output the old one linked from the same objects for up to date.
fn link_action_id(inputs: &[(String, String)], opts: &LinkOptions, names: bool) -> String {
    let mut h = IdHash::new("link");
    h.part(env!("TBUILD_COMPILER_ID").as_bytes())
        .part(opts.entry.as_bytes())
        .part(opts.mod_info.as_bytes())
        .part(if opts.strip_symbols { b"-s" } else { b"" })
        .part(if opts.strip_dwarf { b"-w" } else { b"" });
    for (name, id) in inputs {
        if names {
            h.part(name.as_bytes());
        }
        h.part(id.as_bytes());
    }
    h.id()
}

/// Writes the linked `exe` to `out` with the placeholder last component of its build ID
/// `linked_id` (written by the linker, possibly more than once) replaced by the content ID
/// of the binary: the hash of its bytes with every copy of the ID zeroed.
/// Go: cmd/go/internal/work/buildid.go `updateBuildID` (buildid.FindAndHash, Rewrite).
/// Hashing hello's 1.4 MB takes about 0.85 ms and writing it about 0.5, so this thread
/// hashes while a helper (tbuild_linker::join) writes the file, and the writer stamps the ID
/// over its copies in the temporary file before that takes `out`'s place. This way round,
/// and on a parked helper rather than a thread spawned for it, because a new thread often
/// ran only once the hash was done (`tbuild -v`: this step 1.75 -> 1.0 ms).
pub(crate) fn write_stamped(
    out: &Path,
    exe: &tbuild_linker::Executable,
    linked_id: &str,
) -> Result<(), Error> {
    let hash = || {
        let matches = exe.find(linked_id.as_bytes());
        (
            hash_zeroed(exe.slices(), &matches, linked_id.len()),
            matches,
        )
    };
    let stamp = |file: &fs::File, (hash, matches): ([u8; 32], Vec<usize>)| {
        let prefix = linked_id.rsplit_once('/').map_or("", |(p, _)| p);
        let id = if prefix.is_empty() {
            hash_to_string(&hash)
        } else {
            format!("{prefix}/{}", hash_to_string(&hash))
        };
        if id.len() == linked_id.len() {
            for &at in &matches {
                file.write_all_at(id.as_bytes(), at as u64)?;
            }
        }
        Ok(())
    };
    // The hash goes to the writer over a channel: the writer waits for it (with the file
    // written) unless the write failed first, which drops the receiver.
    let (send, receive) = std::sync::mpsc::channel();
    let write = move || {
        let parts: Vec<&[u8]> = exe.slices().collect();
        write_output_then(out, &parts, true, |file| {
            let hashed = receive
                .recv()
                .map_err(|_| std::io::Error::other("hashing the binary failed"))?;
            stamp(file, hashed)
        })
    };
    let (written, ()) = tbuild_linker::join(write, || {
        let _ = send.send(hash());
    });
    written
}

/// `tbuild [-o OUT] FILE...`: compile, assemble, link.
pub fn build(args: &BuildArgs) -> Result<PathBuf, Error> {
    let mut stages = Stages {
        verbose: args.verbose,
        start: Instant::now(),
    };
    check_source_names(&args.files)?;
    let ext = if args.compile_only { ".o" } else { "" };
    let out = build_output(args.output.as_deref(), &args.files[0], ext)?;
    if !args.compile_only && !args.escapes {
        // Files that import packages of a module (pkgbuild.rs).
        if let Some(r) = crate::pkgbuild::build_files(args, out.clone()) {
            return r;
        }
    }
    let work_dir = work_dir(args.keep_work)?;
    let (sources, names) = read_sources(&args.files, args.trimpath, "a Go file")?;

    let cache = Cache::from_env();
    if let Some(c) = &cache {
        c.clean();
    }
    let bundled = Bundled::new(args, cache.as_ref());
    // 1. Compile the user's package, unless the cache has it (never with -m, which prints
    // what the compile finds); the bundled packages it imports are compiled (or read from
    // the cache) when it first asks for their export data.
    let inline = !args.no_inline;
    let key = crate::pkgbuild::package_key("main", "main", &sources, &[], args.trimpath, inline);
    let cached = cache
        .as_ref()
        .filter(|_| !args.escapes)
        .and_then(|c| c.get(&key))
        .filter(|e| e.objects.len() == 1);
    let (main_object, deps, ahead) = match cached {
        Some(mut e) => {
            if args.verbose {
                eprintln!("{:<28} {:>8}", "cached main", "hit");
            }
            (e.objects.remove(0), e.imports, Default::default())
        }
        None => {
            // The bundled packages main imports that the cache lacks, in parallel first.
            let roots: Vec<String> = sources
                .iter()
                .filter_map(|f| crate::constraint::read_header(&f.text).ok())
                .flat_map(|h| h.imports.into_iter().map(|i| i.path))
                .collect();
            bundled.prepare(&roots, crate::schedule::jobs(args.jobs));
            let summaries = |p: &str| bundled.entry(p).ok().map(|e| e.entry.escapes.clone());
            let imports = |p: &str| bundled.export(p);
            // The bundled objects are read for the link while main compiles.
            let (compiled, ahead) = std::thread::scope(|s| {
                let reader = (!args.compile_only && !args.escapes).then(|| {
                    s.spawn(|| {
                        // Off the compile's path: tables its last pass needs.
                        tbuild_codegen::compile::warm_up();
                        let t = Instant::now();
                        (bundled.read_ahead(&roots), t.elapsed())
                    })
                });
                let compiled = stages.time("compile main", || {
                    // A user package has no assembly files: -complete, as go build passes.
                    // The last compile of the build: only the link follows (and the
                    // program, for tbuild run).
                    let flags = CompileFlags {
                        report: args.escapes,
                        inline,
                        complete: true,
                        concurrency: None,
                        disable_free: !args.then_runs,
                    };
                    compile_with_deps(&sources, "main", &imports, &summaries, flags)
                });
                let (ahead, took) = reader.and_then(|r| r.join().ok()).unwrap_or_default();
                if args.verbose {
                    let ms = took.as_secs_f64() * 1000.0;
                    eprintln!("{:<28} {:>8.2} ms", "read objects (beside it)", ms);
                }
                (compiled, ahead)
            });
            let (main, deps) = compiled.map_err(|e| given_names(bundled.failure(e), &names))?;
            if args.escapes && !main.notes.is_empty() {
                // As `go build -gcflags=-m` prints them.
                eprintln!("# command-line-arguments");
                if let Error::Diags(ds) = given_names(Error::Diags(main.notes.clone()), &names) {
                    for d in ds {
                        eprintln!("{d}");
                    }
                }
            }
            let e = Entry {
                objects: vec![linker_input("main.o".into(), main.object)],
                asm_header: main.asm_header,
                escapes: main.escapes,
                export: Vec::new(),
                imports: deps,
            };
            if let Some(c) = &cache {
                c.put(&key, &e);
            }
            let Entry {
                mut objects,
                imports,
                ..
            } = e;
            (objects.remove(0), imports, ahead)
        }
    };
    if args.compile_only {
        if let Some(out) = &out {
            write_output(out, &main_object.data, false)?;
        }
        stages.total();
        return Ok(out.unwrap_or_else(|| "/dev/null".into()));
    }
    // Files of a package other than main are compiled, not linked, as go build does: nothing
    // is written, or with -o an archive of the package's object (go's holds its own
    // objects and export data there).
    if package_name(&sources).is_some_and(|p| p != "main") {
        if let Some(out) = &args.output {
            write_output(out, &archive(&[("_go_.o", &main_object.data)]), false)?;
        }
        stages.total();
        return Ok(args.output.clone().unwrap_or_else(|| "/dev/null".into()));
    }

    // 2. Plan the link: its action ID, from the IDs of main's object and of the runtime and
    // the bundled packages main imports (transitively). An output the plan would link is up
    // to date and left alone, as the go command leaves it.
    let main_id = content_id(&main_object.data);
    let main_build_id = format!(
        "{}/{}",
        compile_action_id(&sources, args.trimpath, args.no_inline),
        main_id
    );
    let mut ids = bundled_ids(&bundled, &deps)?;
    ids.push(("main.o".into(), main_id.clone()));
    let info = mod_info("command-line-arguments", &[], args.trimpath, args.no_inline);
    // Only the write follows the link, unless the program is then run (tbuild run).
    let plan = LinkPlan::new(&ids, &main_build_id, info, args, !args.then_runs);
    if let Some(out) = &out {
        if stages.time("check output", || plan.up_to_date(out)) {
            stages.total();
            return Ok(out.clone());
        }
    }

    // 3. Read (or compile and assemble) the runtime and the bundled packages, and link.
    let mut inputs = bundled_inputs(&bundled, &deps, work_dir.as_deref())?;
    inputs.push(main_object, main_id);
    let exe = link_program(
        &inputs,
        ahead,
        &plan,
        args,
        &mut stages,
        work_dir.as_deref(),
    )?;
    if let Some(out) = &out {
        let id = plan.build_id();
        stages.time("write (and build ID)", || write_stamped(out, &exe, id))?;
    }
    stages.total();
    Ok(out.unwrap_or_else(|| "/dev/null".into()))
}

/// The runtime and the bundled packages `roots` import, directly or not, each with the
/// import paths of its files.
fn bundled_closure(roots: &[String]) -> (Vec<&'static tbuild_runtime::Package>, Vec<Vec<String>>) {
    let mut list: Vec<&'static tbuild_runtime::Package> = Vec::new();
    let mut imports: Vec<Vec<String>> = Vec::new();
    let mut pending: Vec<String> = roots.to_vec();
    pending.push("runtime".into());
    while let Some(path) = pending.pop() {
        let Some(pkg) = tbuild_runtime::package(&path) else {
            continue;
        };
        if list.iter().any(|p| p.path == pkg.path) {
            continue;
        }
        let mut of = Vec::new();
        for f in pkg.go_files {
            if let Ok(h) = crate::constraint::read_header(f.text.as_bytes()) {
                of.extend(h.imports.into_iter().map(|i| i.path));
            }
        }
        pending.extend(of.iter().cloned());
        list.push(pkg);
        imports.push(of);
    }
    (list, imports)
}

/// Objects stay in memory; -work writes them to a directory that is kept, named without a
/// pid so that no later build removes it.
pub(crate) fn work_dir(keep: bool) -> Result<Option<PathBuf>, Error> {
    if !keep {
        return Ok(None);
    }
    let dir = tempfile::Builder::new()
        .prefix("tbuild-work-")
        .tempdir()
        .map_err(|e| Error::Io(format!("creating the work directory: {e}")))?
        .keep();
    eprintln!("WORK={}", dir.display());
    Ok(Some(dir))
}

/// The objects of the runtime and of the bundled packages in `deps`, in PACKAGES order
/// (dependencies first). Compiled bundled packages come from the build cache when this
/// tbuild built them before with the same flags (cache.rs), as go build reuses GOCACHE.
pub(crate) fn bundled_inputs(
    bundled: &Bundled,
    deps: &[String],
    work_dir: Option<&Path>,
) -> Result<LinkInputs, Error> {
    // A link follows: its helper threads start now, while the cache is read, and are
    // running by its first parallel pass.
    tbuild_linker::start_helpers();
    let pkgs: Vec<&tbuild_runtime::Package> = (tbuild_runtime::PACKAGES.iter())
        .filter(|p| p.path == "runtime" || deps.iter().any(|d| d == p.path))
        .collect();
    // Read (mapped and their checksums verified: cache::unseal) on the helpers too: a
    // relink of hello reads 2.8 MB of entries, the runtime's 1.7 MB of them, and did so
    // on one thread.
    let entries = tbuild_linker::par_map(&pkgs, |pkg| bundled.entry(pkg.path));
    let mut inputs = LinkInputs::default();
    for (pkg, compiled) in pkgs.iter().zip(entries) {
        let compiled = compiled?;
        let entry = &compiled.entry;
        if let Some(w) = work_dir {
            let _ = fs::write(w.join(format!("{}_go_asm.h", pkg.path)), &entry.asm_header);
        }
        for object in &entry.objects {
            inputs.push(object.clone(), compiled.id.clone());
        }
    }
    Ok(inputs)
}

/// The bundled packages' objects as [`bundled_inputs`] gives them, as (name, content ID),
/// without reading them when the cache has them.
pub(crate) fn bundled_ids(
    bundled: &Bundled,
    deps: &[String],
) -> Result<Vec<(String, String)>, Error> {
    let mut out = Vec::new();
    for pkg in tbuild_runtime::PACKAGES {
        if pkg.path != "runtime" && !deps.iter().any(|d| d == pkg.path) {
            continue;
        }
        let id = bundled.id(pkg.path)?;
        out.extend(object_names(pkg).into_iter().map(|n| (n, id.clone())));
    }
    Ok(out)
}

/// The link of one program: its options and action ID, computed from its inputs' names and
/// content IDs before any input is read, and the build ID the binary gets.
pub(crate) struct LinkPlan {
    opts: LinkOptions,
    /// `actionID(binary)/actionID(main)/contentID(main)`: the build ID but for its last
    /// component, which is the binary's content ID.
    prefix: String,
}

impl LinkPlan {
    /// The build ID the linker writes, the binary's action ID standing in for its content ID
    /// until `write_stamped` replaces it.
    pub(crate) fn build_id(&self) -> &str {
        &self.opts.build_id
    }

    /// `ids` names every input and its content ID, in the order of the link's inputs.
    /// `last`: only writing the output follows the link in this process, which may then
    /// leave the link's tables to its exit (`LinkOptions::disable_free`).
    pub fn new(
        ids: &[(String, String)],
        main_build_id: &str,
        mod_info: String,
        args: &BuildArgs,
        last: bool,
    ) -> LinkPlan {
        let mut opts = LinkOptions {
            go_version: go_version(),
            mod_info,
            strip_symbols: args.strip,
            strip_dwarf: args.strip_dwarf || args.strip,
            disable_free: last,
            ..LinkOptions::default()
        };
        let link_id = link_action_id(ids, &opts, true);
        opts.build_id = format!("{link_id}/{main_build_id}/{link_id}");
        LinkPlan {
            opts,
            prefix: format!("{link_id}/{main_build_id}"),
        }
    }

    /// Whether `out` is an executable this plan would link: its build ID's action IDs are
    /// this plan's. The go command then does not link it again (cmd/go/internal/work
    /// buildid.go `useCache`: the target's build ID matches the action ID).
    pub fn up_to_date(&self, out: &Path) -> bool {
        read_build_id(out).is_some_and(|id| {
            id.rsplit_once('/')
                .is_some_and(|(prefix, _)| prefix == self.prefix)
        })
    }
}

/// The build ID of an ELF executable, from the `Go` note of type 4 (NOTE_GOBUILDID_TAG) in
/// a PT_NOTE segment within its first 32 KiB, where Go's linker and tbuild's put it (Go's
/// cmd/internal/buildid ReadFile reads the same place: `readELF` over the file's start).
/// Only the start is read: a warm build asks this of a multi-megabyte output.
pub(crate) fn read_build_id(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut head = Vec::with_capacity(32 << 10);
    let f = fs::File::open(path).ok()?;
    if !f.metadata().ok()?.is_file() {
        return None;
    }
    f.take(32 << 10).read_to_end(&mut head).ok()?;
    let u16_at = |o: usize| Some(u16::from_le_bytes(head.get(o..o + 2)?.try_into().ok()?) as usize);
    let u32_at = |o: usize| Some(u32::from_le_bytes(head.get(o..o + 4)?.try_into().ok()?) as usize);
    let u64_at = |o: usize| Some(u64::from_le_bytes(head.get(o..o + 8)?.try_into().ok()?) as usize);
    // ELF64, little-endian (the ELF header's e_ident).
    if head.get(..6)? != b"\x7fELF\x02\x01" {
        return None;
    }
    let (phoff, phentsize, phnum) = (u64_at(0x20)?, u16_at(0x36)?, u16_at(0x38)?);
    for i in 0..phnum {
        let ph = phoff.checked_add(i.checked_mul(phentsize)?)?;
        const PT_NOTE: usize = 4;
        if u32_at(ph)? != PT_NOTE {
            continue;
        }
        let (mut at, size) = (u64_at(ph + 8)?, u64_at(ph + 32)?);
        let end = at.checked_add(size)?;
        // Each note: namesz, descsz, type, the name and the description, each padded to 4.
        while at + 12 <= end {
            let (namesz, descsz, kind) = (u32_at(at)?, u32_at(at + 4)?, u32_at(at + 8)?);
            let name = at + 12;
            let desc = name + namesz.next_multiple_of(4);
            let owner = head.get(name..name + namesz)?.split(|&b| b == 0).next();
            if kind == 4 && owner == Some(b"Go".as_slice()) {
                return String::from_utf8(head.get(desc..desc + descsz)?.to_vec()).ok();
            }
            at = desc + descsz.next_multiple_of(4);
        }
    }
    None
}

/// Links `inputs` (main's object among them) with the build ID's last component a
/// placeholder (the link's action ID), then stamps the binary's content ID into it (Go:
/// cmd/go's updateBuildID after the link).
pub(crate) fn link_program(
    inputs: &LinkInputs,
    ahead: tbuild_linker::ReadAhead,
    plan: &LinkPlan,
    args: &BuildArgs,
    stages: &mut Stages,
    work_dir: Option<&Path>,
) -> Result<tbuild_linker::Executable, Error> {
    if let Some(w) = work_dir {
        for i in &inputs.objects {
            let _ = fs::write(w.join(i.name.replace('/', "_")), &*i.data);
        }
    }
    let opts = &plan.opts;
    let mut timings = Vec::new();
    let exe = stages
        .time("link", || {
            tbuild_linker::link_with(&inputs.objects, ahead, opts, &mut timings)
        })
        .map_err(|e| Error::Link(e.to_string()))?;
    if args.verbose {
        for (name, d) in &timings {
            eprintln!("  {:<26} {:>8.2} ms", name, d.as_secs_f64() * 1000.0);
        }
    }
    Ok(exe)
}

/// Module information as `go build` records it for a command-line-files build: `path
/// command-line-arguments`, then the build settings in Go's order, with tbuild's own values
/// (cmd/go/internal/load/pkg.go `setBuildInfo`: the flags sorted, `-compiler`, `-trimpath`,
/// then CGO_ENABLED, GOARCH, GOOS and the GOAMD64 level; Go leaves the CGO_*FLAGS out when
/// cgo is disabled). debug/buildinfo `ParseBuildInfo` reads it back.
///
/// A module build also records the main package's path, the main module (`mod PATH
/// (devel)`) and every other module that provides a package of the program (`dep PATH
/// VERSION SUM`, and `=> ...` for a replacement), as runtime/debug BuildInfo.String
/// writes them (a replaced module's line ends where its `=>` line starts; Go 1.19 then ends
/// the replacement with an empty line, which `go version -m` shows as one).
pub(crate) fn mod_info(path: &str, modules: &[String], trimpath: bool, no_inline: bool) -> String {
    let mut m = format!("path\t{path}\n");
    for line in modules {
        m.push_str(line);
    }
    m.push_str("build\t-compiler=tbuild\n");
    if no_inline {
        m.push_str("build\t-gcflags=-l\n");
    }
    if trimpath {
        m.push_str("build\t-trimpath=true\n");
    }
    m.push_str("build\tCGO_ENABLED=0\n");
    m.push_str("build\tGOARCH=amd64\n");
    m.push_str("build\tGOOS=linux\n");
    m.push_str("build\tGOAMD64=v1\n");
    m
}

/// The package clause of the first source file (the checker has made sure they agree).
fn package_name(sources: &[SourceFile]) -> Option<String> {
    let first = sources.first()?;
    crate::constraint::read_header(&first.text)
        .ok()
        .map(|h| h.package)
}

/// A System V `ar` archive of the named members (the format GNU ar writes and tbuild's linker
/// reads, linker/src/archive.rs): the magic line, then each member as a 60-byte header
/// (name ending in '/', zero dates and owners, mode 644, size) and its bytes, padded to an
/// even length.
fn archive(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = b"!<arch>\n".to_vec();
    for (name, data) in members {
        let header = format!(
            "{:<16}{:<12}{:<6}{:<6}{:<8}{:<10}`\n",
            format!("{name}/"),
            0,
            0,
            0,
            644,
            data.len()
        );
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(data);
        if data.len() % 2 == 1 {
            out.push(b'\n');
        }
    }
    out
}

/// `tbuild run FILE [ARGS]`: build to a temporary file and run it, passing its exit status on.
/// As with go run, the arguments after a `.go` file that are `.go` files too are the
/// package's other files.
pub fn run(file: &Path, args: &[String]) -> Result<u8, Error> {
    // Removed when this returns, or by a signal (cleanup.rs).
    let work =
        WorkDir::new().map_err(|e| Error::Io(format!("creating the work directory: {e}")))?;
    let exe = work.path().join(default_output(file, ""));
    let mut files = vec![file.to_path_buf()];
    let mut args = args;
    if file.extension().is_some_and(|e| e == "go") {
        while let Some((a, rest)) = args.split_first().filter(|(a, _)| a.ends_with(".go")) {
            files.push(PathBuf::from(a));
            args = rest;
        }
    }
    // As go run: only a main package runs (the files' packages are checked to agree when
    // they are compiled). Only a regular file is read here: a FIFO would block, and the
    // build refuses what is not one with its own error.
    let header = std::fs::metadata(file)
        .is_ok_and(|m| m.is_file())
        .then(|| std::fs::read(file).ok())
        .flatten()
        .and_then(|t| crate::constraint::read_header(&t).ok());
    if header.is_some_and(|h| h.package != "main") {
        return Err(Error::Load(
            "package command-line-arguments is not a main package".into(),
        ));
    }
    let build_args = BuildArgs {
        output: Some(exe.clone()),
        files,
        then_runs: true,
        ..BuildArgs::default()
    };
    build(&build_args)?;
    run_executable(&exe, args)
}

/// Runs a program built for `tbuild run`, passing its exit status on.
pub(crate) fn run_executable(exe: &Path, args: &[String]) -> Result<u8, Error> {
    let mut cmd = std::process::Command::new(exe);
    cmd.args(args);
    cleanup::unblock_signals_in(&mut cmd);
    let status =
        cleanup::while_child_runs(|| cmd.status()).map_err(|e| io_err("fork/exec", exe, e))?;
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
    concurrency: Option<usize>,
) -> Result<(), Error> {
    let (sources, names) = read_sources(files, false, "a Go file")?;
    // The imported packages' whole sources serve as their export data (compile/export.rs).
    let imports = |p: &str| bundled_source(p, false);
    // As go tool compile without -complete: the package's assembly is assembled apart.
    // One compile, then the process ends.
    let flags = CompileFlags {
        concurrency,
        disable_free: true,
        ..CompileFlags::BUNDLED
    };
    let (compiled, _) = compile_with_deps(&sources, package, &imports, &|_| None, flags)
        .map_err(|e| given_names(e, &names))?;
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
pub fn tool_asm(
    file: &Path,
    pkg: &str,
    include: &[PathBuf],
    output: Option<&Path>,
) -> Result<(), Error> {
    let (mut srcs, names) = read_sources(&[file.to_path_buf()], false, "an assembly file")?;
    let src = srcs.remove(0);
    let dirs: Vec<PathBuf> = include
        .iter()
        .cloned()
        .chain(file.parent().map(Path::to_path_buf))
        .collect();
    let find = |name: &str| dirs.iter().find_map(|d| read_include(&d.join(name)));
    // The assembler reads text.
    let text = String::from_utf8_lossy(&src.text);
    let obj = tbuild_codegen::asm::assemble_package(pkg, &src.name, &text, &find)
        .map_err(|e| given_names(Error::Diags(e), &names))?;
    let out = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| default_output(file, ".o"));
    write_output(&out, &obj, false)
}

/// `tbuild tool link`: objects to an executable.
pub fn tool_link(
    files: &[PathBuf],
    output: &Path,
    entry: &str,
    strip: bool,
    strip_dwarf: bool,
) -> Result<(), Error> {
    let mut inputs = LinkInputs::default();
    for f in files {
        let data = read_input(f, "an object file")?;
        let id = content_id(&data);
        let object = Input {
            name: f.display().to_string(),
            data: data.into(),
            summary: None,
        };
        inputs.push(object, id);
    }
    // No main package is compiled here: the ID is Go's package form, actionID/contentID.
    let mut opts = LinkOptions {
        entry: entry.to_string(),
        go_version: go_version(),
        strip_symbols: strip,
        strip_dwarf: strip_dwarf || strip,
        ..LinkOptions::default()
    };
    let link_id = link_action_id(&inputs.ids(), &opts, false);
    opts.build_id = format!("{link_id}/{link_id}");
    let ahead = tbuild_linker::ReadAhead::default();
    let exe = tbuild_linker::link_with(&inputs.objects, ahead, &opts, &mut Vec::new())
        .map_err(|e| Error::Link(e.to_string()))?;
    write_stamped(output, &exe, &opts.build_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The content ID is the hash with every copy of the ID zeroed, one far from the
    /// note's included (FindAndHash), and every copy is stamped, also one that crosses from
    /// one of the executable's parts into the next.
    #[test]
    fn every_copy_of_the_build_id_is_zeroed_and_stamped() {
        let linked = format!("{}/{}", "p".repeat(20), "x".repeat(20));
        let mut bytes = vec![7u8; 192 << 10];
        let at = [100, 128 << 10];
        for a in at {
            bytes[a..a + linked.len()].copy_from_slice(linked.as_bytes());
        }
        let rest = bytes.split_off((128 << 10) + 10);
        let exe = tbuild_linker::Executable::from_parts(vec![bytes.clone(), rest.clone()]);
        bytes.extend(rest);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("prog");
        assert!(write_stamped(&out, &exe, &linked).is_ok());
        let written = fs::read(&out).unwrap();
        assert_eq!(written.len(), bytes.len());
        let hash = hash_zeroed([&bytes[..]], &at, linked.len());
        let id = format!("{}/{}", "p".repeat(20), hash_to_string(&hash));
        for a in at {
            assert_eq!(&written[a..a + id.len()], id.as_bytes(), "the copy at {a}");
        }
    }
}
