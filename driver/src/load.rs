//! Package loading: from the packages named on the command line (import paths, directories,
//! `...` patterns) to every user package they import, each with its directory, the files
//! built (constraint.rs) and its imports, as the go command's load and modload packages find
//! them. The main module is the go.mod found in the current directory or above; an import
//! path is looked for in the main module, in the modules it requires (a `replace` to a local
//! directory, `vendor/` with `-mod=vendor` or when vendor/modules.txt exists and the go line
//! says 1.14 or later, else the module cache, `$GOMODCACHE/path@version`, case-encoded). Paths
//! without a dot in their first element are the standard library's: the bundled packages,
//! compiled by build.rs from tbuild's own sources. Nothing is ever downloaded: a module
//! missing from the cache is an error that says so.
//!
//! Errors are Go's `PackageError`s (cmd/go/internal/load/pkg.go): an import stack, the
//! position of the import that failed, and the message; each root's errors are printed as
//! `go build` prints them (CheckPackageErrors: the root's own error, then its dependencies'
//! errors ordered by import path, each once).

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::constraint::{build_constraint, good_os_arch_name, read_header};
use crate::modfile::{self, ModFile, Target};
use crate::stdlist::STD;

/// A load error, as cmd/go's PackageError prints it.
#[derive(Debug, Clone)]
pub struct PackageError {
    pub import_stack: Vec<String>,
    /// `file:line:col` of the import, the file as `base.ShortPath` prints it.
    pub pos: Option<String>,
    pub err: String,
    /// Print the stack even when there is a position (import cycles, internal imports).
    pub always_stack: bool,
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(pos) = &self.pos {
            if self.import_stack.is_empty() || !self.always_stack {
                return write!(f, "{pos}: {}", self.err);
            }
        }
        if self.import_stack.is_empty() {
            return write!(f, "{}", self.err);
        }
        write!(f, "package {}", self.import_stack.join("\n\timports "))?;
        if let Some(pos) = &self.pos {
            write!(f, "\n\t{pos}")?;
        }
        write!(f, ": {}", self.err)
    }
}

/// A module whose packages a build uses.
#[derive(Debug, Clone)]
pub struct Module {
    pub path: String,
    /// None for the main module, `(devel)` in the build information.
    pub version: Option<String>,
    pub dir: PathBuf,
    /// For the build information: the replacement (`=> ../dir`, or `=> path version`).
    pub replaced_by: Option<(String, Option<String>)>,
    /// go.sum's h1: hash of the module (or of its replacement), if recorded.
    pub sum: Option<String>,
}

/// A package's test files, which `tbuild test` compiles (go/build's TestGoFiles and
/// XTestGoFiles), each sorted by name, with their imports as (path, `file:line:col`).
#[derive(Debug, Clone, Default)]
pub struct TestFiles {
    /// `_test.go` files of the package itself.
    pub internal: Vec<PathBuf>,
    pub internal_imports: Vec<(String, String)>,
    /// `_test.go` files of package `NAME_test`, which imports the package.
    pub external: Vec<PathBuf>,
    pub external_imports: Vec<(String, String)>,
}

/// One package of the build.
#[derive(Debug, Clone)]
pub struct Package {
    pub path: String,
    pub dir: PathBuf,
    pub name: String,
    /// The Go files built, sorted by name.
    pub files: Vec<PathBuf>,
    /// The user packages it imports (indices into [`Loader::pkgs`]), by import path.
    pub imports: Vec<usize>,
    /// The package's own error: it could not be found or read.
    pub error: Option<PackageError>,
    /// Errors of this package's imports that depend on the importer (an internal package
    /// it may not use, a program it imports): (imported path, error).
    pub import_errors: Vec<(String, PackageError)>,
    /// Index into [`Loader::modules`].
    pub module: Option<usize>,
    /// Whether the package consists only of test files (go build: "no non-test Go files").
    pub only_tests: bool,
    pub tests: TestFiles,
    /// A main package compiled under its import path, to be imported by its test main.
    pub main_under_test: bool,
}

/// The package loader of one build.
pub struct Loader {
    pub cwd: PathBuf,
    /// The main module's directory and go.mod.
    pub root: PathBuf,
    pub modfile: ModFile,
    go_sum: String,
    pub modules: Vec<Module>,
    vendor: Option<Vec<String>>,
    pub pkgs: Vec<Package>,
    by_path: HashMap<String, usize>,
    /// Packages being loaded (cycle detection), as the go command's import stack.
    stack: Vec<String>,
}

/// The import path of the package made of files named on the command line.
pub const COMMAND_LINE: &str = "command-line-arguments";

