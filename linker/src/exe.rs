//! The linked executable as it goes to its file: a sequence of parts in file order (the bytes
//! the ELF writer made, each section's own buffer, runs of zeros), never copied into one
//! buffer. Hello's file is 1.4 MB, and copying it into one cost a relink that much new memory
//! (350 pages, each faulted in) and the copy itself: `write_executable` took 0.5 of about 8 ms
//! (`tbuild -v`). The driver hashes the parts for the build ID and writes them as they are.
//!
//! [`Sparse`] is the buffer `object`'s ELF writer writes into: it keeps what the writer writes
//! and records the padding the writer asks for as runs of zeros without making them, so that
//! write.rs can pad over each section's range and then [`Sparse::place`] the section's buffer
//! there.

use object::write::WritableBuffer;

/// One run of an [`Executable`]'s bytes.
#[derive(Debug)]
enum Part {
    Bytes(Vec<u8>),
    Zeros(usize),
}

impl Part {
    fn len(&self) -> usize {
        match self {
            Part::Bytes(b) => b.len(),
            Part::Zeros(n) => *n,
        }
    }
}

/// A page of zeros: runs of zeros are given out as slices of it.
static ZEROS: [u8; 4096] = [0; 4096];

/// A linked executable's bytes, as parts ([`Executable::slices`]).
#[derive(Debug, Default)]
pub struct Executable {
    parts: Vec<Part>,
    len: usize,
}

impl Executable {
    /// A file of these parts' bytes, in order (for tests of what is done with a file).
    pub fn from_parts(parts: Vec<Vec<u8>>) -> Executable {
        let len = parts.iter().map(Vec::len).sum();
        let parts = parts.into_iter().map(Part::Bytes).collect();
        Executable { parts, len }
    }

    /// The file's size.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The file's bytes in order, as slices of its parts (a run of zeros as slices of one
    /// zeroed page).
    pub fn slices(&self) -> impl Iterator<Item = &[u8]> {
        self.parts.iter().flat_map(|p| {
            let (bytes, zeros) = match p {
                Part::Bytes(b) => (Some(&b[..]), 0),
                Part::Zeros(n) => (None, *n),
            };
            let runs = (0..zeros.div_ceil(ZEROS.len()))
                .map(move |i| &ZEROS[..(zeros - i * ZEROS.len()).min(ZEROS.len())]);
            bytes.into_iter().chain(runs)
        })
    }

    /// The file's bytes in one buffer (for tests and callers that want them so).
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len);
        for s in self.slices() {
            out.extend_from_slice(s);
        }
        out
    }

    /// `len` bytes from `offset` (fewer at the end of the file).
    fn read(&self, offset: usize, len: usize) -> Vec<u8> {
        let end = (offset + len).min(self.len);
        let mut out = Vec::with_capacity(end.saturating_sub(offset));
        let mut start = 0;
        for s in self.slices() {
            let (lo, hi) = (offset.max(start), end.min(start + s.len()));
            if lo < hi {
                out.extend_from_slice(&s[lo - start..hi - start]);
            }
            start += s.len();
            if start >= end {
                break;
            }
        }
        out
    }

    /// The offsets of the occurrences of `needle` in the whole file, as
    /// cmd/internal/buildid/rewrite.go `FindAndHash` takes them (the leftmost, then the
    /// leftmost after it, and so on; none for an empty needle): within parts and across the
    /// boundaries between them, with memchr's SIMD substring search (the binary is megabytes
    /// and the ID occurs twice). Runs of zeros are not searched: a needle of zeros alone
    /// (never a build ID) is not found in them.
    pub fn find(&self, needle: &[u8]) -> Vec<usize> {
        let mut found = Vec::new();
        if needle.is_empty() {
            return found;
        }
        let finder = memchr::memmem::Finder::new(needle);
        let mut from = 0;
        while let Some(at) = self.find_from(&finder, from) {
            found.push(at);
            from = at + needle.len();
        }
        found
    }

    /// The first occurrence of `finder`'s needle at or after `from`.
    fn find_from(&self, finder: &memchr::memmem::Finder, from: usize) -> Option<usize> {
        let n = finder.needle().len();
        let mut start = 0;
        for p in &self.parts {
            let end = start + p.len();
            if end > from {
                let lo = from.max(start);
                // One wholly inside the part comes before any that crosses its end.
                if let Part::Bytes(b) = p {
                    if let Some(i) = finder.find(&b[lo - start..]) {
                        return Some(lo + i);
                    }
                }
                // One that starts in the part and ends in a later one.
                let lo = lo.max(end.saturating_sub(n - 1));
                if end < self.len && lo < end {
                    let around = self.read(lo, end - lo + n - 1);
                    if let Some(i) = finder.find(&around) {
                        return Some(lo + i);
                    }
                }
            }
            start = end;
        }
        None
    }
}

