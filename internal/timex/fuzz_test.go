package timex

import (
	"testing"
	"time"

	"rasd/internal/text"
)

// FuzzFind holds Find's invariants on any text and publication date: no
// panic, spans inside the text and equal to their slice, mentions in order
// and apart, Start ≤ EventDate ≤ End, precision 1..3.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"قتل خمسة مدنيين في 23 آذار 2019 بريف دير الزور.",
		"تراجعت الهجمات خلال شهري شباط الماضي وآذار الجاري في الريف.",
		"نشرت الوزارة تعميما ليل الثلاثاء 9 يونيو2020 حول الامتحانات.",
		"وفي ٢٣ آذار انسحبوا، وبتاريخ ٢٥/٣/٢٠١٩ عادوا والأحد غادروا.",
		"وقع الهجوم في 15 رمضان 1440 هـ الموافق 20 مايو 2019 على السوق.",
		"تواصلت المعارك بين 5 و7 مارس، ومن 1 إلى 10 يونيو، و1919 - 1923م.",
		"قبل نحو شهرين، الساعات الـ24 الماضية، منذ مطلع العام، أواخر يناير/كانون الثاني الماضي",
		"الـ ال٣١ من الشهر المقبل ليل السبت-الأحد يومي الجمعة والسبت 1/2/3/4",
	} {
		f.Add(s, int32(0))
	}
	base := time.Date(2019, 3, 27, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string, days int32) {
		// Publication dates from the 1900s to the 2100s.
		pub := base.AddDate(0, 0, int(days%(80*366)))
		checkInvariants(t, s, Find(text.Analyze(s), pub))
	})
}