/// What tbuild adds where the go command would offer to download a module.
pub const NO_NETWORK: &str =
    "\t(tbuild does not download modules: go get it, or require it and replace it with a local directory in go.mod)";

/// How `-mod` was given.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum ModMode {
    #[default]
    Default,
    Vendor,
    /// `-mod=mod` or `-mod=readonly`: the module cache, never vendor/.
    Cache,
}

/// A path relative to the current directory when that is shorter (cmd/go base.ShortPath).
pub fn short_path(cwd: &Path, p: &Path) -> String {
    if let Ok(rel) = p.strip_prefix(cwd) {
        let rel = rel.display().to_string();
        if !rel.is_empty() && rel.len() < p.display().to_string().len() {
            return rel;
        }
    }
    if let Some(parent) = cwd.parent() {
        if let Ok(rel) = p.strip_prefix(parent) {
            let rel = format!("../{}", rel.display());
            if rel.len() < p.display().to_string().len() {
                return rel;
            }
        }
    }
    p.display().to_string()
}

/// `dir/rel`, or `dir` itself (without a trailing `/`) for an empty `rel`.
fn join_rel(dir: &Path, rel: &str) -> PathBuf {
    if rel.is_empty() {
        dir.to_path_buf()
    } else {
        dir.join(rel)
    }
}

/// Whether `path` is `prefix` or below it, as import paths.
fn has_path_prefix(path: &str, prefix: &str) -> bool {
    prefix.is_empty()
        || path == prefix
        || (path.starts_with(prefix) && path.as_bytes().get(prefix.len()) == Some(&b'/'))
}

/// Whether an import path belongs to the standard library's namespace (no dot in its first
/// element: cmd/go's search.IsStandardImportPath).
pub fn is_std_path(path: &str) -> bool {
    !path.split('/').next().unwrap_or("").contains('.')
}

/// Whether tbuild compiles this import path from its own sources (or it is `unsafe`).
pub fn is_bundled(path: &str) -> bool {
    path == "unsafe" || tbuild_runtime::package(path).is_some()
}

impl Loader {
    /// Finds the main module from `cwd` upwards and reads its go.mod.
    pub fn new(cwd: &Path, mode: ModMode) -> Result<Loader, String> {
        let mut dir = Some(cwd);
        let root = loop {
            let Some(d) = dir else {
                return Err("go.mod file not found in current directory or any parent directory; see 'go help modules'".into());
            };
            if d.join("go.mod").is_file() {
                break d.to_path_buf();
            }
            dir = d.parent();
        };
        let gomod = root.join("go.mod");
        let text =
            fs::read_to_string(&gomod).map_err(|e| format!("reading {}: {e}", gomod.display()))?;
        let modfile = modfile::parse(&gomod.display().to_string(), &text)?;
        let go_sum = fs::read_to_string(root.join("go.sum")).unwrap_or_default();
        let modules_txt = root.join("vendor/modules.txt");
        let vendor = match mode {
            ModMode::Vendor => Some(fs::read_to_string(&modules_txt).map_err(|_| {
                format!(
                    "inconsistent vendoring in {}:\n\tno vendor/modules.txt: run 'go mod vendor' to sync",
                    root.display()
                )
            })?),
            ModMode::Default if modfile.go_at_least(14) && modules_txt.is_file() => {
                fs::read_to_string(&modules_txt).ok()
            }
            _ => None,
        }
        .map(|t| modfile::vendored_modules(&t));
        let main = Module {
            path: modfile.module.clone(),
            version: None,
            dir: root.clone(),
            replaced_by: None,
            sum: None,
        };
        Ok(Loader {
            cwd: cwd.to_path_buf(),
            root,
            modfile,
            go_sum,
            modules: vec![main],
            vendor,
            pkgs: Vec::new(),
            by_path: HashMap::new(),
            stack: Vec::new(),
        })
    }

    /// The main module's import path for a directory inside it.
    pub fn dir_import_path(&self, dir: &Path) -> Option<String> {
        let rel = dir.strip_prefix(&self.root).ok()?;
        let rel = rel.to_str()?;
        Some(if rel.is_empty() {
            self.modfile.module.clone()
        } else {
            format!("{}/{rel}", self.modfile.module)
        })
    }

