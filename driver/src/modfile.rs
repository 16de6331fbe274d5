//! go.mod and vendor/modules.txt, read as the go command reads them, for the parts tbuild
//! uses: the `module` path, the `go` version, `require` lines and `replace` lines (a module
//! replaced by a local directory or by another module version). `exclude` and `retract` are
//! read past. The syntax (golang.org/x/mod/modfile, `go help go.mod`): one directive per
//! line, or a directive followed by a parenthesised block of lines; `//` starts a comment;
//! tokens may be Go-quoted strings. Module paths found in the module cache are spelled with
//! Go's case-encoding (golang.org/x/mod/module `EscapePath`: each upper-case letter becomes
//! `!` and its lower-case form), as `go mod download` writes them.

use std::path::{Path, PathBuf};

/// A module requirement: `require path version`.
#[derive(Debug, Clone, PartialEq)]
pub struct Require {
    pub path: String,
    pub version: String,
}

/// What a `replace` line replaces a module with.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A directory, relative to the go.mod's directory unless absolute.
    Dir(String),
    /// Another module version.
    Module(Require),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Replace {
    pub path: String,
    /// The version replaced; None replaces every version.
    pub version: Option<String>,
    pub target: Target,
}

#[derive(Debug, Clone, Default)]
pub struct ModFile {
    pub module: String,
    pub go: Option<String>,
    pub require: Vec<Require>,
    pub replace: Vec<Replace>,
}

/// Splits a line into tokens: words and Go-quoted strings, up to a `//` comment.
fn tokens(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut rest = line.trim_start();
    while !rest.is_empty() {
        if rest.starts_with("//") {
            break;
        }
        if let Some(r) = rest.strip_prefix('"') {
            let mut s = String::new();
            let mut chars = r.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' => {
                        end = Some(i + 1);
                        break;
                    }
                    '\\' => match chars.next() {
                        Some((_, 'n')) => s.push('\n'),
                        Some((_, 't')) => s.push('\t'),
                        Some((_, c)) => s.push(c),
                        None => break,
                    },
                    c => s.push(c),
                }
            }
            let Some(end) = end else {
                return Err("unterminated quoted string".into());
            };
            out.push(s);
            rest = r[end..].trim_start();
        } else if let Some(r) = rest.strip_prefix("=>") {
            out.push("=>".into());
            rest = r.trim_start();
        } else if let Some(c @ ('(' | ')')) = rest.chars().next() {
            out.push(c.to_string());
            rest = rest[1..].trim_start();
        } else {
            let end = rest
                .char_indices()
                .find(|&(i, c)| {
                    c.is_whitespace()
                        || c == '"'
                        || (i > 0 && (rest[i..].starts_with("//") || rest[i..].starts_with("=>")))
                })
                .map_or(rest.len(), |(i, _)| i);
            out.push(rest[..end].to_string());
            rest = rest[end..].trim_start();
        }
    }
    Ok(out)
}

/// Parses go.mod text; errors are `FILE:LINE: message`, as the go command prints them.
pub fn parse(file: &str, text: &str) -> Result<ModFile, String> {
    let mut m = ModFile::default();
    let mut block: Option<String> = None;
    for (i, raw) in text.lines().enumerate() {
        let at = |msg: &str| format!("{file}:{}: {msg}", i + 1);
        let toks = tokens(raw).map_err(|e| at(&e))?;
        if toks.is_empty() {
            continue;
        }
        let (verb, args): (String, &[String]) = match &block {
            Some(v) => {
                if toks == [")"] {
                    block = None;
                    continue;
                }
                (v.clone(), &toks[..])
            }
            None => {
                if toks.len() == 2 && toks[1] == "(" {
                    block = Some(toks[0].clone());
                    continue;
                }
                (toks[0].clone(), &toks[1..])
            }
        };
        match verb.as_str() {
            "module" => match args {
                [p] => m.module = p.clone(),
                _ => return Err(at("usage: module module/path")),
            },
            "go" => match args {
                [v] => m.go = Some(v.clone()),
                _ => return Err(at("usage: go 1.23")),
            },
            "require" => match args {
                [p, v] => m.require.push(Require {
                    path: p.clone(),
                    version: v.clone(),
                }),
                _ => return Err(at("usage: require module/path v1.2.3")),
            },
            "replace" => {
                let arrow = args.iter().position(|a| a == "=>");
                let usage = "usage: replace module/path [v1.2.3] => other/module v1.4\n\t or replace module/path [v1.2.3] => ../local/directory";
                let Some(arrow) = arrow else {
                    return Err(at(usage));
                };
                let (old, new) = (&args[..arrow], &args[arrow + 1..]);
                let (path, version) = match old {
                    [p] => (p.clone(), None),
                    [p, v] => (p.clone(), Some(v.clone())),
                    _ => return Err(at(usage)),
                };
                let target = match new {
                    [d] if is_local_dir(d) => Target::Dir(d.clone()),
                    [d] => {
                        return Err(at(&format!(
                            "replacement module without version must be directory path (rooted or starting with ./ or ../)\n\t{d}"
                        )))
                    }
                    [p, v] => Target::Module(Require {
                        path: p.clone(),
                        version: v.clone(),
                    }),
                    _ => return Err(at(usage)),
                };
                m.replace.push(Replace {
                    path,
                    version,
                    target,
                });
            }
            "exclude" | "retract" | "toolchain" | "godebug" => {}
            other => return Err(at(&format!("unknown directive: {other}"))),
        }
    }
    if m.module.is_empty() {
        return Err(format!("{file}: no module declaration in go.mod. To specify the module path:\n\tgo mod edit -module=example.com/mod"));
    }
    Ok(m)
}

