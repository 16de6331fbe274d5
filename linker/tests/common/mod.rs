//! Shared helpers for the linker's integration tests: building relocatable objects in-test
//! with `object::write::Object`, the standard test program, linking to a temporary file, and
//! running the real tools (`readelf`, `eu-elflint`, `go`) on the result.
#![allow(dead_code)]

pub mod real;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use object::elf;
use object::write::{Object, Relocation, SectionId, Symbol, SymbolId, SymbolSection};
use object::{
    Architecture, BinaryFormat, Endianness, RelocationFlags, SectionKind, SymbolFlags, SymbolKind,
    SymbolScope,
};
use tbuild_linker::{link, Input, Options};

/// A relocatable object under construction.
pub struct Obj {
    pub obj: Object<'static>,
}

impl Obj {
    pub fn new() -> Self {
        Obj {
            obj: Object::new(BinaryFormat::Elf, Architecture::X86_64, Endianness::Little),
        }
    }

    pub fn section(&mut self, name: &str, kind: SectionKind) -> SectionId {
        self.obj
            .add_section(Vec::new(), name.as_bytes().to_vec(), kind)
    }

    /// Define a symbol at `data` appended to `section`.
    pub fn define(
        &mut self,
        section: SectionId,
        name: &str,
        data: &[u8],
        align: u64,
        kind: SymbolKind,
        global: bool,
    ) -> (SymbolId, u64) {
        let offset = self.obj.append_section_data(section, data, align);
        let id = self.symbol(section, name, offset, data.len() as u64, kind, global);
        (id, offset)
    }

    /// Define a zero-filled symbol in a NOBITS section.
    pub fn define_bss(
        &mut self,
        section: SectionId,
        name: &str,
        size: u64,
        align: u64,
        global: bool,
    ) -> SymbolId {
        let offset = self.obj.append_section_bss(section, size, align);
        self.symbol(section, name, offset, size, SymbolKind::Data, global)
    }

    pub fn symbol(
        &mut self,
        section: SectionId,
        name: &str,
        offset: u64,
        size: u64,
        kind: SymbolKind,
        global: bool,
    ) -> SymbolId {
        self.obj.add_symbol(Symbol {
            name: name.as_bytes().to_vec(),
            value: offset,
            size,
            kind,
            scope: if global {
                SymbolScope::Linkage
            } else {
                SymbolScope::Compilation
            },
            weak: false,
            section: SymbolSection::Section(section),
            flags: SymbolFlags::None,
        })
    }

    pub fn undefined(&mut self, name: &str) -> SymbolId {
        self.obj.add_symbol(Symbol {
            name: name.as_bytes().to_vec(),
            value: 0,
            size: 0,
            kind: SymbolKind::Unknown,
            scope: SymbolScope::Linkage,
            weak: false,
            section: SymbolSection::Undefined,
            flags: SymbolFlags::None,
        })
    }

    pub fn absolute(&mut self, name: &str, value: u64) -> SymbolId {
        self.obj.add_symbol(Symbol {
            name: name.as_bytes().to_vec(),
            value,
            size: 0,
            kind: SymbolKind::Data,
            scope: SymbolScope::Linkage,
            weak: false,
            section: SymbolSection::Absolute,
            flags: SymbolFlags::None,
        })
    }

    pub fn reloc(
        &mut self,
        section: SectionId,
        offset: u64,
        symbol: SymbolId,
        r_type: u32,
        addend: i64,
    ) {
        self.obj
            .add_relocation(
                section,
                Relocation {
                    offset,
                    symbol,
                    addend,
                    flags: RelocationFlags::Elf { r_type },
                },
            )
            .expect("add_relocation");
    }

    pub fn input(self, name: &str) -> Input {
        Input {
            name: name.to_string(),
            data: self.obj.write().expect("write object").into(),
            summary: None,
        }
    }
}