    /// The module (index into `modules`) and the directory that may hold package `path`,
    /// or the reason none can.
    fn find_dir(&mut self, path: &str) -> Result<(usize, PathBuf), String> {
        let main = &self.modfile.module;
        if has_path_prefix(path, main) {
            let rel = path[main.len()..].trim_start_matches('/');
            return Ok((0, join_rel(&self.root, rel)));
        }
        // The required module with the longest path that is a prefix of `path`.
        let req = self
            .modfile
            .require
            .iter()
            .filter(|r| has_path_prefix(path, &r.path))
            .max_by_key(|r| r.path.len())
            .cloned();
        let Some(req) = req else {
            return Err(format!(
                "no required module provides package {path}; to add it:\n\tgo get {path}\n{NO_NETWORK}"
            ));
        };
        let rel = path[req.path.len()..].trim_start_matches('/').to_string();
        if let Some(i) = self.modules.iter().position(|m| m.path == req.path) {
            return Ok((i, join_rel(&self.modules[i].dir, &rel)));
        }
        let sum = |p: &str, v: &str| modfile::sum(&self.go_sum, p, v);
        let module = if let Some(vendored) = &self.vendor {
            if !vendored.contains(&req.path) {
                return Err(format!(
                    "cannot find module providing package {path}: import lookup disabled by -mod=vendor"
                ));
            }
            Module {
                path: req.path.clone(),
                version: Some(req.version.clone()),
                dir: self.root.join("vendor").join(&req.path),
                replaced_by: None,
                sum: sum(&req.path, &req.version),
            }
        } else {
            match self.modfile.replacement(&req.path, &req.version).cloned() {
                Some(Target::Dir(d)) => Module {
                    path: req.path.clone(),
                    version: Some(req.version.clone()),
                    dir: self.root.join(&d),
                    replaced_by: Some((d, None)),
                    sum: None,
                },
                Some(Target::Module(r)) => Module {
                    path: req.path.clone(),
                    version: Some(req.version.clone()),
                    dir: self.cached_module(&r.path, &r.version)?,
                    sum: sum(&r.path, &r.version),
                    replaced_by: Some((r.path, Some(r.version))),
                },
                None => Module {
                    path: req.path.clone(),
                    version: Some(req.version.clone()),
                    dir: self.cached_module(&req.path, &req.version)?,
                    replaced_by: None,
                    sum: sum(&req.path, &req.version),
                },
            }
        };
        self.modules.push(module);
        Ok((
            self.modules.len() - 1,
            join_rel(&self.modules.last().unwrap().dir, &rel),
        ))
    }

    /// A module version's directory in the module cache, which must already be there.
    fn cached_module(&self, path: &str, version: &str) -> Result<PathBuf, String> {
        let Some(cache) = modfile::mod_cache() else {
            return Err(
                "module cache not found: neither GOMODCACHE nor GOPATH nor HOME is set".into(),
            );
        };
        let dir = cache.join(format!(
            "{}@{}",
            modfile::escape(path),
            modfile::escape(version)
        ));
        if dir.is_dir() {
            Ok(dir)
        } else {
            Err(format!(
                "module {path}@{version} is not in the module cache ({}); tbuild does not download modules: run 'go mod download {path}'",
                cache.display()
            ))
        }
    }

