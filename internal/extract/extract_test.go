package extract

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"rasd/internal/event"
)

// want is what a test expects of the one event a sentence codes; empty
// fields are not checked, "-" means none.
type want struct {
	sub            string
	actor1, actor2 string
	place          string // the place's English name, as the gazetteer has it
	dead           string // the fatality count, "-" for none
}

// codingCases are sentences of the authors' own, each reporting one event
// (issue 8's list of sentences that gave nothing, and variations of
// them). They run end to end: mentions, rules, merge, records.
var codingCases = []struct {
	name string
	text string
	want want
}{
	{"how the one a relative clause names died («الذي ارتقى بغارة») is the event, and the side mourning him was hit",
		"نعى حزب الله الشهيد علي الذي ارتقى بغارة على بلدة كفركلا جنوب لبنان",
		want{sub: "Air/drone strike", actor1: "STATE:ISR", actor2: "HEZBOLLAH"}},
	{"people gathering in numbers («تجمع عشرات») to protest are a protest",
		"تجمع عشرات الأهالي أمام مبنى المحافظة في مدينة الناصرية للمطالبة بإعادة التيار الكهربائي",
		want{sub: "Peaceful protest", actor1: "PROTESTERS"}},
	{"the al-Aqsa compound is a place of its own in Jerusalem",
		"اعتقلت شرطة الاحتلال خمسة مصلين في باحات المسجد الأقصى صباح اليوم",
		want{sub: "Arrests", actor1: "STATE:ISR", place: "Al-Aqsa Mosque compound"}},
	{"two rocket salvos («رشقتان صاروخيتان») on a base its holder's forces hold hit them",
		"سقطت رشقتان صاروخيتان على القاعدة الأمريكية في حقل العمر صباح اليوم",
		want{sub: "Shelling/artillery/missile attack", actor2: "STATE:USA"}},
	{"guards who open fire («فتح الحراس النار») on protesters intervene in a protest",
		"فتح حراس منشأة نفطية النار على محتجين في مدينة الناصرية ما أدى إلى إصابة اثنين",
		want{sub: "Protest with intervention", actor1: "PROTESTERS", actor2: "STATE:IRQ"}},
	{"a vigil in front of a building («وقفة أمام») is a protest",
		"نظم أهالي المعتقلين وقفة أمام مقر النيابة العامة في مدينة طنطا للمطالبة بالإفراج عن ذويهم",
		want{sub: "Peaceful protest", actor1: "PROTESTERS"}},
	{"a capital that rockets were fired at («باتجاه تل أبيب») is the place, though it also names the state",
		"أطلقت الفصائل رشقة صاروخية باتجاه تل أبيب فجر اليوم",
		want{sub: "Shelling/artillery/missile attack", place: "Tel Aviv"}},
	{"a side's demolition of buildings («نسف الجيش مربعا سكنيا») is property destroyed",
		"نسف الجيش مربعا سكنيا في بلدة القرارة شرق خان يونس",
		want{sub: "Looting/property destruction"}},
	{"«تكفيريين» in an Egyptian story are the Sinai insurgents",
		"أعلن المتحدث العسكري مقتل 12 تكفيريا في مداهمات لقوات الجيش بوسط سيناء",
		want{sub: "Armed clash", actor1: "STATE:EGY", actor2: "ISIS", dead: "12"}},
	{"one of the dead named before a count joined to it («ضابط وثلاثة مجندين») is one more",
		"قتل ضابط وثلاثة مجندين في هجوم مسلح على كمين أمني جنوب مدينة الشيخ زويد",
		want{dead: "4"}},
	{"a massacre «راح ضحيتها» thousands years back is an attack on civilians, background",
		"شهدت مدينة حماة عام 1982 مجزرة ارتكبتها قوات النظام راح ضحيتها آلاف المدنيين",
		want{sub: "Attack", actor1: "STATE:SYR", actor2: "CIVILIANS"}},
	{"a dual of the dead («سقوط شهيدين») is two dead",
		"قصفت طائرات الاحتلال منزلا في بلدة بيت لاهيا شمال قطاع غزة ما أدى إلى سقوط شهيدين",
		want{sub: "Air/drone strike", actor1: "STATE:ISR", dead: "2"}},
	{"the wounded counted after the dead («قتيلين وثلاثة جرحى») are not dead",
		"انفجرت عبوة ناسفة بسيارة في مدينة بعقوبة ما أسفر عن قتيلين وثلاثة جرحى",
		want{sub: "Remote explosive/landmine/IED", dead: "2"}},
	{"the wounded counted after a plural of the dead («أربعة قتلى وتسعة جرحى») are not dead",
		"سقط أربعة قتلى وتسعة جرحى في انفجار سيارة مفخخة في سوق بمدينة الحلة",
		want{sub: "Remote explosive/landmine/IED", dead: "4"}},
	{"one dead in the singular before counted wounded («قتيلا وستة جرحى») is one",
		"انفجرت قنبلة يدوية في مقهى بمدينة كركوك وأوقعت قتيلا وستة جرحى",
		want{dead: "1"}},
	{"the one «أردوه قتيلا» felled is one dead, and a shot judge is a civilian",
		"أطلق مسلحون مجهولون النار على قاض في مدينة العمارة فأردوه قتيلا",
		want{sub: "Attack", actor1: "UNIDENTIFIED", actor2: "CIVILIANS", dead: "1"}},
	{"two felled («أردوهما قتيلين») are two dead, and a shopkeeper is a civilian",
		"هاجم مسلحون صاحب محل ونجله في بلدة المقدادية وأردوهما قتيلين",
		want{sub: "Attack", actor1: "UNIDENTIFIED", actor2: "CIVILIANS", dead: "2"}},
	{"one shot dead («فتح مجهولون النار عليه») in a sentence that tells a death is one dead, a civilian",
		"قتل المطرب الشعبي مساء أمس في مدينة الديوانية حين فتح مجهولون النار عليه من سيارة مسرعة",
		want{sub: "Attack", actor1: "UNIDENTIFIED", actor2: "CIVILIANS", dead: "1"}},
	{"«فقتلوه»: the verb's object died, and nobody named him a side's",
		"اعترض مسلحون سيارة المدون على طريق جانبي قرب مدينة الكوت فقتلوه",
		want{sub: "Attack", actor1: "UNIDENTIFIED", actor2: "CIVILIANS", dead: "1"}},
	{"one of the dead in the singular before the wounded («سقط شهيد وأصيب آخرون») is one dead, not a vague three",
		"سقط شهيد وأصيب آخرون برصاص قوات الاحتلال خلال اقتحامها مخيم جنين فجر اليوم",
		want{actor1: "STATE:ISR", dead: "1"}},
	{"«بين قتيل وجريح» is many of both: the vague three",
		"وأوقع المقاومون أفراد القوة الإسرائيلية بين قتيل وجريح في حي الشجاعية بمدينة غزة",
		want{dead: "3"}},
	{"a side's control over a place, the noun with its owner («سيطرتها على»), is ground taken",
		"أعلنت قوات الجيش الوطني الليبي سيطرتها الكاملة على مدينة درنة",
		want{sub: "Non-state actor overtakes territory", actor1: "LNA", place: "Darnah"}},
	{"a city that falls into a group's hands («سقطت بيد») is ground the group took",
		"سقطت مدينة الرمادي بيد تنظيم داعش أمس بعد معارك",
		want{sub: "Non-state actor overtakes territory", actor1: "ISIS", place: "Ramadie"}},
	{"the verb «ضرب» with a military target is a strike",
		"وأعلنت المقاومة الإسلامية في العراق أنها ضربت هدفا عسكريا في مدينة إيلات فجر اليوم",
		want{actor1: "IRAN-MILITIAS", place: "Eilat"}},
	{"a second actor right after a verb cue is its object («اغتال مجهولون عنصرا من X»), not a second subject",
		"اغتال مسلحون مجهولون عنصرا من قوات سوريا الديمقراطية في بلدة ذيبان بريف دير الزور أمس",
		want{actor1: "UNIDENTIFIED", actor2: "SDF", place: "Dhiban"}},
	{"who foiled an attack fought the attackers",
		"أحبطت القوات الأمنية العراقية هجوما لتنظيم داعش على قرية في قضاء الحويجة أمس",
		want{sub: "Armed clash", actor1: "ISIS", actor2: "STATE:IRQ"}},
	{"a town of Somalia WOF lacks, in an article that names Somalia",
		"قالت الحكومة في الصومال إن مسلحي حركة الشباب هاجموا قاعدة للجيش في مدينة بولوبردي أمس",
		want{sub: "Armed clash", actor1: "AL-SHABAAB", place: "Buulobarde"}},
	{"victims counted by a number after them («العمال الأربعة») make a weak cue an event",
		"وقالت الشرطة إن العمال الخمسة خطفوا على طريق سريع جنوب مدينة قندهار",
		want{sub: "Abduction/forced disappearance", actor2: "CIVILIANS", place: "Kandahar"}},
	{"a dual or a singular joined to a count is more of the dead («ثلاثة جنود ومدنيان» are five)",
		"قتل أربعة جنود ومدنيان في انفجار عبوة ناسفة على طريق في الموصل أمس",
		want{sub: "Remote explosive/landmine/IED", place: "Mosul", dead: "6"}},
	{"two duals joined are four dead",
		"قتل شرطيان ومسلحان في تبادل لإطلاق النار في مدينة كركوك مساء أمس",
		want{sub: "Armed clash", place: "Kirkuk", dead: "4"}},
	{"a protest that turned to rioting, with buildings stormed, is a riot: the storming is what the rioters did",
		"شهدت الاحتجاجات في مدينة الناصرية أمس أعمال شغب واقتحام مبنى المحافظة وإحراق إطارات",
		want{sub: "Violent demonstration", actor1: "PROTESTERS", place: "An Nāşirīyah"}},
	{"a car bomb destroyed before it went off is a weapon disrupted (class tests read «car_bomb» as a name)",
		"دمرت القوات الأمنية ثلاث سيارات مفخخة قبل وصولها إلى أهدافها في قضاء الحويجة",
		want{sub: "Disrupted weapons use", place: "Al Hawijah"}},
	{"a bomb destroyed by engineers is defused, not property destroyed: the weapon's class outranks «دمر»",
		"دمرت فرق الهندسة عبوة ناسفة زرعت على طريق في قضاء بيجي",
		want{sub: "Disrupted weapons use"}},
	{"a place of a town after the country's region is the town: the region does not swallow it",
		"شن الجيش الأمريكي غارة جوية قتلت خمسة مسلحين في جنوب الصومال قرب مدينة بيدوا",
		want{sub: "Air/drone strike", actor1: "STATE:USA", dead: "5"}},
	{"a force that says it launched the strike («أعلن … أنه شن») did it",
		"أعلن الجيش الأمريكي أمس أنه شن غارة جوية على مسلحين قرب مدينة جوهر",
		want{sub: "Air/drone strike", actor1: "STATE:USA", place: "Jawhar"}},
	{"fighting told later with no side and no toll is the setting, not the type of a strike told with its sides",
		"شنت طائرات التحالف غارات على مطار مدينة حرض الذي يسيطر عليه الحوثيون أمس. وتدعم الرياض هجوم القوات الحكومية على المدينة. وتحتدم المعارك في حرض وسط تحذيرات من كارثة إنسانية.",
		want{sub: "Air/drone strike", actor1: "ARAB-COALITION", actor2: "HOUTHIS", place: "Harad"}},
	{"«فوق X», «في أجواء X»: what is over a city happened at that city, even a capital that elsewhere stands for its state",
		"اعترضت الدفاعات الجوية السعودية صاروخا باليستيا في أجواء الرياض مساء أمس",
		want{sub: "Disrupted weapons use", actor1: "STATE:SAU", place: "Riyadh"}},
	{"who claims an attack did it, and «أو ما يعرف بـ» gives the same group a second name, not an alternative",
		"تبنى تنظيم الدولة الإسلامية أو ما يعرف بداعش هجوما بسكين استهدف ثلاثة أشخاص في العاصمة الباكستانية، إسلام آباد، أمس",
		want{sub: "Attack", actor1: "ISIS", actor2: "CIVILIANS", place: "Islamabad"}},
	{"«أحد عناصر X» counts one dead",
		"قتل أحد عناصر الشرطة العراقية في هجوم مسلح على حاجز قرب مدينة تكريت أمس",
		want{actor2: "STATE:IRQ", dead: "1"}},
	{"a death denied («دون أن يقتل أحد») is a toll of 0",
		"انفجرت عبوة ناسفة قرب دورية للشرطة في مدينة تكريت أمس دون أن يقتل أحد",
		want{sub: "Remote explosive/landmine/IED", dead: "0"}},
	{"two protesters killed dispersing a protest: lethal force on protesters, counted two",
		"قتل متظاهران وأصيب العشرات برصاص قوات الأمن خلال تفريق احتجاجات في مدينة الناصرية أمس",
		want{sub: "Excessive force against protesters", actor1: "STATE:IRQ", actor2: "PROTESTERS", dead: "2"}},
	{"a quoted site name after its head noun is the site; the force it belongs to, even past the name, is hit",
		"أعلنت فصائل عراقية استهداف قاعدة \"حرير\"، التابعة للقوات الأميركية، بطائرة مسيرة أمس",
		want{sub: "Air/drone strike", actor2: "STATE:USA", place: "Harir air base"}},
	{"a region after a base says where the base is: the base is the place",
		"سقطت ثلاثة صواريخ على قاعدة عين الأسد غرب العراق أمس",
		want{sub: "Shelling/artillery/missile attack", actor2: "STATE:USA", place: "Ain al-Asad air base"}},
	{"«المقاومة في العراق» names the Iraqi armed factions",
		"أعلنت المقاومة في العراق استهداف قاعدة التنف بطائرة مسيرة أمس",
		want{sub: "Air/drone strike", actor1: "IRAN-MILITIAS", actor2: "STATE:USA"}},
	{"two strikes (a dual) on a market in Yemen: the coalition's, on civilians",
		"قتل عشرة أشخاص في غارتين استهدفتا سوقا شعبيا في مدينة الحديدة أمس",
		want{sub: "Air/drone strike", actor1: "ARAB-COALITION", actor2: "CIVILIANS", dead: "10"}},
	{"who holds the town struck is not who struck it",
		"قتل عشرة أشخاص في غارات جوية على مدينة صعدة الخاضعة لسيطرة الحوثيين أمس",
		want{sub: "Air/drone strike", actor1: "ARAB-COALITION", actor2: "-", dead: "10"}},
	{"armed men a group says it struck are not that group, nor Israel away from its front",
		"أعلن حزب الله أنه استهدف مواقع المسلحين في جرود عرسال صباح اليوم",
		want{actor1: "HEZBOLLAH", actor2: "-"}},
	{"an assassination kills the one person named",
		"اغتال مسلحون مجهولون ناشطا مدنيا في مدينة البصرة أمس",
		want{sub: "Attack", actor1: "UNIDENTIFIED", actor2: "CIVILIANS", dead: "1"}},
	{"an attempted assassination killed no one",
		"نجا مهندس من محاولة اغتيال برصاص مسلحين في مدينة كركوك أمس",
		want{sub: "Attack", dead: "-"}},
	{"a ministry of defence that announces a strike speaks for the army that made it",
		"أعلنت وزارة الدفاع العراقية استهداف مقرات لتنظيم داعش في وادي حوران أمس",
		want{actor1: "STATE:IRQ", actor2: "ISIS"}},
	{"one gunman killed: the accusative singular counts one",
		"قتل الجيش مسلحا قرب مدينة الرمادي أمس",
		want{sub: "Armed clash", actor1: "STATE:IRQ", dead: "1"}},
	{"a soldier killed by gunmen: the state's",
		"قتل مسلحون جنديا قرب مدينة الرمادي أمس",
		want{sub: "Armed clash", actor1: "UNIDENTIFIED", actor2: "STATE:IRQ", dead: "1"}},
	{"a cell leader killed: the group of his cell is hit",
		"قتلت قوات الأمن أمير خلية لداعش في مدينة الرمادي أمس",
		want{sub: "Armed clash", actor1: "STATE:IRQ", actor2: "ISIS", dead: "1"}},
	{"a drone on a base held by foreign forces hits them",
		"استهدفت طائرة مسيرة قاعدة التنف أمس",
		want{sub: "Air/drone strike", actor2: "STATE:USA", place: "Al-Tanf garrison"}},
	{"a post on occupied ground is Israel's",
		"استهدف مقاتلو حزب الله بالصواريخ موقع رويسات العلم أمس",
		want{actor1: "HEZBOLLAH", actor2: "STATE:ISR", place: "Ruwaisat al-Alam post"}},
	{"engineers kidnapped by unknown gunmen: gunmen are an armed side",
		"خطف مسلحون مجهولون ثلاثة مهندسين أتراك في مدينة سرت أمس",
		want{sub: "Abduction/forced disappearance", actor1: "UNIDENTIFIED", place: "Sirte"}},
	{"«أغار» is a raid: from the air when aircraft do it",
		"أغار الطيران الحربي الروسي على مواقع للفصائل في جبل الزاوية أمس",
		want{sub: "Air/drone strike", actor1: "STATE:RUS"}},
	{"the dead's group and the force fought are the clash's two sides",
		"قتل 4 من عناصر قوات الدعم السريع في اشتباكات مع الجيش السوداني في مدينة الفاشر أمس",
		want{sub: "Armed clash", actor1: "LOCAL-ARMED", actor2: "STATE:SDN", dead: "4"}},
	{"a soldier counted among the dead is hit, not the attacker",
		"قتل جندي مصري وأصيب اثنان في هجوم مسلح على كمين أمني في شمال سيناء أمس",
		want{sub: "Armed clash", actor1: "-", actor2: "STATE:EGY", dead: "1"}},
	{"a village head killed by gunmen is a civilian",
		"قتل مسلحون مجهولون مختار قرية في ريف دير الزور الشرقي أمس",
		want{sub: "Attack", actor1: "UNIDENTIFIED", actor2: "CIVILIANS", dead: "1"}},
	{"a force that fires tear gas «to disperse» protesters intervenes; the protesters do not own the gas",
		"أطلقت قوات الأمن السودانية الغاز المسيل للدموع لتفريق متظاهرين في الخرطوم أمس",
		want{sub: "Protest with intervention", actor1: "PROTESTERS", actor2: "STATE:SDN"}},
	{"protesters who burn a party's office riot",
		"أحرق محتجون غاضبون مقر حزب الدعوة في مدينة الناصرية أمس",
		want{sub: "Violent demonstration", actor1: "PROTESTERS"}},
	{"a town abroad called a town is meant without its country named",
		"فجر انتحاري نفسه داخل مسجد في مدينة القطيف ما أدى إلى مقتل 21 مصليا",
		want{sub: "Suicide bomb", actor2: "CIVILIANS", place: "Al Qatif", dead: "21"}},
	{"a bus attacked, passengers hit",
		"تعرضت حافلة تقل زوارا لهجوم بالأسلحة الخفيفة في سامراء أمس",
		want{sub: "Attack", actor2: "CIVILIANS", place: "Sāmarrā’"}},
	{"a convoy hit by bombs, soldiers wounded",
		"أصيب ثلاثة جنود عندما تعرض رتل عسكري لهجوم بعدة عبوات في تكريت أمس",
		want{sub: "Remote explosive/landmine/IED", actor2: "STATE:IRQ", place: "Tekrit", dead: "-"}},
	{"a man beaten to death by gunmen",
		"لقي شخص حتفه بعد تعرضه للضرب على أيدي مسلحين في الموصل أمس",
		want{sub: "Attack", actor1: "UNIDENTIFIED", actor2: "CIVILIANS", place: "Mosul", dead: "1"}},
	{"tear gas on protesters: the police are the force",
		"أطلقت الشرطة الغاز المسيل للدموع على متظاهرين في البصرة",
		want{sub: "Protest with intervention", actor1: "PROTESTERS", actor2: "STATE:IRQ", place: "Basra"}},
	{"security forces clash with gunmen",
		"اشتبكت قوات الأمن مع مسلحين في بنغازي",
		want{sub: "Armed clash", actor1: "STATE:LBY", actor2: "UNIDENTIFIED"}},
	{"two soldiers killed at a checkpoint",
		"قتل جنديان في هجوم لمسلحين على حاجز في الموصل أمس",
		want{sub: "Armed clash", actor1: "UNIDENTIFIED", actor2: "STATE:IRQ", place: "Mosul", dead: "2"}},
	{"a checkpoint attacked in Sinai",
		"قتل جنديان في هجوم لمسلحين على حاجز في العريش أمس",
		want{sub: "Armed clash", actor1: "UNIDENTIFIED", actor2: "STATE:EGY", place: "Al ‘Arīsh", dead: "2"}},
	{"an IED by a governor's office in Afghanistan",
		"انفجرت عبوة ناسفة بالقرب من مقر حاكم قندهار أمس",
		want{sub: "Remote explosive/landmine/IED", actor1: "-", place: "Kandahar"}},
	{"a suicide attack in a capital outside the Arab world",
		"قتل خمسة أشخاص في هجوم انتحاري في إسلام آباد أمس",
		want{sub: "Suicide bomb", actor2: "CIVILIANS", place: "Islamabad", dead: "5"}},
	{"gunmen of a named group storm a hotel",
		"اقتحم مسلحون من حركة الشباب فندقا في مقديشو وقتلوا عشرة أشخاص",
		want{sub: "Attack", actor1: "AL-SHABAAB", actor2: "CIVILIANS", place: "Mogadishu", dead: "10"}},
	{"killed and wounded counted together: 3 (ANNOTATION.md)",
		"سقط أكثر من 40 قتيلا وجريحا في انفجار سيارة مفخخة في بغداد أمس",
		want{sub: "Remote explosive/landmine/IED", dead: "3"}},
	{"the dead and the wounded counted apart",
		"قتل أكثر من 40 شخصا وجرح العشرات بانفجار سيارة مفخخة وسط بغداد أمس",
		want{sub: "Remote explosive/landmine/IED", dead: "40"}},
	{"an IED with no one named",
		"انفجرت عبوة ناسفة على طريق في بعقوبة أمس",
		want{sub: "Remote explosive/landmine/IED", actor1: "-", place: "Ba‘qūbah"}},
	{"an air strike named by its aircraft",
		"استهدفت طائرات التحالف الدولي مواقع لداعش قرب الرقة يوم الأحد",
		want{sub: "Air/drone strike", actor1: "COALITION", actor2: "ISIS"}},
	{"ground retaken by the army",
		"استعاد الجيش العراقي السيطرة على بلدة القيارة بعد معارك مع داعش",
		want{sub: "Government regains territory", actor1: "STATE:IRQ"}},
	{"a leader killed: one dead",
		"قتل قيادي في داعش في غارة للتحالف الدولي على الرقة",
		want{sub: "Air/drone strike", actor1: "COALITION", actor2: "ISIS", dead: "1"}},
	{"arrests by an armed group that runs prisons",
		"اعتقلت قوات سوريا الديمقراطية خمسة أشخاص في مدينة الرقة",
		want{sub: "Arrests", actor1: "SDF"}},
	{"excessive force: the force first",
		"قتل متظاهر برصاص قوات الأمن العراقية في البصرة",
		want{sub: "Excessive force against protesters", actor1: "STATE:IRQ", actor2: "PROTESTERS", dead: "1"}},
	{"a peaceful protest has no second side",
		"تظاهر المئات أمام مقر الحكومة المحلية في البصرة",
		want{sub: "Peaceful protest", actor1: "PROTESTERS", actor2: "-"}},
	{"a strike inside Syria near the Iraqi border is placed in the border area, a named region",
		"قصفت طائرات عراقية أمس مواقع لتنظيم داعش في سوريا قرب الحدود العراقية",
		want{sub: "Air/drone strike", actor1: "STATE:IRQ", place: "Syria-Iraq border area"}},
	{"of a coordinated subject the first named leads",
		"تمكنت القوات الحكومية والمقاومة الشعبية، بإسناد من طيران التحالف، من السيطرة على مطار الحديدة أمس",
		want{sub: "Government regains territory", actor1: "STATE:YEM"}},
	{"the Kurds as a side of the war in Syria",
		"تخوض القوات التركية، بدعم من فصائل معارضة، معارك عنيفة مع الأكراد قرب منبج منذ يومين",
		want{sub: "Armed clash", actor1: "STATE:TUR", actor2: "SDF"}},
	{"a later expulsion told in a relative clause is its own event, the antecedent expelled",
		"طردت قوات العشائر تنظيم داعش من مدينة سرت في آب 2016 بعد معارك عنيفة",
		want{sub: "Non-state actor overtakes territory", actor1: "LOCAL-ARMED", actor2: "ISIS"}},
	{"civilians killed in a clash between two named sides are its toll, not a side",
		"اندلعت اشتباكات عنيفة بين قوات الدعم السريع والجيش السوداني في مدينة الفاشر أسفرت عن مقتل 15 مدنيا",
		want{sub: "Armed clash", actor2: "STATE:SDN", dead: "15"}},
	{"persons joined after a membership phrase are counted with the first",
		"قتل ضابط في الجيش اللبناني وجنديان في اشتباك مع مسلحين في بلدة عرسال",
		want{sub: "Armed clash", actor1: "STATE:LBN", dead: "3"}},
	{"a journalist shot dead by nobody named is a civilian attacked",
		"قتلت المذيعة رميا بالرصاص في مدينة كركوك أمس",
		want{sub: "Attack", actor2: "CIVILIANS", dead: "1"}},
	{"a raid that kills is a fight",
		"داهمت قوات الأمن العراقية وكرا لتنظيم داعش في صحراء الأنبار وقتلت خمسة مسلحين",
		want{sub: "Armed clash", actor1: "STATE:IRQ", dead: "5"}},
	{"a march the police broke up, with arrests, is a protest with intervention",
		"فرقت الشرطة الجزائرية مسيرة للطلاب في العاصمة الجزائر واعتقلت عددا منهم",
		want{sub: "Protest with intervention", actor1: "PROTESTERS", actor2: "STATE:DZA"}},
	{"a date between the death verb and the one killed",
		"قتل يوم الخميس الماضي، صحفي معروف بإطلاق نار في مدينة الموصل",
		want{sub: "Attack", actor2: "CIVILIANS", dead: "1"}},
	{"people who set a fire, the subject between the verb and the fire, riot",
		"أضرم عشرات الشبان الغاضبين النار في مبنى البلدية وسط مدينة الناصرية",
		want{sub: "Violent demonstration", actor1: "PROTESTERS"}},
	{"a riot: protesters first",
		"هاجم متظاهرون غاضبون مقر حزب في البصرة وأضرموا فيه النار",
		want{sub: "Violent demonstration", actor1: "PROTESTERS"}},
	{"the bomber dead besides those counted is counted too",
		"قتل ثلاثة أشخاص في تفجير انتحاري في سوق بمدينة بعقوبة أمس فضلا عن الانتحاري",
		want{sub: "Suicide bomb", actor2: "CIVILIANS", dead: "4"}},
	{"two attackers dead besides one person",
		"أدى الهجوم على السوق في مدينة كركوك إلى مقتل شخص بالإضافة إلى مقتل المهاجمين",
		want{dead: "3"}},
	{"the wounded besides the dead are not counted",
		"قتل خمسة مدنيين في سوق مدينة كركوك أمس إضافة إلى إصابة عشرين",
		want{dead: "5"}},
	{"an unnamed armed group is unidentified",
		"اندلعت اشتباكات عنيفة بين الجيش الليبي ومجموعات مسلحة في جنوب طرابلس أمس",
		want{sub: "Armed clash", actor1: "STATE:LBY", actor2: "UNIDENTIFIED"}},
	{"gunmen said to belong to a named group are that group",
		"هاجم مسلحون تابعون لحركة الشباب قاعدة للجيش في بلدة جوهر أمس",
		want{sub: "Armed clash", actor1: "AL-SHABAAB", actor2: "STATE:SOM"}},
	{"settlers who attack are a side; the Palestinians hit are civilians",
		"هاجم مستوطنون منازل الفلسطينيين في قرية بورين جنوب نابلس وأحرقوا سيارتين",
		want{sub: "Attack", actor1: "LOCAL-ARMED", actor2: "CIVILIANS"}},
	{"a settler hit is a civilian",
		"قتل مستوطن في عملية طعن قرب مفترق طرق جنوب نابلس أمس",
		want{sub: "Attack", actor2: "CIVILIANS", dead: "1"}},
	{"migrants shot by border guards are civilians attacked by the state",
		"قتل ثلاثة مهاجرين برصاص حرس الحدود قرب مدينة الكفرة أمس",
		want{sub: "Attack", actor1: "STATE:LBY", actor2: "CIVILIANS", dead: "3"}},
	{"a son killed by gunmen of a named group",
		"تحدث الأب عن مقتل ابنه برصاص مسلحين تابعين للحوثيين في مدينة صنعاء أمس",
		want{sub: "Attack", actor1: "HOUTHIS", actor2: "CIVILIANS", dead: "1"}},
	{"two parties joined before an agreement",
		"توصلت الحكومة اليمنية والحوثيون إلى اتفاق لتبادل الأسرى في مدينة الحديدة أمس",
		want{sub: "Agreement", actor1: "STATE:YEM", actor2: "HOUTHIS"}},
	{"the dual object of a killing by gunmen is the toll",
		"أطلق مسلحون النار على سيارة شرطة في مدينة الرمادي فقتلوا شرطيين",
		want{sub: "Armed clash", actor1: "UNIDENTIFIED", actor2: "STATE:IRQ", dead: "2"}},
	{"a square of the uprisings named alone places a sit-in broken up",
		"فضت قوات الأمن البحرينية اعتصام دوار اللؤلؤ بالقوة",
		want{sub: "Protest with intervention", actor2: "STATE:BHR", place: "Pearl Roundabout"}},
	{"a state's drone shot down is a missile attack on that state by the side that downed it",
		"أعلن الحوثيون إسقاط طائرة أمريكية مسيرة في أجواء محافظة مأرب",
		want{sub: "Shelling/artillery/missile attack", actor1: "HOUTHIS", actor2: "STATE:USA"}},
	{"the side that downed a state's drone with a verb before it is the doer, the drone's state the target",
		"أسقط الحوثيون طائرة مسيرة أمريكية فوق محافظة صعدة أمس",
		want{sub: "Shelling/artillery/missile attack", actor1: "HOUTHIS", actor2: "STATE:USA"}},
	{"a state's drone downed, said in the passive, is a missile attack on that state",
		"وأسقطت طائرة مسيرة تركية فوق ريف دهوك الأسبوع الماضي",
		want{sub: "Shelling/artillery/missile attack", actor2: "STATE:TUR"}},
	{"an arrest made because of a group's attacks is the arrest, and the group no side of it",
		"اعتقلت الشرطة العراقية عشرة أشخاص في مدينة الموصل بسبب هجمات داعش",
		want{sub: "Arrests", actor1: "STATE:IRQ"}},
	{"a place in the circumstances a sentence is set in does not place its news",
		"وتبنت الفصائل العراقية هجوما على قاعدة أمريكية في ريف الحسكة في ظل الغارات المتواصلة على مدينة رفح",
		want{sub: "Armed clash", actor1: "IRAN-MILITIAS", place: "Al-Hasakeh"}},
	{"a knife attack that names nobody armed hit strikes civilians",
		"نفذ رجل هجوما بسكين في محطة القطارات بمدينة الإسكندرية مساء السبت",
		want{sub: "Attack", actor2: "CIVILIANS"}},
	{"weeks of shelling on a town are a campaign of their own, many occurrences",
		"ويأتي ذلك بعد أيام من القصف المكثف على مدينة دوما",
		want{sub: "Shelling/artillery/missile attack", place: "Douma"}},
	{"a clash between armed factions with civilians among its dead stays a clash",
		"أسفرت الاشتباكات بين الفصائل المسلحة في طرابلس عن مقتل 12 شخصا بينهم مدنيون",
		want{sub: "Armed clash", actor1: "LOCAL-ARMED", dead: "12"}},
	{"the army named bare in the West Bank is Israel's: the Palestinian Authority has no army",
		"شيع الآلاف جثامين ثلاثة شبان قتلوا أمس برصاص الجيش في مخيم جنين",
		want{sub: "Attack", actor1: "STATE:ISR", actor2: "CIVILIANS", dead: "3"}},
	{"a drone attack a side repelled is an interception by that side",
		"أعلنت وزارة الدفاع الروسية أن قواتها صدت هجوما بطائرات مسيرة على قاعدة حميميم",
		want{sub: "Disrupted weapons use", actor1: "STATE:RUS"}},
	{"the airfield of a town («مطار X») places the strike at that town",
		"استهدفت غارة إسرائيلية مطار الضبعة العسكري قرب حمص أمس",
		want{sub: "Air/drone strike", actor1: "STATE:ISR", place: "Ad Dab`ah"}},
	{"areas the government holds, shelled, are its side",
		"قصف المسلحون مناطق حكومية في ريف حمص الشمالي مساء الأربعاء",
		want{sub: "Shelling/artillery/missile attack", actor2: "STATE:SYR"}},
	{"the side a town fell under the grip of took it, however far the date parts them",
		"وسقطت مدينة سرت في عام 2014 تحت قبضة تنظيم داعش",
		want{sub: "Non-state actor overtakes territory", actor1: "ISIS", place: "Sirte"}},
	{"a text that says nobody was hurt gives a toll of 0, not none",
		"سقط صاروخ في منطقة مفتوحة قرب مدينة سديروت دون وقوع إصابات",
		want{sub: "Shelling/artillery/missile attack", dead: "0"}},
	{"one said to be killed with his companions while rigging a building: a disrupted weapon, all of them dead",
		"أفاد مصدر بأن أحد خبراء المتفجرات في التنظيم لقي حتفه مع ثلاثة من مرافقيه بانفجار داخل منزل في قضاء سنجار أثناء محاولة تفخيخه",
		want{sub: "Disrupted weapons use", place: "Sinjar", dead: "4"}},
	{"fighters a state says it «neutralised» were fought",
		"أعلنت وزارة الدفاع التركية الجمعة تحييد 7 مسلحين من حزب العمال الكردستاني في منطقة جبلية شمال العراق",
		want{sub: "Armed clash", actor1: "STATE:TUR", actor2: "PKK"}},
	{"live fire to disperse protesters: the force intervened, the protesters are no doers",
		"أطلقت قوات الأمن الرصاص الحي لتفريق المتظاهرين أمام مقر البرلمان في بغداد",
		want{sub: "Protest with intervention", actor1: "PROTESTERS", actor2: "STATE:IRQ"}},
	{"a liberation movement's name («حركة تحرير السودان») is a side, not ground taken",
		"اشتبكت قوات الجيش السوداني مع مسلحين من حركة تحرير السودان في منطقة جبل مرة بدارفور",
		want{sub: "Armed clash", actor1: "STATE:SDN", actor2: "LOCAL-ARMED"}},
	{"an Israeli post of the Kfarshouba hills spelled like a Jordanian town is the post after «موقع»",
		"أعلن حزب الله أن مقاتليه استهدفوا موقع الرمثا في تلال كفرشوبا بالأسلحة المناسبة",
		want{sub: "Shelling/artillery/missile attack", actor1: "HEZBOLLAH", actor2: "STATE:ISR", place: "Ramta post"}},
	{"a bomber killed before he blew himself up is a bombing stopped",
		"أعلنت وزارة الداخلية العراقية مقتل انتحاري قبل تفجير نفسه في سوق ببغداد",
		want{sub: "Disrupted weapons use", actor1: "STATE:IRQ", place: "Baghdad"}},
	{"a party named for its call («حزب الدعوة») is no demand that makes an attack on it hypothetical",
		"تعرض مقر حزب الدعوة في مدينة الكوت لهجوم بعبوة ناسفة فجر اليوم",
		want{sub: "Remote explosive/landmine/IED", place: "Al Kūt"}},
	{"a woman and her two children killed are three dead",
		"قتلت امرأة وطفلاها في قصف مدفعي استهدف منزلهم في بلدة كفرنبل",
		want{sub: "Shelling/artillery/missile attack", actor2: "CIVILIANS", dead: "3"}},
	{"a drone a side sent at a target and shot down is an interception",
		"أسقطت الدفاعات الجوية طائرة مسيرة أطلقها المسلحون باتجاه قاعدة حميميم",
		want{sub: "Disrupted weapons use"}},
	{"a rocket attack on a base is a missile attack, not a clash",
		"تعرضت قاعدة عين الأسد لهجوم صاروخي مساء الثلاثاء",
		want{sub: "Shelling/artillery/missile attack", actor2: "STATE:USA"}},
	{"unnamed militias fighting are unidentified",
		"اندلعت اشتباكات عنيفة في مدينة مصراتة بين ميليشيات مسلحة أمس",
		want{sub: "Armed clash", actor1: "UNIDENTIFIED"}},
	{"a bomb that blew up in its makers' hands is a disrupted weapon, not a fight",
		"قتل ثلاثة مسلحين بانفجار عبوة ناسفة كانوا يعدونها في منزل بقضاء الحويجة",
		want{sub: "Disrupted weapons use", dead: "3"}},
	{"an ammunition depot that blew up with no strike told went off by accident",
		"انفجر مستودع للذخيرة تابع لفصيل مسلح في بلدة الدانا بريف إدلب ما أدى إلى مقتل خمسة",
		want{sub: "Disrupted weapons use", dead: "5"}},
	{"a depot blown up by an air strike is the air strike",
		"استهدفت غارة جوية مستودع ذخيرة في بلدة الدانا بريف إدلب ما أدى إلى انفجاره",
		want{sub: "Air/drone strike"}},
	{"each side's dead told one after the other are one battle's, both sides named, the tolls added",
		"اندلعت معارك عنيفة قرب مدينة البوكمال قتل فيها 12 عنصرا من قوات النظام، فيما قتل 8 من مسلحي التنظيم",
		want{sub: "Armed clash", actor1: "ISIS", actor2: "STATE:SYR", dead: "20"}},
	{"the other side's dead told in the next sentence by a reference back to the fighting",
		"قتل 12 عنصرا من قوات النظام في المعارك قرب مدينة البوكمال. كما قتل 8 من مسلحي داعش في المعارك ذاتها",
		want{sub: "Armed clash", actor1: "ISIS", actor2: "STATE:SYR", dead: "20"}},
	{"a village's residents killed by a force are civilians attacked",
		"هاجمت قوات الدعم السريع قرية في ولاية الجزيرة وقتلت العشرات من سكانها",
		want{sub: "Attack", actor1: "LOCAL-ARMED", actor2: "CIVILIANS"}},
	{"a mosque bombed hit civilians",
		"استهدف تفجير انتحاري مسجدا للشيعة في مدينة قندهار أثناء صلاة الجمعة",
		want{sub: "Suicide bomb", actor2: "CIVILIANS"}},
	{"the troops whose gathering was shelled are the side hit, the announcer did it",
		"سرايا القدس تعلن قصف تحشدات جنود الاحتلال في محور نتساريم بقذائف الهاون",
		want{sub: "Shelling/artillery/missile attack", actor1: "PIJ", actor2: "STATE:ISR"}},
	{"who was among the dead, told after the toll, breaks it down and leaves it whole",
		"انفجرت سيارة مفخخة في سوق بمدينة كركوك أمس ما أدى إلى مقتل عشرين شخصا. وكان بين القتلى سبعة أطفال وامرأتان",
		want{sub: "Remote explosive/landmine/IED", dead: "20"}},
	{"who launched the shells («أطلقتها فصائل المعارضة») fired them",
		"أصيب خمسة مدنيين بجروح جراء سقوط قذائف صاروخية على أحياء سكنية في مدينة حلب أطلقتها فصائل المعارضة",
		want{sub: "Shelling/artillery/missile attack", actor1: "FSA", actor2: "CIVILIANS"}},
	{"a house blown up with no one hurt is property destroyed",
		"فجر مسلحون منزل ضابط في الجيش العراقي في قضاء الطارمية",
		want{sub: "Looting/property destruction", actor1: "UNIDENTIFIED"}},
	{"aid trucks seized are looting, not ground taken",
		"استولى مسلحون على شاحنات محملة بالمساعدات الإنسانية في ولاية جنوب دارفور",
		want{sub: "Looting/property destruction", actor1: "UNIDENTIFIED"}},
	{"each side's dead counted with its name between are added",
		"قتل 14 عنصرا من قوات النظام والمسلحين الموالين لها، و11 من مقاتلي هيئة تحرير الشام في معارك بريف إدلب أمس",
		want{sub: "Armed clash", dead: "25"}},
	{"a person named by nationality alone and killed is a civilian, and one dead",
		"استشهد فلسطيني برصاص قوات الاحتلال في مخيم جنين أمس",
		want{sub: "Attack", actor1: "STATE:ISR", actor2: "CIVILIANS", dead: "1"}},
	{"a soldier with a nationality is his state's, not a civilian",
		"قتل جندي إسرائيلي برصاص قناص قرب مدينة نابلس أمس",
		want{sub: "Armed clash", actor2: "STATE:ISR", dead: "1"}},
	{"whom an execution takes is dead, a head noun of the group standing between",
		"أعدمت خلايا داعش شابا رميا بالرصاص بتهمة التعامل مع قسد في بلدة الصبحة",
		want{sub: "Attack", actor1: "ISIS", actor2: "CIVILIANS", dead: "1"}},
	{"a bomb that went off while its makers rigged a house is a disrupted weapon; the one named and his aides are the dead",
		"قتل قيادي في التنظيم مع اثنين من مرافقيه بانفجار داخل منزل في قضاء الحويجة أثناء محاولة تفخيخه",
		want{sub: "Disrupted weapons use", dead: "3"}},
	{"the one named «with» a count of his companions is one more",
		"قتل القائد مع ثلاثة من مرافقيه في غارة على سيارتهم قرب مدينة إدلب أمس",
		want{sub: "Air/drone strike", dead: "4"}},
	{"an execution on a charge of dealing with a country is placed where it was done",
		"أعدمت حركة حماس ثلاثة متهمين بالتخابر مع إسرائيل في مدينة غزة أمس",
		want{sub: "Attack", actor1: "HAMAS", place: "Gaza", dead: "3"}},
}

