//! Computes the compiler's identity for the build cache (src/cache.rs): the SHA-256 of every
//! source file of the stages and of the bundled packages, named relative to the repository,
//! so that cached objects are never used by a tbuild built from different sources (Go keys
//! its cache by the toolchain's build ID) and two checkouts of one commit share entries.
//! Hashing here, once per build of tbuild, spares every run of it re-hashing the megabyte
//! of embedded package sources.

use sha2::{Digest, Sha256};
use std::path::Path;

fn hash_dir(root: &Path, dir: &Path, h: &mut Sha256) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            hash_dir(root, &p, h);
        } else if let Ok(bytes) = std::fs::read(&p) {
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
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
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
}
