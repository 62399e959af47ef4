package timex

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"rasd/internal/text"
)

// All sentences here were written for these tests.

// A Wednesday; most cases are resolved against it.
const pubWed = "2019-03-27"

type want struct {
	text            string // span text, exactly as in the input
	start, end, ev  string
	prec            int
	kind            string
	rel             *bool // checked when set
	startOffsetHint int   // 0: the span must be the first occurrence of text
}

var (
	yes = new(bool)
	no  = new(bool)
)

func init() { *yes = true }

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func find(t *testing.T, in, pub string) []Mention {
	t.Helper()
	return Find(text.Analyze(in), day(pub))
}

func fmtMention(m Mention) string {
	return fmt.Sprintf("%q %s..%s ev=%s p=%d %s rel=%v", m.Span.Text, m.Start.Format("2006-01-02"),
		m.End.Format("2006-01-02"), m.EventDate.Format("2006-01-02"), m.Precision, m.Kind, m.Relative)
}

func check(t *testing.T, in, pub string, ws ...want) {
	t.Helper()
	got := find(t, in, pub)
	checkInvariants(t, in, got)
	if len(got) != len(ws) {
		var b strings.Builder
		for _, m := range got {
			b.WriteString("\n\t" + fmtMention(m))
		}
		t.Fatalf("%q (published %s): got %d mentions, want %d:%s", in, pub, len(got), len(ws), b.String())
	}
	for k, w := range ws {
		m := got[k]
		if m.Span.Text != w.text {
			t.Errorf("%q: mention %d: span %q, want %q", in, k, m.Span.Text, w.text)
			continue
		}
		if off := runeIndex(in, w.text); off != m.Span.Start && w.startOffsetHint == 0 {
			t.Errorf("%q: mention %d: starts at %d, want %d", in, k, m.Span.Start, off)
		}
		if got := m.Start.Format("2006-01-02"); got != w.start {
			t.Errorf("%q: %s: start %s, want %s", in, w.text, got, w.start)
		}
		if got := m.End.Format("2006-01-02"); got != w.end {
			t.Errorf("%q: %s: end %s, want %s", in, w.text, got, w.end)
		}
		if w.ev != "" {
			if got := m.EventDate.Format("2006-01-02"); got != w.ev {
				t.Errorf("%q: %s: event date %s, want %s", in, w.text, got, w.ev)
			}
		}
		if m.Precision != w.prec {
			t.Errorf("%q: %s: precision %d, want %d", in, w.text, m.Precision, w.prec)
		}
		if w.kind != "" && m.Kind != w.kind {
			t.Errorf("%q: %s: kind %s, want %s", in, w.text, m.Kind, w.kind)
		}
		if w.rel != nil && m.Relative != *w.rel {
			t.Errorf("%q: %s: relative %v, want %v", in, w.text, m.Relative, *w.rel)
		}
	}
}

func runeIndex(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return len([]rune(s[:i]))
}

// checkInvariants holds for every mention of every text: what FuzzFind
// checks too.
func checkInvariants(t *testing.T, in string, ms []Mention) {
	t.Helper()
	orig := []rune(in)
	prevEnd, prevTok := 0, 0
	for _, m := range ms {
		if m.Span.Start < prevEnd || m.Tok < prevTok {
			t.Errorf("%q: mentions overlap or are out of order at %s", in, fmtMention(m))
		}
		if m.Span.Start < 0 || m.Span.End > len(orig) || m.Span.Start >= m.Span.End {
			t.Fatalf("%q: span [%d,%d) outside the text (%d runes)", in, m.Span.Start, m.Span.End, len(orig))
		}
		if string(orig[m.Span.Start:m.Span.End]) != m.Span.Text {
			t.Errorf("%q: span text %q is not the slice %q", in, m.Span.Text, string(orig[m.Span.Start:m.Span.End]))
		}
		if m.Tok >= m.TokEnd {
			t.Errorf("%q: empty token range in %s", in, fmtMention(m))
		}
		if m.Start.After(m.EventDate) || m.EventDate.After(m.End) {
			t.Errorf("%q: event date outside the interval: %s", in, fmtMention(m))
		}
		if m.Precision < 1 || m.Precision > 3 {
			t.Errorf("%q: precision %d", in, m.Precision)
		}
		for _, d := range []time.Time{m.Start, m.End, m.EventDate} {
			if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
				t.Errorf("%q: %v is not a day at 00:00 UTC", in, d)
			}
		}
		prevEnd, prevTok = m.Span.End, m.TokEnd
	}
}

func TestLoad(t *testing.T) {
	if err := Load(); err != nil {
		t.Fatal(err)
	}
}

