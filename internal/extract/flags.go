package extract

import "rasd/internal/rules"

// fillFlags marks background, aggregate and certainty: an event dated well
// before publication is recalled context; the flag rules do the rest
// («كان … قد», «عشرات الغارات», «تبنى التنظيم الهجوم», «يرجح»).
func (art *article) fillFlags(f *frame) {
	if f.date != nil && !art.pub.IsZero() && f.date.End.Before(art.pub.Add(-backgroundAge)) {
		f.background = true
		f.rule("dated well before publication → background")
	}
	art.applyStage(rules.StageFlag, f)
}
