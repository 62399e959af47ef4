// Package event holds the record types of shared/SCHEMA.md, the ACLED
// vocabularies they draw on, and their encoders. It depends on nothing but
// the standard library so that any program can take it as the contract.
package event

// ACLED event types.
const (
	Battles    = "Battles"
	Explosions = "Explosions/Remote violence"
	VAC        = "Violence against civilians"
	Protests   = "Protests"
	Riots      = "Riots"
	Strategic  = "Strategic developments"
)

// SubTypes lists ACLED's sub-event types under their event type, spelled
// exactly as SCHEMA.md spells them.
var SubTypes = map[string][]string{
	Battles:    {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
	Explosions: {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
	VAC:        {"Sexual violence", "Attack", "Abduction/forced disappearance"},
	Protests:   {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
	Riots:      {"Violent demonstration", "Mob violence"},
	Strategic:  {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"},
}

// EventTypes in ACLED's order.
var EventTypes = []string{Battles, Explosions, VAC, Protests, Riots, Strategic}

// TypeOf returns the event type a sub-event type belongs to, or "".
func TypeOf(sub string) string {
	for t, subs := range SubTypes {
		for _, s := range subs {
			if s == sub {
				return t
			}
		}
	}
	return ""
}

// ValidType reports whether (typ, sub) is one of ACLED's pairs.
func ValidType(typ, sub string) bool { return typ != "" && TypeOf(sub) == typ }

// Actor kinds (ACLED's inter codes) as SCHEMA.md spells them.
var ActorTypes = []string{"state", "rebel", "political_militia", "identity_militia", "rioters", "protesters", "civilians", "external"}

// ValidActorType reports whether t is one of ActorTypes.
func ValidActorType(t string) bool {
	for _, a := range ActorTypes {
		if a == t {
			return true
		}
	}
	return false
}

// Certainty values.
const (
	Reported  = "reported"
	Claimed   = "claimed"
	Suspected = "suspected"
)

// Admin1 is one row of SCHEMA.md's governorate / province table.
type Admin1 struct {
	Code    string // HASC, e.g. SY.DY
	Name    string // as SCHEMA.md spells it, e.g. Deir-ez-Zor
	Arabic  string
	Country string // ISO alpha-3
}

// Admin1s is SCHEMA.md's table: the spelling scoring relies on.
var Admin1s = []Admin1{
	{"SY.DI", "Damascus", "دمشق", "SYR"},
	{"SY.RD", "Rural Damascus", "ريف دمشق", "SYR"},
	{"SY.HL", "Aleppo", "حلب", "SYR"},
	{"SY.ID", "Idleb", "إدلب", "SYR"},
	{"SY.HM", "Hama", "حماة", "SYR"},
	{"SY.HI", "Homs", "حمص", "SYR"},
	{"SY.LA", "Lattakia", "اللاذقية", "SYR"},
	{"SY.TA", "Tartous", "طرطوس", "SYR"},
	{"SY.RA", "Ar-Raqqa", "الرقة", "SYR"},
	{"SY.DY", "Deir-ez-Zor", "دير الزور", "SYR"},
	{"SY.HA", "Al-Hasakeh", "الحسكة", "SYR"},
	{"SY.DR", "Dar'a", "درعا", "SYR"},
	{"SY.SU", "As-Sweida", "السويداء", "SYR"},
	{"SY.QU", "Quneitra", "القنيطرة", "SYR"},
	{"IQ.AN", "Al-Anbar", "الأنبار", "IRQ"},
	{"IQ.BB", "Babil", "بابل", "IRQ"},
	{"IQ.BG", "Baghdad", "بغداد", "IRQ"},
	{"IQ.BA", "Basrah", "البصرة", "IRQ"},
	{"IQ.DA", "Duhok", "دهوك", "IRQ"},
	{"IQ.DI", "Diyala", "ديالى", "IRQ"},
	{"IQ.AR", "Erbil", "أربيل", "IRQ"},
	{"IQ.KA", "Kerbala", "كربلاء", "IRQ"},
	{"IQ.TS", "Kirkuk", "كركوك", "IRQ"},
	{"IQ.MA", "Missan", "ميسان", "IRQ"},
	{"IQ.MU", "Muthanna", "المثنى", "IRQ"},
	{"IQ.NA", "Najaf", "النجف", "IRQ"},
	{"IQ.NI", "Ninewa", "نينوى", "IRQ"},
	{"IQ.QA", "Al-Qadissiya", "القادسية", "IRQ"},
	{"IQ.SD", "Salah Al-Din", "صلاح الدين", "IRQ"},
	{"IQ.SL", "Sulaymaniyah", "السليمانية", "IRQ"},
	{"IQ.DQ", "Thi-Qar", "ذي قار", "IRQ"},
	{"IQ.WA", "Wassit", "واسط", "IRQ"},
	{"IQ.HA", "Halabja", "حلبجة", "IRQ"},
}

// Admin1ByCode finds a row of Admin1s by its HASC code.
func Admin1ByCode(code string) (Admin1, bool) {
	for _, a := range Admin1s {
		if a.Code == code {
			return a, true
		}
	}
	return Admin1{}, false
}