func TestDayMonthYear(t *testing.T) {
	check(t, "قتل خمسة مدنيين في 23 آذار 2019 بريف دير الزور.", pubWed,
		want{text: "23 آذار 2019", start: "2019-03-23", end: "2019-03-23", ev: "2019-03-23", prec: 1, kind: KindDate, rel: no})
	check(t, "وصلت التعزيزات في 23 من آذار إلى المدينة.", pubWed,
		want{text: "23 من آذار", start: "2019-03-23", end: "2019-03-23", prec: 1, kind: KindDate, rel: yes})
	check(t, "وكان الهجوم قد وقع في الـ23 من الشهر الجاري على الطريق.", pubWed,
		want{text: "الـ23 من الشهر الجاري", start: "2019-03-23", end: "2019-03-23", prec: 1, kind: KindDate, rel: yes})
	check(t, "اندلعت الاشتباكات في العاشر من يونيو الماضي.", pubWed,
		want{text: "العاشر من يونيو الماضي", start: "2018-06-10", end: "2018-06-10", prec: 1, kind: KindDate})
	check(t, "وقع الانفجار في الخامس والعشرين من أيلول 2017.", pubWed,
		want{text: "الخامس والعشرين من أيلول 2017", start: "2017-09-25", end: "2017-09-25", prec: 1})
	check(t, "تجددت الاشتباكات في الحادي عشر من شهر شباط الماضي.", pubWed,
		want{text: "الحادي عشر من شهر شباط الماضي", start: "2019-02-11", end: "2019-02-11", prec: 1})
	check(t, "أعلنت النقابة موقفها في 8 يونيو2020 حول الأجور.", "2020-06-10",
		want{text: "8 يونيو2020", start: "2020-06-08", end: "2020-06-08", prec: 1, kind: KindDate})
	check(t, "دخلت القوات البلدة يوم 3 نيسان من عام 2016.", pubWed,
		want{text: "يوم 3 نيسان من عام 2016", start: "2016-04-03", end: "2016-04-03", prec: 1})
	// No such day: the month is still right.
	check(t, "انتهت المعركة في 30 شباط 2019.", pubWed,
		want{text: "شباط 2019", start: "2019-02-01", end: "2019-02-28", prec: 3, kind: KindMonth})
}

// Every month name of every naming system, with the same sentence.
func TestMonthNames(t *testing.T) {
	names := [][]string{
		{"يناير", "كانون الثاني", "كانون ثاني", "جانفي"},
		{"فبراير", "شباط", "فيفري"},
		{"مارس", "آذار", "اذار"},
		{"أبريل", "إبريل", "ابريل", "نيسان", "أفريل"},
		{"مايو", "أيار", "آيار", "ماي"},
		{"يونيو", "يونيه", "حزيران", "جوان"},
		{"يوليو", "يوليه", "يوليوز", "تموز", "جويلية"},
		{"أغسطس", "اغسطس", "آب", "أوت", "غشت"},
		{"سبتمبر", "أيلول", "شتنبر"},
		{"أكتوبر", "اكتوبر", "تشرين الأول", "تشرين أول"},
		{"نوفمبر", "نونبر", "تشرين الثاني", "تشرين ثاني"},
		{"ديسمبر", "دجنبر", "كانون الأول", "كانون أول"},
	}
	for m, ns := range names {
		for _, n := range ns {
			in := "هاجم مسلحون الحاجز في 12 " + n + " 2017 وفروا."
			d := fmt.Sprintf("2017-%02d-12", m+1)
			check(t, in, pubWed, want{text: "12 " + n + " 2017", start: d, end: d, prec: 1, kind: KindDate})
		}
	}
}

func TestMonthAlternatives(t *testing.T) {
	check(t, "أعلنت القوات استعادة المدينة أواخر يناير/كانون الثاني الماضي.", pubWed,
		want{text: "أواخر يناير/كانون الثاني الماضي", start: "2019-01-20", end: "2019-01-31", ev: "2019-01-31", prec: 2, kind: KindPart})
	check(t, "قتل القيادي في تشرين الأول (أكتوبر) 2017 بغارة.", pubWed,
		want{text: "تشرين الأول (أكتوبر) 2017", start: "2017-10-01", end: "2017-10-31", ev: "2017-10-16", prec: 3, kind: KindMonth})
	check(t, "وقع التفجير في 4 أيار مايو 2018.", pubWed,
		want{text: "4 أيار مايو 2018", start: "2018-05-04", end: "2018-05-04", prec: 1})
}