    /// Loads the package `path` and, recursively, the user packages it imports. `importer`
    /// is the importing package and the import's position. Returns the package's index;
    /// None for a bundled (standard) package, which the compiler reads itself.
    pub fn load(&mut self, path: &str, importer: Option<(usize, String)>) -> Option<usize> {
        // Unbundled standard packages are refused by the compiler, at the import, with the
        // list of those tbuild bundles.
        if is_std_path(path) && (is_bundled(path) || path == "C" || STD.contains(&path)) {
            return None;
        }
        let stack_with = |s: &Vec<String>| {
            let mut s = s.clone();
            s.push(path.to_string());
            s
        };
        if let Some(&i) = self.by_path.get(path) {
            if self.stack.iter().any(|p| p == path) && self.pkgs[i].error.is_none() {
                self.pkgs[i].error = Some(PackageError {
                    import_stack: stack_with(&self.stack),
                    pos: None,
                    err: "import cycle not allowed".into(),
                    always_stack: true,
                });
            }
            return Some(i);
        }
        let pos = importer.as_ref().map(|(_, p)| p.clone());
        let index = self.pkgs.len();
        self.pkgs.push(Package {
            path: path.to_string(),
            dir: PathBuf::new(),
            name: String::new(),
            files: Vec::new(),
            imports: Vec::new(),
            error: None,
            import_errors: Vec::new(),
            module: None,
            only_tests: false,
            tests: TestFiles::default(),
            main_under_test: false,
        });
        self.by_path.insert(path.to_string(), index);
        if is_std_path(path) {
            self.pkgs[index].error = Some(PackageError {
                import_stack: stack_with(&self.stack),
                pos,
                err: format!("package {path} is not in GOROOT ($TBUILD/{path})"),
                always_stack: false,
            });
            return Some(index);
        }
        let (module, dir) = match self.find_dir(path) {
            Ok(x) => x,
            Err(e) => {
                self.pkgs[index].error = Some(PackageError {
                    import_stack: stack_with(&self.stack),
                    pos,
                    err: e,
                    always_stack: false,
                });
                return Some(index);
            }
        };
        self.pkgs[index].module = Some(module);
        self.pkgs[index].dir = dir.clone();
        let scanned = match scan_dir(&dir, &self.cwd) {
            Ok(s) => s,
            Err(DirError::Missing) => {
                // A module that is there but lacks the package: go says this too (it would
                // look for a newer version providing it, which tbuild cannot).
                self.pkgs[index].error = Some(PackageError {
                    import_stack: stack_with(&self.stack),
                    pos,
                    err: format!(
                        "no required module provides package {path}; to add it:\n\tgo get {path}"
                    ),
                    always_stack: false,
                });
                return Some(index);
            }
            Err(DirError::Other(e, with_pos)) => {
                self.pkgs[index].error = Some(PackageError {
                    import_stack: stack_with(&self.stack),
                    pos: if with_pos { pos } else { None },
                    err: e,
                    always_stack: false,
                });
                return Some(index);
            }
        };
        self.pkgs[index].name = scanned.name.clone();
        self.pkgs[index].files = scanned.files.clone();
        self.pkgs[index].only_tests = scanned.only_tests;
        self.pkgs[index].tests = scanned.tests.clone();
        self.stack.push(path.to_string());
        let mut imports = Vec::new();
        for (imp, at) in &scanned.imports {
            let (file, line, col) = at;
            let pos = format!("{}:{line}:{col}", short_path(&self.cwd, file));
            if imp.is_empty() || imp.starts_with("./") || imp.starts_with("../") {
                self.pkgs[index].import_errors.push((
                    imp.clone(),
                    PackageError {
                        import_stack: self.stack.clone(),
                        pos: Some(pos),
                        err: format!("\"{imp}\" is relative, but relative import paths are not supported in module mode"),
                        always_stack: false,
                    },
                ));
                continue;
            }
            let Some(i) = self.load(imp, Some((index, pos.clone()))) else {
                continue;
            };
            if let Some(e) = self.check_import(index, i, &pos) {
                self.pkgs[index].import_errors.push((imp.clone(), e));
            }
            imports.push(i);
        }
        self.stack.pop();
        self.pkgs[index].imports = imports;
        Some(index)
    }

    /// Loads a package named on the command line: by import path, or (`dir`) by a
    /// directory, whose absence or lack of Go files Go reports in its own words. A root's
    /// errors carry no import stack, but for `build constraints exclude all Go files`,
    /// which names the package (as go build prints them).
    pub fn load_root(&mut self, path: &str, dir: Option<&Path>) -> Option<usize> {
        if let Some(d) = dir {
            if !d.is_dir() && !self.by_path.contains_key(path) {
                self.pkgs.push(Package {
                    path: path.to_string(),
                    dir: d.to_path_buf(),
                    name: String::new(),
                    files: Vec::new(),
                    imports: Vec::new(),
                    error: Some(PackageError {
                        import_stack: Vec::new(),
                        pos: None,
                        err: format!("stat {}: directory not found", d.display()),
                        always_stack: false,
                    }),
                    import_errors: Vec::new(),
                    module: Some(0),
                    only_tests: false,
                    tests: TestFiles::default(),
                    main_under_test: false,
                });
                self.by_path.insert(path.to_string(), self.pkgs.len() - 1);
                return Some(self.pkgs.len() - 1);
            }
        }
        if is_std_path(path) && !is_bundled(path) && STD.contains(&path) {
            // A standard package that is not bundled: nothing can build it.
            self.pkgs.push(Package {
                path: path.to_string(),
                dir: PathBuf::new(),
                name: String::new(),
                files: Vec::new(),
                imports: Vec::new(),
                error: Some(PackageError {
                    import_stack: Vec::new(),
                    pos: None,
                    err: format!("tbuild does not support package {path} yet (it bundles the standard packages README.md lists)"),
                    always_stack: false,
                }),
                import_errors: Vec::new(),
                module: None,
                only_tests: false,
                tests: TestFiles::default(),
                main_under_test: false,
            });
            return Some(self.pkgs.len() - 1);
        }
        let i = self.load(path, None)?;
        let p = &mut self.pkgs[i];
        if let Some(e) = &mut p.error {
            if e.import_stack.len() == 1 && !e.err.starts_with("build constraints exclude") {
                e.import_stack.clear();
                if dir.is_some() && e.err.starts_with("no required module provides") {
                    e.err = format!("no Go files in {}", p.dir.display());
                }
            }
        }
        Some(i)
    }