func TestCoding(t *testing.T) {
	x := extractor(t)
	for _, tc := range codingCases {
		t.Run(tc.name, func(t *testing.T) {
			res, fired := x.Trace(sentence(tc.text))
			if len(res.Events) != 1 {
				t.Fatalf("%d events, want 1 (rules fired: %v)", len(res.Events), fired)
			}
			e := res.Events[0]
			check := func(field, got, want string) {
				if want != "" && got != want {
					t.Errorf("%s = %q, want %q (rule: %s)", field, got, want, e.Rule)
				}
			}
			check("sub_event_type", e.SubEventType, tc.want.sub)
			check("actor1", idOr(e.Actor1), tc.want.actor1)
			check("actor2", idOr(e.Actor2), tc.want.actor2)
			if e.Location != nil {
				check("place", e.Location.NameEN, tc.want.place)
			}
			dead := "-"
			if e.Fatalities != nil {
				dead = strconv.Itoa(e.Fatalities.Count)
			}
			check("fatalities", dead, tc.want.dead)
		})
	}
}

func idOr(a *event.Actor) string {
	if a == nil {
		return "-"
	}
	return a.ID
}

// TestCutAfterEveryWord runs the extractor on every test sentence of the
// rule book and of this file cut after each word, so that an index past
// the end of a sentence, a clause or the text shows up as a panic here.
func TestCutAfterEveryWord(t *testing.T) {
	x := extractor(t)
	var texts []string
	for _, r := range x.Book().Rules {
		texts = append(texts, r.Yes...)
		texts = append(texts, r.No...)
	}
	for _, tc := range codingCases {
		texts = append(texts, tc.text)
	}
	for _, s := range texts {
		rs := []rune(s)
		for i, r := range rs {
			if !unicode.IsSpace(r) {
				continue
			}
			if _, err := x.ExtractSafe(sentence(string(rs[:i]))); err != nil {
				t.Errorf("%q: %v", string(rs[:i]), err)
			}
		}
	}
}