func TestNumericDates(t *testing.T) {
	check(t, "صدر القرار بتاريخ 23/3/2019 عن المحكمة.", pubWed,
		want{text: "23/3/2019", start: "2019-03-23", end: "2019-03-23", prec: 1, kind: KindDate, rel: no})
	check(t, "حسب البيان المؤرخ 2019-03-23 فإن القوات انسحبت.", pubWed,
		want{text: "2019-03-23", start: "2019-03-23", end: "2019-03-23", prec: 1})
	check(t, "في 23.03.2019 جرى تبادل الأسرى.", pubWed,
		want{text: "23.03.2019", start: "2019-03-23", end: "2019-03-23", prec: 1})
	check(t, "نشر الخبر في 5/1/19 على الموقع.", pubWed,
		want{text: "5/1/19", start: "2019-01-05", end: "2019-01-05", prec: 1})
	// Versions, addresses and scores are not dates.
	check(t, "حدث النظام إلى النسخة 1.2.3.4 وانتهت المباراة 2-1 وعنوانه 10.0.0.1", pubWed)
	check(t, "بلغت النسبة 3/4 من السكان عند الساعة 10:30 صباحا", pubWed)
}

func TestMonths(t *testing.T) {
	check(t, "افتتح المستشفى الميداني في أكتوبر 2019 بعد تأخير.", "2020-06-10",
		want{text: "أكتوبر 2019", start: "2019-10-01", end: "2019-10-31", ev: "2019-10-16", prec: 3, kind: KindMonth, rel: no})
	check(t, "ارتفعت أسعار الخبز في مايو الماضي بنسبة كبيرة.", "2020-06-10",
		want{text: "مايو الماضي", start: "2020-05-01", end: "2020-05-31", ev: "2020-05-16", prec: 3, kind: KindMonth, rel: yes})
	// «الماضي» in the month it names means a year before.
	check(t, "ارتفعت أسعار الخبز في مايو الماضي بنسبة كبيرة.", "2020-05-20",
		want{text: "مايو الماضي", start: "2019-05-01", end: "2019-05-31", prec: 3})
	// This month ends on the publication date.
	check(t, "تصاعدت الهجمات خلال آذار الجاري في البادية.", pubWed,
		want{text: "آذار الجاري", start: "2019-03-01", end: "2019-03-27", ev: "2019-03-14", prec: 3, kind: KindMonth})
	check(t, "تصاعدت الهجمات خلال آذار الحالي في البادية.", pubWed,
		want{text: "آذار الحالي", start: "2019-03-01", end: "2019-03-27", prec: 3})
	// A bare month is the latest such month not after publication.
	check(t, "تراجعت حدة المعارك في أيلول بعد الاتفاق.", pubWed,
		want{text: "أيلول", start: "2018-09-01", end: "2018-09-30", prec: 3, kind: KindMonth, rel: yes})
	check(t, "تراجعت حدة المعارك في آذار بعد الاتفاق.", pubWed,
		want{text: "آذار", start: "2019-03-01", end: "2019-03-27", prec: 3})
	check(t, "ستبدأ المرحلة الثانية في حزيران المقبل.", pubWed,
		want{text: "حزيران المقبل", start: "2019-06-01", end: "2019-06-30", prec: 3})
	check(t, "قتل القيادي في شهر تموز من العام الماضي.", pubWed,
		want{text: "شهر تموز من العام الماضي", start: "2018-07-01", end: "2018-07-31", prec: 3, rel: yes})
}

func TestWeekdays(t *testing.T) {
	// 2019-03-27 is a Wednesday.
	check(t, "استهدف هجوم الإثنين دورية للجيش.", pubWed,
		want{text: "الإثنين", start: "2019-03-25", end: "2019-03-25", prec: 1, kind: KindWeekday, rel: yes})
	check(t, "أغار الطيران ليل الإثنين على مواقع التنظيم.", pubWed,
		want{text: "ليل الإثنين", start: "2019-03-25", end: "2019-03-26", ev: "2019-03-25", prec: 1, kind: KindWeekday})
	check(t, "هاجم مسلحون يوم الثلاثاء نقطة تفتيش.", pubWed,
		want{text: "يوم الثلاثاء", start: "2019-03-26", end: "2019-03-26", prec: 1})
	check(t, "جرت المظاهرة الجمعة الماضية في البلدة.", pubWed,
		want{text: "الجمعة الماضية", start: "2019-03-22", end: "2019-03-22", prec: 1})
	// On its own weekday the cue is the publication day, and «الماضي» a week before.
	check(t, "قال المتحدث الأربعاء إن القوات تقدمت.", pubWed,
		want{text: "الأربعاء", start: "2019-03-27", end: "2019-03-27", prec: 1})
	check(t, "بدأت الحملة الأربعاء الماضي في الريف.", pubWed,
		want{text: "الأربعاء الماضي", start: "2019-03-20", end: "2019-03-20", prec: 1})
	check(t, "أعلن الجيش والأحد مقتل عشرة.", pubWed,
		want{text: "الأحد", start: "2019-03-24", end: "2019-03-24", prec: 1})
	check(t, "تعقد الجولة الخميس المقبل في جنيف.", pubWed,
		want{text: "الخميس المقبل", start: "2019-03-28", end: "2019-03-28", prec: 1})
	check(t, "وقعت الاشتباكات ليل السبت-الأحد قرب الحدود.", pubWed,
		want{text: "ليل السبت-الأحد", start: "2019-03-23", end: "2019-03-24", ev: "2019-03-23", prec: 1})
	check(t, "تواصل القصف يومي السبت والأحد على الأحياء.", pubWed,
		want{text: "يومي السبت والأحد", start: "2019-03-23", end: "2019-03-24", ev: "2019-03-24", prec: 2})
	check(t, "قتل جنديان مساء يوم الخميس الماضي.", pubWed,
		want{text: "مساء يوم الخميس الماضي", start: "2019-03-21", end: "2019-03-21", prec: 1})
	// A weekday followed by its date is one mention with the date's interval.
	check(t, "نشرت الوزارة تعميما ليل الثلاثاء 9 يونيو2020 حول الامتحانات.", "2020-06-10",
		want{text: "ليل الثلاثاء 9 يونيو2020", start: "2020-06-09", end: "2020-06-09", prec: 1, kind: KindDate})
	check(t, "في يوم الأحد (24 آذار) انسحب المقاتلون.", pubWed,
		want{text: "يوم الأحد (24 آذار)", start: "2019-03-24", end: "2019-03-24", prec: 1, kind: KindDate})
}

