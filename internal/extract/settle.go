package extract

import (
	"rasd/internal/event"
	"rasd/internal/rules"
)

// settle finishes a merged event: an occurrence that involved armed
// clashes is a battle whatever weapon opened it (ANNOTATION.md: a car bomb
// followed by an assault is Battles / Armed clash); then the imply rules
// fill in the sides the text leaves to the reader and the sides
// ANNOTATION.md fixes for demonstrations.
func (art *article) settle(f *frame) {
	if f.fighting && f.typ == event.Explosions {
		f.typ, f.sub = event.Battles, "Armed clash"
		f.rule("clashes followed → Battles / Armed clash")
	}
	art.d.Focus = f.cue
	art.applyStage(rules.StageImply, f)
	// A side the imply rules filled in («قالت المقاومة إن مجاهديها
	// استهدفوا …») may settle the type («targeting by a force that strikes
	// with rockets»); the sides of a demonstration then follow the type.
	art.applyStage(rules.StageType, f)
	art.applyStage(rules.StageImply, f)
	art.d.Focus = -1
	if f.actor1 != nil && f.actor2 != nil && isState(f.actor1) && f.actor1.Actor.VocabID() == f.actor2.Actor.VocabID() {
		// A state's forces do not attack themselves: one of the two was
		// read off the other side's target («تستهدف تجمعا لجنود
		// الاحتلال»), and the side hit is the better attested.
		f.rule("the same state on both sides → no actor1")
		f.actor1, f.assoc1 = nil, nil
	}
	if f.cc.has("one-sided") && f.actor2 != nil {
		// «استنفار قسد تحسبا لهجمات داعش»: the threat named makes it part
		// of the conflict, but is not acted upon.
		f.rule("nobody is acted upon in a " + f.class + " → no actor2")
		f.actor2, f.assoc2 = nil, nil
	}
}