    /// The package made of source files named on the command line (go's
    /// `command-line-arguments`), whose imports are loaded from the main module. Internal
    /// packages are checked against the import path of the files' directory in the main
    /// module (pkg.go: `DirImportPath` for command-line files).
    pub fn load_files(
        &mut self,
        files: &[PathBuf],
        headers: Vec<crate::constraint::Header>,
    ) -> usize {
        let index = self.pkgs.len();
        let dir = files
            .first()
            .and_then(|f| std::path::absolute(f).ok())
            .and_then(|f| f.parent().map(Path::to_path_buf))
            .unwrap_or_default();
        self.pkgs.push(Package {
            path: COMMAND_LINE.to_string(),
            dir: dir.clone(),
            name: headers
                .first()
                .map(|h| h.package.clone())
                .unwrap_or_default(),
            files: files.to_vec(),
            imports: Vec::new(),
            error: None,
            import_errors: Vec::new(),
            module: Some(0),
            only_tests: false,
            tests: TestFiles::default(),
            main_under_test: false,
        });
        self.by_path.insert(COMMAND_LINE.to_string(), index);
        let as_path = self.dir_import_path(&dir).unwrap_or_default();
        self.stack.push(COMMAND_LINE.to_string());
        let mut imports = Vec::new();
        for (f, h) in files.iter().zip(headers) {
            for imp in h.imports {
                let pos = format!("{}:{}:{}", f.display(), imp.line, imp.col);
                let Some(i) = self.load(&imp.path, Some((index, pos.clone()))) else {
                    continue;
                };
                // Checked as if the files were the package of their directory.
                self.pkgs[index].path = as_path.clone();
                let e = self.check_import(index, i, &pos);
                self.pkgs[index].path = COMMAND_LINE.to_string();
                if let Some(e) = e {
                    self.pkgs[index].import_errors.push((imp.path.clone(), e));
                }
                if !imports.contains(&i) {
                    imports.push(i);
                }
            }
        }
        self.stack.pop();
        self.pkgs[index].imports = imports;
        index
    }

    /// Loads the imports of package `index`'s test files (`imports`: path and position),
    /// as its own imports are loaded; returns the user packages among them, and records the
    /// errors of those it may not import.
    pub fn load_test_imports(&mut self, index: usize, imports: &[(String, String)]) -> Vec<usize> {
        self.stack.push(self.pkgs[index].path.clone());
        let mut out = Vec::new();
        for (imp, pos) in imports {
            let Some(i) = self.load(imp, Some((index, pos.clone()))) else {
                continue;
            };
            if i != index {
                if let Some(e) = self.check_import(index, i, pos) {
                    self.pkgs[index].import_errors.push((imp.clone(), e));
                }
            }
            if !out.contains(&i) {
                out.push(i);
            }
        }
        self.stack.pop();
        out
    }

    /// Adds a package made by the test command (an external test package, a test main).
    pub fn add_package(&mut self, pkg: Package) -> usize {
        self.by_path.insert(pkg.path.clone(), self.pkgs.len());
        self.pkgs.push(pkg);
        self.pkgs.len() - 1
    }

    /// What Go refuses about importing package `i` from package `from` (pkg.go
    /// disallowInternal, and importing a program).
    fn check_import(&self, from: usize, i: usize, pos: &str) -> Option<PackageError> {
        let p = &self.pkgs[i];
        if p.error.is_some() {
            return None;
        }
        let importer = &self.pkgs[from].path;
        let parts: Vec<&str> = p.path.split('/').collect();
        if let Some(k) = parts.iter().rposition(|s| *s == "internal") {
            let parent = parts[..k].join("/");
            if !has_path_prefix(importer, &parent) {
                return Some(PackageError {
                    import_stack: self.stack.clone(),
                    pos: Some(pos.to_string()),
                    err: format!("use of internal package {} not allowed", p.path),
                    always_stack: true,
                });
            }
        }
        if p.name == "main" {
            return Some(PackageError {
                import_stack: self.stack.clone(),
                pos: Some(pos.to_string()),
                err: format!(
                    "import \"{}\" is a program, not an importable package",
                    p.path
                ),
                always_stack: false,
            });
        }
        None
    }

