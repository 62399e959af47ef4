package ingest

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

var flatLines = []string{
	`{"id": "AL-1", "source": "alarabia", "category": "culture", "url": "http://x/هكذا.html", "published": "2018-02-18T21:35:43+04:00", "title": "عنوان \"ذا فويس\"", "text": "نص\nثان\t\\ / \/ \b\f\r"}`,
	`{}`,
	`{ }`,
	`{"text":"a","text":"b"}`,
	`{"Text":"a"}`,
	`{"TEXT":"a","text":"b"}`,
	`{"ſource":"a"}`,
	`{"text":"\u0041\ud83d\ude00\ud800"}`,
	`{"text":"a\x"}`,
	`{"text":null}`,
	`{"id":1,"text":"a"}`,
	`{"text":"a","extra":{"b":[1,2]}}`,
	`{"text":"a",}`,
	`{"text":"a"} `,
	`{"text":"a"}x`,
	`{"text":"a"`,
	`{"text":"a`,
	`{"text" "a"}`,
	`{"text":"a" "b":"c"}`,
	`{"te\/xt":"a"}`,
	"{\"text\":\"a\tb\"}",
	`{"text":"\\"}`,
	`{"text":"\"}`,
	`[]`,
	`"text"`,
	`{"a":"b","text":"قتل جندي"}`,
}

// decodeFlatLine reads what json.Unmarshal reads, or leaves the line to it.
func TestDecodeFlatLineAgreesWithEncodingJSON(t *testing.T) {
	taken := 0
	for _, line := range flatLines {
		checkFlatLine(t, []byte(line))
		if _, ok := decodeFlatLine([]byte(line)); ok {
			taken++
		}
	}
	if taken < 6 {
		t.Errorf("the fast path read only %d lines: the test shows little", taken)
	}
}

func checkFlatLine(t *testing.T, b []byte) {
	t.Helper()
	got, ok := decodeFlatLine(b)
	if !ok {
		return
	}
	var want jsonDoc
	if err := json.Unmarshal(b, &want); err != nil {
		t.Errorf("%q: read as %+v, but encoding/json fails: %v", b, got, err)
		return
	}
	if got != want {
		t.Errorf("%q: read as %+v, encoding/json reads %+v", b, got, want)
	}
}

func FuzzDecodeFlatLine(f *testing.F) {
	for _, line := range flatLines {
		f.Add([]byte(line))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !utf8.Valid(b) || len(b) == 0 || b[0] != '{' {
			return
		}
		checkFlatLine(t, b)
	})
}