// A bulletin printed twice on its page reports each occurrence once: the
// repeated sentences add no event, and a short formula that recurs is not
// taken for a copy.
// TestGroundChangesHandsAgain: a town that fell to one side and was
// taken from it later, told in one sentence, is two events, the second
// with the first taker as the side driven out.
func TestGroundChangesHandsAgain(t *testing.T) {
	x := extractor(t)
	res, fired := x.Trace(sentence("وسقطت مدينة سرت في عام 2014 بيد تنظيم داعش الذي طردته قوات العشائر منها في آب 2016 بعد معارك عنيفة"))
	if len(res.Events) != 2 {
		t.Fatalf("%d events, want 2 (rules fired: %v)", len(res.Events), fired)
	}
	first, second := res.Events[0], res.Events[1]
	if idOr(first.Actor1) != "ISIS" || first.Date == nil || first.Date.Start[:4] != "2014" {
		t.Errorf("first taking: %s → %s, %+v (%s)", idOr(first.Actor1), idOr(first.Actor2), first.Date, first.Rule)
	}
	if idOr(second.Actor1) != "LOCAL-ARMED" || idOr(second.Actor2) != "ISIS" || second.Date == nil || second.Date.Start[:4] != "2016" {
		t.Errorf("second taking: %s → %s, %+v (%s)", idOr(second.Actor1), idOr(second.Actor2), second.Date, second.Rule)
	}
}

