package definition

// Operators, with what their value must be and which attributes they apply to.
var operators = map[string]struct {
	value string     // "", "scalar", "scalars", "regexp", "number", "cidrs"
	on    []leafKind // nil: any
}{
	"equals":      {"scalar", scalars},
	"not_equals":  {"scalar", scalars},
	"in":          {"scalars", scalars},
	"not_in":      {"scalars", scalars},
	"exists":      {"", nil},
	"absent":      {"", nil},
	"matches":     {"regexp", []leafKind{leafString, leafNumber, leafDynamic}},
	">=":          {"number", numbers},
	"<=":          {"number", numbers},
	">":           {"number", numbers},
	"<":           {"number", numbers},
	"contains":    {"scalar", []leafKind{leafList, leafMap, leafObject, leafString, leafDynamic}},
	"cidr_within": {"cidrs", []leafKind{leafString, leafList, leafDynamic}},
	"not_world":   {"", []leafKind{leafString, leafList, leafDynamic}},
}

var (
	scalars = []leafKind{leafString, leafNumber, leafBool, leafDynamic}
	numbers = []leafKind{leafNumber, leafDynamic}
)

// OperatorNames lists the operators in the order the docs give them.
var OperatorNames = []string{"equals", "not_equals", "in", "not_in", "exists", "absent", "matches", ">=", "<=", ">", "<", "contains", "cidr_within", "not_world"}

type opcode uint8

const (
	opEquals opcode = iota
	opNotEquals
	opIn
	opNotIn
	opExists
	opAbsent
	opMatches
	opGE
	opLE
	opGT
	opLT
	opContains
	opCIDRWithin
	opNotWorld
)

var opcodes = map[string]opcode{
	"equals": opEquals, "not_equals": opNotEquals, "in": opIn, "not_in": opNotIn, "exists": opExists, "absent": opAbsent,
	"matches": opMatches, ">=": opGE, "<=": opLE, ">": opGT, "<": opLT, "contains": opContains,
	"cidr_within": opCIDRWithin, "not_world": opNotWorld,
}

// test judges one value; the caller names the attribute of a result that
