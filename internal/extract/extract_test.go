package extract

import (
	"rasd/internal/document"
	"strings"
	"sync"
	"testing"
	"time"

	"rasd/internal/event"
	"rasd/internal/mention"
)

// The sentences below were written for these tests by rasd's authors; none
// is taken from an article.

var loadExtractor = sync.OnceValues(func() (*Extractor, error) {
	lex, err := mention.Load()
	if err != nil {
		return nil, err
	}
	return New(lex), nil
})

// published is a Wednesday.
var published = time.Date(2019, 3, 27, 0, 0, 0, 0, time.UTC)

func extractText(t *testing.T, text string) event.Result {
	t.Helper()
	x, err := loadExtractor()
	if err != nil {
		t.Fatal(err)
	}
	return x.Extract(&document.Document{ID: "t", Published: published, Text: text})
}

// want describes the fields of one expected event; empty fields are not
// checked, "-" means null.
type want struct {
	typ, sub       string
	actor1, actor2 string
	assoc2         string
	admin1         string
	fatalities     int // -1: null
	date           string
	certainty      string
	background     bool
	aggregate      bool
	evidence       int // number of evidence spans; 0: not checked
}

func actorID(a *event.Actor) string {
	if a == nil {
		return "-"
	}
	return a.ID
}

func checkEvent(t *testing.T, e event.Event, w want) {
	t.Helper()
	explain := "\n  rule: " + e.Rule
	if e.EventType != w.typ || (w.sub != "" && e.SubEventType != w.sub) {
		t.Errorf("type %s / %s, want %s / %s%s", e.EventType, e.SubEventType, w.typ, w.sub, explain)
	}
	if w.actor1 != "" && actorID(e.Actor1) != w.actor1 {
		t.Errorf("actor1 %s, want %s%s", actorID(e.Actor1), w.actor1, explain)
	}
	if w.assoc2 != "" && (len(e.AssocActor2) == 0 || e.AssocActor2[0].ID != w.assoc2) {
		t.Errorf("assoc_actor2 %v, want %s%s", e.AssocActor2, w.assoc2, explain)
	}
	if w.actor2 != "" && actorID(e.Actor2) != w.actor2 {
		t.Errorf("actor2 %s, want %s%s", actorID(e.Actor2), w.actor2, explain)
	}
	if w.admin1 != "" && (e.Location == nil || e.Location.Admin1 != w.admin1) {
		got := "-"
		if e.Location != nil {
			got = e.Location.Admin1 + " (" + e.Location.NameEN + ")"
		}
		t.Errorf("admin1 %s, want %s%s", got, w.admin1, explain)
	}
	switch {
	case w.fatalities == 0:
	case w.fatalities < 0 && e.Fatalities != nil:
		t.Errorf("fatalities %d, want null%s", e.Fatalities.Count, explain)
	case w.fatalities > 0 && (e.Fatalities == nil || e.Fatalities.Count != w.fatalities):
		t.Errorf("fatalities %+v, want %d%s", e.Fatalities, w.fatalities, explain)
	}
	if w.date != "" && (e.Date == nil || e.Date.EventDate != w.date) {
		t.Errorf("date %+v, want %s%s", e.Date, w.date, explain)
	}
	if w.certainty != "" && e.Certainty != w.certainty {
		t.Errorf("certainty %s, want %s%s", e.Certainty, w.certainty, explain)
	}
	if e.Background != w.background {
		t.Errorf("background %v, want %v%s", e.Background, w.background, explain)
	}
	if e.Aggregate != w.aggregate {
		t.Errorf("aggregate %v, want %v%s", e.Aggregate, w.aggregate, explain)
	}
	if w.evidence > 0 && len(e.Evidence) != w.evidence {
		t.Errorf("%d evidence spans, want %d%s", len(e.Evidence), w.evidence, explain)
	}
}

