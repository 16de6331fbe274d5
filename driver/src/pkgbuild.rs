//! `tbuild build [-o OUT] [PACKAGES]` and `tbuild run PACKAGE [ARGS]`: the packages of a
//! module, as `go build` builds them. load.rs finds the packages; here each user package is
//! compiled to its own object in dependency order (a failed package stops only those that
//! import it, and its errors are printed under `# import/path`, as the go command prints
//! them), then every main package is linked with the objects of the packages it imports,
//! user and bundled. With one main package the executable is named after its import path's
//! last element (DefaultExecName); with several and no `-o` they are built and discarded, as
//! go build does; `-o DIR/` writes each into DIR.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use sha2::{Digest, Sha256};
use tbuild::cache::{Cache, Entry, Key};
use tbuild_codegen::compile::SourceFile;
use tbuild_linker::Input;

use crate::build::{
    bundled_ids, bundled_inputs, compile_action_id, compile_with_deps, content_id, export_entry,
    export_sources, link_program, linker_input, mod_info, work_dir, Bundled, CompileFlags, Error,
    LinkPlan, Stages,
};
use crate::files::read_input;
use crate::load::{short_path, Loader, ModMode, COMMAND_LINE};
use crate::BuildArgs;

/// The executable's name for a main package (cmd/go/internal/load DefaultExecName): the
/// import path's last element, or the one before it when that is a major version (`v2`).
pub fn exec_name(path: &str) -> String {
    let elems: Vec<&str> = path.split('/').collect();
    let last = elems.last().copied().unwrap_or(path);
    let is_major = |e: &str| {
        e.len() >= 2
            && e.starts_with('v')
            && e[1..].bytes().all(|b| b.is_ascii_digit())
            && !e[1..].starts_with('0')
            && e != "v1"
    };
    if elems.len() >= 2 && is_major(last) {
        elems[elems.len() - 2].to_string()
    } else {
        last.to_string()
    }
}

/// A loaded package's sources and how errors name its files.
struct Sources {
    files: Vec<SourceFile>,
    /// (recorded name, name in messages).
    names: Vec<(String, String)>,
}

/// Builds the packages `patterns` name (`.` if none); returns the executables written.
pub fn build(args: &BuildArgs, patterns: &[String], mode: ModMode) -> Result<Vec<PathBuf>, Error> {
    let mut stages = Stages {
        verbose: args.verbose,
        start: Instant::now(),
    };
    if args.compile_only {
        return Err(Error::Io(
            "tbuild build: -c is for source files on the command line (tbuild -c FILE...); packages are not written as archives yet".into(),
        ));
    }
    let cwd = std::env::current_dir().map_err(|e| Error::Io(format!("getwd: {e}")))?;
    let mut loader = Loader::new(&cwd, mode).map_err(Error::Io)?;
    let default = [".".to_string()];
    let patterns = if patterns.is_empty() {
        &default[..]
    } else {
        patterns
    };
    let (paths, warnings) = loader.expand(patterns).map_err(Error::Load)?;
    for w in warnings {
        eprintln!("{}", w.replacen("go: ", "tbuild: ", 1));
    }
    let mut roots = Vec::new();
    for (p, dir) in &paths {
        if let Some(i) = loader.load_root(p, dir.as_deref()) {
            if !roots.contains(&i) {
                roots.push(i);
            }
        }
    }
    check_loaded(&loader, &roots)?;
    // Where each main package goes.
    let mains: Vec<usize> = roots
        .iter()
        .copied()
        .filter(|&r| loader.pkgs[r].name == "main")
        .collect();
    let outputs = outputs(&loader, &roots, &mains, args.output.as_deref())?;
    compile_and_link(&loader, &roots, &mains, &outputs, args, &cwd, &mut stages)
}

/// The load errors of the packages rooted at `roots`, as go build reports them.
fn check_loaded(loader: &Loader, roots: &[usize]) -> Result<(), Error> {
    let errors = loader.errors(roots);
    if !errors.is_empty() {
        return Err(Error::Load(errors.join("\n")));
    }
    for &i in &loader.package_list(roots) {
        let p = &loader.pkgs[i];
        if p.only_tests {
            return Err(Error::Load(format!(
                "tbuild build {}: no non-test Go files in {}",
                p.path,
                p.dir.display()
            )));
        }
    }
    Ok(())
}