func TestRelativeDays(t *testing.T) {
	cases := []struct{ in, text, day string }{
		{"قتل ثلاثة أشخاص أمس في انفجار عبوة.", "أمس", "2019-03-26"},
		{"قتل ثلاثة أشخاص وأمس في انفجار عبوة.", "أمس", "2019-03-26"},
		{"وكان الهجوم قد وقع أمس الأول قرب الجسر.", "أمس الأول", "2019-03-25"},
		{"وقع الهجوم أول أمس قرب الجسر.", "أول أمس", "2019-03-25"},
		{"أعلنت الوزارة اليوم عن حصيلة جديدة.", "اليوم", "2019-03-27"},
		{"وصل الوفد اليوم إلى العاصمة.", "اليوم", "2019-03-27"},
		{"ناقش المجلس اليوم الأربعاء الموازنة.", "اليوم الأربعاء", "2019-03-27"},
		{"داهمت القوات فجر اليوم منزلا في الحي.", "فجر اليوم", "2019-03-27"},
		{"انفجرت سيارة صباح اليوم في السوق.", "صباح اليوم", "2019-03-27"},
		{"سقطت قذائف مساء أمس على الحي.", "مساء أمس", "2019-03-26"},
		{"شن الطيران غارات الليلة الماضية على البلدة.", "الليلة الماضية", "2019-03-26"},
		{"قال المسؤول أمس الثلاثاء إن القصف توقف.", "أمس الثلاثاء", "2019-03-26"},
		{"انسحب المسلحون بالأمس من القرية.", "الأمس", "2019-03-26"},
		{"قتل المسؤول قبل يومين في كمين.", "قبل يومين", "2019-03-25"},
		{"قتل المسؤول قبل ثلاثة أيام في كمين.", "قبل ثلاثة أيام", "2019-03-24"},
		{"قتل المسؤول قبل 4 أيام في كمين.", "قبل 4 أيام", "2019-03-23"},
		{"أطلق سراح الصحفي قبل ساعات.", "قبل ساعات", "2019-03-27"},
	}
	for _, c := range cases {
		check(t, c.in, pubWed, want{text: c.text, start: c.day, end: c.day, ev: c.day, prec: 1, kind: KindRelativeDay, rel: yes})
	}
}

