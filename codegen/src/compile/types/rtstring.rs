//! Types as Go's runtime and reflect spell them (`main.Point`, `[]int`, `interface {}`,
//! `struct { X int; Y int }`, `main.List[main.Point]`): the strings of type descriptors, and
//! the names of types in symbols (`type.NAME`, instances' function symbols).

use super::{Basic, ChanDir, Signature, Type, TypeId, Types};

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
        // An instance of a generic type declared in a function carries its generic type's
        // number: `X·2[int]` and `X·5[int]` are instances of two functions' types X.
        let local = self.local_index(t).or_else(|| {
            self.instances
                .get(&t)
                .and_then(|(g, _)| self.local_index(*g))
        });
        if let (true, Some(i)) = (symbol, local) {
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
        let mut out = String::new();
        self.write_type(&mut out, t, symbol, &mut Vec::new());
        out
    }

    /// Appends t's string to `out`. `open` holds the interfaces being written, with where
    /// each began: an interface that refers to itself through its methods with no named
    /// type between (`type J interface{ F() interface{ J } }`) is written the second time
    /// as `@N`, N the offset where it began, as cmd/compile's tconv2 writes such a type.
    fn write_type(
        &self,
        out: &mut String,
        t: TypeId,
        symbol: bool,
        open: &mut Vec<(TypeId, usize)>,
    ) {
        match self.get(t) {
            Type::Named { pkg, path, .. } => {
                // Symbols carry the import path (`type.example.com/m/util.T`), reflect's
                // strings the package name (`util.T`).
                let q = if symbol && !path.is_empty() {
                    crate::compile::symbol_prefix(path)
                } else {
                    pkg.clone()
                };
                if !q.is_empty() {
                    out.push_str(&q);
                    out.push('.');
                }
                out.push_str(&self.named_string(t, symbol));
            }
            // Never lowered: only instances with concrete arguments reach the lowering.
            Type::TypeParam { name, .. } => out.push_str(name),
            Type::Basic(b) => out.push_str(match b {
                Basic::Byte => "uint8",
                Basic::Rune => "int32",
                b => b.name(),
            }),
            Type::Pointer(e) => {
                out.push('*');
                self.write_type(out, *e, symbol, open);
            }
            Type::Slice(e) => {
                out.push_str("[]");
                self.write_type(out, *e, symbol, open);
            }
            Type::Map(k, v) => {
                out.push_str("map[");
                self.write_type(out, *k, symbol, open);
                out.push(']');
                self.write_type(out, *v, symbol, open);
            }
            Type::Chan(d, e) => {
                // `chan (<-chan T)`: the parentheses keep `<-` from binding to the outer chan.
                let paren =
                    *d == ChanDir::Both && matches!(self.get(*e), Type::Chan(ChanDir::Recv, _));
                out.push_str(match d {
                    ChanDir::Recv => "<-chan ",
                    ChanDir::Send => "chan<- ",
                    ChanDir::Both if paren => "chan (",
                    ChanDir::Both => "chan ",
                });
                self.write_type(out, *e, symbol, open);
                if paren {
                    out.push(')');
                }
            }
            Type::Array(n, e) => {
                out.push_str(&format!("[{n}]"));
                self.write_type(out, *e, symbol, open);
            }
            Type::Struct(fields) => {
                if fields.is_empty() {
                    out.push_str("struct {}");
                    return;
                }
                out.push_str("struct { ");
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    // An embedded field is its type alone (reflect's struct type string). In
                    // symbols it keeps its name: struct { Int } (an alias of int) is not
                    // struct { int }, though both print so.
                    if !f.embedded || symbol {
                        out.push_str(&f.name);
                        out.push(' ');
                    }
                    self.write_type(out, f.ty, symbol, open);
                    // reflect prints a tag quoted as strconv.Quote does.
                    if let Some(tag) = &f.tag {
                        out.push(' ');
                        out.push_str(&quote(tag));
                    }
                }
                out.push_str(" }");
            }
            Type::Interface(m) => {
                if m.is_empty() {
                    out.push_str("interface {}");
                    return;
                }
                if let Some(&(_, at)) = open.iter().find(|&&(o, _)| self.identical(o, t)) {
                    out.push_str(&format!("@{at}"));
                    return;
                }
                open.push((t, out.len()));
                out.push_str("interface { ");
                for (i, m) in m.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    out.push_str(&m.name);
                    self.write_sig(out, &m.sig, symbol, open);
                }
                out.push_str(" }");
                open.pop();
            }
            Type::Func(sig) => {
                out.push_str("func");
                self.write_sig(out, sig, symbol, open);
            }
            Type::Tuple(_) => out.push_str("tuple"),
        }
    }

    /// A signature as reflect writes it after `func` or a method's name: `(int, ...string)
    /// bool`, `(T) (int, error)`, no parameter names.
    fn write_sig(
        &self,
        out: &mut String,
        sig: &Signature,
        symbol: bool,
        open: &mut Vec<(TypeId, usize)>,
    ) {
        out.push('(');
        for (i, &p) in sig.params.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            match self.get(p) {
                Type::Slice(elem) if sig.variadic && i + 1 == sig.params.len() => {
                    out.push_str("...");
                    self.write_type(out, *elem, symbol, open);
                }
                _ => self.write_type(out, p, symbol, open),
            }
        }
        out.push(')');
        match sig.results.len() {
            0 => {}
            1 => {
                out.push(' ');
                self.write_type(out, sig.results[0], symbol, open);
            }
            _ => {
                out.push_str(" (");
                for (i, &r) in sig.results.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.write_type(out, r, symbol, open);
                }
                out.push(')');
            }
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