// TestBesidesAnotherAct: «فضلا عن» and another act after a comma open
// that act, at its own place, apart from the one told before.
func TestBesidesAnotherAct(t *testing.T) {
	x := extractor(t)
	res, fired := x.Trace(sentence("أعلنت الشرطة العراقية اعتقال مطلوب في مدينة الموصل، فضلا عن إحباط تهريب أسلحة في قضاء سنجار"))
	if len(res.Events) != 2 {
		t.Fatalf("%d events, want 2 (rules fired: %v)", len(res.Events), fired)
	}
	first, second := res.Events[0], res.Events[1]
	if first.SubEventType != "Arrests" || first.Location == nil || first.Location.NameEN != "Mosul" {
		t.Errorf("first: %s at %+v (%s)", first.SubEventType, first.Location, first.Rule)
	}
	if second.SubEventType != "Disrupted weapons use" || second.Location == nil || second.Location.NameEN != "Sinjar" {
		t.Errorf("second: %s at %+v (%s)", second.SubEventType, second.Location, second.Rule)
	}
}

// TestReleaseOfThoseTakenBefore: a release and the abduction «كان قد»
// recalls in a relative clause are two events, the abduction background.
func TestReleaseOfThoseTakenBefore(t *testing.T) {
	x := extractor(t)
	res, fired := x.Trace(sentence("أفرج تنظيم داعش عن 20 رهينة من أبناء القرية كان قد اختطفهم في ريف السويداء"))
	if len(res.Events) != 2 {
		t.Fatalf("%d events, want 2 (rules fired: %v)", len(res.Events), fired)
	}
	release, abduction := res.Events[0], res.Events[1]
	if release.SubEventType != "Other" || release.Background {
		t.Errorf("release: %s, background %v (%s)", release.SubEventType, release.Background, release.Rule)
	}
	if abduction.SubEventType != "Abduction/forced disappearance" || !abduction.Background {
		t.Errorf("abduction: %s, background %v (%s)", abduction.SubEventType, abduction.Background, abduction.Rule)
	}
}