// eventCases are sentences of our own, each with the events it reports.
var eventCases = []struct {
	name string
	text string
	want []want
}{
	{"attack on a checkpoint is a battle",
		"شن مسلحو تنظيم داعش هجوما على حاجز لقوات النظام في ريف حمص الشرقي، ما أسفر عن مقتل خمسة جنود.",
		[]want{{typ: event.Battles, sub: "Armed clash", actor1: "ISIS", actor2: "STATE:SYR", admin1: "Homs", fatalities: 5}}},
	{"unknown gunmen killing civilians",
		"قتل مسلحون مجهولون ثلاثة مدنيين في مدينة الميادين بريف دير الزور أمس.",
		[]want{{typ: event.VAC, sub: "Attack", actor1: "UNIDENTIFIED", actor2: "CIVILIANS", admin1: "Deir-ez-Zor", fatalities: 3, date: "2019-03-26", certainty: event.Suspected}}},
	{"air strike by the coalition",
		"قتل 12 عنصرا من تنظيم داعش في غارة جوية لطيران التحالف الدولي على قرية الباغوز.",
		[]want{{typ: event.Explosions, sub: "Air/drone strike", actor1: "COALITION", actor2: "ISIS", admin1: "Deir-ez-Zor", fatalities: 12}}},
	{"arrests with a joint actor",
		"ألقت قوات سوريا الديمقراطية بالتعاون مع التحالف الدولي القبض على أربعة من عناصر داعش في مدينة الرقة.",
		[]want{{typ: event.Strategic, sub: "Arrests", actor1: "SDF", actor2: "ISIS", admin1: "Ar-Raqqa", fatalities: -1}}},
	{"headline and body are one event",
		"هجوم لداعش على دورية للجيش العراقي في الأنبار\nهاجم مسلحو داعش دورية للجيش العراقي قرب مدينة الرمادي، وقال مصدر أمني إن الهجوم أسفر عن مقتل جنديين.",
		[]want{{typ: event.Battles, actor1: "ISIS", actor2: "STATE:IRQ", admin1: "Al-Anbar", fatalities: 2, evidence: 2}}},
	{"another attack is another event",
		"قتل جنديان في هجوم لداعش على نقطة للجيش العراقي في قضاء الحويجة. وقتل شرطي في هجوم آخر للتنظيم على حاجز في قضاء طوزخورماتو.",
		[]want{{typ: event.Battles, actor1: "ISIS", fatalities: 2}, {typ: event.Battles, actor1: "ISIS", fatalities: 1}}},
	{"a claim", "تبنى تنظيم داعش التفجير الذي استهدف سوقا في مدينة الخالص بمحافظة ديالى وأودى بحياة سبعة مدنيين.",
		[]want{{typ: event.Explosions, actor1: "ISIS", admin1: "Diyala", fatalities: 7, certainty: event.Claimed}}},
	{"background capture", "وكان تنظيم داعش قد سيطر على مدينة الموصل في حزيران 2014.",
		[]want{{typ: event.Battles, sub: "Non-state actor overtakes territory", admin1: "Ninewa", date: "2014-06-16", background: true}}},
	{"aggregate of attacks", "نفذت خلايا تنظيم داعش عشرات الهجمات ضد مواقع قسد في ريف دير الزور خلال الأشهر الماضية.",
		[]want{{typ: event.Battles, actor1: "ISIS", actor2: "SDF", admin1: "Deir-ez-Zor", aggregate: true}}},
	{"alternative perpetrators", "قصفت طائرات سورية أو روسية بلدة خان شيخون في ريف إدلب، ما أدى إلى مقتل عشرة مدنيين.",
		[]want{{typ: event.Explosions, actor1: "UNIDENTIFIED", actor2: "CIVILIANS", admin1: "Idleb", fatalities: 10, certainty: event.Suspected}}},
	{"one toll, two places", "قتل ستة مدنيين في انفجار عبوتين ناسفتين في بعقوبة والمقدادية.",
		[]want{{typ: event.Explosions, actor2: "CIVILIANS", admin1: "Diyala", fatalities: 3}, {typ: event.Explosions, actor2: "CIVILIANS", admin1: "Diyala", fatalities: 3}}},
	{"a defused bomb", "فككت قوات الأمن العراقية عبوة ناسفة مزروعة على طريق في قضاء الطارمية.",
		[]want{{typ: event.Strategic, sub: "Disrupted weapons use", actor1: "STATE:IRQ", fatalities: -1}}},
	{"a hostage killed", "قتل تنظيم داعش رهينة من المدنيين الذين خطفهم إثر هجومه على قرية في ريف السويداء الشرقي.",
		[]want{{typ: event.VAC, sub: "Attack", actor1: "ISIS", actor2: "CIVILIANS", admin1: "As-Sweida", fatalities: 1}}},
	{"people killed in a market bombing are civilians", "قتل ثلاثة أشخاص وأصيب عشرة آخرون في انفجار عبوة ناسفة في سوق شعبي بمدينة الخالص.",
		[]want{{typ: event.Explosions, sub: "Remote explosive/landmine/IED", actor2: "CIVILIANS", admin1: "Diyala", fatalities: 3}}},
	{"tolls of two sides add up", "قتل 12 عنصرا من قوات النظام إضافة إلى خمسة مقاتلين روس في هجوم شنه تنظيم داعش على رتل عسكري قرب مدينة الميادين.",
		[]want{{typ: event.Battles, actor1: "ISIS", admin1: "Deir-ez-Zor", fatalities: 17}}},
	{"warplanes of a state", "قصفت طائرات حربية روسية مناطق في ريف إدلب الجنوبي، ما أدى إلى مقتل سبعة مدنيين بينهم طفلان.",
		[]want{{typ: event.Explosions, sub: "Air/drone strike", actor1: "STATE:RUS", actor2: "CIVILIANS", admin1: "Idleb", fatalities: 7}}},
	{"a drone strike on a group's car", "استهدفت طائرة مسيرة تركية سيارة تقل عناصر من حزب العمال الكردستاني في قضاء سنجار، ما أدى إلى مقتل اثنين منهم.",
		[]want{{typ: event.Explosions, sub: "Air/drone strike", actor1: "STATE:TUR", actor2: "PKK", admin1: "Ninewa", fatalities: 2}}},
	{"ground taken after fighting with", "سيطرت قوات النظام على بلدة خان شيخون بريف إدلب الجنوبي بعد معارك عنيفة مع فصائل المعارضة.",
		[]want{{typ: event.Battles, sub: "Government regains territory", actor1: "STATE:SYR", actor2: "FSA", admin1: "Idleb"}}},
	{"a protest", "تظاهر المئات في مدينة البصرة احتجاجا على انقطاع الكهرباء.",
		[]want{{typ: event.Protests, sub: "Peaceful protest", actor1: "PROTESTERS", admin1: "Basrah"}}},
	{"a protest dispersed in a square named Liberation", "أطلقت قوات الأمن الغاز المسيل للدموع لتفريق المتظاهرين في ساحة التحرير ببغداد.",
		[]want{{typ: event.Protests, sub: "Protest with intervention", admin1: "Baghdad"}}},
	{"policemen killed are the state's", "قتل شرطيان وأصيب ثالث في هجوم شنه مسلحون على نقطة تفتيش في محافظة ديالى فجر اليوم.",
		[]want{{typ: event.Battles, actor1: "UNIDENTIFIED", actor2: "STATE:IRQ", admin1: "Diyala", fatalities: 2, date: "2019-03-27"}}},
	{"an execution on a charge", "أعدم تنظيم داعش ثلاثة رجال بتهمة التعاون مع القوات العراقية في قرية قرب مدينة الحويجة.",
		[]want{{typ: event.VAC, sub: "Attack", actor1: "ISIS", actor2: "CIVILIANS", admin1: "Kirkuk", fatalities: 3}}},
	{"clashes between two sides", "دارت اشتباكات بين قوات سوريا الديمقراطية ومسلحين في بلدة ذيبان بريف دير الزور الشرقي.",
		[]want{{typ: event.Battles, sub: "Armed clash", actor1: "SDF", admin1: "Deir-ez-Zor"}}},
	{"the announcing army killed them", "أعلن الجيش العراقي مقتل 15 إرهابيا بضربات جوية في وادي حوران بمحافظة الأنبار.",
		[]want{{typ: event.Explosions, sub: "Air/drone strike", actor1: "STATE:IRQ", actor2: "ISIS", admin1: "Al-Anbar", fatalities: 15}}},
	{"a soldier of a nationality is the victim", "قتل جندي تركي وأصيب ثلاثة آخرون في قصف صاروخي استهدف قاعدة عسكرية تركية في ريف حلب الشمالي.",
		[]want{{typ: event.Explosions, sub: "Shelling/artillery/missile attack", actor2: "STATE:TUR", admin1: "Aleppo", fatalities: 1}}},
	{"an assassination", "اغتال مسلحون مجهولون مختار قرية الكسرة بريف دير الزور الغربي بإطلاق النار عليه أمام منزله ليل الاثنين.",
		[]want{{typ: event.VAC, sub: "Attack", actor1: "UNIDENTIFIED", admin1: "Deir-ez-Zor", date: "2019-03-25", certainty: event.Suspected}}},
	{"a foiled suicide bombing", "أحبطت القوات الأمنية هجوما انتحاريا كان يستهدف سوقا شعبيا في مدينة الرمادي، وقتلت الانتحاري قبل أن يفجر حزامه الناسف.",
		[]want{{typ: event.Strategic, sub: "Disrupted weapons use", admin1: "Al-Anbar"}}},
	{"blame laid by others is no claim", "قتل أربعة جنود سوريين في غارة جوية على مطار الشعيرات بريف حمص، واتهمت روسيا وسوريا إسرائيل بالمسؤولية عن الغارة.",
		[]want{{typ: event.Explosions, sub: "Air/drone strike", admin1: "Homs", fatalities: 4, certainty: event.Suspected}}},
	{"the doer between a verbal noun and its object", "أكد المرصد السوري لحقوق الإنسان استعادة قوات النظام السيطرة على بلدة مورك في ريف حماة الشمالي أمس.",
		[]want{{typ: event.Battles, sub: "Government regains territory", actor1: "STATE:SYR", admin1: "Hama", date: "2019-03-26"}}},
	{"the one done to after a verbal noun", "قتل خمسة عناصر في استهداف قوات النظام بصاروخ موجه في ريف حماة الشمالي.",
		[]want{{typ: event.Explosions, actor2: "STATE:SYR", admin1: "Hama", fatalities: 5}}},
	{"the deadliest since the war began is still an event", "قتل 40 مدنيا في تفجير سيارة مفخخة في مدينة إعزاز بريف حلب الشمالي أمس، في الهجوم الأكثر دموية منذ بداية الحرب.",
		[]want{{typ: event.Explosions, actor2: "CIVILIANS", admin1: "Aleppo", fatalities: 40, date: "2019-03-26"}}},
	{"a strike on the attackers is another event", "هاجم مسلحو داعش موقعا لقوات النظام في ريف حمص الشرقي. من جهته، شن التحالف الدولي غارات جوية على مواقع لداعش في بلدة هجين بريف دير الزور.",
		[]want{{typ: event.Battles, actor1: "ISIS", actor2: "STATE:SYR", admin1: "Homs"}, {typ: event.Explosions, sub: "Air/drone strike", actor1: "COALITION", actor2: "ISIS", admin1: "Deir-ez-Zor"}}},
	{"one call-up of many people is one event", "دعت قوات سوريا الديمقراطية جميع المكلفين بواجب الدفاع الذاتي إلى الالتحاق بمراكز التجنيد في مدينة الحسكة.",
		[]want{{typ: event.Strategic, sub: "Other", actor1: "SDF", actor2: "-", admin1: "Al-Hasakeh"}}},
	{"an alert names the threat, which is not acted upon", "خلايا داعش تنشط في إدلب و«قسد» تستنفر\nأعلنت قوات سوريا الديمقراطية حالة الاستنفار في مدينة الحسكة تحسبا لهجمات التنظيم.",
		[]want{{typ: event.Strategic, sub: "Other", actor1: "SDF", actor2: "-", admin1: "Al-Hasakeh"}}},
	{"a sweep of many arrests is an aggregate", "ألقت قوات الأمن العراقية القبض على العشرات من المطلوبين في مدينة الموصل.",
		[]want{{typ: event.Strategic, sub: "Arrests", actor1: "STATE:IRQ", admin1: "Ninewa", aggregate: true}}},
	{"an alert held for weeks is one", "استنفرت الفصائل المحلية في ريف السويداء منذ أسبوعين تحسبا لهجمات داعش.",
		[]want{{typ: event.Strategic, sub: "Other", admin1: "As-Sweida", actor2: "-"}}},
	{"one leader killed, an adverb between", "قتلت هيئة تحرير الشام مؤخرا أمير خلايا داعش في مدينة إدلب.",
		[]want{{typ: event.Battles, actor1: "HTS", actor2: "ISIS", admin1: "Idleb", fatalities: 1}}},
	{"a named leader killed is one", "أعلن التحالف الدولي مقتل «أبو محمد العراقي» القيادي في تنظيم داعش بغارة جوية على بلدة هجين.",
		[]want{{typ: event.Explosions, sub: "Air/drone strike", actor1: "COALITION", actor2: "ISIS", admin1: "Deir-ez-Zor", fatalities: 1}}},
	{"burned to death", "أحرق مسلحون ثلاثة شبان حتى الموت في قرية قرب بعقوبة.",
		[]want{{typ: event.VAC, sub: "Attack", actor2: "CIVILIANS", admin1: "Diyala", fatalities: 3}}},
	{"a long counted subject before «قتلوا»", "وقال مصدر إن 28 عنصرا من الجيش العراقي ومليشيا الحشد الشعبي و18 مقاتلا من تنظيم الدولة، قتلوا وأصيب 27 بينهم 12 من تنظيم داعش في معارك عنيفة قرب مدينة الرمادي.",
		[]want{{typ: event.Battles, sub: "Armed clash", admin1: "Al-Anbar", fatalities: 46}}},
	{"the displaced do not add to the dead", "قتل 12 مدنيا ونزح 300 آخرون في قصف على قرية قرب مدينة معرة النعمان.",
		[]want{{typ: event.Explosions, actor2: "CIVILIANS", admin1: "Idleb", fatalities: 12}}},
	{"a year is no toll", "أعلنت الشرطة أنها اعتقلت منذ 2016 ثلاثة مسلحين قتلوا جنديا في مدينة الموصل.",
		[]want{{typ: event.Strategic, sub: "Arrests", admin1: "Ninewa", fatalities: -1, aggregate: true}}},
	{"a leader and his aides, placed by his office", "قتل ما يسمى «والي ناحية كبيسة» في تنظيم داعش وثلاثة من مساعديه باشتباكات مسلحة مع عشائر الناحية.",
		[]want{{typ: event.Battles, sub: "Armed clash", admin1: "Al-Anbar", fatalities: 4}}},
	{"a strike after an attack: two events, each with its sides", "قصفت طائرات التحالف الدولي مواقع لجبهة النصرة قرب بلدة اعزاز أمس بعد هجوم شنته الجبهة على مقاتلين من المعارضة. وذكر المرصد أن الغارات الجوية دمرت مقرا للجبهة.",
		[]want{{typ: event.Explosions, sub: "Air/drone strike", actor1: "COALITION", actor2: "HTS", admin1: "Aleppo", evidence: 2}, {typ: event.Battles, actor1: "HTS", actor2: "FSA"}}},
	{"the leader's group is the side hit", "اغتال مسلحون مجهولون قياديا في هيئة تحرير الشام بإطلاق النار عليه في مدينة إدلب.",
		[]want{{typ: event.Battles, actor1: "UNIDENTIFIED", actor2: "HTS", admin1: "Idleb", certainty: event.Suspected}}},
	{"a leader arrested", "اعتقلت قوات الأمن العراقية أحد قيادات تنظيم داعش في مدينة الموصل.",
		[]want{{typ: event.Strategic, sub: "Arrests", actor1: "STATE:IRQ", actor2: "ISIS", admin1: "Ninewa"}}},
	{"an age is no toll", "قتل المواطن محمد الجبوري (64 عاما) برصاص مسلحين مجهولين في قضاء الحويجة.",
		[]want{{typ: event.VAC, actor1: "UNIDENTIFIED", admin1: "Kirkuk", fatalities: 1, certainty: event.Suspected}}},
	{"a people protests, not its state", "ونزل آلاف العراقيين إلى الشوارع في مدينة البصرة احتجاجا على سياسات الحكومة.",
		[]want{{typ: event.Protests, actor1: "PROTESTERS", admin1: "Basrah"}}},
	{"hundreds killed and wounded together count three", "قصفت طائرات حربية روسية مدينة دوما في الغوطة الشرقية، ما أوقع مئات القتلى والجرحى من المدنيين.",
		[]want{{typ: event.Explosions, sub: "Air/drone strike", actor1: "STATE:RUS", actor2: "CIVILIANS", admin1: "Rural Damascus", fatalities: 3}}},
	{"protesters clashing with the police riot", "اندلعت مواجهات بين متظاهرين وقوات الشرطة أمام مقر المحافظة في مدينة الناصرية.",
		[]want{{typ: event.Riots, sub: "Violent demonstration", actor1: "PROTESTERS", admin1: "Thi-Qar"}}},
	{"a protester shot dead", "قتل متظاهر برصاص حراس مقر حزب في مدينة الديوانية أمس.",
		[]want{{typ: event.Protests, sub: "Excessive force against protesters", actor1: "PROTESTERS", admin1: "Al-Qadissiya", fatalities: 1}}},
	{"«في وقت» opens another clause, «في وقت متأخر» does not", "قتل متظاهر برصاص حراس مقر حزب في مدينة الديوانية، في وقت فرقت القوى الأمنية مظاهرات أخرى في العاصمة بغداد. ووقع الهجوم في وقت متأخر مساء الأحد في منطقة السعدونية.",
		[]want{{typ: event.Protests, sub: "Excessive force against protesters", admin1: "Al-Qadissiya", fatalities: 1}, {typ: event.Protests, sub: "Protest with intervention", admin1: "Baghdad"}}},
	{"aircraft that attack strike from the air", "استهدفت مقاتلات التحالف الدولي الأحد مراكز تجمع تابعة لداعش قرب قضاء طوز خورماتو.",
		[]want{{typ: event.Explosions, sub: "Air/drone strike", actor1: "COALITION", actor2: "ISIS", admin1: "Salah Al-Din", date: "2019-03-24"}}},
	{"men abducted", "وقال مصدر إن 13 رجلا بينهم زعيم عشيرة خطفوا الاثنين في بلدة خان بني سعد بمحافظة ديالى.",
		[]want{{typ: event.VAC, sub: "Abduction/forced disappearance", actor2: "CIVILIANS", admin1: "Diyala", date: "2019-03-25"}}},
	{"a joint patrol attacked: the partner goes with the side hit", "هاجم مسلحو داعش دورية مشتركة لقوات سوريا الديمقراطية بالتعاون مع التحالف الدولي قرب مدينة منبج.",
		[]want{{typ: event.Battles, actor1: "ISIS", actor2: "SDF", admin1: "Aleppo", assoc2: "COALITION"}}},
	{"the day of the event, not of the report", "أعلنت وزارة الدفاع العراقية، الأربعاء، أن مسلحين من داعش هاجموا يوم الاثنين نقطة للجيش في قضاء بيجي.",
		[]want{{typ: event.Battles, actor1: "ISIS", date: "2019-03-25"}}},
}