/// `tbuild [-o OUT] FILE...` in a module, when the files import the module's packages (or
/// other modules'): the files are package `command-line-arguments`, as go build makes
/// them, and the packages they import are loaded and built as for `tbuild build`. None when
/// the files import only standard packages or no go.mod is found: the plain build handles
/// them (and refuses an import it cannot find).
pub fn build_files(args: &BuildArgs, out: Option<PathBuf>) -> Option<Result<PathBuf, Error>> {
    let mut headers = Vec::new();
    for f in &args.files {
        // Read as the plain build reads sources (never blocking on a FIFO); what cannot be
        // read is left to it to report.
        let text = read_input(f, "a Go file").ok()?;
        headers.push(crate::constraint::read_header(&text).ok()?);
    }
    let foreign = headers
        .iter()
        .flat_map(|h| &h.imports)
        .any(|i| !crate::load::is_std_path(&i.path));
    if !foreign {
        return None;
    }
    let cwd = std::env::current_dir().ok()?;
    let mut loader = Loader::new(&cwd, ModMode::Default).ok()?;
    let mut stages = Stages {
        verbose: args.verbose,
        start: Instant::now(),
    };
    let root = loader.load_files(&args.files, headers);
    let result = check_loaded(&loader, &[root]).and_then(|()| {
        compile_and_link(
            &loader,
            &[root],
            &[root],
            std::slice::from_ref(&out),
            args,
            &cwd,
            &mut stages,
        )
    });
    Some(result.map(|_| out.unwrap_or_else(|| "/dev/null".into())))
}