// TestListPastAnUnknownItem: a list of places goes on past one item the
// gazetteer does not know; each known place is an event of its own.
func TestListPastAnUnknownItem(t *testing.T) {
	x := extractor(t)
	// «السنابل» stands for a village the gazetteer does not file.
	res, fired := x.Trace(sentence("قصفت الطائرات أمس بلدات معرة النعمان، السنابل، كفرنبل، خان شيخون في ريف إدلب"))
	var places []string
	for _, e := range res.Events {
		if e.Location != nil {
			places = append(places, e.Location.NameEN)
		}
	}
	if len(res.Events) != 3 {
		t.Fatalf("%d events at %v, want one at each of the three known places of the list (rules fired: %v)", len(res.Events), places, fired)
	}
}

// TestAlsoClauseAtAnotherPlace: «كما» and a strike on places of another
// kind a few kilometres off add occurrences of their own, each told by its
// clause rather than by the whole sentence.
func TestAlsoClauseAtAnotherPlace(t *testing.T) {
	x := extractor(t)
	res, fired := x.Trace(sentence("وتابع أنه قتل خمسة مواطنين بقصف إسرائيلي على حي الشجاعية شرق مدينة غزة، كما سقط قتلى آخرون في غارات إسرائيلية طالت مخيمي البريج والمغازي وسط القطاع"))
	if len(res.Events) != 3 {
		t.Fatalf("%d events, want the strike on the neighbourhood and one at each camp (rules fired: %v)", len(res.Events), fired)
	}
	for _, e := range res.Events[1:] {
		if len(e.Evidence) == 0 || !strings.HasPrefix(e.Evidence[0].Text, "كما") {
			t.Errorf("%s: evidence %+v, want the «كما» clause", e.Location.NameEN, e.Evidence)
		}
	}
}

