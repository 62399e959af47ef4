package eval

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"rasd/internal/event"
)

func TestWriteText(t *testing.T) {
	a := sp(t, enText, "Gunmen hit a checkpoint near the village.")
	c := sp(t, enText, "Police arrested five men in the town.")
	m := sp(t, enText, "A bomb went off at the market.")
	g := gev(event.Battles, clash, a)
	g.Note = "gunmen attack a checkpoint"
	missed := gev(event.Strategic, arrest, c)
	missed.Note = "police arrest five"
	e := sev("d#1", event.Battles, clash, a)
	e.Fatalities = &event.Fatalities{Count: 2}
	gold := []GoldDoc{doc("d", enText, g, missed), doc("ok", enText)}
	sys := []event.Result{
		res("d", e, sev("d#2", event.VAC, "Attack", c), sev("d#3", event.Explosions, "Grenade", m)),
		res("ok"),
	}
	var buf bytes.Buffer
	if err := Score(gold, sys).WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"precision 0.333  recall 0.500  F1 0.400",
		"field mean (of the 8 fields above): 0.875",
		"== d ",
		"MISSED gold[1] Strategic developments / Arrests",
		"note: police arrest five",
		"«Police arrested five men in the town.»",
		"overlaps system[1] d#2 Violence against civilians / Attack by 37: event_type differs",
		"SPURIOUS system[2] d#3 Explosions/Remote violence / Grenade",
		"«A bomb went off at the market.»",
		"FIELDS gold[0] ~ system[0] d#1",
		"fatalities     gold null | system 2",
		"note: gunmen attack a checkpoint",
		"1 of 2 documents without errors are not listed.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "== ok") {
		t.Errorf("clean document listed:\n%s", out)
	}
}

func TestJSONShape(t *testing.T) {
	s := sp(t, enText, "Three guards died.")
	r := Score([]GoldDoc{doc("d", enText, gev(event.Battles, clash, s))}, []event.Result{res("d", sev("d#1", event.Battles, clash, s))})
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	ev := got["events"].(map[string]any)
	for _, k := range []string{"gold", "system", "matched", "precision", "recall", "f1"} {
		if _, ok := ev[k]; !ok {
			t.Errorf("events lacks %q: %s", k, b)
		}
	}
	fields := got["fields"].(map[string]any)
	for _, f := range Fields {
		if fields[f.String()] != 1.0 {
			t.Errorf("fields.%s = %v", f, fields[f.String()])
		}
	}
	if got["field_mean"] != 1.0 {
		t.Errorf("field_mean = %v", got["field_mean"])
	}
	d := got["documents"].([]any)[0].(map[string]any)
	for _, k := range []string{"pairs", "missed", "spurious"} {
		if _, ok := d[k].([]any); !ok {
			t.Errorf("documents[0].%s is not a list: %s", k, b)
		}
	}
}

func TestTrim(t *testing.T) {
	if got := trim("a\n  b\tc", 10); got != "a b c" {
		t.Errorf("trim = %q", got)
	}
	if got := trim("أبجدهوز", 4); got != "أبج…" {
		t.Errorf("trim = %q", got)
	}
}
