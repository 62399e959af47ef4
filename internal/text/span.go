package text

// Span is a piece of the original text: Start and End count Unicode code
// points from the start of the text exactly as given, End exclusive, and Text
// equals that slice (SCHEMA.md).
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Valid reports whether s is the exact slice of orig it claims to be.
func (s Span) Valid(orig []rune) bool {
	return s.Start >= 0 && s.Start <= s.End && s.End <= len(orig) && string(orig[s.Start:s.End]) == s.Text
}
