package lexicon

import (
	"strings"
	"testing"
)

func testRow(file string, line int, header string, fields ...string) Row {
	cols := map[string]int{}
	for i, h := range strings.Split(header, "\t") {
		cols[h] = i
	}
	return Row{File: file, Line: line, cols: cols, fields: fields}
}

const triggerHeader = "phrase\tevent_type\tsub_event_type\tclass\tpos\tweak\tnote"

func TestTriggerRowErrorsNameFileAndLine(t *testing.T) {
	bad := [][]string{
		{"هجوم", "Battles", "Air/drone strike", "attack", "noun", "", ""}, // sub-type of another type
		{"هجوم", "Battle", "Armed clash", "attack", "noun", "", ""},       // misspelt type
		{"هجوم", "Battles", "Armed clash", "attack", "adverb", "", ""},
		{"هجوم", "Battles", "Armed clash", "", "noun", "", ""},
		{"هجوم", "Battles", "Armed clash", "attack", "noun", "yes", ""},
		{"الحشد", "Battles", "Armed clash", "block", "noun", "", ""},
		{"", "Battles", "Armed clash", "attack", "noun", "", ""},
	}
	for _, f := range bad {
		_, err := triggerRow(testRow(TriggerFile, 42, triggerHeader, f...))
		if err == nil {
			t.Errorf("row %q: no error", f)
			continue
		}
		if !strings.Contains(err.Error(), TriggerFile+":42:") {
			t.Errorf("row %q: error %q does not name %s:42", f, err, TriggerFile)
		}
	}
	e, err := triggerRow(testRow(TriggerFile, 7, triggerHeader, "مسيرة", "Explosions/Remote violence", "Air/drone strike", "drone", "noun", "weak", "march"))
	if err != nil || !e.Weak || e.Line != 7 {
		t.Errorf("good row: %+v, %v", e, err)
	}
}

func TestTriggerEntriesLoad(t *testing.T) {
	es, err := TriggerEntries()
	if err != nil {
		t.Fatal(err)
	}
	if len(es) < 300 {
		t.Errorf("%d trigger rows, want 300 or more", len(es))
	}
}

const numberHeader = "phrase\tkind\tvalue\tnote"

func TestNumberRowErrorsNameFileAndLine(t *testing.T) {
	bad := [][]string{
		{"عشرين", "ten", "twenty"},
		{"عشرين", "ten", "-20"},
		{"عشرين", "tens", "20"},
		{"نحو", "qual_before", "roughly"},
		{"في المئة", "percent", "100"},
		{"", "unit", "1"},
	}
	for _, f := range bad {
		_, err := numberRow(testRow(NumberFile, 9, numberHeader, f...))
		if err == nil {
			t.Errorf("row %q: no error", f)
			continue
		}
		if !strings.Contains(err.Error(), NumberFile+":9:") {
			t.Errorf("row %q: error %q does not name %s:9", f, err, NumberFile)
		}
	}
}

func TestNumberWordsLoad(t *testing.T) {
	ws, err := NumberWords()
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) < 200 {
		t.Errorf("%d number rows, want 200 or more", len(ws))
	}
}
