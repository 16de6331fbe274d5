package unicode

// Bits of latin1Class (tables.go).
const (
	classControl = 1 << 0
	classPunct   = 1 << 1
	classNumber  = 1 << 2
	classSymbol  = 1 << 3
	classLetter  = 3 << 4
	classGraphic = 1 << 6
	classPrint   = 1 << 7
)

// GraphicRanges are the tables of the graphic runes: letters, marks, numbers,
// punctuation, symbols and the space separators.
var GraphicRanges = []*RangeTable{L, M, N, P, S, Zs}

// PrintRanges are the tables of the printable runes: GraphicRanges without the space
// separators (IsPrint adds the ASCII space).
var PrintRanges = []*RangeTable{L, M, N, P, S}

func latin1Has(r rune, bits byte) bool { return latin1Class[uint8(r)]&bits != 0 }

// IsGraphic reports whether r is graphic: in GraphicRanges.
func IsGraphic(r rune) bool {
	if uint32(r) <= MaxLatin1 {
		return latin1Has(r, classGraphic)
	}
	return In(r, GraphicRanges...)
}

// IsPrint reports whether r is printable as Go defines it: in PrintRanges, or U+0020.
func IsPrint(r rune) bool {
	if uint32(r) <= MaxLatin1 {
		return latin1Has(r, classPrint)
	}
	return In(r, PrintRanges...)
}

// IsOneOf reports whether r is in one of the tables.
func IsOneOf(ranges []*RangeTable, r rune) bool {
	for _, t := range ranges {
		if Is(t, r) {
			return true
		}
	}
	return false
}

// In reports whether r is in one of the tables.
func In(r rune, ranges ...*RangeTable) bool {
	return IsOneOf(ranges, r)
}

// IsControl reports whether r is a control character (all of them are in Latin-1).
func IsControl(r rune) bool {
	return uint32(r) <= MaxLatin1 && latin1Has(r, classControl)
}

// IsLetter reports whether r is a letter (category L).
func IsLetter(r rune) bool {
	if uint32(r) <= MaxLatin1 {
		return latin1Has(r, classLetter)
	}
	return isAbove(Letter, r)
}

// IsMark reports whether r is a mark (category M); Latin-1 has none.
func IsMark(r rune) bool {
	return isAbove(Mark, r)
}

// IsNumber reports whether r is a number (category N).
func IsNumber(r rune) bool {
	if uint32(r) <= MaxLatin1 {
		return latin1Has(r, classNumber)
	}
	return isAbove(Number, r)
}

// IsDigit reports whether r is a decimal digit (category Nd).
func IsDigit(r rune) bool {
	if r <= MaxLatin1 {
		return r >= '0' && r <= '9'
	}
	return isAbove(Digit, r)
}

// IsPunct reports whether r is punctuation (category P).
func IsPunct(r rune) bool {
	if uint32(r) <= MaxLatin1 {
		return latin1Has(r, classPunct)
	}
	return Is(Punct, r)
}

// IsSymbol reports whether r is a symbol (category S).
func IsSymbol(r rune) bool {
	if uint32(r) <= MaxLatin1 {
		return latin1Has(r, classSymbol)
	}
	return isAbove(Symbol, r)
}

// IsSpace reports whether r is white space (property White_Space).
func IsSpace(r rune) bool {
	if uint32(r) <= MaxLatin1 {
		for i := 0; i < len(latin1Space); i++ {
			if rune(latin1Space[i]) == r {
				return true
			}
		}
		return false
	}
	return isAbove(White_Space, r)
}
