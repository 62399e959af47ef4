package rules

// A stage's rules are tried in book order at every mention the extractor
// asks about, and most cannot fire there: every pattern of a drop or veto
// rule is anchored on a cue, many on cues of named classes only
// («@<cue class=injury>»), every pattern of a role rule on an actor. The
// lists below leave those out before any condition or pattern is tried.

// stageLists holds a stage's rules that may fire where the extractor asks
// with no anchor word: on no mention (none), on a mention of each kind
// whose class no anchor of that kind in the stage names (kind), and on a
// mention of each class some anchor names (class).
type stageLists struct {
	none  []*Rule
	kind  [KindNum + 1][]*Rule
	class [KindNum + 1]map[string][]*Rule
}

// noClass stands for a class that no anchor names; it is no class's name.
const noClass = "\x00"

// mayFire is false when no Match pattern of r can match with its anchor on
// m (nil: on no mention) and no anchor word: every pattern is anchored on
// a word, on a mention of another kind, or on one of classes m's is not.
// A rule without Match patterns, or with an unanchored one, may fire.
func mayFire(r *Rule, m *Mention) bool {
	if len(r.Match) == 0 {
		return true
	}
	for _, p := range r.Match {
		if p.anchor == nil {
			return true
		}
		u := p.anchor
		if u.kind != uMention || m == nil || m.Off || u.mention != m.Kind {
			continue
		}
		ok := true
		for i := range u.attrs {
			if a := &u.attrs[i]; a.key == aClass && !a.neg && !has(a.values, m.Class) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func newStageLists(rs []*Rule) *stageLists {
	l := &stageLists{}
	pick := func(m *Mention) []*Rule {
		var out []*Rule
		for _, r := range rs {
			if mayFire(r, m) {
				out = append(out, r)
			}
		}
		return out
	}
	l.none = pick(nil)
	for k := KindNone; k <= KindNum; k++ {
		l.kind[k] = pick(&Mention{Kind: k, Class: noClass})
		for _, r := range rs {
			for _, p := range r.Match {
				u := p.anchor
				if u == nil || u.kind != uMention || u.mention != k {
					continue
				}
				for _, a := range u.attrs {
					if a.key != aClass || a.neg {
						continue
					}
					for _, c := range a.values {
						if _, ok := l.class[k][c]; ok {
							continue
						}
						if l.class[k] == nil {
							l.class[k] = map[string][]*Rule{}
						}
						l.class[k][c] = pick(&Mention{Kind: k, Class: c})
					}
				}
			}
		}
	}
	return l
}

// StageAt returns, in book order, the rules of stage s that may fire with
// their patterns anchored on mention m (nil: on none) and on no word: the
// others' every Match pattern is anchored on a word, on a mention of
// another kind, or on a cue of classes m's is not, and cannot match
// there. Mentions dropped by a «drop» rule (Off) are on none.
func (b *Book) StageAt(s Stage, m *Mention) []*Rule {
	i := stageIndex(s)
	if i < 0 || b.lists[i] == nil {
		return nil
	}
	l := b.lists[i]
	if m == nil || m.Off || m.Kind > KindNum {
		return l.none
	}
	if c := l.class[m.Kind]; c != nil {
		if rs, ok := c[m.Class]; ok {
			return rs
		}
	}
	return l.kind[m.Kind]
}

// stageIndex is s's place in Stages, -1 for none: a switch, where a map
// would hash the name at every call.
func stageIndex(s Stage) int {
	switch s {
	case StageSplit:
		return 0
	case StageSkip:
		return 1
	case StageDrop:
		return 2
	case StageVeto:
		return 3
	case StageCue:
		return 4
	case StageRole:
		return 5
	case StageType:
		return 6
	case StageToll:
		return 7
	case StageDate:
		return 8
	case StagePlace:
		return 9
	case StageFlag:
		return 10
	case StageImply:
		return 11
	}
	return -1
}
