package event

// Plover is the PLOVER category and mode of an event (Open Event Data
// Alliance, PLOVER manual: ASSAULT, FIGHT, COERCE, PROTEST, MOBILIZE, AGREE …
// with their mode tables), for users who pool rasd with other event data.
type Plover struct {
	Event   string `json:"event"`
	Mode    string `json:"mode,omitempty"`
	Context string `json:"context,omitempty"`
}

// PloverOf maps an ACLED sub-event type (and, for Strategic developments /
// Other, the cue class that produced it) to PLOVER. Two-sided violence is
// FIGHT, one-sided ASSAULT, as the manual's compound-actor section says.
func PloverOf(sub, class string) Plover {
	switch sub {
	case "Armed clash":
		return Plover{"FIGHT", "firearms", "military"}
	case "Government regains territory", "Non-state actor overtakes territory":
		return Plover{"FIGHT", "", "resource"}
	case "Air/drone strike":
		return Plover{"FIGHT", "heavy-weapons", "military"}
	case "Shelling/artillery/missile attack":
		return Plover{"FIGHT", "heavy-weapons", "military"}
	case "Chemical weapon":
		return Plover{"ASSAULT", "", "cbrn"}
	case "Suicide bomb":
		return Plover{"ASSAULT", "suicide-attack", "terrorism"}
	case "Remote explosive/landmine/IED", "Grenade":
		return Plover{"ASSAULT", "explosives", ""}
	case "Sexual violence":
		return Plover{"ASSAULT", "sexual", ""}
	case "Attack":
		switch class {
		case "execution":
			return Plover{"ASSAULT", "execute", ""}
		case "assassination":
			return Plover{"ASSAULT", "assassinate", ""}
		}
		return Plover{"ASSAULT", "", ""}
	case "Abduction/forced disappearance":
		return Plover{"ASSAULT", "abduct", ""}
	case "Peaceful protest", "Protest with intervention":
		return Plover{"PROTEST", "demo", ""}
	case "Excessive force against protesters":
		return Plover{"ASSAULT", "", "rights_freedoms"}
	case "Violent demonstration", "Mob violence":
		return Plover{"PROTEST", "riot", ""}
	case "Agreement":
		return Plover{"AGREE", "", "military"}
	case "Arrests":
		return Plover{"COERCE", "arrest", ""}
	case "Disrupted weapons use":
		return Plover{"COERCE", "confiscate", "military"}
	case "Headquarters or base established":
		return Plover{"MOBILIZE", "troops", "military"}
	case "Looting/property destruction":
		return Plover{"ASSAULT", "destroy", ""}
	case "Non-violent transfer of territory":
		return Plover{"RETREAT", "", "resource"}
	case "Change to group/activity":
		return Plover{"CONCEDE", "", "political"}
	}
	switch class {
	case "curfew":
		return Plover{"COERCE", "curfew", ""}
	case "mobilisation", "recruitment":
		return Plover{"MOBILIZE", "troops", "military"}
	case "handover", "release":
		return Plover{"CONCEDE", "", "migration"}
	}
	return Plover{"COERCE", "", ""}
}
