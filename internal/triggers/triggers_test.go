package triggers

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"rasd/internal/event"
	"rasd/internal/lexicon"
	"rasd/internal/text"
)

var (
	lexOnce sync.Once
	lex     *Lexicon
	lexErr  error
)

func testLexicon(t testing.TB) *Lexicon {
	t.Helper()
	lexOnce.Do(func() { lex, lexErr = Load() })
	if lexErr != nil {
		t.Fatal(lexErr)
	}
	return lex
}

func find(t *testing.T, s string) []Mention {
	t.Helper()
	a := text.Analyze(s)
	ms := testLexicon(t).Find(a)
	prev := 0
	for _, m := range ms {
		if !m.Span.Valid(a.Orig) {
			t.Fatalf("%q: span %+v is not a slice of the text", s, m.Span)
		}
		if m.Tok < prev || m.TokEnd <= m.Tok {
			t.Fatalf("%q: token range [%d,%d) overlaps or is out of order", s, m.Tok, m.TokEnd)
		}
		prev = m.TokEnd
	}
	return ms
}

func spans(ms []Mention) string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Span.Text)
	}
	return strings.Join(out, "|")
}

func TestLexiconIsWellFormed(t *testing.T) {
	l := testLexicon(t)
	if l.Len() < 300 {
		t.Errorf("%d cues, want 300 or more", l.Len())
	}
	used := map[string]bool{}
	subs := map[string]bool{}
	for _, nd := range l.phrases {
		for _, tr := range nd.trigs {
			used[tr.Class] = true
			if tr.Class != lexicon.ClassBlock {
				if !event.ValidType(tr.EventType, tr.SubEventType) {
					t.Errorf("%s: bad type %q / %q", tr.Rule(), tr.EventType, tr.SubEventType)
				}
				subs[tr.SubEventType] = true
			}
		}
	}
	for c := range Classes {
		if !used[c] {
			t.Errorf("class %q is documented but has no entry", c)
		}
	}
	// Every sub-event type that a word can name has a cue; the rest
	// (Agreement aside) come from context, not from one word.
	for _, sub := range []string{"Armed clash", "Government regains territory", "Non-state actor overtakes territory",
		"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
		"Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack", "Abduction/forced disappearance",
		"Peaceful protest", "Protest with intervention", "Excessive force against protesters", "Violent demonstration",
		"Mob violence", "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
		"Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"} {
		if !subs[sub] {
			t.Errorf("no cue for sub-event type %q", sub)
		}
	}
}