/// The message the test program prints and its exit status.
pub const MESSAGE: &str = "hello, tbuild\n";
pub const EXIT_CODE: i32 = 35;

/// rt0.o: `_rt0_amd64_linux` calls main.main (PLT32) and again through a function pointer in
/// .data (`call *dtext(%rip)`, PC32), writes MESSAGE (R_X86_64_32 for the address, an ABS
/// symbol for the length), checks a PC64 self-relative pointer (PC32 + 32S), loads `nd`
/// through a GOT-relative mov that the linker relaxes to lea (REX_GOTPCRELX) and compares it
/// with a pointer in .data (R_X86_64_64), then exits with nd + bv + nb = 10 + 20 + 5.
/// Bytes from GNU as (objdump -dr), see the test sources.
pub fn rt0_object() -> Input {
    #[rustfmt::skip]
    let code: Vec<u8> = vec![
        0xe8, 0, 0, 0, 0,                    // 00 call main.main           (PLT32 @1)
        0xff, 0x15, 0, 0, 0, 0,              // 05 call *dtext(%rip)        (PC32 @7)
        0xb8, 1, 0, 0, 0,                    // 0b mov $1,%eax
        0xbf, 1, 0, 0, 0,                    // 10 mov $1,%edi
        0xbe, 0, 0, 0, 0,                    // 15 mov $msg,%esi            (32 @16)
        0xba, 0, 0, 0, 0,                    // 1a mov $msglen,%edx         (32 @1b)
        0x0f, 0x05,                          // 1f syscall
        0x48, 0x8d, 0x05, 0, 0, 0, 0,        // 21 lea pc64v(%rip),%rax     (PC32 @24)
        0x48, 0x03, 0x00,                    // 28 add (%rax),%rax
        0x48, 0x3d, 0, 0, 0, 0,              // 2b cmp $msg,%rax            (32S @2d)
        0x75, 0x2b,                          // 31 jne bad
        0x48, 0x8b, 0x05, 0, 0, 0, 0,        // 33 mov nd@GOTPCREL(%rip),%rax (REX_GOTPCRELX @36)
        0x48, 0x3b, 0x05, 0, 0, 0, 0,        // 3a cmp dptr(%rip),%rax      (PC32 @3d)
        0x75, 0x1b,                          // 41 jne bad
        0x48, 0x8b, 0x38,                    // 43 mov (%rax),%rdi
        0x48, 0x03, 0x3d, 0, 0, 0, 0,        // 46 add bv(%rip),%rdi        (PC32 @49)
        0x8b, 0x0c, 0x25, 0, 0, 0, 0,        // 4d mov nb,%ecx              (32S @50)
        0x48, 0x01, 0xcf,                    // 54 add %rcx,%rdi
        0xb8, 0x3c, 0, 0, 0,                 // 57 mov $60,%eax
        0x0f, 0x05,                          // 5c syscall
        0xb8, 0x3c, 0, 0, 0,                 // 5e bad: mov $60,%eax
        0xbf, 0x63, 0, 0, 0,                 // 63 mov $99,%edi
        0x0f, 0x05,                          // 68 syscall
    ];
    let mut o = Obj::new();
    let text = o.section(".text", SectionKind::Text);
    o.define(text, "_rt0_amd64_linux", &code, 16, SymbolKind::Text, true);
    let main = o.undefined("main.main");
    let dtext = o.undefined("dtext");
    let msg = o.undefined("msg");
    let msglen = o.undefined("msglen");
    let pc64v = o.undefined("pc64v");
    let nd = o.undefined("nd");
    let dptr = o.undefined("dptr");
    let bv = o.undefined("bv");
    let nb = o.undefined("nb");
    o.reloc(text, 0x01, main, elf::R_X86_64_PLT32, -4);
    o.reloc(text, 0x07, dtext, elf::R_X86_64_PC32, -4);
    o.reloc(text, 0x16, msg, elf::R_X86_64_32, 0);
    o.reloc(text, 0x1b, msglen, elf::R_X86_64_32, 0);
    o.reloc(text, 0x24, pc64v, elf::R_X86_64_PC32, -4);
    o.reloc(text, 0x2d, msg, elf::R_X86_64_32S, 0);
    o.reloc(text, 0x36, nd, elf::R_X86_64_REX_GOTPCRELX, -4);
    o.reloc(text, 0x3d, dptr, elf::R_X86_64_PC32, -4);
    o.reloc(text, 0x49, bv, elf::R_X86_64_PC32, -4);
    o.reloc(text, 0x50, nb, elf::R_X86_64_32S, 0);
    o.input("rt0.o")
}

