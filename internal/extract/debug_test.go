package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDebugSentence(t *testing.T) {
	s := os.Getenv("DEBUG_SENTENCE")
	if s == "" {
		t.Skip()
	}
	x := extractor(t)
	for _, line := range strings.Split(s, "\n") {
		set := x.lex.Find(line, testDay)
		fmt.Println("==", line)
		for _, m := range set.Triggers {
			fmt.Printf("  cue %q class=%s pos=%s weak=%v tok=%d-%d\n", m.Span.Text, m.Trigger.Class, m.Trigger.POS, m.Trigger.Weak, m.Tok, m.TokEnd)
		}
		for _, m := range set.Actors {
			fmt.Printf("  actor %q %s kind=%s tok=%d-%d\n", m.Span.Text, m.Actor.VocabID(), m.Kind, m.Tok, m.TokEnd)
		}
		for _, m := range set.Places {
			fmt.Printf("  place %q %s %s tok=%d-%d\n", m.Span.Text, m.Place.NameEN, m.Place.Country, m.Tok, m.TokEnd)
		}
		for _, m := range set.Numbers {
			fmt.Printf("  num %q %v tok=%d-%d\n", m.Span.Text, m.Value, m.Tok, m.TokEnd)
		}
		for _, m := range set.Dates {
			fmt.Printf("  date %q %s tok=%d-%d\n", m.Span.Text, m.Kind, m.Tok, m.TokEnd)
		}
		res, fired := x.Trace(sentence(line))
		fmt.Println("  fired:", fired)
		for _, e := range res.Events {
			b, _ := json.Marshal(map[string]any{"type": e.SubEventType, "a1": e.Actor1, "a2": e.Actor2, "fat": e.Fatalities, "loc": e.Location})
			fmt.Println("  event:", string(b))
			fmt.Println("   rule:", e.Rule)
		}
	}
}
