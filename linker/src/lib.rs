//! tbuild's linker, the counterpart of `go tool link` with internal linking: ELF64 x86-64
//! relocatable objects in (tbuild's own or any standard ones, e.g. from GNU `as`), one static
//! linux/amd64 executable out, laid out as Go's linker lays it out (see DESIGN.md and
//! /work/shared/docs/go-binary-layout.md): Go's sections and segments, boundary symbols,
//! `.gopclntab`, `.go.buildinfo`, `.note.go.buildid` and a Go-style symbol table.
//!
//! [`link`] runs eight passes in order, each in its own module: [`read`] (`read_objects`:
//! every object, or the members of an `ar` archive the link needs, [`archive`], with every
//! offset, size and count checked against its file and its DWARF read and checked,
//! [`lines`], and each function's pc-value tables derived from its line rows and its code,
//! [`pcvalues`], [`pcsp`], or decoded from the object's link summary, [`summary`]; then the
//! linker's own objects holding `runtime.findfunctab`, [`findfunc`], and `.typelink` and
//! `.itablink`, [`typelinks`]), [`resolve`] (`resolve_symbols`), [`pclntab`]
//! (`collect_pc_tables`: each function's tables and inline tree, and `.gopclntab`'s planned
//! sub-tables), [`layout`] (`layout_sections`), [`synth`] (`synthesize_tables`), [`reloc`]
//! (`apply_relocations`), [`dwarf`] (`link_dwarf`: the inputs' DWARF for debuggers, made on
//! a helper thread ([`par`]) while 5, 6 and the symbol table are) and [`write`](mod@write)
//! (`write_executable`: the executable as the parts it is written from, [`exe`]).
//! The same inputs and options always give the same bytes. No input, however damaged, makes
//! the linker panic or allocate without bound: a fault is a [`LinkError`] naming the object
//! and the section (`malformed object fmt.o: .debug_info: ...`).

/// The linker's maps hash with FxHash (rustc-hash): their keys are symbol names and indices
/// of the objects being linked, and SipHash, std's default, cost a warm build more than the
/// lookups themselves (callgrind).
pub type HashMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;
pub type HashSet<T> = std::collections::HashSet<T, rustc_hash::FxBuildHasher>;

pub mod archive;
pub mod buildinfo;
pub mod bytes;
pub mod dwarf;
mod error;
pub mod exe;
pub mod findfunc;
pub mod funcinfo;
pub mod gcmaps;
pub mod inltree;
pub mod layout;
pub mod lines;
pub mod memprofile;
mod par;
pub mod pclntab;
pub mod pcsp;
pub mod pcvalues;
pub mod read;
pub mod reloc;
pub mod resolve;
pub mod summary;
pub mod synth;
pub mod typelinks;
mod varint;
pub mod write;

use std::time::{Duration, Instant};

pub use bytes::Bytes;
pub use error::{ErrorKind, LinkError};
pub use exe::Executable;
pub use par::{join, map as par_map, start_helpers};

/// One input: an ELF64 x86-64 relocatable object and the name to use for it in messages.
/// The bytes are shared, not owned: the driver hands the linker the objects its cache
/// entries hold without copying them (megabytes per link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub name: String,
    pub data: Bytes,
    /// The object's link summary ([`summary`]), if the driver kept one from an earlier read
    /// of the same bytes: what reading the object would derive from its DWARF and code.
    pub summary: Option<Bytes>,
}

/// Link options (the subset of `go tool link` flags tbuild needs).
#[derive(Debug, Clone)]
pub struct Options {
    /// The entry symbol (Go: `_rt0_<GOARCH>_<GOOS>`, ld/lib.go).
    pub entry: String,
    /// The build ID written to `.note.go.buildid` (`-buildid`).
    pub build_id: String,
    /// The toolchain version written to `.go.buildinfo` (what `go version` prints).
    pub go_version: String,
    /// Module info for `.go.buildinfo` (`go version -m`), unwrapped; may be empty.
    pub mod_info: String,
    /// `-s`: omit `.symtab` and `.strtab` (and, as in Go, the DWARF).
    pub strip_symbols: bool,
    /// `-w`: omit the DWARF (`.debug_*`).
    pub strip_dwarf: bool,
    /// Leave the link's tables (the objects read, the pc tables, the layout) for the
    /// process's exit to free, as clang's cc1 `-disable-free`: the process ends soon after.
    /// Freeing them was 1.4 M of the 27.6 M instructions of relinking hello. It changes no
    /// byte of the output.
    pub disable_free: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            entry: "_rt0_amd64_linux".to_string(),
            build_id: String::new(),
            go_version: format!("go1.19-tbuild-{}", env!("CARGO_PKG_VERSION")),
            mod_info: String::new(),
            strip_symbols: false,
            strip_dwarf: false,
            disable_free: false,
        }
    }
}

