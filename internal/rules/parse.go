package rules

import (
	"bufio"
	"fmt"
	"strings"

	"rasd/internal/text"
)

// The file format (docs/rules.md):
//
//	# a comment
//	class modal: تحسبا خشية يخطط "من المتوقع"
//	    تعتزم ينوي              (indented lines go on with the class)
//
//	rule veto.fear-or-plan
//	    about: a fear or a plan before the cue: nothing happened
//	    match: $modal _{0,3} @<cue>
//	    do: veto
//	    yes: استنفرت القوات تحسبا لهجوم على المدينة
//	    no: هاجم مسلحون المدينة أمس

type parser struct {
	classes *classTable
	rules   []*Rule
}

func (p *parser) parseFile(f File) error {
	sc := bufio.NewScanner(strings.NewReader(f.Text))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	var (
		rule  *Rule
		class = -1
		line  = 0
		// The key of the last «key: value» line and its value, which an
		// indented line without a key continues.
		lastKey, pending string
	)
	errf := func(format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", f.Name, line, fmt.Sprintf(format, args...))
	}
	finish := func() error {
		if rule == nil {
			return nil
		}
		defer func() { rule = nil }()
		switch {
		case rule.About == "":
			return fmt.Errorf("%s:%d: rule %s has no «about:» line", f.Name, rule.Line, rule.ID)
		case len(rule.Do) == 0:
			return fmt.Errorf("%s:%d: rule %s has no «do:» line", f.Name, rule.Line, rule.ID)
		case len(rule.Match) == 0 && len(rule.If) == 0:
			return fmt.Errorf("%s:%d: rule %s has neither «match:» nor «if:»", f.Name, rule.Line, rule.ID)
		case len(rule.Yes) == 0:
			return fmt.Errorf("%s:%d: rule %s has no «yes:» test sentence", f.Name, rule.Line, rule.ID)
		}
		p.rules = append(p.rules, rule)
		return nil
	}
	for sc.Scan() {
		line++
		raw := sc.Text()
		trimmed := strings.TrimSpace(raw)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		indented := raw[0] == ' ' || raw[0] == '\t'
		if !indented {
			lastKey, pending = "", ""
			if err := finish(); err != nil {
				return err
			}
			class = -1
			switch {
			case strings.HasPrefix(trimmed, "class "):
				name, rest, ok := strings.Cut(strings.TrimPrefix(trimmed, "class "), ":")
				name = strings.TrimSpace(name)
				if !ok || !validName(name) {
					return errf("want «class NAME: words…», got %q", trimmed)
				}
				c, err := p.classes.define(name, f.Name, line)
				if err != nil {
					return errf("%v", err)
				}
				class = c
				if err := p.classes.addEntries(c, rest); err != nil {
					return errf("class %s: %v", name, err)
				}
			case strings.HasPrefix(trimmed, "rule "):
				id := strings.TrimSpace(strings.TrimPrefix(trimmed, "rule "))
				st, _, ok := strings.Cut(id, ".")
				if !ok || !validName(strings.ReplaceAll(id, ".", "-")) {
					return errf("want «rule STAGE.NAME», got %q", trimmed)
				}
				if !knownStage(Stage(st)) {
					return errf("rule %s: unknown stage %q (one of %v)", id, st, Stages)
				}
				rule = &Rule{ID: id, Stage: Stage(st), File: f.Name, Line: line}
			default:
				return errf("a line must start a class («class NAME: …») or a rule («rule STAGE.NAME»), got %q", trimmed)
			}
			continue
		}
		if class >= 0 {
			if err := p.classes.addEntries(class, trimmed); err != nil {
				return errf("class %s: %v", p.classes.names[class], err)
			}
			continue
		}
		if rule == nil {
			return errf("indented line outside a rule or class: %q", trimmed)
		}
		key, val, ok := strings.Cut(trimmed, ":")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if ok && validName(key) && !ruleKeys[key] {
			return errf("rule %s: unknown key %q (about, match, unless, if, do, scope, yes, no)", rule.ID, key)
		}
		if !ok || !ruleKeys[key] {
			// A line that starts with no key goes on with the value
			// before it: a long «about:» or «match:».
			if lastKey == "" {
				return errf("rule %s: want «key: value», got %q", rule.ID, trimmed)
			}
			key, val = lastKey, pending+" "+trimmed
			if err := undoLast(rule, lastKey); err != nil {
				return errf("rule %s: %v", rule.ID, err)
			}
		}
		lastKey, pending = key, val
		switch key {
		case "about":
			rule.About = val
		case "match", "unless":
			// Top-level alternatives are patterns of their own, so that
			// each may have its own anchor: «$x _* @<cue> | @<cue> _* $x».
			for _, alt := range topAlternatives(val) {
				pat, err := parsePattern(alt)
				if err != nil {
					return errf("rule %s: %s %q: %v", rule.ID, key, alt, err)
				}
				if key == "match" {
					rule.Match = append(rule.Match, pat)
				} else {
					rule.Unless = append(rule.Unless, pat)
				}
			}
		case "if":
			conds, err := parseConds(val)
			if err != nil {
				return errf("rule %s: if %q: %v", rule.ID, val, err)
			}
			rule.If = append(rule.If, conds...)
		case "do":
			rule.Do = strings.Fields(val)
		case "scope":
			switch val {
			case "clause":
				rule.Scope = ScopeClause
			case "sentence":
				rule.Scope = ScopeSentence
			default:
				return errf("rule %s: scope %q: want clause or sentence", rule.ID, val)
			}
		case "yes":
			rule.Yes = append(rule.Yes, val)
		case "no":
			rule.No = append(rule.No, val)
		default:
			return errf("rule %s: unknown key %q (about, match, unless, if, do, scope, yes, no)", rule.ID, key)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	return finish()
}

// topAlternatives splits a pattern at the «|» that stand outside
// parentheses and «<…>».
func topAlternatives(s string) []string {
	var out []string
	depth, angle, start := 0, false, 0
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r == '<':
			angle = true
		case r == '>':
			angle = false
		case r == '(' && !angle:
			depth++
		case r == ')' && !angle:
			depth--
		case r == '|' && depth == 0 && !angle && (i == 0 || rs[i-1] == ' ') && (i+1 == len(rs) || rs[i+1] == ' '):
			out = append(out, strings.TrimSpace(string(rs[start:i])))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(string(rs[start:])))
}

var ruleKeys = map[string]bool{"about": true, "match": true, "unless": true, "if": true, "do": true, "scope": true, "yes": true, "no": true}

// undoLast removes the value a «key:» line added, so that a continuation
// line can add it again with the rest.
func undoLast(r *Rule, key string) error {
	switch key {
	case "match", "unless":
		// Continuations are not supported here: a value split over lines
		// may have made several patterns of its top-level alternatives.
		return fmt.Errorf("write a long «%s:» as several «%s:» lines", key, key)
	case "yes":
		r.Yes = r.Yes[:len(r.Yes)-1]
	case "no":
		r.No = r.No[:len(r.No)-1]
	case "about":
	default:
		return fmt.Errorf("«%s:» does not continue on the next line", key)
	}
	return nil
}

func knownStage(s Stage) bool {
	for _, x := range Stages {
		if x == s {
			return true
		}
	}
	return false
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// parseConds reads «key=v1,v2; key!=v; flag».
func parseConds(s string) ([]Cond, error) {
	var out []Cond
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		var c Cond
		if rest, ok := strings.CutPrefix(part, "!"); ok && strings.Contains(rest, "=") {
			k, v, _ := strings.Cut(rest, "=")
			c = Cond{Key: strings.TrimSpace(k), Neg: true, Values: splitValues(v)}
		} else if k, v, ok := strings.Cut(part, "!="); ok {
			c = Cond{Key: strings.TrimSpace(k), Neg: true, Values: splitValues(v)}
		} else if k, v, ok := strings.Cut(part, "="); ok {
			c = Cond{Key: strings.TrimSpace(k), Values: splitValues(v)}
		} else if strings.HasPrefix(part, "!") {
			c = Cond{Key: strings.TrimSpace(part[1:]), Neg: true}
		} else {
			c = Cond{Key: part}
		}
		if c.Key == "" {
			return nil, fmt.Errorf("empty condition in %q", s)
		}
		if c.Key == "class" {
			c.Values = splitIdentifiers(strings.Join(c.Values, ","))
		}
		out = append(out, c)
	}
	return out, nil
}

// splitIdentifiers splits «a,b» of cue class names, which are identifiers
// with underscores («car_bomb», «protest_force»), never phrases: read as
// spaces they would name no class and the test would never hold.
func splitIdentifiers(v string) []string {
	var out []string
	for _, x := range strings.Split(v, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, strings.ReplaceAll(x, " ", "_"))
		}
	}
	return out
}