// One sentence per class: the cue found and the class it has.
func TestEachClass(t *testing.T) {
	cases := []struct{ in, span, class string }{
		{"هاجم مسلحون حاجزا للقوات", "هاجم", "attack"},
		{"اشتبكت القوات مع مجموعة مسلحة", "اشتبكت", "clash"},
		{"قتل جندي برصاص قناص", "رصاص قناص", "shooting"},
		{"أطلقوا النار على الدورية", "أطلقوا النار", "shooting"},
		{"وقعت دورية في كمين قرب القرية", "كمين", "ambush"},
		{"اقتحمت القوات البلدة فجرا", "اقتحمت", "storm"},
		{"أعلن الجيش إحباط هجوم على المطار", "إحباط هجوم", "repel"},
		{"محاولة تسلل فاشلة", "محاولة تسلل", "repel"},
		{"أطلقت القوات عملية عسكرية واسعة", "عملية عسكرية", "operation"},
		{"شن الطيران غارات جوية على المدينة", "غارات جوية", "airstrike"},
		{"ألقت المروحيات براميل متفجرة", "براميل متفجرة", "barrel_bomb"},
		{"استهدفت طائرة مسيرة سيارة", "طائرة مسيرة", "drone"},
		{"تعرضت الأحياء لقصف مدفعي عنيف", "قصف مدفعي", "shelling"},
		{"سقطت قذائف هاون على الحي", "قذائف هاون", "shelling"},
		{"انفجرت عبوة ناسفة بدورية", "انفجرت", "explosion"},
		{"زرعوا عبوة ناسفة على الطريق", "عبوة ناسفة", "ied"},
		{"انفجار سيارة مفخخة في السوق", "انفجار", "explosion"},
		{"ركن سيارة مفخخة قرب المبنى", "سيارة مفخخة", "car_bomb"},
		{"أصيب راع بانفجار لغم أرضي", "انفجار لغم", "landmine"},
		{"فجر انتحاري حزاما ناسفا", "فجر", "explosion"},
		{"يرتدي حزاما ناسفا", "حزاما ناسفا", "suicide"},
		{"ألقى مجهول قنبلة يدوية على المحل", "قنبلة يدوية", "grenade"},
		{"هجوم بغاز سام على البلدة", "هجوم", "attack"},
		{"استخدام غاز السارين", "غاز السارين", "chemical"},
		{"نفذ التحالف إنزالا جويا في القرية", "إنزالا جويا", "landing"},
		{"داهمت دورية منزلا في الحي", "داهمت", "raid"},
		{"اعتقلت القوات خمسة أشخاص", "اعتقلت", "arrest"},
		{"سلم نفسه للقوات الأمنية", "سلم نفسه للقوات", "surrender"},
		{"اختطف مسلحون طبيبا", "اختطف", "abduction"},
		{"أعدم التنظيم ثلاثة رهائن", "أعدم", "execution"},
		{"نجا من محاولة اغتيال", "محاولة اغتيال", "assassination"},
		{"توفي تحت التعذيب", "تحت التعذيب", "torture"},
		{"تعرضت نساء للسبي", "سبي", "sexual_violence"},
		{"أسفر عن مقتل عشرة", "مقتل", "death"},
		{"سقط جرحى في الحادث", "جرحى", "injury"},
		{"سيطر التنظيم على البلدة", "سيطر", "capture"},
		{"استعادت القوات الحكومية القرية", "استعادت", "recapture"},
		{"انسحبت الفصائل من مواقعها", "انسحبت", "withdrawal"},
		{"جرى تسليم الأسرى إلى ذويهم", "تسليم الأسرى", "handover"},
		{"تمت صفقة تبادل بين الطرفين", "صفقة تبادل", "exchange"},
		{"بدأ ترحيل العائلات إلى بلدانها", "ترحيل", "repatriation"},
		{"أعلنت إطلاق سراح المعتقلين", "إطلاق سراح", "release"},
		{"حملات تهجير قسري", "تهجير قسري", "displacement"},
		{"عمليات إجلاء للمدنيين", "إجلاء", "evacuation"},
		{"خرجت مظاهرة في ساحة البلدة", "مظاهرة", "protest"},
		{"استخدمت الشرطة الغاز المسيل للدموع", "الغاز المسيل للدموع", "protest_intervention"},
		{"إطلاق النار على المتظاهرين", "إطلاق النار على المتظاهرين", "protest_force"},
		{"اندلعت أعمال شغب في المدينة", "أعمال شغب", "riot"},
		{"قتل شخص في مشاجرة", "قتل", "death"},
		{"وقعت مشاجرة بين عائلتين", "مشاجرة", "mob"},
		{"فرضت السلطات حظر التجول", "حظر التجول", "curfew"},
		{"أعلنت حالة الطوارئ في المحافظة", "حالة الطوارئ", "emergency"},
		{"أعلنت الفصائل الاستنفار", "الاستنفار", "emergency"},
		{"استنفرت الفصائل مقاتليها", "استنفرت", "mobilisation"},
		{"دعت إلى التجنيد الإجباري", "التجنيد الإجباري", "recruitment"},
		{"أعلن انشقاقه عن الجيش", "انشقاق", "defection"},
		{"توصل الطرفان إلى هدنة", "هدنة", "agreement"},
		{"قام المسلحون بنهب المحلات", "نهب", "looting"},
		{"تفجير منازل المطلوبين", "تفجير منازل", "destruction"},
		{"أضرموا النار في مبنى البلدية", "أضرموا النار", "arson"},
		{"ضبط أسلحة في مستودع", "ضبط أسلحة", "weapons_seized"},
		{"تمكن الفريق من تفكيك عبوة ناسفة", "تفكيك عبوة ناسفة", "defusal"},
		{"أحبطت القوات المحاولة", "أحبطت", "foiled"},
		{"أسقطت الدفاعات طائرة مسيرة", "أسقطت", "interception"},
		{"أنشأت قاعدة عسكرية في المطار", "أنشأت قاعدة عسكرية", "base"},
	}
	for _, c := range cases {
		ms := find(t, c.in)
		var got *Mention
		for k := range ms {
			if ms[k].Span.Text == c.span {
				got = &ms[k]
			}
		}
		if got == nil {
			t.Errorf("%s: no cue %q; found %q", c.in, c.span, spans(ms))
			continue
		}
		if got.Trigger.Class != c.class {
			t.Errorf("%s: %q has class %q, want %q", c.in, c.span, got.Trigger.Class, c.class)
		}
	}
}

