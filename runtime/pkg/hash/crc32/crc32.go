// Package crc32 computes 32-bit cyclic redundancy checks in their reflected (LSB-first)
// form: tbuild's own implementation of Go 1.19's hash/crc32 API (the polynomials are the
// published IEEE 802.3, Castagnoli and Koopman ones; MakeTable returns the same *Table for
// IEEE and for Castagnoli on every call, as Go's does, and MarshalBinary writes Go's state
// format: "crc\x01", the IEEE checksum of the table, the CRC).
//
// Go's amd64 package computes the IEEE and Castagnoli CRCs with PCLMULQDQ and the SSE 4.2
// CRC32 instruction; the results are the same as the tables', which tbuild uses eight
// bytes at a time ("slicing by 8").
package crc32

import (
	"errors"
	"hash"
	"sync"
)

// Size is the length of a CRC-32 in bytes.
const Size = 4

// The reversed polynomials.
const (
	IEEE       = 0xedb88320
	Castagnoli = 0x82f63b78
	Koopman    = 0xeb31d82e
)

// Table is a CRC table: the CRC of each byte value.
type Table [256]uint32

// IEEETable is the table of the IEEE polynomial.
var IEEETable = newTable(IEEE)

// wide holds the tables for eight bytes at a time: wide[k][b] is the CRC of the byte b
// followed by k zero bytes.
type wide [8]Table

var (
	ieeeOnce  sync.Once
	ieeeWide  *wide
	castOnce  sync.Once
	castTable *Table
	castWide  *wide
)

func newTable(poly uint32) *Table {
	t := new(Table)
	for b := range t {
		c := uint32(b)
		for k := 0; k < 8; k++ {
			if c&1 == 1 {
				c = c>>1 ^ poly
			} else {
				c >>= 1
			}
		}
		t[b] = c
	}
	return t
}

func widen(t *Table) *wide {
	w := new(wide)
	w[0] = *t
	for b := 0; b < 256; b++ {
		c := t[b]
		for k := 1; k < 8; k++ {
			c = t[c&0xff] ^ c>>8
			w[k][b] = c
		}
	}
	return w
}

func initIEEE() { ieeeWide = widen(IEEETable) }

func initCastagnoli() {
	castTable = newTable(Castagnoli)
	castWide = widen(castTable)
}

// MakeTable returns the table of the reversed polynomial poly.
func MakeTable(poly uint32) *Table {
	switch poly {
	case IEEE:
		ieeeOnce.Do(initIEEE)
		return IEEETable
	case Castagnoli:
		castOnce.Do(initCastagnoli)
		return castTable
	}
	return newTable(poly)
}

// bytewise is the CRC update one byte at a time.
func bytewise(crc uint32, t *Table, p []byte) uint32 {
	crc = ^crc
	for _, b := range p {
		crc = t[byte(crc)^b] ^ crc>>8
	}
	return ^crc
}

// eightwise is the CRC update eight bytes at a time.
func eightwise(crc uint32, w *wide, p []byte) uint32 {
	if len(p) < 16 {
		return bytewise(crc, &w[0], p)
	}
	crc = ^crc
	for len(p) > 8 {
		q := p[:8]
		lo := crc ^ (uint32(q[0]) | uint32(q[1])<<8 | uint32(q[2])<<16 | uint32(q[3])<<24)
		crc = w[7][lo&0xff] ^ w[6][lo>>8&0xff] ^ w[5][lo>>16&0xff] ^ w[4][lo>>24] ^
			w[3][q[4]] ^ w[2][q[5]] ^ w[1][q[6]] ^ w[0][q[7]]
		p = p[8:]
	}
	for _, b := range p {
		crc = w[0][byte(crc)^b] ^ crc>>8
	}
	return ^crc
}

// Update returns crc updated with the bytes of p.
func Update(crc uint32, tab *Table, p []byte) uint32 {
	if tab == IEEETable {
		ieeeOnce.Do(initIEEE)
		return eightwise(crc, ieeeWide, p)
	}
	if tab != nil && tab == castTable {
		return eightwise(crc, castWide, p)
	}
	return bytewise(crc, tab, p)
}

// Checksum returns the CRC of data with the table tab.
func Checksum(data []byte, tab *Table) uint32 { return Update(0, tab, data) }

// ChecksumIEEE returns the IEEE CRC of data.
func ChecksumIEEE(data []byte) uint32 { return Update(0, IEEETable, data) }

type digest struct {
	crc uint32
	tab *Table
}

// New returns a running CRC with the table tab.
func New(tab *Table) hash.Hash32 {
	if tab == IEEETable {
		ieeeOnce.Do(initIEEE)
	}
	return &digest{tab: tab}
}

// NewIEEE returns a running IEEE CRC.
func NewIEEE() hash.Hash32 { return New(IEEETable) }

func (d *digest) Size() int      { return Size }
func (d *digest) BlockSize() int { return 1 }
func (d *digest) Reset()         { d.crc = 0 }
func (d *digest) Sum32() uint32  { return d.crc }

func (d *digest) Write(p []byte) (int, error) {
	d.crc = Update(d.crc, d.tab, p)
	return len(p), nil
}

func (d *digest) Sum(in []byte) []byte {
	return append(in, byte(d.crc>>24), byte(d.crc>>16), byte(d.crc>>8), byte(d.crc))
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func appendBE32(b []byte, v uint32) []byte {
	return append(b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

// tableSum identifies a table in the marshaled state: the IEEE CRC of its entries written
// big-endian (of nothing for a nil table).
func tableSum(t *Table) uint32 {
	buf := make([]byte, 0, 1024)
	if t != nil {
		for _, v := range t {
			buf = appendBE32(buf, v)
		}
	}
	return ChecksumIEEE(buf)
}

func (d *digest) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 12)
	b = append(b, "crc\x01"...)
	b = appendBE32(b, tableSum(d.tab))
	return appendBE32(b, d.crc), nil
}

func (d *digest) UnmarshalBinary(b []byte) error {
	if len(b) < 4 || string(b[:4]) != "crc\x01" {
		return errors.New("hash/crc32: invalid hash state identifier")
	}
	if len(b) != 12 {
		return errors.New("hash/crc32: invalid hash state size")
	}
	if be32(b[4:]) != tableSum(d.tab) {
		return errors.New("hash/crc32: tables do not match")
	}
	d.crc = be32(b[8:])
	return nil
}