// TestTollAgainAtTheNextPlace: «ومثلهم في …» gives the places after it as
// many dead as the one told first; «وآخر في …» one more at that place.
func TestTollAgainAtTheNextPlace(t *testing.T) {
	x := extractor(t)
	for _, c := range []struct {
		text  string
		tolls []int
	}{
		{"وفي الموصل قتل ثلاثة مدنيين ومثلهم في تلعفر وسنجار", []int{3, 3, 3}},
		{"قتل متظاهر في الكوت وآخر في العمارة برصاص قوات الأمن", []int{1, 1}},
	} {
		res, fired := x.Trace(sentence(c.text))
		var got []int
		for _, e := range res.Events {
			n := -1
			if e.Fatalities != nil {
				n = e.Fatalities.Count
			}
			got = append(got, n)
		}
		if !slices.Equal(got, c.tolls) {
			t.Errorf("%s: tolls %v, want %v (rules fired: %v)", c.text, got, c.tolls, fired)
		}
	}
}

// TestAmongTheDeadOfANamedAttack: the children among the dead of an
// attack told before are a subset of its toll and no event of their own.
func TestAmongTheDeadOfANamedAttack(t *testing.T) {
	x := extractor(t)
	res, fired := x.Trace(sentence("قتل 22 شخصا في هجوم انتحاري على حفل في مدينة الموصل مساء الأحد. ومن بين قتلى هجوم الموصل سبعة أطفال أصغرهم في الثامنة."))
	if len(res.Events) != 1 || res.Events[0].Fatalities == nil || res.Events[0].Fatalities.Count != 22 {
		t.Fatalf("events %+v, want one with 22 dead (rules fired: %v)", res.Events, fired)
	}
}

// TestOnThisDayList: the lines after a heading of the events of this day
// in past years are those events, without their year; the story after the
// list's end is news again.
func TestOnThisDayList(t *testing.T) {
	x := extractor(t)
	text := "في مثل هذا اليوم من عام 1956 بدأ العدوان الثلاثي على مصر، وهذه أبرز الأحداث التاريخية في مثل هذا اليوم.\n" +
		"الطائرات البريطانية تقصف مطارات القاهرة أثناء الحرب.\n" +
		"اندلاع معارك عنيفة في مدينة بورسعيد بين القوات المصرية والقوات الفرنسية.\n" +
		"\n" +
		"قتل ثلاثة جنود في هجوم لمسلحين على حاجز في مدينة العريش أمس."
	res, fired := x.Trace(sentence(text))
	if len(res.Events) != 1 || res.Events[0].Location == nil || res.Events[0].Location.NameAR != "العريش" {
		for _, e := range res.Events {
			t.Logf("%s %s", e.SubEventType, e.Evidence[0].Text)
		}
		t.Fatalf("%d events, want only the attack after the list (rules fired: %v)", len(res.Events), fired)
	}
}

