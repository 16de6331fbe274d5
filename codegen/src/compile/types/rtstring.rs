//! Types as Go's runtime and reflect spell them (`main.Point`, `[]int`, `interface {}`,
//! `struct { X int; Y int }`, `main.List[main.Point]`): the strings of type descriptors, and
//! the names of types in symbols (`type.NAME`, instances' function symbols).

use super::{Basic, Type, TypeId, Types};

impl Types {
    /// A defined type's name without its package: `Point`, in symbols `T·1` for the first
    /// type T declared in a function, and for an instance of a generic type its arguments,
    /// qualified and comma-separated without spaces as reflect's String of a Go 1.19
    /// instance (`List[main.Point]`).
    pub fn named_string(&self, t: TypeId, symbol: bool) -> String {
        let Type::Named { name, .. } = self.get(t) else {
            return self.type_string(t, symbol);
        };
        let mut n = name.clone();
        if let (true, Some(i)) = (symbol, self.local_index(t)) {
            n.push_str(&format!("·{i}"));
        }
        if let Some((_, args)) = self.instances.get(&t) {
            let args: Vec<String> = args.iter().map(|a| self.type_string(*a, symbol)).collect();
            n.push_str(&format!("[{}]", args.join(",")));
        }
        n
    }

    /// A type's string; with `symbol`, each named type declared in a function is numbered
    /// (`main.T·1`) so that it differs from another type of the same name.
    pub fn type_string(&self, t: TypeId, symbol: bool) -> String {
        let types = self;
        let s = |t: TypeId| self.type_string(t, symbol);
        match types.get(t) {
            Type::Named { pkg, path, .. } => {
                let n = types.named_string(t, symbol);
                // Symbols carry the import path (`type.example.com/m/util.T`), reflect's
                // strings the package name (`util.T`).
                let q = if symbol && !path.is_empty() {
                    crate::compile::symbol_prefix(path)
                } else {
                    pkg.clone()
                };
                if q.is_empty() {
                    n
                } else {
                    format!("{q}.{n}")
                }
            }
            // Never lowered: only instances with concrete arguments reach the lowering.
            Type::TypeParam { name, .. } => name.clone(),
            Type::Basic(b) => match b {
                Basic::Byte => "uint8".into(),
                Basic::Rune => "int32".into(),
                b => b.name().into(),
            },
            Type::Pointer(e) => format!("*{}", s(*e)),
            Type::Slice(e) => format!("[]{}", s(*e)),
            Type::Map(k, v) => format!("map[{}]{}", s(*k), s(*v)),
            Type::Chan(d, e) => self.chan_string(*d, *e, &s),
            Type::Array(n, e) => format!("[{n}]{}", s(*e)),
            Type::Struct(fields) => {
                if fields.is_empty() {
                    return "struct {}".into();
                }
                // An embedded field is its type alone (reflect's struct type string).
                let f: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        // In symbols an embedded field keeps its name: struct { Int } (an
                        // alias of int) is not struct { int }, though both print so.
                        let field = if f.embedded && !symbol {
                            s(f.ty)
                        } else {
                            format!("{} {}", f.name, s(f.ty))
                        };
                        // reflect prints a tag quoted as strconv.Quote does.
                        match &f.tag {
                            Some(tag) => format!("{field} {}", quote(tag)),
                            None => field,
                        }
                    })
                    .collect();
                format!("struct {{ {} }}", f.join("; "))
            }
            Type::Interface(m) => {
                if m.is_empty() {
                    return "interface {}".into();
                }
                let parts: Vec<String> = m
                    .iter()
                    .map(|m| {
                        let sig = self.sig_string_with(&m.sig, &s, false);
                        format!("{}{}", m.name, sig)
                    })
                    .collect();
                format!("interface {{ {} }}", parts.join("; "))
            }
            Type::Func(sig) => format!("func{}", self.sig_string_with(sig, &s, false)),
            Type::Tuple(_) => "tuple".into(),
        }
    }
}

/// A string as a Go string literal with Go's escapes (strconv.Quote): printable characters
/// as they are, `\"` and `\\`, the usual control escapes, `\xNN` for invalid UTF-8.
pub(super) fn quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for chunk in s.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                    out.push_str(&format!("\\x{:02x}", c as u32))
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out.push('"');
    out
}
