//! Computes the compiler's identity for the build cache (src/cache.rs): a hash of every
//! source file of the stages and the bundled packages, so that cached objects are never used
//! by a tbuild built from different sources (Go keys its cache by the toolchain's build ID).

use std::path::Path;

fn hash_dir(dir: &Path, h: &mut u64) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            hash_dir(&p, h);
        } else if let Ok(bytes) = std::fs::read(&p) {
            // FNV-1a: enough to tell source trees apart (the cache key adds sha256 on top).
            for b in p.to_string_lossy().bytes().chain(bytes) {
                *h ^= b as u64;
                *h = h.wrapping_mul(0x100000001b3);
            }
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let mut h = 0xcbf29ce484222325u64;
    for d in [
        "codegen/src",
        "linker/src",
        "runtime/pkg",
        "runtime/src",
        "driver/src",
    ] {
        let dir = root.join(d);
        println!("cargo:rerun-if-changed={}", dir.display());
        hash_dir(&dir, &mut h);
    }
    println!("cargo:rustc-env=TBUILD_COMPILER_ID={h:016x}");
}