func TestRelativePeriods(t *testing.T) {
	check(t, "شهدت المدينة الأسبوع الماضي سلسلة تفجيرات.", pubWed,
		want{text: "الأسبوع الماضي", start: "2019-03-20", end: "2019-03-26", ev: "2019-03-23", prec: 2, kind: KindRelativePeriod, rel: yes})
	check(t, "سقطت قذيفتان على السوق الشهر الماضي دون إصابات.", pubWed,
		want{text: "الشهر الماضي", start: "2019-02-01", end: "2019-02-28", ev: "2019-02-15", prec: 3, kind: KindRelativePeriod})
	check(t, "ارتفع عدد الهجمات خلال الشهر الجاري.", pubWed,
		want{text: "الشهر الجاري", start: "2019-03-01", end: "2019-03-27", prec: 3})
	check(t, "ارتفع عدد الهجمات خلال الشهر الحالي.", pubWed,
		want{text: "الشهر الحالي", start: "2019-03-01", end: "2019-03-27", prec: 3})
	check(t, "ارتفع عدد الهجمات خلال هذا الشهر.", pubWed,
		want{text: "هذا الشهر", start: "2019-03-01", end: "2019-03-27", prec: 3})
	check(t, "أفرج عن المعتقلين قبل أيام بوساطة عشائرية.", pubWed,
		want{text: "قبل أيام", start: "2019-03-20", end: "2019-03-26", ev: "2019-03-23", prec: 2, kind: KindRelativePeriod})
	check(t, "أفرج عن المعتقلين قبل أيام قليلة.", pubWed,
		want{text: "قبل أيام قليلة", start: "2019-03-20", end: "2019-03-26", prec: 2})
	check(t, "بدأت الحملة قبل أسبوع في الريف الشرقي.", pubWed,
		want{text: "قبل أسبوع", start: "2019-03-17", end: "2019-03-23", ev: "2019-03-20", prec: 2})
	check(t, "توقفت الحافلات منذ أسبوعين عن العمل.", pubWed,
		want{text: "منذ أسبوعين", start: "2019-03-10", end: "2019-03-16", ev: "2019-03-13", prec: 2})
	check(t, "اعتقل الناشط قبل شهر في المدينة.", pubWed,
		want{text: "قبل شهر", start: "2019-02-12", end: "2019-03-14", ev: "2019-02-27", prec: 3})
	check(t, "اختطف قبل نحو شهرين على الطريق.", pubWed,
		want{text: "قبل نحو شهرين", start: "2019-01-12", end: "2019-02-11", ev: "2019-01-27", prec: 3})
	check(t, "تصاعدت الاغتيالات خلال الأيام الماضية في الريف.", pubWed,
		want{text: "الأيام الماضية", start: "2019-03-20", end: "2019-03-27", prec: 2})
	check(t, "قتل عشرون خلال الساعات الـ24 الماضية.", pubWed,
		want{text: "الساعات الـ24 الماضية", start: "2019-03-26", end: "2019-03-27", ev: "2019-03-27", prec: 1})
	check(t, "قتل عشرون خلال الـ48 ساعة الماضية.", pubWed,
		want{text: "الـ48 ساعة الماضية", start: "2019-03-25", end: "2019-03-27", prec: 2})
	check(t, "تضررت الجسور مؤخرا بسبب السيول.", pubWed,
		want{text: "مؤخرا", start: "2019-02-25", end: "2019-03-27", prec: 3})
	check(t, "تكررت الهجمات في الآونة الأخيرة على الطريق.", pubWed,
		want{text: "الآونة الأخيرة", start: "2019-02-25", end: "2019-03-27", prec: 3})
	// Counted from another event, not from publication.
	check(t, "انسحب المسلحون قبل يومين من الهجوم.", pubWed)
	// An anniversary: the time passed since the event is how long ago it was.
	check(t, "أحيا السكان ذكرى مرور عامين على الهجوم على السوق.", pubWed,
		want{text: "مرور عامين", start: "2016-09-26", end: "2017-09-25", ev: "2017-03-27", prec: 3})
	// «الذكرى الخامسة ل…»: five years before, within half a year.
	check(t, "أحيا السكان الذكرى الخامسة لاقتحام البلدة.", pubWed,
		want{text: "الذكرى الخامسة", start: "2013-09-26", end: "2014-09-25", ev: "2014-03-27", prec: 3})
	// A memory of no numbered year is no date.
	check(t, "أحيا السكان ذكرى الشهداء في البلدة.", pubWed)
	// A year going by is no date.
	check(t, "تراجعت الهجمات مع مرور عامين من الهدوء.", pubWed)
}