// TestCampaignStartIsNoDate: a «منذ» span weeks back that a word of going
// on introduces is how long the campaign has lasted; the act told inside
// it keeps its own day.
func TestCampaignStartIsNoDate(t *testing.T) {
	x := extractor(t)
	doc := sentence("قتل ثلاثة متظاهرين برصاص الجيش في مسيرة ضمن الاحتجاجات المستمرة منذ الأول من مارس في مدينة البصرة")
	doc.Published = time.Date(2018, 6, 10, 0, 0, 0, 0, time.UTC)
	res, fired := x.Trace(doc)
	if len(res.Events) != 1 || res.Events[0].Date == nil || res.Events[0].Date.Start < "2018-06" {
		for _, e := range res.Events {
			t.Logf("%+v (%s)", e.Date, e.Rule)
		}
		t.Fatalf("want one event in the days before publication, not since March (rules fired: %v)", fired)
	}
}

func TestRepeatedSentencesCountOnce(t *testing.T) {
	x := extractor(t)
	bulletin := "قصفت طائرات التحالف مواقع لداعش في بلدة هجين شرق دير الزور فجر اليوم.\n" +
		"واشتبكت قوات سوريا الديمقراطية مع مسلحي داعش في قرية الباغوز صباح اليوم.\n"
	// Other news between the two copies, so that distance alone would keep
	// them apart.
	filler := strings.Repeat("وتحدث وزير الخارجية عن العلاقات الثنائية مع الدول المجاورة في مؤتمر صحفي.\n", 7)
	once := x.Extract(sentence(bulletin + filler)).Events
	twice := x.Extract(sentence(bulletin + filler + bulletin)).Events
	if len(once) != 2 || len(twice) != len(once) {
		t.Fatalf("%d events for the bulletin, %d for it printed twice; want 2 and 2", len(once), len(twice))
	}
}

// A reference back («وأسفرت الغارات …») that stays an event of its own,
// at another place than the strikes told, has their doer.
func TestReferenceBackTakesTheDoer(t *testing.T) {
	x := extractor(t)
	res, fired := x.Trace(sentence("شنت طائرات التحالف غارات على مواقع الحوثيين في مديرية حيس أمس. وأسفرت الغارات عن مقتل عشرة مسلحين في مديرية نهم."))
	if len(res.Events) != 2 {
		t.Fatalf("%d events, want 2 (rules fired: %v)", len(res.Events), fired)
	}
	for _, e := range res.Events {
		if got := idOr(e.Actor1); got != "ARAB-COALITION" {
			t.Errorf("event at %s: actor1 %s, want ARAB-COALITION (rule: %s)", e.Location.NameEN, got, e.Rule)
		}
	}
	// A definite cue with its own doer keeps it.
	res, _ = x.Trace(sentence("شنت طائرات التحالف غارات على مواقع الحوثيين في مديرية حيس أمس. وأسفرت الاشتباكات بين الحوثيين والجيش عن مقتل عشرة مسلحين في مديرية نهم."))
	for _, e := range res.Events {
		if e.Location != nil && e.Location.NameAR == "نهم" && idOr(e.Actor1) == "ARAB-COALITION" {
			t.Errorf("a clash took the doer of the strikes: %s", e.Rule)
		}
	}
}

// Two posts named in quotes under a dual cue, the weapon told after them,
// are two events, one at each post.
func TestQuotedListBeforeTheCue(t *testing.T) {
	wantTwoPlaces(t, "قصف المقاتلون موقعي \"المطلة\" و\"زرعيت\" بقذائف المدفعية صباح اليوم.", "two posts")
}

// wantTwoPlaces checks that text gives two events at two different places.
func wantTwoPlaces(t *testing.T, text, what string) {
	t.Helper()
	res, fired := extractor(t).Trace(sentence(text))
	var places []string
	for _, e := range res.Events {
		if e.Location != nil {
			places = append(places, e.Location.NameEN)
		}
	}
	if len(res.Events) != 2 || len(places) != 2 || places[0] == places[1] {
		t.Fatalf("events at %v, want %s (rules fired: %v)", places, what, fired)
	}
}

// Two places of a list, each followed by the wider place that locates it
// («قاعدة عين الأسد في الأنبار وقاعدة التنف في حمص»), are two events: the
// locator stands between them, and the second's head noun outside its name.
func TestListWithLocators(t *testing.T) {
	wantTwoPlaces(t, "أعلنت الفصائل استهداف قاعدة عين الأسد في الأنبار وقاعدة التنف في حمص بالطائرات المسيرة فجر اليوم.", "the two bases")
}

// A new cue over a list of places tells a strike at each town listed, even
// at a town where an earlier sentence told another strike; a reference
// back («الغارات») over the same list is the strikes told before.
func TestListAfterAnEventAtOneOfItsTowns(t *testing.T) {
	x := extractor(t)
	at := func(text string) map[string]int {
		res, _ := x.Trace(sentence(text))
		n := map[string]int{}
		for _, e := range res.Events {
			if e.Location != nil {
				n[e.Location.NameEN]++
			}
		}
		return n
	}
	first := "قتل ثلاثة مدنيين في غارة إسرائيلية على منزل في مدينة دير البلح وسط قطاع غزة صباح اليوم. "
	got := at(first + "وذكر المراسل أن طائرات إسرائيلية قصفت مساء اليوم بيت حانون ودير البلح.")
	if got["Dayr al Balaḩ"] != 2 || got["Beit Hanun"] != 1 {
		t.Errorf("a new strike over two towns after a strike at one of them: events at %v, want two at Dayr al Balaḩ and one at Beit Hanun", got)
	}
}

// A region that lies in one district («شمال قطاع غزة») is not where a
// strike in another district was told: two events, not one.
func TestDistrictRegionStaysApart(t *testing.T) {
	x := extractor(t)
	res, fired := x.Trace(sentence("قصفت المدفعية الإسرائيلية حي الشجاعية في مدينة غزة صباح اليوم. وشنت الطائرات الإسرائيلية غارات على شمال قطاع غزة."))
	if len(res.Events) != 2 {
		t.Fatalf("%d events, want 2 (rules fired: %v)", len(res.Events), fired)
	}
}

// The unpunctuated title of another story printed inside the body takes
// neither its own event nor this story's: a chemical attack named in a
// link line does not become the type of the missile strike told around it.
// A dashed item of a list stays the body's.
func TestLinkTitleInTheBody(t *testing.T) {
	x := extractor(t)
	text := "قصفت طائرات إسرائيلية مطار الضمير العسكري قرب دمشق فجر اليوم.\n" +
		"وقالت وسائل إعلام رسمية إن الدفاعات الجوية تصدت لعدد من الصواريخ.\n" +
		"عشرات القتلى في هجوم بغاز سام على بلدة في ريف إدلب\n" +
		"وأضافت أن أضرارا مادية لحقت بالمطار.\n"
	evs := x.Extract(sentence(text)).Events
	if len(evs) != 1 || evs[0].SubEventType != "Air/drone strike" {
		t.Fatalf("events %+v, want one air strike", evs)
	}
	list := "أعلن الجيش الأمريكي أنه قصف ثلاثة مواقع في سوريا فجر اليوم.\n" +
		"- مركز للأبحاث قرب مدينة حمص استهدف بعشرين صاروخا\n" +
		"وقال إن الضربات انتهت قبل الفجر.\n"
	for _, e := range x.Extract(sentence(list)).Events {
		for _, sp := range e.Evidence {
			if strings.Contains(sp.Text, "مركز للأبحاث") {
				return
			}
		}
	}
	t.Error("the dashed item of a list tells no event")
}

// An event the text places nowhere does not take its place from a later
// sentence that reminds the reader of another occurrence («يذكر أن …»).
func TestAsideLendsNoPlace(t *testing.T) {
	x := extractor(t)
	text := "أعلنت الجماعة مقتل أحد قادتها في غارة جوية الخميس.\n" +
		"وقالت في بيان إنها سترد على الغارة.\n" +
		"يذكر أن مسلحين كانوا قد هاجموا حاجزا للشرطة في مدينة تعز الأسبوع الماضي.\n"
	for _, e := range x.Extract(sentence(text)).Events {
		if e.SubEventType == "Air/drone strike" {
			t.Errorf("the air strike took its place from the aside: %s", e.Location.NameEN)
		}
	}
}

