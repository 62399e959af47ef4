package extract

import (
	"rasd/internal/timex"
	"time"

	"rasd/internal/event"
	"rasd/internal/rules"
)

// fillDate takes the date expression nearest the cue in the clause, else in
// the sentence, skipping what the date rules set aside («أعنف هجوم منذ
// شهر» compares, «حتى اليوم» ends a span) and preferring a date of the
// event itself to the day the news was given («قال المتحدث الأحد»). With
// none, the record gets the publication week (SCHEMA.md).
func (art *article) fillDate(f *frame) {
	best, bestDist, bestReport := -1, 1<<30, true
	lo, hi := art.sentence(f.sent)
	consider := func(from, to int) {
		for _, mi := range art.datesIn[f.sent] {
			m := &art.d.Mentions[mi]
			if m.Tok < from || m.Tok >= to {
				continue
			}
			// «قتل ثمانية جنود في عفرين، حيث تشن تركيا منذ يناير عملية
			// عسكرية»: a span since a day, in a later clause, is how long
			// that clause's campaign has lasted, not when this happened
			// (one in an earlier clause may scope over this one: «منذ
			// مارس، حيث قتل …»).
			if m.Tok >= f.hi && art.dateM(mi).Kind == timex.KindSince {
				continue
			}
			if art.campaignStart(mi) {
				continue
			}
			report := false
			if r := art.first(rules.StageDate, mi, -1, lo, hi, f); r != nil {
				if r.Verb() == "ignore" {
					continue
				}
				report = r.Verb() == "report"
			}
			dist := m.Tok - f.trig.Tok
			if dist < 0 {
				dist = -dist
			}
			if (bestReport && !report) || (report == bestReport && dist < bestDist) {
				best, bestDist, bestReport = mi, dist, report
			}
		}
	}
	consider(f.lo, f.hi)
	if best < 0 {
		consider(lo, hi)
	}
	if best >= 0 {
		f.date, f.reportDate = art.dateM(best), bestReport
		if bestReport {
			f.rule("date «" + f.date.Span.Text + "» (the day it was reported)")
		} else {
			f.rule("date «" + f.date.Span.Text + "»")
		}
	}
}

// dateRecord is the DATE of a frame, or the publication-week default.
func (art *article) dateRecord(f *frame) *event.Date {
	if f.date != nil {
		m := f.date
		return &event.Date{Start: day(m.Start), End: day(m.End), EventDate: day(m.EventDate),
			TimePrecision: m.Precision, Text: m.Span.Text, StartChar: m.Span.Start, EndChar: m.Span.End}
	}
	if art.pub.IsZero() {
		return nil
	}
	p := day(art.pub)
	return &event.Date{Start: day(art.pub.AddDate(0, 0, -6)), End: p, EventDate: p, TimePrecision: 2}
}

// backgroundAge is how long before publication an event's date must end for
// the event to be recalled context rather than news.
const backgroundAge = 45 * 24 * time.Hour

// campaignStart: date mi is a «منذ» span of weeks or more that a word of
// going on introduces («… ضمن المسيرات المستمرة منذ 30 مارس»): how long
// the campaign an act belongs to has lasted, not the act's day.
func (art *article) campaignStart(mi int) bool {
	d := art.dateM(mi)
	if d.Kind != timex.KindSince || art.pub.IsZero() || !d.Start.Before(art.pub.Add(-campaignAge)) {
		return false
	}
	tok := art.d.Mentions[mi].Tok
	for j, k := art.prevWord(tok), 0; j >= 0 && k < 2; j, k = art.prevWord(j), k+1 {
		if art.in(j, art.x.cls.Ongoing) {
			return true
		}
	}
	return false
}

// campaignAge is how far back a «منذ» span must start to be a campaign's
// rather than the act's own («منذ مساء أمس»).
const campaignAge = 14 * 24 * time.Hour