/// main.o: `main.main` (writes bv = 20 with PC32 addend −8 and nb = 5 with 32S), and data in
/// every data section: nd in .noptrdata, dptr/dtext/weakp in .data (R_X86_64_64, the last
/// against an undefined weak symbol), bv in .bss, nb in .noptrbss, msg and pc64v (PC64) and
/// small fields (16, 8, PC16, PC8, plus 64-bit pointers at linker symbols) in .rodata, and
/// entries in .typelink and .itablink.
pub fn main_object() -> Input {
    #[rustfmt::skip]
    let code: Vec<u8> = vec![
        0x48, 0xc7, 0x05, 0, 0, 0, 0, 20, 0, 0, 0, // movq $20,bv(%rip)  (PC32 @3, -8)
        0xc7, 0x04, 0x25, 0, 0, 0, 0, 5, 0, 0, 0,  // movl $5,nb         (32S @e)
        0xc3,                                      // ret
    ];
    let mut o = Obj::new();
    let text = o.section(".text", SectionKind::Text);
    let (main, _) = o.define(text, "main.main", &code, 16, SymbolKind::Text, true);
    // A local helper function, to have a LOCAL FUNC in the table.
    o.define(text, "main.helper", &[0xc3], 16, SymbolKind::Text, false);

    let noptrdata = o.section(".noptrdata", SectionKind::Data);
    let (nd, _) = o.define(
        noptrdata,
        "nd",
        &10u64.to_le_bytes(),
        8,
        SymbolKind::Data,
        true,
    );

    let data = o.section(".data", SectionKind::Data);
    let (_, dptr) = o.define(data, "dptr", &[0; 8], 8, SymbolKind::Data, true);
    o.reloc(data, dptr, nd, elf::R_X86_64_64, 0);
    let (_, dtext) = o.define(data, "dtext", &[0; 8], 8, SymbolKind::Data, true);
    o.reloc(data, dtext, main, elf::R_X86_64_64, 0);
    let (_, weakp) = o.define(data, "weakp", &[0xff; 8], 8, SymbolKind::Data, true);
    let weak = o.obj.add_symbol(Symbol {
        name: b"maybe".to_vec(),
        value: 0,
        size: 0,
        kind: SymbolKind::Data,
        scope: SymbolScope::Linkage,
        weak: true,
        section: SymbolSection::Undefined,
        flags: SymbolFlags::None,
    });
    o.reloc(data, weakp, weak, elf::R_X86_64_64, 0);

    let bss = o.section(".bss", SectionKind::UninitializedData);
    o.define_bss(bss, "bv", 8, 8, true);
    let noptrbss = o.section(".noptrbss", SectionKind::UninitializedData);
    o.define_bss(noptrbss, "nb", 4, 4, true);

    let rodata = o.section(".rodata", SectionKind::ReadOnlyData);
    let (msg, _) = o.define(rodata, "msg", MESSAGE.as_bytes(), 1, SymbolKind::Data, true);
    o.absolute("msglen", MESSAGE.len() as u64);
    let (_, pc64v) = o.define(rodata, "pc64v", &[0; 8], 8, SymbolKind::Data, true);
    o.reloc(rodata, pc64v, msg, elf::R_X86_64_PC64, 0);
    let small = o.absolute("small", 0x1234);
    let (_, f16) = o.define(rodata, "f16", &[0; 2], 2, SymbolKind::Data, true);
    o.reloc(rodata, f16, small, elf::R_X86_64_16, 0);
    let (_, f8) = o.define(rodata, "f8", &[0; 1], 1, SymbolKind::Data, true);
    o.reloc(rodata, f8, small, elf::R_X86_64_8, -0x1200);
    let (_, fpc16) = o.define(rodata, "fpc16", &[0; 2], 2, SymbolKind::Data, true);
    o.reloc(rodata, fpc16, msg, elf::R_X86_64_PC16, 0);
    let (_, fpc8) = o.define(rodata, "fpc8", &[0; 1], 1, SymbolKind::Data, true);
    o.reloc(rodata, fpc8, msg, elf::R_X86_64_PC8, 0);
    for (i, name) in [
        "runtime.etext",
        "runtime.pcheader",
        "runtime.end",
        "go.buildinfo",
    ]
    .iter()
    .enumerate()
    {
        let target = o.undefined(name);
        let (_, at) = o.define(
            rodata,
            &format!("ptr{i}"),
            &[0; 8],
            8,
            SymbolKind::Data,
            true,
        );
        o.reloc(rodata, at, target, elf::R_X86_64_64, 0);
    }

    let typelink = o.section(".typelink", SectionKind::ReadOnlyData);
    o.define(
        typelink,
        "main.typelink0",
        &[1, 2, 3, 4],
        4,
        SymbolKind::Data,
        false,
    );
    let itablink = o.section(".itablink", SectionKind::ReadOnlyData);
    let (_, it) = o.define(itablink, "main.itab0", &[0; 8], 8, SymbolKind::Data, false);
    o.reloc(itablink, it, msg, elf::R_X86_64_64, 0);

    let bv = o.undefined("bv");
    let nb = o.undefined("nb");
    o.reloc(text, 0x03, bv, elf::R_X86_64_PC32, -8);
    o.reloc(text, 0x0e, nb, elf::R_X86_64_32S, 0);
    o.input("main.o")
}