// splitValues splits «a,b» and turns «_» into spaces, so that values such
// as «Armed_clash» can be written without quotes.
func splitValues(v string) []string {
	var out []string
	for _, x := range strings.Split(v, ",") {
		x = strings.TrimSpace(x)
		if x != "" {
			out = append(out, strings.ReplaceAll(x, "_", " "))
		}
	}
	return out
}

// classTable holds the word classes: named classes of the files and the
// anonymous ones that literal words in patterns make.
type classTable struct {
	byName   map[string]int
	names    []string
	where    []string
	entries  [][]string // normalised entries; multiword ones joined by spaces
	includes [][]string
	frozen   bool

	// After freeze: for each word, the classes it is a word of as a
	// bitset and the multiword entries it starts, in one map, which
	// NewDoc asks of every reading of every word.
	byWord *text.FormMap[wordClasses]
	// words filters byWord's keys: most readings of a text are no word
	// of any class.
	words *text.WordFilter
	width int
	multi []bool // the class has multiword entries
}

// wordClasses is what a word is in the class table: the classes it is a
// word of (nil: none) and the multiword entries it starts.
type wordClasses struct {
	bits    []uint64
	phrases []phraseEntry
}

type phraseEntry struct {
	rest  []string
	class int
	// next is text.HashOf(rest[0]): NewDoc tries an entry only where a
	// reading of the word after its first has that hash. A word such as
	// «في» starts dozens of entries, and nearly every one fails there.
	next uint64
}

