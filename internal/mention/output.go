package mention

import (
	"sort"

	"rasd/internal/text"
)

// Output is the `rasd tag --format json` shape of one document.
type Output struct {
	ID        string           `json:"id"`
	Sentences []SentenceOutput `json:"sentences"`
}

// SentenceOutput is one sentence and the mentions inside it.
type SentenceOutput struct {
	Start    int             `json:"start"`
	End      int             `json:"end"`
	Text     string          `json:"text"`
	Mentions []MentionOutput `json:"mentions"`
}

// MentionOutput is one mention of any kind.
type MentionOutput struct {
	Kind  string `json:"kind"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Value any    `json:"value"`
}

// PlaceValue is the value of a place mention.
type PlaceValue struct {
	PlaceID      string  `json:"place_id"`
	NameEN       string  `json:"name_en"`
	NameAR       string  `json:"name_ar"`
	Country      string  `json:"country"`
	Admin1       string  `json:"admin1"`
	Admin1Code   string  `json:"admin1_code"`
	Admin2       string  `json:"admin2,omitempty"`
	Lat          float64 `json:"lat"`
	Lon          float64 `json:"lon"`
	GeoPrecision int     `json:"geo_precision"`
}

// ActorValue is the value of an actor mention.
type ActorValue struct {
	ID         string     `json:"id"`
	NameEN     string     `json:"name_en"`
	Type       string     `json:"type"`
	Kind       string     `json:"kind"`
	Resolved   bool       `json:"resolved"`
	Antecedent *text.Span `json:"antecedent,omitempty"`
}

// DateValue is the value of a date mention.
type DateValue struct {
	Start         string `json:"start"`
	End           string `json:"end"`
	EventDate     string `json:"event_date"`
	TimePrecision int    `json:"time_precision"`
}

// NumberValue is the value of a number mention.
type NumberValue struct {
	Value     float64 `json:"value"`
	Approx    bool    `json:"approx"`
	Percent   bool    `json:"percent"`
	Qualifier string  `json:"qualifier,omitempty"`
}

// TriggerValue is the value of an event cue.
type TriggerValue struct {
	EventType    string `json:"event_type"`
	SubEventType string `json:"sub_event_type"`
	Class        string `json:"class,omitempty"`
}

const day = "2006-01-02"

// Output lays the set out by sentence, mentions in text order.
func (s *Set) Output(id string) Output {
	a := s.Analysis
	out := Output{ID: id, Sentences: make([]SentenceOutput, len(a.Sentences))}
	for i, sen := range a.Sentences {
		out.Sentences[i] = SentenceOutput{Start: sen.Start, End: sen.End, Text: a.Slice(sen.Start, sen.End), Mentions: []MentionOutput{}}
	}
	add := func(tok int, m MentionOutput) {
		if len(out.Sentences) == 0 {
			return
		}
		i := a.SentenceOf(tok)
		if i >= len(out.Sentences) {
			i = len(out.Sentences) - 1
		}
		out.Sentences[i].Mentions = append(out.Sentences[i].Mentions, m)
	}
	for _, m := range s.Places {
		p := m.Place
		add(m.Tok, MentionOutput{"place", m.Span.Text, m.Span.Start, m.Span.End, PlaceValue{
			PlaceID: p.ID, NameEN: p.NameEN, NameAR: p.NameAR, Country: p.Country, Admin1: p.Admin1,
			Admin1Code: p.Admin1Code, Admin2: p.Admin2, Lat: p.Lat, Lon: p.Lon, GeoPrecision: m.Precision,
		}})
	}
	for _, m := range s.Actors {
		add(m.Tok, MentionOutput{"actor", m.Span.Text, m.Span.Start, m.Span.End, ActorValue{
			ID: m.Actor.ID, NameEN: m.Actor.NameEN, Type: m.Actor.Type, Kind: m.Kind, Resolved: m.Resolved, Antecedent: m.Antecedent,
		}})
	}
	for _, m := range s.Dates {
		add(m.Tok, MentionOutput{"date", m.Span.Text, m.Span.Start, m.Span.End, DateValue{
			Start: m.Start.Format(day), End: m.End.Format(day), EventDate: m.EventDate.Format(day), TimePrecision: m.Precision,
		}})
	}
	for _, m := range s.Numbers {
		add(m.Tok, MentionOutput{"number", m.Span.Text, m.Span.Start, m.Span.End, NumberValue{
			Value: m.Value, Approx: m.Approx, Percent: m.Percent, Qualifier: m.Qualifier,
		}})
	}
	for _, m := range s.Triggers {
		add(m.Tok, MentionOutput{"trigger", m.Span.Text, m.Span.Start, m.Span.End, TriggerValue{
			EventType: m.Trigger.EventType, SubEventType: m.Trigger.SubEventType, Class: m.Trigger.Class,
		}})
	}
	for i := range out.Sentences {
		ms := out.Sentences[i].Mentions
		sortMentions(ms)
	}
	return out
}

func sortMentions(ms []MentionOutput) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End > ms[j].End
	})
}