func TestParts(t *testing.T) {
	check(t, "أعلنت الحكومة مطلع الشهر عن عملية.", pubWed,
		want{text: "مطلع الشهر", start: "2019-03-01", end: "2019-03-10", ev: "2019-03-01", prec: 2, kind: KindPart})
	check(t, "أعلنت الحكومة أوائل الشهر الجاري عن عملية.", pubWed,
		want{text: "أوائل الشهر الجاري", start: "2019-03-01", end: "2019-03-10", ev: "2019-03-01", prec: 2})
	check(t, "أعلنت الحكومة في بداية الشهر عن عملية.", pubWed,
		want{text: "بداية الشهر", start: "2019-03-01", end: "2019-03-10", ev: "2019-03-01", prec: 2})
	check(t, "سيطر التنظيم على القرية أواخر الشهر الماضي.", pubWed,
		want{text: "أواخر الشهر الماضي", start: "2019-02-20", end: "2019-02-28", ev: "2019-02-28", prec: 2})
	check(t, "سيطر التنظيم على القرية نهاية الشهر الماضي.", pubWed,
		want{text: "نهاية الشهر الماضي", start: "2019-02-20", end: "2019-02-28", ev: "2019-02-28", prec: 2})
	check(t, "تسلم المجلس المدينة منتصف الشهر الماضي.", pubWed,
		want{text: "منتصف الشهر الماضي", start: "2019-02-10", end: "2019-02-20", ev: "2019-02-15", prec: 2})
	// The late part of this month stops at publication.
	check(t, "تصاعد القصف أواخر الشهر.", pubWed,
		want{text: "أواخر الشهر", start: "2019-03-20", end: "2019-03-27", ev: "2019-03-27", prec: 2})
	check(t, "انسحبت القوات في نهاية العام الماضي من المنطقة.", pubWed,
		want{text: "نهاية العام الماضي", start: "2018-10-01", end: "2018-12-31", ev: "2018-12-31", prec: 3})
	check(t, "تعقد القمة دوريا منذ أواخر العام 2008.", pubWed,
		want{text: "منذ أواخر العام 2008", start: "2008-10-01", end: "2019-03-27", prec: 3, kind: KindSince})
	check(t, "بدأ الحصار مطلع نيسان 2017.", pubWed,
		want{text: "مطلع نيسان 2017", start: "2017-04-01", end: "2017-04-10", ev: "2017-04-01", prec: 2})
}

func TestRanges(t *testing.T) {
	check(t, "تراجعت الهجمات خلال شهري شباط الماضي وآذار الجاري في الريف.", pubWed,
		want{text: "شهري شباط الماضي وآذار الجاري", start: "2019-02-01", end: "2019-03-27", prec: 3, kind: KindRange, rel: yes})
	check(t, "تواصلت المعارك بين 5 و7 مارس في محيط البلدة.", pubWed,
		want{text: "بين 5 و7 مارس", start: "2019-03-05", end: "2019-03-07", ev: "2019-03-06", prec: 2, kind: KindRange})
	check(t, "يستمر الحظر من 1 إلى 10 يونيو في المحافظة.", "2019-06-20",
		want{text: "من 1 إلى 10 يونيو", start: "2019-06-01", end: "2019-06-10", prec: 2, kind: KindRange})
	check(t, "جرت الانتخابات يومي 12 و13 أيار 2018.", pubWed,
		want{text: "12 و13 أيار 2018", start: "2018-05-12", end: "2018-05-13", prec: 2})
	check(t, "دامت المعارك 5-7 تشرين الأول 2016 في الحي.", pubWed,
		want{text: "5-7 تشرين الأول 2016", start: "2016-10-05", end: "2016-10-07", prec: 2})
	check(t, "سيطر التنظيم على المدينة بين عامي 2014 و2017.", pubWed,
		want{text: "بين عامي 2014 و2017", start: "2014-01-01", end: "2017-12-31", prec: 3, kind: KindRange})
	check(t, "خلال الفترة من كانون الأول إلى شباط الماضي تراجعت الهجمات.", pubWed,
		want{text: "من كانون الأول إلى شباط الماضي", start: "2018-12-01", end: "2019-02-28", prec: 3})
	check(t, "تكرر القصف من 27 آذار إلى 2 نيسان 2017.", pubWed,
		want{text: "من 27 آذار إلى 2 نيسان 2017", start: "2017-03-27", end: "2017-04-02", prec: 2})
}

func TestYears(t *testing.T) {
	check(t, "سيطر التنظيم على المدينة عام 2015 ثم انسحب.", pubWed,
		want{text: "عام 2015", start: "2015-01-01", end: "2015-12-31", ev: "2015-07-02", prec: 3, kind: KindYear, rel: no})
	check(t, "تراجعت الهجمات العام الماضي بشكل ملحوظ.", pubWed,
		want{text: "العام الماضي", start: "2018-01-01", end: "2018-12-31", prec: 3, rel: yes})
	check(t, "تراجعت الهجمات خلال العام الجاري بشكل ملحوظ.", pubWed,
		want{text: "العام الجاري", start: "2019-01-01", end: "2019-03-27", prec: 3})
	check(t, "وفي 2015 قتل العشرات في المدينة.", pubWed,
		want{text: "2015", start: "2015-01-01", end: "2015-12-31", prec: 3, kind: KindYear})
	check(t, "تأسس المعسكر سنة 1998م قرب الحدود.", pubWed,
		want{text: "سنة 1998م", start: "1998-01-01", end: "1998-12-31", prec: 3})
	check(t, "قتل المئات منذ مطلع العام في المحافظة.", pubWed,
		want{text: "منذ مطلع العام", start: "2019-01-01", end: "2019-03-27", prec: 3, kind: KindSince})
	check(t, "اعتقلت الفصائل العشرات منذ مطلع أغسطس/آب الماضي.", "2018-09-10",
		want{text: "منذ مطلع أغسطس/آب الماضي", start: "2018-08-01", end: "2018-09-10", prec: 3, kind: KindSince})
}

