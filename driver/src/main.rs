//! `tbuild`: flags and stage orchestration only.
//!
//! `tbuild -o main main.src` runs the three stages `go build` runs, in order: compile every
//! package (the bundled `runtime` and `fmt`, then the user's `main`), assemble the runtime's
//! `.s` files, and link all objects into a static executable. `tbuild tool compile|asm|link`
//! runs one stage alone, as `go tool compile`, `go tool asm` and `go tool link` do.

mod alloc;
mod build;
mod constraint;
mod files;
mod load;
mod modfile;
mod pkgbuild;
mod schedule;
mod stdlist;
mod testcmd;
mod version;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// The C library's allocator, but big blocks mapped with their pages in place (alloc.rs).
#[global_allocator]
static ALLOCATOR: alloc::Populated = alloc::Populated;

/// A standalone toolchain for a subset of Go: compile (Cranelift), assemble (plan9 syntax)
/// and link (Go's ELF layout), with no external tools.
#[derive(Parser, Debug)]
#[command(name = "tbuild", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    build: BuildArgs,
}

#[derive(Args, Debug, Clone, Default)]
pub struct BuildArgs {
    /// Write the executable (or, with -c, the object) to this file. Default: the first
    /// file's base name without its extension, as `go build` names it.
    #[arg(short = 'o', value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Stop after compiling and assembling; write the main package's object (`NAME.o`).
    #[arg(short = 'c')]
    pub compile_only: bool,
    /// Print each stage with its wall time to stderr.
    #[arg(short = 'v')]
    pub verbose: bool,
    /// How many packages to compile at once (`go build -p`); default: the CPUs this
    /// process may run on.
    #[arg(short = 'p', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub jobs: Option<u32>,
    /// Keep the temporary work directory (objects, go_asm.h) and print its path.
    #[arg(long = "work")]
    pub keep_work: bool,
    /// Omit the symbol table (.symtab/.strtab) and the DWARF, as `go build -ldflags=-s`.
    #[arg(short = 's')]
    pub strip: bool,
    /// Omit the DWARF debug information (.debug_*), as `go build -ldflags=-w`.
    #[arg(short = 'w')]
    pub strip_dwarf: bool,
    /// Record file names without their directories, as `go build -trimpath` does: the
    /// package's own files as `./main.go`, the bundled ones as `runtime/proc.go`.
    #[arg(long = "trimpath")]
    pub trimpath: bool,
    /// Print escape analysis's decisions for package main, as `go build -gcflags=-m` does
    /// (`moved to heap: x`, `x escapes to heap`, `x does not escape`, `leaking param: p`).
    #[arg(short = 'm')]
    pub escapes: bool,
    /// Do not inline calls in package main, as `go build -gcflags=-l` does.
    #[arg(short = 'l')]
    pub no_inline: bool,
    /// Source files of package main (`.src` or `.go`).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The process goes on after the build (`tbuild run` waits for the program): the
    /// compiler's and linker's tables are freed, not left to the exit (`disable_free`).
    #[arg(skip)]
    pub then_runs: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the packages of a Go module, as `go build` does: import paths, directories
    /// (`.`, `./cmd/x`) or patterns (`./...`); `.` by default. One main package is written
    /// to the last element of its import path; several are built and discarded unless -o
    /// names a directory. Source files (`.go`, `.src`) are built as `tbuild FILE...` builds
    /// them.
    Build {
        #[command(flatten)]
        build: BuildArgs,
        /// How modules are found: `vendor` (vendor/modules.txt), `mod` or `readonly` (the
        /// module cache). Default: vendor/ when it has modules.txt and go.mod says go 1.14
        /// or later, else the module cache.
        #[arg(long = "mod", value_name = "MODE")]
        modmode: Option<String>,
    },
    /// Build a main package (or FILE) to a temporary executable and run it with ARGS; exit
    /// with its status.
    Run {
        /// How modules are found (see `tbuild build --help`).
        #[arg(long = "mod", value_name = "MODE")]
        modmode: Option<String>,
        /// The source file of package main, or a main package (import path or directory).
        file: PathBuf,
        /// Arguments for the program.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Test packages, as `go test` does: `tbuild test [PACKAGES] [-run REGEXP] [-v] [-count N]
    /// [-bench REGEXP] [-benchtime D] [-benchmem] [-short] [-failfast] [-parallel N] [-args
    /// ...]` (flags may also be spelled -test.NAME).
    Test {
        /// Packages and flags, in any order.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Run one stage alone: compile, asm or link.
    #[command(subcommand)]
    Tool(Tool),
    /// Print tbuild's version; with FILEs, the Go version and (-m) the module information
    /// each executable carries, as `go version [-m] FILE` prints them.
    Version {
        /// Also print the module information (path and build settings).
        #[arg(short = 'm')]
        modules: bool,
        /// Executables, or directories to search for executables.
        files: Vec<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum Tool {
    /// Compile the source files of one package to an ELF relocatable object.
    Compile {
        /// Output object file (default: the first file's base name + ".o").
        #[arg(short = 'o', value_name = "OUT")]
        output: Option<PathBuf>,
        /// The package's import path (main, runtime, fmt).
        #[arg(short = 'p', default_value = "main")]
        package: String,
        /// Also write go_asm.h (struct offsets and constants) to this file.
        #[arg(long = "asmhdr", value_name = "FILE")]
        asmhdr: Option<PathBuf>,
        /// Concurrency while compiling functions, as go tool compile's -c (1: none; default:
        /// one thread per CPU for a package of 64 functions or more).
        #[arg(short = 'c', value_name = "N", value_parser = clap::value_parser!(u32).range(1..=64))]
        concurrency: Option<u32>,
        /// Source files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Assemble one plan9-syntax .s file to an ELF relocatable object.
    Asm {
        /// Output object file (default: the file's base name + ".o").
        #[arg(short = 'o', value_name = "OUT")]
        output: Option<PathBuf>,
        /// Directory searched for #include files (go_asm.h).
        #[arg(short = 'I', value_name = "DIR")]
        include: Vec<PathBuf>,
        /// The package the file belongs to: the prefix of its `·name` symbols.
        #[arg(short = 'p', default_value = "runtime")]
        package: String,
        /// The assembly file.
        file: PathBuf,
    },
    /// Link ELF relocatable objects into a static executable.
    Link {
        /// Output executable (default: a.out).
        #[arg(short = 'o', value_name = "OUT", default_value = "a.out")]
        output: PathBuf,
        /// Entry symbol.
        #[arg(short = 'E', default_value = "_rt0_amd64_linux")]
        entry: String,
        /// Omit the symbol table and the DWARF.
        #[arg(short = 's')]
        strip: bool,
        /// Omit the DWARF.
        #[arg(short = 'w')]
        strip_dwarf: bool,
        /// Object files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    // First, before any thread starts: an interrupted build removes its temporary files.
    tbuild::cleanup::handle_signals();
    // glibc grows a heap 128 KiB at a time (M_TOP_PAD's default), and in the compiling
    // thread's arena each step is an mprotect: a warm hello build made 500 of them, 7% of
    // its CPU time (perf stat). Reserving 64 MiB per step costs address space, not memory:
    // pages are committed when first touched.
    // Blocks from 128 KiB up (cache entries, objects, the output) are each their own mmap by
    // default, unmapped when freed, so every buffer of that size is faulted in afresh: a
    // warm hello build spent 40% of its time in the kernel, most of it page faults. A build
    // is short-lived; its heap keeps what it freed for reuse, and gives nothing back before
    // exit (GLIBC_TUNABLES mmap_threshold and trim_threshold raised so: 45.9 -> 38.9 ms,
    // hyperfine, main edited).
    // SAFETY: mallopt only sets allocator parameters; no allocation is in flight here.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, i32::MAX);
    }
    // A panic is a bug in tbuild, never the user's fault: report it as an internal error in
    // one line and exit with status 1 like any failed build, instead of a Rust backtrace.
    std::panic::set_hook(Box::new(|info| {
        let (msg, at) = tbuild::panics::describe(info);
        let at = at.map(|a| format!(" ({a})")).unwrap_or_default();
        eprintln!("tbuild: internal compiler error: {msg}{at}");
    }));
    match std::panic::catch_unwind(real_main) {
        Ok(code) => code,
        Err(_) => ExitCode::from(1),
    }
}

/// Whether a command-line argument names a source file rather than a package.
fn is_source_name(p: &std::path::Path) -> bool {
    p.extension().is_some_and(|e| e == "go" || e == "src")
}

/// `-mod=MODE`, as the go command accepts it; without the flag, from `$GOFLAGS` as go
/// reads it (space-separated flags).
fn mod_mode(m: Option<&str>) -> Result<load::ModMode, ExitCode> {
    match m {
        None => {
            let from_env = std::env::var("GOFLAGS").ok().and_then(|f| {
                f.split_whitespace()
                    .find_map(|w| w.strip_prefix("-mod=").or(w.strip_prefix("--mod=")))
                    .map(str::to_string)
            });
            match from_env {
                Some(m) => mod_mode(Some(&m)),
                None => Ok(load::ModMode::Default),
            }
        }
        Some("vendor") => Ok(load::ModMode::Vendor),
        Some("mod") | Some("readonly") => Ok(load::ModMode::Cache),
        Some(other) => {
            eprintln!(
                "tbuild: -mod={other} not supported (can be '', 'mod', 'readonly', or 'vendor')"
            );
            Err(ExitCode::from(2))
        }
    }
}

fn real_main() -> ExitCode {
    // Go's tools spell long flags with one dash (`-work`, `-trimpath`, `-mod=vendor`);
    // clap wants two.
    let argv = std::env::args_os().map(|a| {
        let s = a.to_string_lossy();
        if s == "-work" || s == "-trimpath" || s.starts_with("-mod=") || s == "-mod" {
            format!("-{s}").into()
        } else {
            a
        }
    });
    let cli = Cli::parse_from(argv);
    let result = match cli.command {
        None => {
            if cli.build.files.is_empty() {
                eprintln!("tbuild: no source files (try tbuild --help)");
                return ExitCode::from(1);
            }
            build::build(&cli.build).map(|_| 0)
        }
        Some(Command::Build { build, modmode }) => {
            let mode = match mod_mode(modmode.as_deref()) {
                Ok(m) => m,
                Err(code) => return code,
            };
            if build.files.iter().any(|f| is_source_name(f)) {
                // `tbuild build main.go`: the files are the package, as with go build.
                build::build(&build).map(|_| 0)
            } else {
                let patterns: Vec<String> = build
                    .files
                    .iter()
                    .map(|f| f.to_string_lossy().into_owned())
                    .collect();
                pkgbuild::build(&build, &patterns, mode).map(|_| 0)
            }
        }
        Some(Command::Run {
            file,
            args,
            modmode,
        }) => {
            let mode = match mod_mode(modmode.as_deref()) {
                Ok(m) => m,
                Err(code) => return code,
            };
            if is_source_name(&file) {
                build::run(&file, &args)
            } else {
                pkgbuild::run(&file.to_string_lossy(), &args, mode)
            }
        }
        Some(Command::Test { args }) => testcmd::test(&args),
        Some(Command::Version { modules, files }) if files.is_empty() => {
            if modules {
                // As cmd/go/internal/version runVersion.
                eprintln!("tbuild: 'tbuild version' only accepts -m flag with arguments");
                return ExitCode::from(2);
            }
            println!(
                "tbuild version {} ({})",
                env!("CARGO_PKG_VERSION"),
                build::go_version()
            );
            Ok(0)
        }
        Some(Command::Version { modules, files }) => Ok(version::run(&files, modules)),
        Some(Command::Tool(Tool::Compile {
            output,
            package,
            asmhdr,
            concurrency,
            files,
        })) => build::tool_compile(
            &files,
            &package,
            output.as_deref(),
            asmhdr.as_deref(),
            concurrency.map(|c| c as usize),
        )
        .map(|_| 0),
        Some(Command::Tool(Tool::Asm {
            output,
            include,
            package,
            file,
        })) => build::tool_asm(&file, &package, &include, output.as_deref()).map(|_| 0),
        Some(Command::Tool(Tool::Link {
            output,
            entry,
            strip,
            strip_dwarf,
            files,
        })) => build::tool_link(&files, &output, &entry, strip, strip_dwarf).map(|_| 0),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprint!("{e}");
            ExitCode::from(e.exit_status())
        }
    }
}