/// Compiles every package rooted at `roots`, dependencies first, and links each of `mains`
/// to its output (None: built and discarded).
pub(crate) fn compile_and_link(
    loader: &Loader,
    roots: &[usize],
    mains: &[usize],
    outputs: &[Option<PathBuf>],
    args: &BuildArgs,
    cwd: &Path,
    stages: &mut Stages,
) -> Result<Vec<PathBuf>, Error> {
    let list = loader.package_list(roots);

    // Every package's sources, read once: each compilation reads its imports' again.
    let mut sources: HashMap<String, Sources> = HashMap::new();
    for &i in &list {
        let p = &loader.pkgs[i];
        let mut files = Vec::new();
        let mut names = Vec::new();
        for f in &p.files {
            let text = read_input(f, "a Go file")?;
            let (name, shown) = if p.path == COMMAND_LINE {
                // As the plain build names command-line files.
                (
                    crate::build::recorded_name(f, args.trimpath),
                    f.display().to_string(),
                )
            } else {
                (
                    recorded_name(loader, i, f, args.trimpath),
                    shown_name(cwd, f),
                )
            };
            names.push((name.clone(), shown));
            files.push(SourceFile { name, text });
        }
        sources.insert(p.path.clone(), Sources { files, names });
    }
    let work_dir = work_dir(args.keep_work)?;
    let cache = Cache::from_env();
    if let Some(c) = &cache {
        c.clean();
    }
    let bundled = Bundled::new(args, cache.as_ref());
    let jobs = crate::schedule::jobs(args.jobs);
    // The bundled packages the user packages import that the cache lacks, in parallel.
    let std_roots: Vec<String> = sources
        .values()
        .flat_map(|s| &s.files)
        .filter_map(|f| crate::constraint::read_header(&f.text).ok())
        .flat_map(|h| h.imports.into_iter().map(|i| i.path))
        .filter(|p| tbuild_runtime::package(p).is_some())
        .collect();
    bundled.prepare(&std_roots, jobs);
    // What the user packages compiled so far give their importers.
    let exported: Mutex<HashMap<String, (Vec<SourceFile>, String)>> = Mutex::new(HashMap::new());
    let lock = || exported.lock().unwrap_or_else(|e| e.into_inner());
    let summaries = |p: &str| {
        let known = lock().get(p).map(|(_, escapes)| escapes.clone());
        known.or_else(|| bundled.entry(p).ok().map(|e| e.entry.escapes.clone()))
    };
    let imports = |p: &str| {
        if tbuild_runtime::package(p).is_some() {
            return bundled.export(p);
        }
        lock().get(p).map(|(files, _)| files.clone())
    };

    // The first package that must compile starts the reading of the bundled objects for the
    // link beside the compiles (Bundled::read_ahead); when every package is cached, nothing
    // is read ahead (the output may well be up to date).
    let (first_miss, missed) = std::sync::mpsc::channel::<()>();
    let first_miss = Mutex::new(Some(first_miss));
    let signal_miss = || {
        let tx = first_miss.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(tx) = tx {
            let _ = tx.send(());
        }
    };

    // Compile, each package once its imports are done, `jobs` at once; a package whose
    // key (its sources, its imports' export data, the compiler and the flags) is in the
    // cache is not compiled again.
    let outcomes: Mutex<HashMap<usize, Outcome>> = Mutex::new(HashMap::new());
    let outcome_of = |i: usize| -> Outcome {
        let p = &loader.pkgs[i];
        let done = outcomes.lock().unwrap_or_else(|e| e.into_inner());
        let mut deps: Vec<(&str, String)> = Vec::new();
        for d in loader.package_list(&[i]).into_iter().filter(|&d| d != i) {
            match done.get(&d) {
                Some(Outcome::Done { export_id, .. }) => {
                    deps.push((loader.pkgs[d].path.as_str(), export_id.clone()))
                }
                // An import failed to compile: go does not build its importers.
                _ => return Outcome::Skipped,
            }
        }
        drop(done);
        let src = &sources[&p.path];
        let compile_path = if p.name == "main" && !p.main_under_test {
            "main"
        } else {
            p.path.as_str()
        };
        let root = roots.contains(&i);
        let report = args.escapes && root;
        let inline = !(args.no_inline && root);
        let dep_ids: Vec<(&str, &str)> = deps.iter().map(|(p, id)| (*p, id.as_str())).collect();
        let key = package_key(
            compile_path,
            &p.path,
            &src.files,
            &dep_ids,
            args.trimpath,
            inline,
        );
        // `-m` prints what the compile finds: never from the cache.
        let hit = cache
            .as_ref()
            .filter(|_| !report)
            .and_then(|c| c.get(&key))
            .filter(|e| e.objects.len() == 1);
        let mut notes = String::new();
        let entry = match hit {
            Some(e) => {
                if args.verbose {
                    eprintln!("{:<28} {:>8}", format!("cached {}", p.path), "hit");
                }
                e
            }
            None => {
                signal_miss();
                let t = Instant::now();
                // A user package has no assembly files: -complete.
                let flags = CompileFlags {
                    report,
                    inline,
                    complete: true,
                    concurrency: None,
                    disable_free: false,
                };
                let result =
                    compile_with_deps(&src.files, compile_path, &imports, &summaries, flags);
                if args.verbose {
                    let ms = t.elapsed().as_secs_f64() * 1000.0;
                    eprintln!("{:<28} {:>8.2} ms", format!("compile {}", p.path), ms);
                }
                let (compiled, deps) = match result {
                    Ok(r) => r,
                    Err(e) => {
                        let e = bundled.failure(e);
                        let text = format!("# {}\n{}", p.path, rename(e.to_string(), &src.names));
                        return Outcome::Failed(text);
                    }
                };
                if report && !compiled.notes.is_empty() {
                    notes.push_str(&format!("# {}\n", p.path));
                    for d in &compiled.notes {
                        notes.push_str(&format!("{}\n", rename(d.to_string(), &src.names)));
                    }
                }
                let e = Entry {
                    objects: vec![linker_input(format!("{}.o", p.path), compiled.object)],
                    asm_header: compiled.asm_header,
                    escapes: compiled.escapes,
                    export: export_entry(compiled.export),
                    imports: deps,
                };
                if let Some(c) = &cache {
                    c.put(&key, &e);
                }
                e
            }
        };
        let export_id = export_id(&entry);
        let Entry {
            objects: mut objs,
            escapes,
            export,
            imports: deps,
            ..
        } = entry;
        lock().insert(p.path.clone(), (export_sources(&export), escapes));
        Outcome::Done {
            object: objs.remove(0),
            deps,
            export_id,
            notes,
        }
    };
    let graph: Vec<Vec<usize>> = list
        .iter()
        .map(|&i| {
            let at = |d: &usize| list.iter().position(|x| x == d);
            loader.pkgs[i].imports.iter().filter_map(at).collect()
        })
        .collect();
    let mut ahead = Some(std::thread::scope(|s| {
        let (bundled, std_roots) = (&bundled, &std_roots);
        let reader = s.spawn(move || match missed.recv() {
            Ok(()) => bundled.read_ahead(std_roots),
            Err(_) => Default::default(),
        });
        crate::schedule::run(&graph, jobs, &|k| {
            let o = outcome_of(list[k]);
            outcomes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(list[k], o);
        });
        // No miss: the reader wakes to a closed channel.
        drop(first_miss.lock().unwrap_or_else(|e| e.into_inner()).take());
        reader.join().unwrap_or_default()
    }));
    let mut outcomes = outcomes.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut objects: HashMap<usize, (Input, Vec<String>)> = HashMap::new();
    let mut failed = false;
    let mut out_text = String::new();
    for &i in &list {
        match outcomes.remove(&i) {
            Some(Outcome::Done {
                object,
                deps,
                notes,
                ..
            }) => {
                eprint!("{notes}");
                objects.insert(i, (object, deps));
            }
            Some(Outcome::Failed(text)) => {
                failed = true;
                out_text.push_str(&text);
            }
            _ => {}
        }
    }
    if failed {
        return Err(Error::Packages(out_text.trim_end().to_string()));
    }

    // Link each main package.
    let mut written = Vec::new();
    for (&m, out) in mains.iter().zip(outputs) {
        let closure = loader.package_list(&[m]);
        let mut deps: Vec<String> = Vec::new();
        for &i in &closure {
            deps.extend(objects[&i].1.iter().cloned());
        }
        // The user packages' objects, then main's, after the bundled ones.
        let mut user: Vec<(Input, String)> = Vec::new();
        for &i in closure.iter().filter(|&&i| i != m) {
            let object = objects[&i].0.clone();
            let id = content_id(&object.data);
            user.push((object, id));
        }
        let main_src = &sources[&loader.pkgs[m].path].files;
        let main_obj = Input {
            name: "main.o".into(),
            ..objects[&m].0.clone()
        };
        let main_id = content_id(&main_obj.data);
        let main_build_id = format!(
            "{}/{}",
            compile_action_id(main_src, args.trimpath, args.no_inline),
            main_id
        );
        user.push((main_obj, main_id));
        let info = mod_info(
            &loader.pkgs[m].path,
            &module_lines(loader, &closure),
            args.trimpath,
            args.no_inline,
        );
        let mut ids = bundled_ids(&bundled, &deps)?;
        ids.extend(user.iter().map(|(o, id)| (o.name.clone(), id.clone())));
        // The last work of the process, unless its program then runs (tbuild run, tbuild
        // test) or other commands are linked after it.
        let last = !args.then_runs && mains.len() == 1;
        let plan = LinkPlan::new(&ids, &main_build_id, info, args, last);
        if let Some(out) = out {
            if stages.time("check output", || plan.up_to_date(out)) {
                written.push(out.clone());
                continue;
            }
        }
        let mut inputs = bundled_inputs(&bundled, &deps, work_dir.as_deref())?;
        for (object, id) in user {
            inputs.push(object, id);
        }
        // The objects read ahead serve the first link (another main's are read again).
        let exe = link_program(
            &inputs,
            ahead.take().unwrap_or_default(),
            &plan,
            args,
            stages,
            work_dir.as_deref(),
        )?;
        if let Some(out) = out {
            let id = plan.build_id();
            stages.time("write (and build ID)", || {
                crate::build::write_stamped(out, &exe, id)
            })?;
            written.push(out.clone());
        }
    }
    stages.total();
    Ok(written)
}