func TestCliticsAndForms(t *testing.T) {
	cases := []struct{ in, want string }{
		{"والهجوم على الحاجز", "هجوم"},
		{"تعرض للهجوم", "هجوم"},
		{"بعد اعتقالهم بساعات", "اعتقال"},
		{"وسيهاجم التنظيم", "يهاجم"},
		{"أعلن عن مقتله", "مقتل"},
		{"في مداهمتها للمنزل", "مداهمت"},
		{"قتلوهم جميعا", "قتلو"},
		{"شنت هجوما على المواقع", "شنت|هجوما"},
		{"شن هجوما انتحاريا", "شن|هجوما انتحاريا"},
		{"تواصل القصف الجوي", "قصف الجوي"},
		{"بالغارات الجوية الروسية", "غارات الجوية"},
		{"تم القبض عليهم", "القبض علي"},
		{"بعد تفجير منزله", "تفجير منزل"},
		{"ليقتل الجنود", "يقتل"},
		{"قُتِل بقتل ستة", "قُتِل|قتل"},
		{"فاستهدفت الطائرات", "استهدفت"},
	}
	for _, c := range cases {
		if got := spans(find(t, c.in)); got != c.want {
			t.Errorf("%s: got %q, want %q", c.in, got, c.want)
		}
	}
}

// Readings that shed clitics must not invent cues.
func TestNoFalseCliticReadings(t *testing.T) {
	cases := []string{
		"سهجوم",      // the future «س» never goes on a noun
		"صلاة الفجر", // a verb never takes the article: «الفجر» is dawn
		"بفجر",       // nor ب
		"وصلت الأسرة إلى المخيم", // «أسرة» is a family, not «أسر» + «ه»
		"أسرة كبيرة",
		"قوات الحشد الشعبي",
		"والحشد",
		"هيئة تحرير الشام",
		"فجر اليوم",
		"سجل من ضربة جزاء",
		"أصدرت حكما بالإعدام",
		"تأثرت سلبا",
		"هجوم إلكتروني على الشركة",
		"الجهاز المركزي للتعبئة العامة والإحصاء",
	}
	for _, in := range cases {
		if ms := find(t, in); len(ms) != 0 {
			t.Errorf("%s: found %q", in, spans(ms))
		}
	}
}

// Football and business sentences: whatever war words they use are weak
// or blocked, so no event comes of them without an armed actor.
func TestSportAndBusinessSentencesAreWeak(t *testing.T) {
	for _, in := range []string{
		"سجل المهاجم هدفا بعد هجمة مرتدة سريعة",
		"تصدى الحارس لضربة جزاء في الدقيقة الأخيرة",
		"سيطر الفريق على المباراة واستعاد الصدارة",
		"خطف الفريق الفوز بقذيفة من خارج المنطقة",
		"أعلنت الشركة صفقة جديدة واتفاقية مع المصرف",
		"تستهدف الحكومة خفض العجز وإعادة هيكلة الديون",
		"احتل المنتخب المركز الثالث",
		"انسحب اللاعب من البطولة بسبب الإصابة",
	} {
		for _, m := range find(t, in) {
			if !m.Trigger.Weak {
				t.Errorf("%s: strong cue %q (%s)", in, m.Span.Text, m.Trigger.Rule())
			}
		}
	}
}

func TestPOSChoice(t *testing.T) {
	cases := []struct{ in, pos string }{
		{"قتل خمسة", lexicon.POSVerb},
		{"بقتل خمسة", lexicon.POSNoun},
		{"القتل", lexicon.POSNoun},
		{"قصف الطيران", lexicon.POSVerb},
		{"القصف", lexicon.POSNoun},
	}
	for _, c := range cases {
		ms := find(t, c.in)
		if len(ms) == 0 || ms[0].Trigger.POS != c.pos {
			t.Errorf("%s: %+v, want a %s", c.in, ms, c.pos)
		}
	}
}

func TestLongestMatchWins(t *testing.T) {
	cases := []struct{ in, want string }{
		{"انفجرت عبوة ناسفة", "انفجرت|عبوة ناسفة"},
		{"عثر على عبوة", "عبوة"},
		{"نفذت القوات إنزال جوي", "إنزال جوي"},
		{"عملية إنزال", "إنزال"},
		{"أعلنوا وقف إطلاق النار", "وقف إطلاق النار"},
		{"تبادل إطلاق النار", "تبادل إطلاق النار"},
		{"انفجار سيارة مفخخة يقودها انتحاري", "انفجار|سيارة مفخخة يقودها انتحاري"},
		{"غارة جوية", "غارة جوية"},
		{"حظر التجول", "حظر التجول"},
	}
	for _, c := range cases {
		if got := spans(find(t, c.in)); got != c.want {
			t.Errorf("%s: got %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSpansOnUnnormalisedText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"وَالهُجُومُ", "هُجُومُ"},
		{"عَبْوَةٌ نَاسِفَةٌ", "عَبْوَةٌ نَاسِفَةٌ"},
		{"ألـقـت الـقـبـض", "ألـقـت الـقـبـض"},
		{"إنزالٌ جويٌّ", "إنزالٌ جويٌّ"},
		{"«اغتيال» القائد", "اغتيال"},
	}
	for _, c := range cases {
		if got := spans(find(t, c.in)); got != c.want {
			t.Errorf("%s: got %q, want %q", c.in, got, c.want)
		}
	}
}

func TestConcurrentFind(t *testing.T) {
	l := testLexicon(t)
	a := text.Analyze("اشتبكت القوات مع مسلحين بعد هجوم على حاجز وأسفر عن مقتل جنديين، واعتقلت ثلاثة")
	want := spans(l.Find(a))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := spans(l.Find(a)); got != want {
				t.Errorf("concurrent Find = %q, want %q", got, want)
			}
		}()
	}
	wg.Wait()
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"والهجوم للهجوم اعتقالهم", "القبض عليهم، قتلوهم", "هجوما انتحاريا القصف الجوي", "ة ه ت و ا", "ﻻ ـ ً"} {
		f.Add(s)
	}
	l, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := text.Analyze(s)
		prev := 0
		for _, m := range l.Find(a) {
			if !m.Span.Valid(a.Orig) || m.Tok < prev || m.TokEnd <= m.Tok || m.TokEnd > len(a.Tokens) {
				t.Fatalf("bad mention %+v in %q", m, s)
			}
			prev = m.TokEnd
		}
	})
}