func TestEvents(t *testing.T) {
	cases := eventCases
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := extractText(t, c.text)
			if len(res.Events) != len(c.want) {
				var got []string
				for _, e := range res.Events {
					got = append(got, e.EventType+" / "+e.SubEventType+" ["+e.Rule+"]")
				}
				t.Fatalf("%d events, want %d:\n%s", len(res.Events), len(c.want), strings.Join(got, "\n"))
			}
			for i, w := range c.want {
				checkEvent(t, res.Events[i], w)
			}
		})
	}
}

// TestNotEvents: fears, plans, states, questions, habits, summaries and
// country-wide statements are not coded (ANNOTATION.md).
// notEventTexts are sentences of our own that report no event.
var notEventTexts = []string{
	"وقتل أكثر من 240 شخصا في هجمات نفذها التنظيم في محافظة الأنبار منذ عام 2014.",
	"وخلفت الحرب الأهلية في سوريا أكثر من 350 ألف قتيل و11 مليون مشرد على مدار الأعوام السبعة الماضية.",
	"يعقد المؤتمر في ظل النزاع الذي أوقع أكثر من 340 ألف قتيل في سوريا.",
	"يقع حقل الشاعر في ريف حمص الشرقي. ويشن مسلحو داعش هجمات متكررة ضد مواقع النظام في البادية.",
	"وقتل أكثر من 120 جنديا تركيا في سوريا منذ بدء التدخل العسكري التركي في الحرب.",
	"وأسفر النزاع عن مقتل أكثر من 350 ألف شخص منذ اندلاع الحرب في سوريا عام 2011.",
	"تستعد القوات العراقية لشن هجوم على مواقع التنظيم في صحراء الأنبار.",
	"حذر مسؤول محلي من هجمات قد يشنها التنظيم على قرى محافظة ديالى.",
	"لا يزال التنظيم يسيطر على جيوب في البادية السورية.",
	"هل يشن التنظيم هجوما جديدا على مدينة الرقة؟",
	"ويشن التنظيم هجمات بين الحين والآخر على مواقع الجيش في ريف حماة.",
	"قتل عدد من عناصر داعش في عدد من المدن العراقية اليوم.",
	"تواصل الطائرات الروسية غاراتها على سوريا منذ عام 2015.",
	"للمزيد: هجوم على حاجز في حمص",
	"نفت قيادة الشرطة اعتقال أي من أبناء مدينة الرمادي.",
	"أوقفت القوات العراقية القصف الجوي على أحياء الفلوجة لإفساح المجال أمام خروج العائلات.",
	"وتخضع المنطقة لسيطرة قوات سوريا الديمقراطية منذ عام 2017.",
	"قتل أربعة أشخاص في حادث سير على الطريق الدولي قرب مدينة حمص.",
	"وقتل واعتقل 60٪ من قادة التنظيم في محافظة الأنبار خلال العامين الماضيين.",
	"ويطالب التنظيم بإطلاق سراح عناصره المعتقلين لدى قوات الأمن في محافظة نينوى.",
	"وقالت منظمة العفو الدولية إن العمال في مدينة حلب يواجهون ظروفا صعبة.",
	"وخرج عشرات المعتقلين من سجن حماة المركزي بعد انتهاء محكومياتهم.",
}