/// Options with a Go-style 83-byte build ID and module info.
pub fn options() -> Options {
    Options {
        build_id: "abcdefghijABCDEFGHIJ/klmnopqrstKLMNOPQRST/0123456789uvwxyzUVWX/YZyz0123456789-_abcd"
            .to_string(),
        go_version: "go1.19-tbuild-test".to_string(),
        mod_info: "path\tcommand-line-arguments\nbuild\t-compiler=tbuild\nbuild\tGOARCH=amd64\nbuild\tGOOS=linux\n"
            .to_string(),
        ..Options::default()
    }
}

/// Link and write the executable (mode 0755) into a fresh temporary directory.
pub fn link_to_file(inputs: &[Input], opts: &Options) -> (tempfile::TempDir, PathBuf) {
    let bytes = link(inputs, opts).unwrap_or_else(|e| panic!("link failed: {e}"));
    write_exe(&bytes)
}

pub fn write_exe(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("prog");
    std::fs::write(&path, bytes).expect("write exe");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    (dir, path)
}

/// Runs a program that `write_exe` wrote. Another test thread's fork may still hold the
/// file's write descriptor for an instant (until its child execs), so exec can fail with
/// ETXTBSY: that is retried.
pub fn run_exe(path: &std::path::Path) -> std::process::Output {
    for _ in 0..100 {
        match Command::new(path).output() {
            Err(e) if e.raw_os_error() == Some(26) => {
                std::thread::sleep(std::time::Duration::from_millis(10))
            }
            r => return r.unwrap_or_else(|e| panic!("running {}: {e}", path.display())),
        }
    }
    panic!("{}: text file busy, 100 times", path.display())
}

/// Whether a tool is on PATH.
pub fn have(tool: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool} >/dev/null 2>&1"))
        .status()
        .is_ok_and(|s| s.success())
}

