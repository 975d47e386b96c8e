package subject

// Tri is a three-valued truth value: a control decided on values that are not
// all known yet can only say Unknown.
type Tri uint8

const (
	False Tri = iota
	True
	Unknown
)

func (t Tri) String() string {
	switch t {
	case True:
		return "true"
	case False:
		return "false"
	}
	return "unknown"
}

// TriOf lifts a bool.
func TriOf(b bool) Tri {
	if b {
		return True
	}
	return False
}

// And is Kleene conjunction: false wins over unknown.
func (t Tri) And(o Tri) Tri {
	if t == False || o == False {
		return False
	}
	if t == Unknown || o == Unknown {
		return Unknown
	}
	return True
}

// Or is Kleene disjunction: true wins over unknown.
func (t Tri) Or(o Tri) Tri {
	if t == True || o == True {
		return True
	}
	if t == Unknown || o == Unknown {
		return Unknown
	}
	return False
}

// Not negates; unknown stays unknown.
func (t Tri) Not() Tri {
	switch t {
	case True:
		return False
	case False:
		return True
	}
	return Unknown
}

// Is tests a field against a value; unknown fields give Unknown.
func (f Field[T]) Test(pred func(T) bool) Tri {
	if f.Unknown {
		return Unknown
	}
	return TriOf(pred(f.V))
}