func TestNotEvents(t *testing.T) {
	for _, text := range notEventTexts {
		res := extractText(t, text)
		for _, e := range res.Events {
			t.Errorf("«%s»: got %s / %s [%s]", text, e.EventType, e.SubEventType, e.Rule)
		}
	}
}

// TestSpans: every span an event reports is the slice of the text it
// names, in code points.
func TestSpans(t *testing.T) {
	text := "«هجوم» لداعش:\nهاجم مسلحو داعش فجر اليوم حاجزا لقوات النظام قرب مدينة السخنة شرقي حمص، وقتلوا ثلاثة عناصر."
	res := extractText(t, text)
	if len(res.Events) == 0 {
		t.Fatal("no event")
	}
	runes := []rune(text)
	check := func(what, s string, start, end int) {
		if start < 0 || end > len(runes) || start > end || string(runes[start:end]) != s {
			t.Errorf("%s span [%d,%d) %q is not the text's slice", what, start, end, s)
		}
	}
	for _, e := range res.Events {
		check("trigger", e.Trigger.Text, e.Trigger.Start, e.Trigger.End)
		for _, sp := range e.Evidence {
			check("evidence", sp.Text, sp.Start, sp.End)
		}
		if e.Actor1 != nil {
			check("actor1", e.Actor1.Text, e.Actor1.Start, e.Actor1.End)
		}
		if e.Location != nil {
			check("location", e.Location.Text, e.Location.Start, e.Location.End)
		}
		if e.Date != nil && e.Date.Text != "" {
			check("date", e.Date.Text, e.Date.StartChar, e.Date.EndChar)
		}
		if e.Fatalities != nil {
			check("fatalities", e.Fatalities.Text, e.Fatalities.Start, e.Fatalities.End)
		}
	}
}

// TestTruncatedTexts: every sentence of the tests above, cut after each of
// its words, extracts without a panic and with spans inside the text. A
// cue, a «بعد» or a number at the very end of a text is where index bugs
// hide.
func TestTruncatedTexts(t *testing.T) {
	x, err := loadExtractor()
	if err != nil {
		t.Fatal(err)
	}
	texts := append([]string(nil), notEventTexts...)
	for _, c := range eventCases {
		texts = append(texts, c.text)
	}
	for _, full := range texts {
		rs := []rune(full)
		for end := 1; end <= len(rs); end++ {
			if end < len(rs) && rs[end] != ' ' {
				continue
			}
			text := string(rs[:end])
			res, err := x.ExtractSafe(&document.Document{ID: "t", Published: published, Text: text})
			if err != nil {
				t.Fatalf("«%s»: %v", text, err)
			}
			for _, e := range res.Events {
				for _, sp := range e.Evidence {
					if sp.Start < 0 || sp.End > end || sp.Start > sp.End {
						t.Fatalf("«%s»: evidence [%d,%d) outside the text", text, sp.Start, sp.End)
					}
				}
			}
		}
	}
}
