package unicode

// The ranges of every table, the case ranges and the fold orbits, unpacked from
// tableCode at init; the tables' slices are windows of these pools.
var (
	pool16    [count16]Range16
	pool32    [count32]Range32
	poolCase  [countCase]CaseRange
	poolOrbit [countOrbit]foldStep
)

// CaseRanges maps every rune with other cases to them.
var CaseRanges []CaseRange

// caseOrbit lists, by rune, the fold steps SimpleFold cannot derive from ToUpper and
// ToLower.
var caseOrbit []foldStep

// unpack reads the number of tableCode's code that starts at code[at] and returns it and
// where the next one starts: base 32, most significant digit first, the last digit of a
// number from '0'-'9' 'A'-'V', the others from 'W'-'Z' 'a'-'z' '!' '#'; newlines are
// skipped. digitValue (tables.go) holds each byte's digit.
func unpack(code string, at int) (int, int) {
	n := 0
	for {
		v := digitValue[code[at]-'\n']
		at++
		if v < 32 {
			return n<<5 | int(v), at
		}
		if v < 64 {
			n = n<<5 | int(v-32)
		}
	}
}

// fillMaps enters mapCode's entries into the maps.
func fillMaps() {
	maps := [...]map[string]*RangeTable{Categories, Scripts, Properties, FoldCategory, FoldScript}
	m, at := 0, 0
	for at < len(mapCode) {
		switch mapCode[at] {
		case ' ', '\n':
			at++
		case '|':
			m++
			at++
		default:
			key := at
			for mapCode[at] != '=' {
				at++
			}
			name := mapCode[key:at]
			var i int
			i, at = unpack(mapCode, at+1)
			maps[m][name] = tableOrder[i]
		}
	}
}

// signed undoes the zigzag code: 0, -1, 1, -2, 2, ... are 0, 1, 2, 3, 4, ...
func signed(n int) rune {
	if n&1 != 0 {
		return rune(-(n >> 1) - 1)
	}
	return rune(n >> 1)
}

// unpack3 reads three numbers of tableCode from code[at].
func unpack3(at int) (a, b, c, next int) {
	a, at = unpack(tableCode, at)
	b, at = unpack(tableCode, at)
	c, at = unpack(tableCode, at)
	return a, b, c, at
}

func init() {
	at := 0
	used16, used32 := 0, 0
	for _, t := range tableOrder {
		// Each count is one more than the number of ranges; 0 is a nil slice, as Go's
		// literals leave an absent field (and `R16: []Range16{}` is an empty one).
		c16, c32, latin, next := unpack3(at)
		at = next
		n16, n32 := c16-1, c32-1
		if c16 == 0 {
			n16 = 0
		}
		if c32 == 0 {
			n32 = 0
		}
		t.LatinOffset = latin
		end := 0
		for i := used16; i < used16+n16; i++ {
			gap, width, stride, next := unpack3(at)
			at = next
			lo := end + gap
			end = lo + width
			pool16[i] = Range16{Lo: uint16(lo), Hi: uint16(end), Stride: uint16(stride)}
		}
		end = 0
		for i := used32; i < used32+n32; i++ {
			gap, width, stride, next := unpack3(at)
			at = next
			lo := end + gap
			end = lo + width
			pool32[i] = Range32{Lo: uint32(lo), Hi: uint32(end), Stride: uint32(stride)}
		}
		if c16 > 0 {
			t.R16 = pool16[used16 : used16+n16 : used16+n16]
		}
		if c32 > 0 {
			t.R32 = pool32[used32 : used32+n32 : used32+n32]
		}
		used16 += n16
		used32 += n32
	}
	end := 0
	for i := range poolCase {
		var gap, width int
		gap, at = unpack(tableCode, at)
		width, at = unpack(tableCode, at)
		lo := end + gap
		end = lo + width
		c := &poolCase[i]
		c.Lo, c.Hi = uint32(lo), uint32(end)
		for k := range c.Delta {
			var n int
			if n, at = unpack(tableCode, at); n == 0 {
				c.Delta[k] = UpperLower
			} else {
				c.Delta[k] = signed(n - 1)
			}
		}
	}
	CaseRanges = poolCase[:]
	from := 0
	for i := range poolOrbit {
		var gap, step int
		gap, at = unpack(tableCode, at)
		step, at = unpack(tableCode, at)
		from += gap
		poolOrbit[i] = foldStep{from: rune(from), next: rune(from) + signed(step)}
	}
	caseOrbit = poolOrbit[:]
	fillMaps()
	if at != len(tableCode) || used16 != count16 || used32 != count32 {
		panic("unicode: tableCode does not match its tables")
	}
}