/// What became of one user package's compile.
enum Outcome {
    /// An import failed: not compiled, as go builds no importer of a failed package.
    Skipped,
    /// Its errors, under `# import/path`.
    Failed(String),
    Done {
        object: Input,
        /// The packages its compile imported, transitively (the link needs the bundled ones).
        deps: Vec<String>,
        export_id: String,
        /// `-m`'s diagnostics, under `# import/path`.
        notes: String,
    },
}

/// The cache key of compiling a user package (Go's compile action ID,
/// cmd/go/internal/work/exec.go buildActionID): the compiler (its ID covers the bundled
/// packages), the path it is compiled as and its import path, the flags that change its
/// object, each source file's recorded name and contents, and the export ID of every user
/// package it imports, directly or not (the compile reads their export data).
pub(crate) fn package_key(
    compile_path: &str,
    path: &str,
    files: &[SourceFile],
    deps: &[(&str, &str)],
    trimpath: bool,
    inline: bool,
) -> Key {
    let mut parts: Vec<&[u8]> = vec![
        b"user package",
        env!("CARGO_PKG_VERSION").as_bytes(),
        env!("TBUILD_COMPILER_ID").as_bytes(),
        compile_path.as_bytes(),
        path.as_bytes(),
        if trimpath { b"-trimpath" } else { b"" },
        if inline { b"" } else { b"-l" },
    ];
    for f in files {
        parts.push(f.name.as_bytes());
        parts.push(&f.text);
    }
    for (p, id) in deps {
        parts.push(p.as_bytes());
        parts.push(id.as_bytes());
    }
    Key::of(&parts)
}