/// A replacement target that is a directory (modfile.IsDirectoryPath).
fn is_local_dir(s: &str) -> bool {
    s.starts_with("./") || s.starts_with("../") || s.starts_with('/') || s == "." || s == ".."
}

impl ModFile {
    /// What `path` at `version` is replaced with, if anything: a version-specific line wins
    /// over one for every version (modload `Replacement`).
    pub fn replacement(&self, path: &str, version: &str) -> Option<&Target> {
        let exact = self
            .replace
            .iter()
            .find(|r| r.path == path && r.version.as_deref() == Some(version));
        exact
            .or_else(|| {
                self.replace
                    .iter()
                    .find(|r| r.path == path && r.version.is_none())
            })
            .map(|r| &r.target)
    }

    /// Whether the `go` line says at least 1.`minor`.
    pub fn go_at_least(&self, minor: u32) -> bool {
        let Some(v) = &self.go else { return false };
        let mut parts = v.split('.');
        match (
            parts.next(),
            parts.next().and_then(|p| p.parse::<u32>().ok()),
        ) {
            (Some("1"), Some(m)) => m >= minor,
            _ => false,
        }
    }
}

/// The modules vendor/modules.txt lists (`# path version` lines), in order.
pub fn vendored_modules(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("# "))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// Go's case-encoding of a module path or version in the module cache: `!` and the
/// lower-case letter for each upper-case one.
pub fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('!');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The module cache: `$GOMODCACHE`, else the first `$GOPATH` entry's `pkg/mod`, else
/// `$HOME/go/pkg/mod` (`go help environment`, cmd/go/internal/cfg).
pub fn mod_cache() -> Option<PathBuf> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    if let Some(c) = var("GOMODCACHE") {
        return Some(PathBuf::from(c));
    }
    if let Some(p) = var("GOPATH") {
        let first = p.split(':').next().unwrap_or("").to_string();
        if !first.is_empty() {
            return Some(Path::new(&first).join("pkg/mod"));
        }
    }
    var("HOME").map(|h| Path::new(&h).join("go/pkg/mod"))
}

/// The h1: hash go.sum records for a module version's files, if any.
pub fn sum(go_sum: &str, path: &str, version: &str) -> Option<String> {
    go_sum.lines().find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        (f.len() == 3 && f[0] == path && f[1] == version).then(|| f[2].to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_blocks_comments_and_replacements() {
        let m = parse(
            "go.mod",
            "module example.com/m // the module\n\ngo 1.19\n\nrequire (\n\texample.com/a v1.2.3 // indirect\n\t\"example.com/b\" v0.1.0\n)\nreplace example.com/a => ../a\nreplace example.com/b v0.1.0 => example.com/c v0.2.0\nexclude example.com/z v1.0.0\n",
        )
        .unwrap();
        assert_eq!(m.module, "example.com/m");
        assert_eq!(m.go.as_deref(), Some("1.19"));
        assert_eq!(m.require.len(), 2);
        assert_eq!(m.require[1].path, "example.com/b");
        assert_eq!(
            m.replacement("example.com/a", "v1.2.3"),
            Some(&Target::Dir("../a".into()))
        );
        assert!(matches!(
            m.replacement("example.com/b", "v0.1.0"),
            Some(Target::Module(r)) if r.path == "example.com/c"
        ));
        assert!(m.replacement("example.com/b", "v0.2.0").is_none());
        assert!(m.go_at_least(14) && !m.go_at_least(20));
    }

    #[test]
    fn refuses_bad_lines() {
        assert!(parse("go.mod", "go 1.19\n").is_err());
        assert!(parse("go.mod", "module m\nrequire a\n").is_err());
        assert!(parse("go.mod", "module m\nreplace a => b\n").is_err());
        assert!(parse("go.mod", "module m\nfrobnicate x\n").is_err());
    }

    #[test]
    fn escapes_upper_case() {
        assert_eq!(
            escape("github.com/BurntSushi/toml"),
            "github.com/!burnt!sushi/toml"
        );
    }
}
