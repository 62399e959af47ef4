package text

import (
	"strings"
	"unicode"
)

// Dateline returns the end of a dateline at the start of the text: a few
// words closed by an agency in brackets or a dash («بغداد (رويترز) -»,
// «عمان، الأردن (CNN)--»), or 0 when there is none.
func Dateline(a *Analysis) int {
	if len(a.Sentences) == 0 {
		return 0
	}
	sen := a.Sentences[0]
	for i := sen.TokStart; i < sen.TokEnd && i < sen.TokStart+10; i++ {
		t := a.Tokens[i]
		if t.Kind != Punct {
			continue
		}
		switch {
		case t.Text == ")" && i > sen.TokStart+1:
			// «(CNN)» or «(رويترز)» closes it, a dash may follow; «(64
			// عاما)» after a name does not.
			if !agencyParen(a, sen.TokStart, i) {
				return 0
			}
			end := i + 1
			for end < sen.TokEnd && a.Tokens[end].Kind == Punct && strings.ContainsAny(a.Tokens[end].Text, "-–—") {
				end++
			}
			return end
		case strings.ContainsAny(t.Text, "–—") || t.Text == "-" && i > sen.TokStart+1 && i+1 < sen.TokEnd && a.Tokens[i+1].NStart > t.NEnd:
			return i + 1
		}
	}
	return 0
}

// agencyParen: the parenthesis closed at token close holds a short name
// with no number in it, as an agency's.
func agencyParen(a *Analysis, start, close int) bool {
	open := -1
	for j := close - 1; j >= start; j-- {
		if a.Tokens[j].Text == "(" {
			open = j
			break
		}
	}
	if open < 0 || close-open-1 < 1 || close-open-1 > 4 {
		return false
	}
	for j := open + 1; j < close; j++ {
		if strings.IndexFunc(a.Tokens[j].Text, unicode.IsDigit) >= 0 {
			return false
		}
	}
	return true
}