/// What a package gives its importers, hashed: its export data and escape summaries. An
/// edit that changes neither (a statement in a function body that is not inlined, say)
/// leaves its importers' keys as they were.
fn export_id(e: &Entry) -> String {
    let mut h = Sha256::new();
    for (name, text) in &e.export {
        h.update((name.len() as u64).to_le_bytes());
        h.update(name);
        h.update((text.len() as u64).to_le_bytes());
        h.update(&text[..]);
    }
    h.update(&e.escapes);
    tbuild_linker::buildinfo::hash_to_string(&h.finalize().into())
}

/// Where each of `mains` is written (None: built and discarded), by go build's rules.
fn outputs(
    loader: &Loader,
    roots: &[usize],
    mains: &[usize],
    o: Option<&Path>,
) -> Result<Vec<Option<PathBuf>>, Error> {
    let name = |m: usize| exec_name(&loader.pkgs[m].path);
    match o {
        Some(o) => {
            let is_dir = o.is_dir() || o.as_os_str().to_string_lossy().ends_with('/');
            if is_dir {
                // go build creates the directory.
                std::fs::create_dir_all(o).map_err(|e| crate::files::io_err("mkdir", o, e))?;
                return Ok(mains.iter().map(|&m| Some(o.join(name(m)))).collect());
            }
            if roots.len() > 1 {
                return Err(Error::Io(format!(
                    "cannot write multiple packages to non-directory {}",
                    o.display()
                )));
            }
            if mains.is_empty() {
                return Err(Error::Io(
                    "tbuild build: -o for a package that is not main (a package archive) is not supported yet".into(),
                ));
            }
            if o == Path::new("/dev/null") {
                return Ok(vec![None]);
            }
            Ok(vec![Some(o.to_path_buf())])
        }
        None if roots.len() == 1 && mains.len() == 1 => {
            let n = name(mains[0]);
            let out = PathBuf::from(&n);
            if out.is_dir() {
                return Err(Error::Io(format!(
                    "build output \"{n}\" already exists and is a directory"
                )));
            }
            Ok(vec![Some(out)])
        }
        None => Ok(mains.iter().map(|_| None).collect()),
    }
}

/// The name a package's file is recorded under: its absolute path, or with `-trimpath` its
/// module's path (and `@version` for a module from the cache) and its path in the module,
/// as `go build -trimpath` rewrites them.
fn recorded_name(loader: &Loader, pkg: usize, file: &Path, trimpath: bool) -> String {
    let p = &loader.pkgs[pkg];
    if trimpath {
        if let Some(m) = p.module.map(|m| &loader.modules[m]) {
            if let Ok(rel) = file.strip_prefix(&m.dir) {
                let base = match (&m.version, &m.replaced_by) {
                    (Some(v), None) => format!("{}@{v}", m.path),
                    (Some(_), Some((r, Some(v)))) => format!("{r}@{v}"),
                    _ => m.path.clone(),
                };
                return format!("{base}/{}", rel.display());
            }
        }
    }
    std::path::absolute(file)
        .unwrap_or_else(|_| file.to_path_buf())
        .display()
        .to_string()
}

