//! Computes the compiler's identity for the build cache (src/cache.rs): the SHA-256 of every
//! source file of the stages and of the bundled packages, named relative to the repository,
//! so that cached objects are never used by a tbuild built from different sources (Go keys
//! its cache by the toolchain's build ID) and two checkouts of one commit share entries.
//! Hashing here, once per build of tbuild, spares every run of it re-hashing the megabyte
//! of embedded package sources. It also links tbuild as a position-dependent executable
//! (`-no-pie`), which starts faster (below).

use sha2::{Digest, Sha256};
use std::path::Path;

fn hash_dir(root: &Path, dir: &Path, h: &mut Sha256) {
    // A directory that cannot be read must not hash as empty: every tbuild would then share
    // one ID, and a cache entry of older sources would pass for this one's.
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("build.rs: cannot read {}: {e}", dir.display()));
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            hash_dir(root, &p, h);
        } else {
            let bytes = std::fs::read(&p)
                .unwrap_or_else(|e| panic!("build.rs: cannot read {}: {e}", p.display()));
            let name = p.strip_prefix(root).unwrap_or(&p).to_string_lossy();
            // Length-prefixed, so that no two trees hash alike.
            for part in [name.as_bytes(), &bytes] {
                h.update((part.len() as u64).to_le_bytes());
                h.update(part);
            }
        }
    }
}

fn main() {
    // The manifest directory of this build, read when the script runs: `env!` would bake in
    // the directory the script was compiled in, and cargo reuses a compiled build script
    // for another checkout that shares the target directory.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).parent().unwrap().to_path_buf();
    let mut h = Sha256::new();
    for d in [
        "codegen/src",
        "linker/src",
        "runtime/pkg",
        "runtime/src",
        "driver/src",
    ] {
        let dir = root.join(d);
        println!("cargo:rerun-if-changed={}", dir.display());
        hash_dir(&root, &dir, &mut h);
    }
    let id: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=TBUILD_COMPILER_ID={id}");
    // tbuild is linked as a position-dependent executable, as Go links its own tools on
    // linux/amd64 (buildmode exe): as a PIE, the dynamic loader applied 22,502 relative
    // relocations at every start (LD_DEBUG=statistics: 932 K cycles; 181 K without), and
    // every tbuild run, a 2 ms up-to-date check included, paid for them (`tbuild
    // --version`, hyperfine medians: 1.47 -> 1.04 ms). The code is compiled as PIC all the
    // same; only the link is fixed. The last of -pie and -no-pie wins, and rustc's comes
    // first.
    println!("cargo:rustc-link-arg-bins=-no-pie");
}