/// Per-pass wall times, in pass order, as `link_timed` reports them.
pub type Timings = Vec<(&'static str, Duration)>;

/// Objects read before the link, each with the input it was read from: a driver reads the
/// objects it already has (the runtime's, the bundled packages') while it compiles the rest,
/// and the link reads only the others. Reading is all of an object's address-independent
/// work: parsing, its DWARF's line table and its functions' pc-value tables.
#[derive(Default)]
pub struct ReadAhead(Vec<(Input, read::Object)>);

impl ReadAhead {
    /// Reads `inputs` (objects, not archives); an input that fails is left for the link to
    /// read again and report.
    pub fn read(inputs: &[Input]) -> ReadAhead {
        let objects = par::map_heaviest_first(
            inputs,
            |i| i.data.len(),
            |i| {
                if archive::is_archive(&i.data) {
                    return None;
                }
                read::read_object(&i.name, &i.data, i.summary.as_deref()).ok()
            },
        );
        let read = inputs.iter().cloned().zip(objects);
        ReadAhead(read.filter_map(|(i, o)| Some((i, o?))).collect())
    }

    /// The object read from `input`: the same name and the same bytes (not a copy).
    fn take(&mut self, input: &Input) -> Option<read::Object> {
        let at = self
            .0
            .iter()
            .position(|(i, _)| i.name == input.name && i.data.same(&input.data))?;
        Some(self.0.swap_remove(at).1)
    }
}

/// Link `inputs` into an executable; returns its bytes.
pub fn link(inputs: &[Input], opts: &Options) -> Result<Vec<u8>, LinkError> {
    link_timed(inputs, opts, &mut Vec::new())
}

/// [`link`], also appending each pass's name and wall time to `timings` (for `tbuild -v`).
pub fn link_timed(
    inputs: &[Input],
    opts: &Options,
    timings: &mut Timings,
) -> Result<Vec<u8>, LinkError> {
    Ok(link_with(inputs, ReadAhead::default(), opts, timings)?.to_vec())
}

/// [`link_timed`], with the objects of `ahead` read already; returns the executable as the
/// parts it is written from ([`exe`]).
pub fn link_with(
    inputs: &[Input],
    ahead: ReadAhead,
    opts: &Options,
    timings: &mut Timings,
) -> Result<Executable, LinkError> {
    let mut clock = Instant::now();
    // Each pass's time from the end of the one before, and the times of the work done on
    // another thread meanwhile.
    let timings = std::cell::RefCell::new(timings);
    let mut lap = |name: &'static str| {
        let now = Instant::now();
        timings.borrow_mut().push((name, now - clock));
        clock = now;
    };

    // 1. read_objects: parse every input object; map its sections to output sections.
    // The linker's own inputs, last: runtime.findfunctab in .rodata,
    let mut objects = read::read_objects(inputs, ahead, &[&opts.entry, resolve::MAIN_MAIN])?;
    objects.push(findfunc::linker_object(&objects)?);
    // And .typelink and .itablink: the program's type descriptors and itabs.
    objects.push(typelinks::linker_object(&objects)?);
    // And runtime.gcdata and runtime.gcbss: the pointer bitmaps of .data and .bss.
    objects.push(gcmaps::linker_object(&objects)?);
    // And runtime.memProfileUsed: whether the program can read its memory profile.
    objects.push(memprofile::linker_object(&objects));
    lap("read_objects");
    // 2. resolve_symbols: bind every reference to a definition; undefined/duplicate errors.
    let resolved = resolve::resolve_symbols(&objects, opts)?;
    lap("resolve_symbols");
    // 3. collect_pc_tables: each function's pcsp/pcfile/pcln tables (address-independent).
    let pc_tables = pclntab::collect_pc_tables(&objects, &resolved)?;
    lap("collect_pc_tables");
    // 4. layout_sections: addresses and file offsets of every section and segment.
    let mut image = layout::layout_sections(&objects, &pc_tables, opts)?;
    lap("layout_sections");
    // 5-7 need the layout's addresses, and only 5 and 6 its sections' contents: the DWARF
    // is made beside them, on a parked helper (par::join), from a copy of the addresses and
    // the debug sections' placement; the symbol table after them, here, from the copy too
    // (the placement says how many DWARF sections it indexes), which balances the threads (the
    // DWARF is 0.6-1 ms of a hello link, 5 and 6 about 0.5, the symbol table 0.35). With no
    // helper free, this thread makes the DWARF after the rest.
    let places = image.places();
    let placement = dwarf::place(&objects, opts)?;
    let beside = || {
        let start = Instant::now();
        (
            dwarf::link_dwarf(&objects, &resolved, &places, &placement),
            start.elapsed(),
        )
    };
    let ((debug, dwarf_time), symbols) = par::join(beside, || -> Result<_, LinkError> {
        // 5. synthesize_tables: .gopclntab, findfunctab, .typelink, .itablink,
        // .go.buildinfo, .note.go.buildid.
        synth::synthesize_tables(&objects, &resolved, &pc_tables, &mut image, opts)?;
        lap("synthesize_tables");
        // 6. apply_relocations: patch every relocation into the output bytes.
        reloc::apply_relocations(&objects, &resolved, &mut image)?;
        lap("apply_relocations");
        // 7. the symbol table, and (beside) link_dwarf: the inputs' .debug_* sections,
        // relocated and concatenated.
        let sections = placement.sections();
        let symbols = write::symbols(&objects, &resolved, &places, sections, opts);
        lap("symbol_table");
        Ok(symbols)
    });
    let (debug, symbols) = (debug?, symbols?);
    lap("link_dwarf (waited for)");
    timings
        .borrow_mut()
        .push(("link_dwarf (beside 5-7)", dwarf_time));
    // 8. write_executable: ELF header, program headers, sections, DWARF, symbol table.
    let exe = write::write_executable(&objects, &resolved, image, debug, symbols)?;
    lap("write_executable");
    if opts.disable_free {
        std::mem::forget((pc_tables, resolved));
        std::mem::forget(objects);
    }
    Ok(exe)
}
