package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadTextFile(t *testing.T) {
	p := writeFile(t, "a1.txt", []byte("\xef\xbb\xbf\n عنوان الخبر \nنص الخبر هنا."))
	doc, err := ReadTextFile(p, TextOptions{Published: time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if doc.ID != "a1" || doc.Title != "عنوان الخبر" || !strings.HasPrefix(doc.Text, "\n") || doc.PublishedDate() != "2020-01-02" {
		t.Fatalf("got %+v", doc)
	}
}

func TestReadTextFileRejectsBadInput(t *testing.T) {
	cases := map[string][]byte{
		"empty":  {},
		"blank":  []byte(" \n\t\n"),
		"binary": {0x7f, 'E', 'L', 'F', 0, 0, 1},
		"latin1": {'c', 'a', 'f', 0xe9},
		"cp1256": {0xc7, 0xe1, 0xd1, 0xdE},
	}
	for name, b := range cases {
		_, err := ReadTextFile(writeFile(t, name+".txt", b), TextOptions{})
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := ReadTextFile(filepath.Join(t.TempDir(), "missing.txt"), TextOptions{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v", err)
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2019-03-27", "2019-03-27T23:10:00+03:00", "2019-03-27T10:00:00Z", "2019-03-27 10:00:00"} {
		got, err := ParseDate(s)
		if err != nil || got.Format("2006-01-02") != "2019-03-27" {
			t.Errorf("ParseDate(%q) = %v, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "27/03/2019", "2019-13-01", "yesterday"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
}

func TestReadJSONLGoesOnAfterBadLines(t *testing.T) {
	in := `{"id":"a","published":"2020-06-10","title":"t","text":"نص أول","extra":1}
not json
{"id":"b","text":""}
{"id":"c","published":"10/06/2020","text":"نص"}

{"id":"d","text":"نص آخر"}
`
	var ids, errs []string
	err := ReadJSONL(strings.NewReader(in), func(d *Document, err error) error {
		if err != nil {
			errs = append(errs, err.Error())
			return nil
		}
		ids = append(ids, d.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, ",") != "a,d" {
		t.Errorf("ids = %v", ids)
	}
	if len(errs) != 4 || !strings.HasPrefix(errs[0], "line 2: bad JSON") || !strings.Contains(errs[1], `missing "text"`) ||
		!strings.Contains(errs[2], "bad date") || !strings.HasPrefix(errs[3], "line 5") {
		t.Errorf("errors = %q", errs)
	}
}

func TestHashDependsOnTextOnly(t *testing.T) {
	a := &Document{ID: "a", Source: "x", Text: "اشتباكات في ريف حلب"}
	b := &Document{ID: "b", Source: "y", Text: "اشتباكات في ريف حلب"}
	c := &Document{ID: "a", Source: "x", Text: "اشتباكات في ريف حماة"}
	if a.Hash() != b.Hash() {
		t.Errorf("same text, different hashes")
	}
	if a.Hash() == c.Hash() {
		t.Errorf("different texts, same hash")
	}
	if len(a.Hash()) != 64 {
		t.Errorf("hash %q is not hex SHA-256", a.Hash())
	}
}

func TestReadJSONLSkipsAByteOrderMark(t *testing.T) {
	in := "\xef\xbb\xbf" + `{"id":"a","text":"نص أول"}` + "\n" + "\xef\xbb\xbf" + `{"id":"b","text":"نص ثان"}` + "\n"
	var ids, errs []string
	ReadJSONL(strings.NewReader(in), func(d *Document, err error) error {
		if err != nil {
			errs = append(errs, err.Error())
		} else {
			ids = append(ids, d.ID)
		}
		return nil
	})
	// Only a file's first bytes may be a byte-order mark.
	if strings.Join(ids, ",") != "a" || len(errs) != 1 || !strings.HasPrefix(errs[0], "line 2: bad JSON") {
		t.Errorf("ids %v, errors %q", ids, errs)
	}
}

// A line with a title and no text is a headline-only item: passed over
// with a notice, not a failure; a line with neither is an error.
func TestTitleOnlyLineIsPassedOver(t *testing.T) {
	in := `{"id":"v","title":"مشاهد من موقع الانفجار","text":""}
{"id":"e","text":"  "}
`
	var errs []error
	if err := ReadJSONL(strings.NewReader(in), func(_ *Document, err error) error {
		errs = append(errs, err)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(errs) != 2 || !errors.Is(errs[0], ErrPassedOver) || !strings.Contains(errs[0].Error(), "a title without text") ||
		errors.Is(errs[1], ErrPassedOver) || !strings.Contains(errs[1].Error(), `missing "text"`) {
		t.Errorf("errors = %v", errs)
	}
}