    /// Every error of the packages rooted at `roots`, in Go's order, each once.
    pub fn errors(&self, roots: &[usize]) -> Vec<String> {
        let mut out = Vec::new();
        let mut printed = BTreeSet::new();
        for &r in roots {
            if let Some(e) = &self.pkgs[r].error {
                let s = e.to_string();
                if printed.insert(s.clone()) {
                    out.push(s);
                }
            }
            // Dependencies' errors, by the import path of the package in error.
            let mut deps: Vec<(String, String)> = Vec::new();
            let mut seen = BTreeSet::new();
            let mut queue = vec![r];
            while let Some(p) = queue.pop() {
                if !seen.insert(p) {
                    continue;
                }
                for (path, e) in &self.pkgs[p].import_errors {
                    deps.push((path.clone(), e.to_string()));
                }
                for &i in &self.pkgs[p].imports {
                    if let Some(e) = &self.pkgs[i].error {
                        deps.push((self.pkgs[i].path.clone(), e.to_string()));
                    }
                    queue.push(i);
                }
            }
            deps.sort();
            let mut last_path = None;
            for (path, e) in deps {
                if last_path.as_ref() == Some(&path) {
                    continue;
                }
                last_path = Some(path);
                if printed.insert(e.clone()) {
                    out.push(e);
                }
            }
        }
        out
    }

    /// The packages rooted at `roots`, dependencies first (Go's PackageList: depth first,
    /// in import order).
    pub fn package_list(&self, roots: &[usize]) -> Vec<usize> {
        fn walk(l: &Loader, p: usize, seen: &mut Vec<bool>, out: &mut Vec<usize>) {
            if seen[p] {
                return;
            }
            seen[p] = true;
            for &i in &l.pkgs[p].imports {
                walk(l, i, seen, out);
            }
            out.push(p);
        }
        let mut seen = vec![false; self.pkgs.len()];
        let mut out = Vec::new();
        for &r in roots {
            walk(self, r, &mut seen, &mut out);
        }
        out
    }

    /// Expands the command line's package arguments to import paths: `.`, `./dir` and
    /// absolute directories (in the main module), import paths, and patterns with `...`.
    /// Returns the paths and the warnings to print.
    pub fn expand(&self, args: &[String]) -> Result<(Vec<Root>, Vec<String>), String> {
        let mut paths = Vec::new();
        let mut warnings = Vec::new();
        for a in args {
            let local = a == "."
                || a == ".."
                || a.starts_with("./")
                || a.starts_with("../")
                || a.starts_with('/');
            if a.contains("...") {
                let before = &a[..a.find("...").unwrap_or(a.len())];
                let (base_dir, pattern) = if local {
                    // `./cmd/...`: the directory before the pattern, as an import path.
                    let (dir_part, rest) = a[..before.len()]
                        .rsplit_once('/')
                        .map_or((".", a.as_str()), |(d, _)| (d, &a[d.len() + 1..]));
                    let dir = normalize(&self.cwd.join(dir_part));
                    if let Err(e) = fs::symlink_metadata(&dir) {
                        return Err(format!(
                            "pattern {a}: lstat {dir_part}/: {}",
                            errno_text(&e)
                        ));
                    }
                    let Some(ip) = self.dir_import_path(&dir) else {
                        return Err(format!(
                            "directory {} outside main module or its selected dependencies",
                            short_path(&self.cwd, &dir)
                        ));
                    };
                    (dir, format!("{ip}/{rest}"))
                } else {
                    let base = before.trim_end_matches('/');
                    let main = &self.modfile.module;
                    if !has_path_prefix(base, main) && !has_path_prefix(main, base) {
                        warnings.push(format!("go: warning: \"{a}\" matched no packages"));
                        continue;
                    }
                    let rel = base
                        .strip_prefix(main.as_str())
                        .unwrap_or("")
                        .trim_start_matches('/');
                    (self.root.join(rel), a.clone())
                };
                let re = pattern_matcher(&pattern);
                let mut found = Vec::new();
                self.walk(&base_dir, true, &mut found);
                let before = paths.len();
                for d in found {
                    if let Some(ip) = self.dir_import_path(&d) {
                        if re(&ip) {
                            paths.push((ip, Some(d)));
                        }
                    }
                }
                if paths.len() == before {
                    warnings.push(format!("go: warning: \"{a}\" matched no packages"));
                }
            } else if local {
                let dir = normalize(&self.cwd.join(a));
                match self.dir_import_path(&dir) {
                    Some(ip) => paths.push((ip, Some(dir))),
                    None => {
                        return Err(format!(
                            "directory {} outside main module or its selected dependencies",
                            short_path(&self.cwd, &dir)
                        ))
                    }
                }
            } else {
                paths.push((a.clone(), None));
            }
        }
        Ok((paths, warnings))
    }

