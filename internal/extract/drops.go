package extract

import "rasd/internal/rules"

// dropCues runs the drop rules on every cue of the document: a cue word in
// another sense («تحرير» editing, «هجوم» in football, «بيان صادر عن») is
// no cue at all, for candidates and for every later pattern.
func (art *article) dropCues() {
	for s := range art.a.Sentences {
		lo, hi := art.sentence(s)
		for _, mi := range art.cuesIn[s] {
			art.d.Focus = mi
			if r := art.first(rules.StageDrop, mi, -1, lo, hi, nil); r != nil {
				art.d.Mentions[mi].Off = true
			}
		}
	}
	art.d.Focus = -1
}