func TestHijri(t *testing.T) {
	check(t, "وقع الهجوم في 15 رمضان 1440 على السوق.", pubWed,
		want{text: "15 رمضان 1440", start: "2019-05-20", end: "2019-05-20", prec: 1, kind: KindHijri, rel: no})
	check(t, "تصاعدت الهجمات خلال رمضان الماضي في العراق.", pubWed,
		want{text: "رمضان الماضي", start: "2018-05-16", end: "2018-06-14", prec: 3, kind: KindHijri, rel: yes})
	check(t, "بدأت الحملة في 1440 هـ على الحدود.", pubWed,
		want{text: "1440 هـ", start: "2018-09-11", end: "2019-03-27", prec: 3, kind: KindHijri})
	check(t, "تأسست الجماعة سنة 1438 هـ في المنطقة.", pubWed,
		want{text: "سنة 1438 هـ", start: "2016-10-02", end: "2017-09-20", prec: 3, kind: KindHijri})
	check(t, "وقع الهجوم في 15 رمضان 1440 هـ الموافق 20 مايو 2019 على السوق.", pubWed,
		want{text: "15 رمضان 1440 هـ الموافق 20 مايو 2019", start: "2019-05-20", end: "2019-05-20", prec: 1, kind: KindDate})
	// A Hijri month with a Gregorian year: the one that begins in that year.
	check(t, "سيعرض المسلسل في رمضان 2019 على القناة.", "2018-06-17",
		want{text: "رمضان 2019", start: "2019-05-06", end: "2019-06-03", prec: 3, kind: KindHijri})
	check(t, "هاجم مسلحون القرية في الأول من محرم 1440.", pubWed,
		want{text: "الأول من محرم 1440", start: "2018-09-11", end: "2018-09-11", prec: 1})
}

// Words that look like dates and are not.
func TestSeasons(t *testing.T) {
	check(t, "اعتقلت الناشطة في صيف 2012 بعد مظاهرة.", pubWed,
		want{text: "صيف 2012", start: "2012-06-01", end: "2012-08-31", prec: 3, kind: KindSeason})
	check(t, "نزح السكان في شتاء عام 2016 من البلدة.", pubWed,
		want{text: "شتاء عام 2016", start: "2015-12-01", end: "2016-02-29", prec: 3, kind: KindSeason})
	check(t, "تراجعت الهجمات منذ خريف العام الماضي.", pubWed,
		want{text: "منذ خريف العام الماضي", start: "2018-09-01", end: "2019-03-27", prec: 3, kind: KindSince})
	// Without a year the words are no date: the Arab Spring, a Hijri month.
	check(t, "اندلعت احتجاجات الربيع العربي في تونس.", pubWed)
	check(t, "وصل الوفد في الصيف إلى المدينة.", pubWed)
}

func TestNotDates(t *testing.T) {
	for _, in := range []string{
		"قال الأمين العام للأمم المتحدة إن الوضع خطير.",
		"وقال الأمين العام الحالي للحزب إن الوضع خطير.",
		"قتل أكثر من 2019 شخصا في المعارك.",
		"مارس الجيش ضغوطا على الفصائل.",
		"قالت رئيسة الوزراء تيريزا ماي إن الحكومة ستصوت.",
		"التقى الوزير رمضان قديروف في غروزني.",
		"نقلت قناة روسيا اليوم الخبر عن مصادر.",
		"انسحبت القوات في اليوم التالي من البلدة.",
		"وقع الخلاف بين الاثنين على الأرض.",
		"يحتفل المصريون بذكرى ثورة 25 يناير كل عام.",
		"اجتمعت قوى 14 آذار في بيروت.",
		"اندلعت حرب تموز بين الحزب وإسرائيل.",
		"عبرت السفينة مضيق باب المندب.",
		"سجل الهاتف رقم 1234 و5678 في الدفتر.",
		"وكان له أب وأم في القرية.",
		"وصل الجنود في الساعة 10:30 إلى الموقع.",
		"بلغ عدد النازحين 2000 شخص.",
		"شارك في #فبراير_الكويت عشرات الفنانين.",
		"تقع القرية قرب مدينة 6 أكتوبر.",
		"احتفلوا بالذكرى في 21 من مارس من كل عام.",
		"نشرت صحيفة \"اليوم\" تقريرا عن الحادث.",
		"يبلغ الراتب ما بين 2000 إلى 2500 ريال.",
		"خرجت المسيرة في الجمعة الثالثة لمسيرات العودة.",
		"فاز الفريق 3 - صفر ثم تعادل صفر-صفر في الإياب.",
		"وصل الخلاف بين طرفي 14 و8 آذار إلى الحكومة.",
		"افتتح سوق الخميس أبوابه للتجار.",
		"تحدث الأحد عشر لاعبا عن المباراة.",
	} {
		check(t, in, pubWed)
	}
}