const shared = "../../../shared/"

func readShared(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(shared + name)
	if err != nil {
		t.Skipf("%s not available (%v): run with ../shared beside the repository", name, err)
	}
	return b
}

func TestSeed(t *testing.T) {
	a := text.Analyze(string(readShared(t, "seeds/000_b9b80873b51c7c98.txt")))
	found := map[string]bool{}
	for _, m := range testLexicon(t).Find(a) {
		found[m.Span.Text] = true
	}
	for _, w := range []string{"إنزال جوي", "ألقت القبض", "هجوم", "مقتل"} {
		if !found[w] {
			t.Errorf("seed 000: cue «%s» not found", w)
		}
	}
}

type article struct {
	Category string `json:"category"`
	Text     string `json:"text"`
}

// benchArticles reads the first n articles of each category from the
// benchmark corpus.
func benchArticles(t testing.TB, n int, cats ...string) map[string][]string {
	t.Helper()
	f, err := os.Open(shared + "data/bench/ant-2018-news.jsonl.gz")
	if err != nil {
		t.Skipf("benchmark corpus not available (%v)", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 16<<20)
	out := map[string][]string{}
	full := 0
	for full < len(cats) && sc.Scan() {
		var d article
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		if slices.Contains(cats, d.Category) && len(out[d.Category]) < n {
			out[d.Category] = append(out[d.Category], d.Text)
			if len(out[d.Category]) == n {
				full++
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// Sport and economy news use war words for other things. Strong cues must
// stay rare there; the commonest are logged to keep an eye on (go test -v).
func TestSportAndEconomyNoise(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the benchmark corpus")
	}
	l := testLexicon(t)
	cats := []string{"sport", "economy", "middleEast"}
	arts := benchArticles(t, 500, cats...)
	rate := map[string]float64{}
	for _, cat := range cats {
		counts := map[string]int{}
		strong := 0
		for _, s := range arts[cat] {
			for _, m := range l.Find(text.Analyze(s)) {
				if !m.Trigger.Weak {
					strong++
					counts[m.Trigger.Phrase]++
				}
			}
		}
		rate[cat] = float64(strong) / float64(max(1, len(arts[cat])))
		type kv struct {
			k string
			v int
		}
		var top []kv
		for k, v := range counts {
			top = append(top, kv{k, v})
		}
		sort.Slice(top, func(i, j int) bool { return top[i].v > top[j].v || top[i].v == top[j].v && top[i].k < top[j].k })
		var b strings.Builder
		for i, x := range top {
			if i == 12 {
				break
			}
			fmt.Fprintf(&b, " %s:%d", x.k, x.v)
		}
		t.Logf("%s: %d articles, %.2f strong cues an article; commonest:%s", cat, len(arts[cat]), rate[cat], b.String())
	}
	if rate["sport"] > 0.3 || rate["economy"] > 0.6 {
		t.Errorf("strong cues an article: sport %.2f (max 0.3), economy %.2f (max 0.6)", rate["sport"], rate["economy"])
	}
	if rate["middleEast"] < 10*rate["sport"] {
		t.Errorf("strong cues barely tell middleEast (%.2f) from sport (%.2f)", rate["middleEast"], rate["sport"])
	}
}

func BenchmarkFind(b *testing.B) {
	l := testLexicon(b)
	a := text.Analyze(string(readShared(b, "seeds/000_b9b80873b51c7c98.txt")))
	b.SetBytes(int64(len(string(a.Orig))))
	b.ResetTimer()
	for b.Loop() {
		l.Find(a)
	}
}
