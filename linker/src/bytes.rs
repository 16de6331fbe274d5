//! Shared, immutable bytes: all of a buffer or a part of it, with the buffer kept alive by a
//! reference count. An input object is such a buffer (a driver may hand the linker a view of
//! a larger one: tbuild's cache maps an entry file and gives each object in it as a part),
//! and a section read from it is a part of the object, not a copy: a warm hello link copied
//! every input twice and spent a third of its time in the page faults of those copies
//! (perf, `-e page-faults`).

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// What a [`Bytes`] can view: any owner of bytes that threads may share.
pub type Owner = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A view of `owner`'s bytes `[start, end)`; it dereferences to them.
#[derive(Clone)]
pub struct Bytes {
    owner: Held,
    start: usize,
    end: usize,
}

/// A buffer of the linker's own (which [`Bytes::make_mut`] can write), or any other owner.
#[derive(Clone)]
enum Held {
    Vec(Arc<Vec<u8>>),
    Other(Owner),
}

impl Held {
    fn bytes(&self) -> &[u8] {
        match self {
            Held::Vec(v) => v,
            Held::Other(o) => (**o).as_ref(),
        }
    }
}

impl Bytes {
    /// All of `owner`'s bytes.
    pub fn new(owner: Owner) -> Bytes {
        let end = (*owner).as_ref().len();
        Bytes {
            owner: Held::Other(owner),
            start: 0,
            end,
        }
    }

    /// The bytes at `range` of this view, sharing its owner; None if the range does not lie
    /// inside the view.
    pub fn slice(&self, range: Range<usize>) -> Option<Bytes> {
        if range.start > range.end || range.end > self.len() {
            return None;
        }
        Some(Bytes {
            owner: self.owner.clone(),
            start: self.start + range.start,
            end: self.start + range.end,
        })
    }

    /// The view of `part`, a subslice of this view's bytes (as a parser returns it), sharing
    /// its owner; None if `part` does not lie inside the view.
    pub fn slice_of(&self, part: &[u8]) -> Option<Bytes> {
        let base = self.as_ptr() as usize;
        let at = (part.as_ptr() as usize).checked_sub(base)?;
        self.slice(at..at.checked_add(part.len())?)
    }

    /// Whether both view the same bytes of the same owner (not merely equal bytes).
    pub fn same(&self, other: &Bytes) -> bool {
        let owners = match (&self.owner, &other.owner) {
            (Held::Vec(a), Held::Vec(b)) => Arc::ptr_eq(a, b),
            (Held::Other(a), Held::Other(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        owners && (self.start, self.end) == (other.start, other.end)
    }

    /// The bytes, writable in place: first copied into a buffer of this view's own unless it
    /// is the only view of a whole buffer of the linker's, as `Arc::make_mut` does (for tests
    /// and fuzzers that damage inputs).
    pub fn make_mut(&mut self) -> &mut [u8] {
        let whole = matches!(&self.owner, Held::Vec(v) if (self.start, self.end) == (0, v.len()));
        if !whole {
            *self = self.to_vec().into();
        }
        match &mut self.owner {
            Held::Vec(v) => Arc::make_mut(v).as_mut_slice(),
            Held::Other(_) => unreachable!("a copied view holds a Vec"),
        }
    }
}

impl Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.owner.bytes()[self.start..self.end]
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(v: Vec<u8>) -> Bytes {
        Bytes {
            start: 0,
            end: v.len(),
            owner: Held::Vec(Arc::new(v)),
        }
    }
}

impl Default for Bytes {
    fn default() -> Bytes {
        Vec::new().into()
    }
}

impl PartialEq for Bytes {
    fn eq(&self, other: &Bytes) -> bool {
        **self == **other
    }
}

impl Eq for Bytes {}

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bytes({} bytes)", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_share_their_owner() {
        let all: Bytes = b"0123456789".to_vec().into();
        let mid = all.slice(2..6).unwrap();
        assert_eq!(&*mid, b"2345");
        assert_eq!(&*mid.slice(1..3).unwrap(), b"34");
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = all.slice(4..2);
        assert!(mid.slice(3..5).is_none() && backwards.is_none());
        let again = all.slice_of(&all[2..6]).unwrap();
        assert!(again.same(&mid) && !mid.same(&mid.slice(0..3).unwrap()));
        assert!(all.slice_of(b"2345").is_none());
        let copy: Bytes = b"2345".to_vec().into();
        assert!(copy == mid && !copy.same(&mid));
        let mut written = mid.clone();
        written.make_mut()[0] = b'x';
        assert_eq!((&*written, &*mid), (&b"x345"[..], &b"2345"[..]));
        let mut only: Bytes = vec![1, 2].into();
        let at = only.as_ptr();
        only.make_mut()[1] = 3;
        assert_eq!((&*only, only.as_ptr()), (&[1, 3][..], at));
    }
}