// A clause that places the act in whole countries tells of no one place:
// the article's focus must not lend its town.
func TestCountriesInTheClauseLendNoFocus(t *testing.T) {
	x := extractor(t)
	text := "قتل ثلاثة مدنيين في قصف على مدينة تعز أمس.\n" +
		"وتواصل الفصائل الموالية لإيران استهداف القوات الأجنبية في العراق وسوريا بالصواريخ.\n"
	var places []string
	for _, e := range x.Extract(sentence(text)).Events {
		places = append(places, e.Location.NameEN)
		if strings.Contains(evidenceText(e), "الموالية لإيران") {
			t.Errorf("the campaign in two countries was placed at %s", e.Location.NameEN)
		}
	}
	if len(places) == 0 {
		t.Fatal("the shelling of the town was lost")
	}
	// Nor in its own country: «in Syria» places the Israeli strikes told
	// after a shift of topic nowhere, not at the town of the story before.
	text = "قتل ثلاثة مدنيين في قصف مدفعي لقوات النظام على مدينة إدلب أمس.\n" +
		"وفي سياق آخر، شنت طائرات إسرائيلية غارات على مواقع إيرانية في سوريا.\n"
	for _, e := range x.Extract(sentence(text)).Events {
		if strings.Contains(evidenceText(e), "طائرات إسرائيلية") {
			t.Errorf("the strikes «in Syria» were placed at %s", e.Location.NameEN)
		}
	}
}

func evidenceText(e event.Event) string {
	var b strings.Builder
	for _, sp := range e.Evidence {
		b.WriteString(sp.Text)
		b.WriteByte(' ')
	}
	return b.String()
}

// A force's alert while it is attacked is part of the attack told
// (ANNOTATION.md), not an event of its own.
func TestAlertDuringAnAttackJoinsIt(t *testing.T) {
	x := extractor(t)
	text := "هاجم مسلحون بالصواريخ قاعدة التنف أمس.\n" +
		"وشهدت قاعدة التنف حالة استنفار بعد الهجوم.\n"
	evs := x.Extract(sentence(text)).Events
	for _, e := range evs {
		if e.SubEventType == "Other" {
			t.Errorf("the alert stood as an event of its own: %s", evidenceText(e))
		}
	}
	if len(evs) != 1 {
		t.Errorf("%d events, want the attack alone", len(evs))
	}
}

// A toll told at a place of its own, other than the event's, is another
// strike's: two quarters of one city with a toll each are two events, and
// a toll at a second quarter does not fill a strike told without one. The
// same toll told again of the same quarter stays one event.
func TestTollAtAnotherPlaceIsAnotherStrike(t *testing.T) {
	x := extractor(t)
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"قتل 6 أشخاص بقصف إسرائيلي على حي الشجاعية شرق مدينة غزة. وقتل 4 آخرون في غارة على حي الزيتون جنوب مدينة غزة.",
			[]string{"Shuja'iyya 6", "Zeitoun 4"}},
		{"شنت طائرات إسرائيلية غارات على حي الزيتون جنوب مدينة غزة. وقتل 5 أشخاص بقصف إسرائيلي على حي الشجاعية.",
			[]string{"Zeitoun -", "Shuja'iyya 5"}},
		{"قتل 6 أشخاص بقصف إسرائيلي على حي الشجاعية شرق مدينة غزة. وقال مسعفون إن 6 أشخاص قتلوا في القصف على حي الشجاعية.",
			[]string{"Shuja'iyya 6"}},
	} {
		checkPlacesAndTolls(t, x, tc.text, tc.want)
	}
}

// A reference back («الاحتجاجات») joins the many occurrences told before
// it rather than standing as one more event.
func TestReferenceBackJoinsTheManyTold(t *testing.T) {
	x := extractor(t)
	res, fired := x.Trace(sentence("تشهد مدينة البصرة احتجاجات لليوم الثالث على التوالي. وامتدت الاحتجاجات إلى مدينة الزبير المجاورة."))
	if len(res.Events) != 1 || !res.Events[0].Aggregate {
		t.Fatalf("%d events, want 1 aggregate (rules fired: %v)", len(res.Events), fired)
	}
}

// The aircraft named with its article («الطيران الحربي») is a force and
// its weapon, not a reference back to a strike told: alone in a sentence
// it still makes the strike.
func TestWarplanesDoNotReferBack(t *testing.T) {
	x := extractor(t)
	for _, s := range []string{
		"قصف الطيران الحربي أحياء مدينة الرقة أمس.",
		"شن الطيران الحربي غارات على أطراف مدينة الرقة أمس.",
		"شنت الطائرات الحربية غارات على قرية قرب مدينة إدلب أمس.",
	} {
		res, fired := x.Trace(sentence(s))
		if len(res.Events) != 1 || res.Events[0].SubEventType != "Air/drone strike" {
			t.Errorf("%s: %d events, want one air strike (rules fired: %v)", s, len(res.Events), fired)
		}
	}
}

// A toll told after a strike on a list of places is the list's, split
// evenly, the first taking the remainder (ANNOTATION.md); a consequence
// clause («الأمر الذي أدى إلى …») takes no place from the clause after it.
func TestTollAfterAListIsShared(t *testing.T) {
	x := extractor(t)
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"شنت طائرات إسرائيلية غارات على رفح وخان يونس ودير البلح، الأمر الذي أدى إلى مقتل 7 أشخاص، كما قصفت المدفعية الإسرائيلية بلدة بيت لاهيا في قطاع غزة.",
			[]string{"Rafaḩ 3", "Khan Yunis 2", "Dayr al Balaḩ 2", "Beit Lahiya -"}},
		{"شنت طائرات التحالف غارات على مواقع الحوثيين في مديريتي حيس والخوخة في الحديدة. وأسفرت الغارات عن مقتل 9 مسلحين.",
			[]string{"Hays 5", "Al Khawkhah 4"}},
	} {
		checkPlacesAndTolls(t, x, tc.text, tc.want)
	}
}

// A campaign's «منذ» in a later clause dates the campaign, not the deaths
// told before it; the ongoing campaign itself is no event.
func TestSinceInALaterClauseDatesItsOwnClause(t *testing.T) {
	x := extractor(t)
	res, fired := x.Trace(sentence("قتل ثمانية جنود أتراك في منطقة عفرين، حيث تشن تركيا منذ يناير الماضي عملية عسكرية ضد المقاتلين الأكراد."))
	if len(res.Events) != 1 {
		t.Fatalf("%d events, want 1 (rules fired: %v)", len(res.Events), fired)
	}
	week := testDay.AddDate(0, 0, -7).Format(time.DateOnly)
	if d := res.Events[0].Date; d == nil || d.Start < week {
		t.Errorf("date %+v, want the week before publication, not January", d)
	}
}

// checkPlacesAndTolls checks the events of text, in order, as "place
// fatalities" ("-" for no toll).
func checkPlacesAndTolls(t *testing.T, x *Extractor, text string, want []string) {
	t.Helper()
	res, fired := x.Trace(sentence(text))
	var got []string
	for _, e := range res.Events {
		dead := "-"
		if e.Fatalities != nil {
			dead = strconv.Itoa(e.Fatalities.Count)
		}
		place := "?"
		if e.Location != nil {
			place = e.Location.NameEN
		}
		got = append(got, place+" "+dead)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s\n events %v, want %v (rules fired: %v)", text, got, want, fired)
	}
}

// A clause that adds an occurrence («كما استهدفت …») at a town of its own
// is another strike, by the side and the means of the one told before it.
func TestAddedClauseAtAnotherTown(t *testing.T) {
	x := extractor(t)
	res, fired := x.Trace(sentence("شنت الطائرات الإسرائيلية غارات على بلدة بيت حانون في قطاع غزة، كما استهدفت منزلا في بلدة دير البلح."))
	if len(res.Events) != 2 {
		t.Fatalf("%d events, want 2 (rules fired: %v)", len(res.Events), fired)
	}
	if e := res.Events[1]; e.SubEventType != "Air/drone strike" || idOr(e.Actor1) != "STATE:ISR" {
		t.Errorf("the added strike: %s by %s, want an air strike by STATE:ISR (rule: %s)", e.SubEventType, idOr(e.Actor1), e.Rule)
	}
}

// «غارات على بلدات X وY وZ، ما أدى إلى مقتل أربعة مدنيين في X»: one event
// a place, and the toll told at X is X's whole, not split over the list.
func TestTollToldAtOneOfAList(t *testing.T) {
	x := extractor(t)
	res, fired := x.Trace(sentence("شنت الطائرات الحربية الروسية غارات على بلدات كفرنبل وحاس ومعرة النعمان، ما أدى إلى مقتل أربعة مدنيين في كفرنبل"))
	if len(res.Events) != 3 {
		t.Fatalf("%d events, want 3 (rules fired: %v)", len(res.Events), fired)
	}
	for _, e := range res.Events {
		dead := "-"
		if e.Fatalities != nil {
			dead = strconv.Itoa(e.Fatalities.Count)
		}
		want := "-"
		if e.Location != nil && e.Location.NameEN == "Kafr Nabl" {
			want = "4"
		}
		if dead != want {
			t.Errorf("%v: fatalities %s, want %s", e.Location, dead, want)
		}
	}
}
