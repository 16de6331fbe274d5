//! Token- and line-level editing of text inputs, shared by the targets whose inputs are
//! source text (plan9 assembly, Go). The tokens are rough, as the languages' lexers would
//! split them closely enough for mutation: exactness does not matter here.

use crate::Rng;

/// What a token is, as far as the edits care.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    Newline,
    Other,
}

/// The tokens of `text` as (start, end, kind) byte ranges. Spaces separate tokens and are not
/// tokens; `word_char` says which characters besides letters, digits and `_` continue (or
/// start) a word (`·` in plan9 assembly).
pub fn tokens(text: &str, word_char: fn(char) -> bool) -> Vec<(usize, usize, Kind)> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let kind = if c == '\n' {
            Kind::Newline
        } else if c.is_whitespace() {
            continue;
        } else if c.is_ascii_digit() {
            Kind::Number
        } else if c.is_alphabetic() || c == '_' || word_char(c) {
            Kind::Word
        } else {
            Kind::Other
        };
        let mut end = i + c.len_utf8();
        if kind == Kind::Word || kind == Kind::Number {
            while let Some(&(j, d)) = it.peek() {
                let more = d.is_alphanumeric()
                    || d == '_'
                    || word_char(d)
                    || (kind == Kind::Number && d == '.');
                if !more {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
        }
        out.push((i, end, kind));
    }
    out
}

/// The byte range of a random token of `kind` (of any kind for None), if there is one.
pub fn pick(
    toks: &[(usize, usize, Kind)],
    rng: &mut Rng,
    kind: Option<Kind>,
) -> Option<(usize, usize)> {
    let cands: Vec<(usize, usize)> = toks
        .iter()
        .filter(|t| kind.is_none_or(|k| t.2 == k))
        .map(|t| (t.0, t.1))
        .collect();
    (!cands.is_empty()).then(|| *rng.choose(&cands))
}

/// A random line of `text` duplicated elsewhere, dropped, or swapped with another.
pub fn shuffle_lines(text: &str, rng: &mut Rng) -> Option<String> {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    if lines.is_empty() {
        return None;
    }
    let i = rng.below(lines.len());
    let j = rng.below(lines.len());
    match rng.below(3) {
        0 => lines.insert(j, lines[i]),
        1 => {
            lines.remove(i);
        }
        _ => lines.swap(i, j),
    }
    Some(lines.concat())
}

/// `text` with a random line of `other` inserted at the start of one of its lines.
pub fn insert_line_of(text: &str, other: &str, rng: &mut Rng) -> Option<String> {
    let lines: Vec<&str> = other.split_inclusive('\n').collect();
    if lines.is_empty() {
        return None;
    }
    let line = *rng.choose(&lines);
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let at = *rng.choose(&starts);
    Some(format!("{}{line}{}", &text[..at], &text[at..]))
}

/// `text` with the byte range `(a, b)` replaced by `with`.
pub fn replace(text: &str, (a, b): (usize, usize), with: &str) -> String {
    format!("{}{with}{}", &text[..a], &text[b..])
}

/// One of the edits every text target makes: a random token deleted, duplicated, or
/// preceded by one of `punct`. None when the text has no token.
pub fn token_edit(
    text: &str,
    toks: &[(usize, usize, Kind)],
    punct: &[&str],
    rng: &mut Rng,
) -> Option<String> {
    let (a, b) = pick(toks, rng, None)?;
    Some(match rng.below(3) {
        0 => replace(text, (a, b), ""),
        1 => replace(text, (a, a), &format!("{} ", &text[a..b])),
        _ => {
            let p: &&str = rng.choose(punct);
            replace(text, (a, a), p)
        }
    })
}