func newClassTable() *classTable {
	return &classTable{byName: map[string]int{}}
}

func (t *classTable) define(name, file string, line int) (int, error) {
	if c, ok := t.byName[name]; ok {
		if t.where[c] != "" {
			return 0, fmt.Errorf("class %s already defined at %s", name, t.where[c])
		}
		// Used before its definition: fill in the placeholder.
		t.where[c] = fmt.Sprintf("%s:%d", file, line)
		return c, nil
	}
	c := t.add(name)
	t.where[c] = fmt.Sprintf("%s:%d", file, line)
	return c, nil
}

func (t *classTable) add(name string) int {
	c := len(t.names)
	t.byName[name] = c
	t.names = append(t.names, name)
	t.where = append(t.where, "")
	t.entries = append(t.entries, nil)
	t.includes = append(t.includes, nil)
	return c
}

// ref returns the class a pattern names, creating a placeholder to be
// defined later in the book.
func (t *classTable) ref(name string) int {
	if c, ok := t.byName[name]; ok {
		return c
	}
	return t.add(name)
}

// literal returns the anonymous class of literal words «a|b».
func (t *classTable) literal(words []string) int {
	key := "=" + strings.Join(words, "|")
	if c, ok := t.byName[key]; ok {
		return c
	}
	c := t.add(key)
	t.where[c] = "pattern"
	for _, w := range words {
		t.entries[c] = append(t.entries[c], text.NormalizeString(w))
	}
	return c
}

// addEntries reads one line of class entries: words, «"multi word"»
// phrases, and «$other» to include another class.
func (t *classTable) addEntries(c int, s string) error {
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return fmt.Errorf("unclosed quote in %q", s)
			}
			phrase := text.Tokenize(s[1 : end+1])
			if len(phrase) == 0 {
				return fmt.Errorf("empty phrase in %q", s)
			}
			t.entries[c] = append(t.entries[c], strings.Join(phrase, " "))
			s = s[end+2:]
			continue
		}
		w, rest, _ := strings.Cut(s, " ")
		s = rest
		if strings.HasPrefix(w, "$") {
			t.includes[c] = append(t.includes[c], w[1:])
			continue
		}
		toks := text.Tokenize(w)
		if len(toks) != 1 {
			return fmt.Errorf("entry %q is not one word (quote multiword entries)", w)
		}
		t.entries[c] = append(t.entries[c], toks[0])
	}
	return nil
}

// freeze resolves inclusions and builds the word index.
func (t *classTable) freeze() {
	if t.frozen {
		return
	}
	t.frozen = true
	t.width = (len(t.names) + 63) / 64
	words := map[string][]uint64{}
	phrases := map[string][]phraseEntry{}
	t.multi = make([]bool, len(t.names))
	for c := range t.names {
		seen := map[int]bool{}
		var walk func(k int)
		walk = func(k int) {
			if seen[k] {
				return
			}
			seen[k] = true
			for _, e := range t.entries[k] {
				if first, rest, ok := strings.Cut(e, " "); ok {
					ws := strings.Split(rest, " ")
					phrases[first] = append(phrases[first], phraseEntry{rest: ws, class: c, next: text.HashOf(ws[0])})
					t.multi[c] = true
					continue
				}
				bits := words[e]
				if bits == nil {
					bits = make([]uint64, t.width)
					words[e] = bits
				}
				bits[c>>6] |= 1 << (c & 63)
			}
			for _, inc := range t.includes[k] {
				if j, ok := t.byName[inc]; ok {
					walk(j)
				}
			}
		}
		walk(c)
	}
	byWord := make(map[string]wordClasses, len(words)+len(phrases))
	for w, bits := range words {
		byWord[w] = wordClasses{bits: bits}
	}
	for w, pes := range phrases {
		wc := byWord[w]
		wc.phrases = pes
		byWord[w] = wc
	}
	t.byWord = text.NewFormMap(byWord)
	t.words = t.byWord.Filter()
}

// undefined lists classes that patterns or inclusions name and no file
// defines.
func (t *classTable) undefined() []string {
	var out []string
	for c, n := range t.names {
		if t.where[c] == "" {
			out = append(out, n)
		}
	}
	for c := range t.names {
		for _, inc := range t.includes[c] {
			if _, ok := t.byName[inc]; !ok {
				out = append(out, inc)
			}
		}
	}
	return out
}