    /// The directories under `dir` that hold `.go` files, as `...` matches them: not
    /// `testdata`, `vendor`, names starting with `.` or `_`, nor nested modules.
    fn walk(&self, dir: &Path, top: bool, out: &mut Vec<PathBuf>) {
        if !top && dir.join("go.mod").exists() {
            return;
        }
        let Ok(rd) = fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = rd.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        let has_go = entries.iter().any(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.ends_with(".go") && !n.starts_with(['.', '_']) && e.path().is_file()
        });
        if has_go {
            out.push(dir.to_path_buf());
        }
        for e in entries {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with(['.', '_']) || n == "testdata" || n == "vendor" {
                continue;
            }
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                self.walk(&e.path(), false, out);
            }
        }
    }
}

/// An I/O error's text as Go's syscall errors print it (`no such file or directory`).
fn errno_text(e: &std::io::Error) -> String {
    let s = match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
        None => e.to_string(),
    };
    let s = s.split(" (os error").next().unwrap_or(&s).to_string();
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or(s)
}

/// A package named on the command line: its import path, and its directory when it was
/// named by one (or matched by a pattern).
pub type Root = (String, Option<PathBuf>);

/// A `...` pattern as a matcher (cmd/go/internal/search MatchPattern): `...` matches any
/// string; `x/...` matches `x` too.
fn pattern_matcher(pattern: &str) -> impl Fn(&str) -> bool {
    let pattern = pattern.to_string();
    move |name: &str| {
        let parts: Vec<&str> = pattern.split("...").collect();
        let glob = |name: &str| {
            let mut rest = name;
            for (i, p) in parts.iter().enumerate() {
                if i == 0 {
                    let Some(r) = rest.strip_prefix(p) else {
                        return false;
                    };
                    rest = r;
                } else if i == parts.len() - 1 {
                    return rest.ends_with(p);
                } else {
                    let Some(k) = rest.find(p) else { return false };
                    rest = &rest[k + p.len()..];
                }
            }
            rest.is_empty()
        };
        if glob(name) {
            return true;
        }
        // `x/...` matches `x`.
        pattern
            .strip_suffix("/...")
            .is_some_and(|base| !base.contains("...") && name == base)
    }
}

/// Removes `.` and `..` components without touching the file system.
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

/// What a package directory holds.
struct Scanned {
    name: String,
    files: Vec<PathBuf>,
    /// Imports in file order, with (file, line, column).
    imports: Vec<(String, (PathBuf, u32, u32))>,
    only_tests: bool,
    tests: TestFiles,
}

enum DirError {
    Missing,
    /// The message, and whether Go reports it at the import.
    Other(String, bool),
}