/// How compile errors name a package's file: relative to the current directory when that is
/// shorter, and `./NAME` for a file in it, as the go command rewrites the compiler's output
/// (cmd/go/internal/work showOutput: the package directory as base.ShortPath gives it, `.`
/// for the current one).
fn shown_name(cwd: &Path, f: &Path) -> String {
    let short = short_path(cwd, f);
    if f.parent() == Some(cwd) && !short.contains('/') {
        format!("./{short}")
    } else {
        short
    }
}

/// Error text with recorded file names replaced by the names printed.
fn rename(mut text: String, names: &[(String, String)]) -> String {
    for (recorded, shown) in names {
        text = text.replace(recorded.as_str(), shown);
    }
    text
}

/// The build information's module lines for a program: the main module, then each other
/// module providing one of its packages, by module path.
fn module_lines(loader: &Loader, closure: &[usize]) -> Vec<String> {
    let mut used: Vec<usize> = closure
        .iter()
        .filter_map(|&i| loader.pkgs[i].module)
        .filter(|&m| m != 0)
        .collect();
    used.sort_by(|a, b| loader.modules[*a].path.cmp(&loader.modules[*b].path));
    used.dedup();
    let main = &loader.modules[0];
    // Files on the command line are no module's package: go records the main module as a
    // dependency when it provides one of the program's packages.
    let files = closure.iter().any(|&i| loader.pkgs[i].path == COMMAND_LINE);
    let uses_main = closure
        .iter()
        .any(|&i| loader.pkgs[i].module == Some(0) && loader.pkgs[i].path != COMMAND_LINE);
    let mut lines = Vec::new();
    if !files {
        lines.push(format!("mod\t{}\t(devel)\t\n", main.path));
    } else if uses_main {
        lines.push(format!("dep\t{}\t(devel)\t\n", main.path));
    }
    for m in used {
        let m = &loader.modules[m];
        let version = m.version.clone().unwrap_or_else(|| "(devel)".into());
        match &m.replaced_by {
            None => lines.push(format!(
                "dep\t{}\t{version}\t{}\n",
                m.path,
                m.sum.clone().unwrap_or_default()
            )),
            Some((r, v)) => lines.push(format!(
                "dep\t{}\t{version}\n=>\t{r}\t{}\t{}\n\n",
                m.path,
                v.clone().unwrap_or_else(|| "(devel)".into()),
                m.sum.clone().unwrap_or_default()
            )),
        }
    }
    lines
}

/// `tbuild run PACKAGE [ARGS]`: builds the one main package to a temporary file and runs it.
pub fn run(pattern: &str, args: &[String], mode: ModMode) -> Result<u8, Error> {
    let work = tbuild::cleanup::WorkDir::new()
        .map_err(|e| Error::Io(format!("creating the work directory: {e}")))?;
    let cwd = std::env::current_dir().map_err(|e| Error::Io(format!("getwd: {e}")))?;
    let mut loader = Loader::new(&cwd, mode).map_err(Error::Io)?;
    let (paths, _) = loader.expand(&[pattern.to_string()]).map_err(Error::Load)?;
    if paths.len() > 1 {
        return Err(Error::Io(format!("pattern {pattern} matches multiple packages")).load());
    }
    if let Some((p, dir)) = paths.first() {
        let not_main = match loader.load_root(p, dir.as_deref()) {
            Some(i) => {
                let pkg = &loader.pkgs[i];
                pkg.error.is_none() && pkg.name != "main" && !pkg.only_tests
            }
            // A bundled standard package.
            None => true,
        };
        if not_main {
            return Err(Error::Load(format!("package {p} is not a main package")));
        }
    }
    let exe = work.path().join("program");
    let build_args = BuildArgs {
        output: Some(exe.clone()),
        then_runs: true,
        ..BuildArgs::default()
    };
    build(&build_args, &[pattern.to_string()], mode)?;
    crate::build::run_executable(&exe, args)
}

#[cfg(test)]
mod tests {
    use super::exec_name;

    #[test]
    fn executables_are_named_as_gos() {
        assert_eq!(exec_name("example.com/m/cmd/hello"), "hello");
        assert_eq!(exec_name("example.com/m"), "m");
        assert_eq!(exec_name("example.com/m/v2"), "m");
        assert_eq!(exec_name("example.com/m/v1"), "v1");
        assert_eq!(exec_name("example.com/m/v02"), "v02");
    }
}