/// Run a command; return its output. Retries on ETXTBSY: a freshly written executable can be
/// "busy" while another test thread's fork still holds a copy of its write descriptor.
pub fn run(cmd: &str, args: &[&str]) -> Output {
    let mut tries = 0;
    loop {
        match Command::new(cmd).args(args).output() {
            Ok(out) => return out,
            Err(e) if e.raw_os_error() == Some(26) && tries < 50 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("running {cmd}: {e}"),
        }
    }
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `readelf ARGS path`, asserting success and no warnings on stderr; returns stdout.
pub fn readelf(args: &[&str], path: &Path) -> String {
    let mut all: Vec<&str> = args.to_vec();
    let p = path.to_str().expect("utf-8 path");
    all.push(p);
    let out = run("readelf", &all);
    assert!(
        out.status.success(),
        "readelf {args:?} failed: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).trim().is_empty(),
        "readelf {args:?} stderr: {}",
        stderr(&out)
    );
    stdout(&out)
}

/// One row of `readelf -S -W`.
#[derive(Debug, Clone)]
pub struct Shdr {
    pub index: usize,
    pub name: String,
    pub sh_type: String,
    pub addr: u64,
    pub off: u64,
    pub size: u64,
    pub flags: String,
    pub align: u64,
}

pub fn sections(path: &Path) -> Vec<Shdr> {
    let text = readelf(&["-S", "-W"], path);
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        let Some(rest) = line.strip_prefix('[') else {
            continue;
        };
        let Some((idx, rest)) = rest.split_once(']') else {
            continue;
        };
        let Ok(index) = idx.trim().parse::<usize>() else {
            continue;
        };
        let f: Vec<&str> = rest.split_whitespace().collect();
        if index == 0 || f.len() < 9 {
            continue;
        }
        // name type addr off size es [flags] lk inf al
        let flags = if f.len() == 10 {
            f[6].to_string()
        } else {
            String::new()
        };
        out.push(Shdr {
            index,
            name: f[0].to_string(),
            sh_type: f[1].to_string(),
            addr: u64::from_str_radix(f[2], 16).unwrap(),
            off: u64::from_str_radix(f[3], 16).unwrap(),
            size: u64::from_str_radix(f[4], 16).unwrap(),
            flags,
            align: f[f.len() - 1].parse().unwrap(),
        });
    }
    out
}

/// One row of `readelf -s -W`.
#[derive(Debug, Clone)]
pub struct SymRow {
    pub value: u64,
    pub size: u64,
    pub kind: String,
    pub bind: String,
    pub ndx: String,
    pub name: String,
}

pub fn symbols(path: &Path) -> Vec<SymRow> {
    let text = readelf(&["-s", "-W"], path);
    let mut out = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 8 || !f[0].ends_with(':') || f[0] == "Num:" {
            continue;
        }
        out.push(SymRow {
            value: u64::from_str_radix(f[1], 16).unwrap(),
            size: f[2].parse().unwrap_or_else(|_| {
                u64::from_str_radix(f[2].trim_start_matches("0x"), 16).unwrap()
            }),
            kind: f[3].to_string(),
            bind: f[4].to_string(),
            ndx: f[6].to_string(),
            name: f[7].to_string(),
        });
    }
    out
}

pub fn symbol(syms: &[SymRow], name: &str) -> SymRow {
    syms.iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no symbol {name}"))
        .clone()
}

/// Read `len` bytes at virtual address `addr` of the executable.
pub fn read_at(bytes: &[u8], path: &Path, addr: u64, len: usize) -> Vec<u8> {
    for s in sections(path) {
        if s.sh_type != "NOBITS"
            && s.addr != 0
            && addr >= s.addr
            && addr + len as u64 <= s.addr + s.size
        {
            let off = (s.off + addr - s.addr) as usize;
            return bytes[off..off + len].to_vec();
        }
    }
    panic!("address {addr:#x} not in a loaded section");
}
