// Package json: token.go is the Decoder's token stream: Token, More and Delim. Where the
// reader stands between tokens is one of nine positions (top level; after [ or an array
// element or before one; after { or a key, colon, member or comma), kept on a stack per
// nesting level. Error texts and the rule that a string in key position is returned as the
// key are Go 1.19's (from its documentation and behaviour).
package json

// A Token holds a value of one of these types: Delim, bool, float64, Number, string, nil.
type Token any

// A Delim is a JSON array or object delimiter, one of [ ] { or }.
type Delim rune

func (d Delim) String() string { return string(d) }

const (
	atTop = iota
	arrayOpened
	arrayWantValue
	arrayWantComma
	objectOpened
	objectWantKey
	objectWantColon
	objectWantValue
	objectWantComma
)

// consumeSeparator consumes a comma or colon that Token callers leave before a Decode.
func (dr *Decoder) consumeSeparator() error {
	switch dr.tstate {
	case arrayWantComma:
		c, err := dr.peek()
		if err != nil {
			return err
		}
		if c != ',' {
			return &SyntaxError{"expected comma after array element", dr.InputOffset()}
		}
		dr.rd++
		dr.tstate = arrayWantValue
	case objectWantColon:
		c, err := dr.peek()
		if err != nil {
			return err
		}
		if c != ':' {
			return &SyntaxError{"expected colon after object key", dr.InputOffset()}
		}
		dr.rd++
		dr.tstate = objectWantValue
	}
	return nil
}

func (dr *Decoder) valueAllowed() bool {
	switch dr.tstate {
	case atTop, arrayOpened, arrayWantValue, objectWantValue:
		return true
	}
	return false
}

func (dr *Decoder) valueDone() {
	switch dr.tstate {
	case arrayOpened, arrayWantValue:
		dr.tstate = arrayWantComma
	case objectWantValue:
		dr.tstate = objectWantComma
	}
}

func (dr *Decoder) openToken(state int) {
	dr.rd++
	dr.tstack = append(dr.tstack, dr.tstate)
	dr.tstate = state
}

func (dr *Decoder) closeToken() {
	dr.rd++
	dr.tstate = dr.tstack[len(dr.tstack)-1]
	dr.tstack = dr.tstack[:len(dr.tstack)-1]
	dr.valueDone()
}

// Token returns the next JSON token in the input stream; at the end it returns nil, io.EOF.
func (dr *Decoder) Token() (Token, error) {
	for {
		c, err := dr.peek()
		if err != nil {
			return nil, err
		}
		st := dr.tstate
		switch c {
		case '[', '{':
			if !dr.valueAllowed() {
				return dr.tokErr(c)
			}
			if c == '[' {
				dr.openToken(arrayOpened)
			} else {
				dr.openToken(objectOpened)
			}
			return Delim(c), nil
		case ']':
			if st != arrayOpened && st != arrayWantComma {
				return dr.tokErr(c)
			}
			dr.closeToken()
			return Delim(c), nil
		case '}':
			if st != objectOpened && st != objectWantComma {
				return dr.tokErr(c)
			}
			dr.closeToken()
			return Delim(c), nil
		case ':':
			if st != objectWantColon {
				return dr.tokErr(c)
			}
			dr.rd++
			dr.tstate = objectWantValue
			continue
		case ',':
			switch st {
			case arrayWantComma:
				dr.rd++
				dr.tstate = arrayWantValue
				continue
			case objectWantComma:
				dr.rd++
				dr.tstate = objectWantKey
				continue
			}
			return dr.tokErr(c)
		}
		if c == '"' && (st == objectOpened || st == objectWantKey) {
			var key string
			dr.tstate = atTop
			err := dr.Decode(&key)
			dr.tstate = st
			if err != nil {
				return nil, err
			}
			dr.tstate = objectWantColon
			return key, nil
		}
		if !dr.valueAllowed() {
			return dr.tokErr(c)
		}
		var x any
		if err := dr.Decode(&x); err != nil {
			return nil, err
		}
		return x, nil
	}
}

func (dr *Decoder) tokErr(c byte) (Token, error) {
	where := ""
	switch dr.tstate {
	case atTop, arrayOpened, arrayWantValue, objectWantValue:
		where = " looking for beginning of value"
	case arrayWantComma:
		where = " after array element"
	case objectWantKey:
		where = " looking for beginning of object key string"
	case objectWantColon:
		where = " after object key"
	case objectWantComma:
		where = " after object key:value pair"
	}
	return nil, &SyntaxError{"invalid character " + describeByte(c) + where, dr.InputOffset()}
}

// More reports whether there is another element in the current array or object.
func (dr *Decoder) More() bool {
	c, err := dr.peek()
	return err == nil && c != ']' && c != '}'
}