// Spans are code points of the original text: harakat, tatweel and
// Arabic-Indic digits stay in it.
func TestOriginalOffsets(t *testing.T) {
	in := "قُتِلَ خمسةٌ في ٢٣ آذارَ ٢٠١٩، وأُصيبَ آخرون أمـــس."
	got := find(t, in, pubWed)
	checkInvariants(t, in, got)
	if len(got) != 2 {
		t.Fatalf("got %d mentions, want 2", len(got))
	}
	if got[0].Span.Text != "٢٣ آذارَ ٢٠١٩" || got[0].Span.Start != runeIndex(in, "٢٣") || got[0].Span.End != runeIndex(in, "،") {
		t.Errorf("first span %+v", got[0].Span)
	}
	if got[0].Start != day("2019-03-23") {
		t.Errorf("first date %v", got[0].Start)
	}
	if got[1].Span.Text != "أمـــس" || got[1].Start != day("2019-03-26") {
		t.Errorf("second mention %s", fmtMention(got[1]))
	}
	// Clitics stay outside the span: «وفي», «بتاريخ», «والأحد».
	check(t, "وفي ٢٣ آذار انسحبوا، وبتاريخ ٢٥/٣/٢٠١٩ عادوا والأحد غادروا.", pubWed,
		want{text: "٢٣ آذار", start: "2019-03-23", end: "2019-03-23", prec: 1},
		want{text: "٢٥/٣/٢٠١٩", start: "2019-03-25", end: "2019-03-25", prec: 1},
		want{text: "الأحد", start: "2019-03-24", end: "2019-03-24", prec: 1})
	// A harakah on the last letter stays in the span; the comma does not.
	check(t, "في الشهرِ الماضيْ، قُتل عشرة.", pubWed,
		want{text: "الشهرِ الماضيْ", start: "2019-02-01", end: "2019-02-28", prec: 3})
}

// The publication date is the calendar day where the article was stamped.
func TestPublicationTimeZone(t *testing.T) {
	pub := time.Date(2019, 3, 27, 23, 30, 0, 0, time.FixedZone("+04", 4*3600))
	ms := Find(text.Analyze("أعلن الجيش أمس مقتل عشرة."), pub)
	if len(ms) != 1 || ms[0].Start != day("2019-03-26") {
		t.Fatalf("got %v", ms)
	}
}

func TestSeveralMentionsInOrder(t *testing.T) {
	in := "قتل ثلاثة أمس في حلب، بعد هجوم مماثل الأسبوع الماضي، وكان التنظيم قد سيطر على القرية عام 2015."
	check(t, in, pubWed,
		want{text: "أمس", start: "2019-03-26", end: "2019-03-26", prec: 1},
		want{text: "الأسبوع الماضي", start: "2019-03-20", end: "2019-03-26", prec: 2},
		want{text: "عام 2015", start: "2015-01-01", end: "2015-12-31", prec: 3})
}

func TestEmpty(t *testing.T) {
	if ms := Find(text.Analyze(""), day(pubWed)); ms != nil {
		t.Fatalf("got %v", ms)
	}
}

// Find shares only the read-only vocabulary between calls.
func TestConcurrentFind(t *testing.T) {
	in := "قتل ثلاثة أمس، وفي 23 آذار 2019 انسحبوا، وخلال شهري شباط الماضي وآذار الجاري تكررت الهجمات."
	want := len(find(t, in, pubWed))
	done := make(chan int)
	for g := 0; g < 8; g++ {
		go func() {
			n := 0
			for k := 0; k < 50; k++ {
				n = len(Find(text.Analyze(in), day(pubWed)))
			}
			done <- n
		}()
	}
	for g := 0; g < 8; g++ {
		if n := <-done; n != want {
			t.Errorf("got %d mentions in a goroutine, want %d", n, want)
		}
	}
}

// cword trusts the vocabulary to hold, as an iCode item, every word it is
// asked for; a word missing there would never be read.
func TestCodeWordsInVocabulary(t *testing.T) {
	if err := Load(); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{wDay, wTwoDays, wBefore, wSince, wBetween, wWhat, wFrom} {
		for _, c := range []string{"", nz("و"), nz("ف")} {
			found := false
			for _, it := range theVocab.entries[c+w] {
				found = found || it.kind == iCode
			}
			if !found {
				t.Errorf("%q: no iCode entry in the vocabulary", c+w)
			}
		}
	}
}