/// Reads a directory's Go files as go/build does: which are built, their package clause
/// (one name per directory, but for `documentation`), and their imports.
fn scan_dir(dir: &Path, cwd: &Path) -> Result<Scanned, DirError> {
    let rd = fs::read_dir(dir).map_err(|_| DirError::Missing)?;
    let mut names: Vec<String> = rd
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".go"))
        .collect();
    names.sort();
    let mut name: Option<(String, String)> = None;
    let mut files = Vec::new();
    let mut imports = Vec::new();
    let mut ignored = 0;
    let mut tests = 0;
    let mut test_files = TestFiles::default();
    // go/build's order for each file (Context.matchFile, then Import's loop): the name
    // (`_`, `.`, GOOS/GOARCH), the build constraint (whose errors name the file), the
    // package clause, `documentation`, the one package name (test files' too, a `_test`
    // suffix aside), then files importing "C" (left out: no cgo) and test files.
    for n in &names {
        if n.starts_with(['.', '_']) {
            continue;
        }
        if !good_os_arch_name(n) {
            ignored += 1;
            continue;
        }
        let path = dir.join(n);
        let text = fs::read(&path)
            .map_err(|e| DirError::Other(format!("read {}: {e}", path.display()), false))?;
        match build_constraint(&text) {
            Ok(true) => {}
            Ok(false) => {
                ignored += 1;
                continue;
            }
            Err(e) => return Err(DirError::Other(format!("{n}: {e}"), true)),
        }
        let h = match read_header(&text) {
            Ok(h) => h,
            Err(e) => {
                return Err(DirError::Other(
                    format!("{}: {e}", short_path(cwd, &path)),
                    true,
                ))
            }
        };
        if h.package == "documentation" {
            ignored += 1;
            continue;
        }
        let is_test = n.ends_with("_test.go");
        let mut pkg = h.package.as_str();
        let mut external = false;
        if is_test && pkg.ends_with("_test") && name.as_ref().map(|(p, _)| p.as_str()) != Some(pkg)
        {
            pkg = &pkg[..pkg.len() - "_test".len()];
            external = true;
        }
        match &name {
            None => name = Some((pkg.to_string(), n.clone())),
            Some((p, first)) if p != pkg => {
                return Err(DirError::Other(
                    format!(
                        "found packages {p} ({first}) and {pkg} ({n}) in {}",
                        dir.display()
                    ),
                    true,
                ))
            }
            _ => {}
        }
        if h.imports.iter().any(|i| i.path == "C") {
            if is_test {
                return Err(DirError::Other(
                    format!("use of cgo in test {} not supported", path.display()),
                    true,
                ));
            }
            ignored += 1;
            continue;
        }
        if is_test {
            tests += 1;
            let pos = |i: &crate::constraint::Import| {
                format!("{}:{}:{}", short_path(cwd, &path), i.line, i.col)
            };
            if external {
                for i in &h.imports {
                    test_files.external_imports.push((i.path.clone(), pos(i)));
                }
                test_files.external.push(path);
            } else {
                for i in &h.imports {
                    test_files.internal_imports.push((i.path.clone(), pos(i)));
                }
                test_files.internal.push(path);
            }
            continue;
        }
        for i in h.imports {
            imports.push((i.path, (path.clone(), i.line, i.col)));
        }
        files.push(path);
    }
    if files.is_empty() && tests > 0 {
        return Ok(Scanned {
            name: name.map(|(n, _)| n).unwrap_or_default(),
            files,
            imports,
            only_tests: true,
            tests: test_files,
        });
    }
    let Some((name, _)) = name.filter(|_| !files.is_empty()) else {
        if ignored > 0 {
            return Err(DirError::Other(
                format!(
                    "build constraints exclude all Go files in {}",
                    dir.display()
                ),
                false,
            ));
        }
        return Err(DirError::Missing);
    };
    Ok(Scanned {
        name,
        files,
        imports,
        only_tests: false,
        tests: test_files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_as_gos() {
        let m = pattern_matcher("example.com/m/...");
        assert!(m("example.com/m") && m("example.com/m/a/b"));
        assert!(!m("example.com/mm") && !m("example.com"));
        let m = pattern_matcher("example.com/m/cmd/h...");
        assert!(m("example.com/m/cmd/hello") && m("example.com/m/cmd/h/x"));
        assert!(!m("example.com/m/cmd/other"));
        let m = pattern_matcher("a/.../z");
        assert!(m("a/b/c/z") && !m("a/b/c/zz"));
    }

    #[test]
    fn paths() {
        assert!(has_path_prefix("a/b/c", "a/b") && !has_path_prefix("a/bc", "a/b"));
        assert!(is_std_path("net/http") && !is_std_path("example.com/x"));
        let cwd = Path::new("/work/m");
        assert_eq!(short_path(cwd, Path::new("/work/m/util/u.go")), "util/u.go");
        assert_eq!(
            short_path(cwd, Path::new("/work/other/x.go")),
            "../other/x.go"
        );
        // Only when shorter (cmd/go base.ShortPath).
        assert_eq!(
            short_path(Path::new("/w/m"), Path::new("/w/o/x.go")),
            "/w/o/x.go"
        );
        assert_eq!(short_path(cwd, Path::new("/x.go")), "/x.go");
    }

    #[test]
    fn errors_print_as_gos() {
        let e = PackageError {
            import_stack: vec!["a".into(), "b".into(), "a".into()],
            pos: None,
            err: "import cycle not allowed".into(),
            always_stack: true,
        };
        assert_eq!(
            e.to_string(),
            "package a\n\timports b\n\timports a: import cycle not allowed"
        );
        let e = PackageError {
            import_stack: vec!["a".into()],
            pos: Some("a/a.go:3:8".into()),
            err: "use of internal package x/internal/y not allowed".into(),
            always_stack: true,
        };
        assert_eq!(
            e.to_string(),
            "package a\n\ta/a.go:3:8: use of internal package x/internal/y not allowed"
        );
        let e = PackageError {
            always_stack: false,
            ..e
        };
        assert_eq!(
            e.to_string(),
            "a/a.go:3:8: use of internal package x/internal/y not allowed"
        );
    }
}
