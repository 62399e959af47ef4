package lexicon

import "testing"

func TestReadTSVReportsMissingFile(t *testing.T) {
	err := ReadTSV("no-such-file.tsv", func(Row) error { return nil })
	if err == nil {
		t.Fatal("ReadTSV on a missing file returned no error")
	}
}