/// The buffer the ELF writer writes an [`Executable`] into: see the module's comment.
#[derive(Debug, Default)]
pub struct Sparse {
    exe: Executable,
}

impl Sparse {
    /// Puts `data` at `offset`, in a run of zeros the writer padded over for it.
    pub fn place(&mut self, offset: usize, data: Vec<u8>) -> Result<(), String> {
        if data.is_empty() {
            return Ok(());
        }
        let end = offset + data.len();
        let mut start = 0;
        for i in 0..self.exe.parts.len() {
            let len = self.exe.parts[i].len();
            if let Part::Zeros(_) = self.exe.parts[i] {
                if start <= offset && end <= start + len {
                    let after = start + len - end;
                    let mut runs = vec![Part::Bytes(data)];
                    if after > 0 {
                        runs.push(Part::Zeros(after));
                    }
                    if offset > start {
                        runs.insert(0, Part::Zeros(offset - start));
                    }
                    self.exe.parts.splice(i..=i, runs);
                    return Ok(());
                }
            }
            start += len;
        }
        Err(format!(
            "internal error: {} bytes at {offset:#x} are not in padding the writer left",
            data.len()
        ))
    }

    pub fn finish(self) -> Executable {
        self.exe
    }
}

impl WritableBuffer for Sparse {
    fn len(&self) -> usize {
        self.exe.len
    }

    fn reserve(&mut self, _size: usize) -> Result<(), ()> {
        Ok(())
    }

    fn resize(&mut self, new_len: usize) {
        let Some(more) = new_len.checked_sub(self.exe.len).filter(|&n| n > 0) else {
            return;
        };
        match self.exe.parts.last_mut() {
            Some(Part::Zeros(n)) => *n += more,
            _ => self.exe.parts.push(Part::Zeros(more)),
        }
        self.exe.len = new_len;
    }

    fn write_bytes(&mut self, val: &[u8]) {
        match self.exe.parts.last_mut() {
            Some(Part::Bytes(b)) => b.extend_from_slice(val),
            _ => self.exe.parts.push(Part::Bytes(val.to_vec())),
        }
        self.exe.len += val.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of written bytes, padding and placed sections reads back as one buffer would.
    fn sample() -> (Executable, Vec<u8>) {
        let mut s = Sparse::default();
        s.write_bytes(b"head");
        s.resize(10_000);
        s.write_bytes(b"tail");
        s.place(100, b"one".to_vec()).unwrap();
        s.place(5000, vec![7; 4000]).unwrap();
        let mut want = vec![0u8; 10_004];
        want[..4].copy_from_slice(b"head");
        want[100..103].copy_from_slice(b"one");
        want[5000..9000].fill(7);
        want[10_000..].copy_from_slice(b"tail");
        (s.finish(), want)
    }

    #[test]
    fn parts_read_back_as_the_whole_file() {
        let (exe, want) = sample();
        assert_eq!(exe.len(), want.len());
        assert_eq!(exe.to_vec(), want);
        assert_eq!(exe.read(98, 7), want[98..105]);
        assert_eq!(exe.read(10_002, 10), b"il");
    }

    #[test]
    fn placing_outside_padding_is_an_error() {
        let mut s = Sparse::default();
        s.write_bytes(b"head");
        s.resize(8);
        assert!(s.place(2, b"xx".to_vec()).is_err());
        assert!(s.place(6, b"xyz".to_vec()).is_err());
        assert!(s.place(4, b"xyzw".to_vec()).is_ok());
    }

    /// Occurrences inside parts and across their boundaries, as a search of the whole file.
    #[test]
    fn find_sees_across_boundaries() {
        let mut s = Sparse::default();
        s.write_bytes(b"xxAB");
        s.resize(12);
        s.place(4, b"CDxABCD".to_vec()).unwrap();
        s.write_bytes(b"ABCDAB");
        s.resize(20);
        s.place(18, b"CD".to_vec()).unwrap();
        let exe = s.finish();
        let whole = exe.to_vec();
        let want: Vec<usize> = memchr::memmem::find_iter(&whole, b"ABCD").collect();
        assert_eq!(want, [2, 7, 12, 16]);
        assert_eq!(exe.find(b"ABCD"), want);
        assert_eq!(exe.find(b"A"), [2, 7, 12, 16]);
        // Overlapping copies: the leftmost, then the search goes on after it.
        let mut s = Sparse::default();
        s.write_bytes(b"AAA");
        s.resize(5);
        s.place(3, b"AA".to_vec()).unwrap();
        assert_eq!(s.finish().find(b"AA"), [0, 2]);
    }
}
