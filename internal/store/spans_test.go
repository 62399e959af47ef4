package store

import (
	"reflect"
	"testing"
)

func TestSpanCandidates(t *testing.T) {
	c := clusterSpans{loaded: true, byType: map[string][]clusterSpan{
		"Battles": {
			newSpan(1, 1, "2019-03-01", "2019-03-07"),
			newSpan(2, 3, "2019-03-10", "2019-03-10"),
			newSpan(4, 1, "", ""),                     // no date: NULL matches nothing
			newSpan(5, 2, "2019-01-01", "2019-12-31"), // a year-long aggregate
			newSpan(7, 1, "2019-3-9", "2019-3-9"),     // not ISO: compared as text, as SQLite would
		},
		"Protests": {newSpan(3, 1, "2019-03-09", "2019-03-09")},
	}}
	cases := []struct {
		typ, from, to string
		want          []clusterRef
	}{
		{"Battles", "2019-03-07", "2019-03-11", []clusterRef{{1, 1}, {2, 3}, {5, 2}}},
		{"Battles", "2019-03-08", "2019-03-09", []clusterRef{{5, 2}}},
		{"Battles", "2019-03-11", "2019-03-12", []clusterRef{{5, 2}}},
		{"Battles", "2019-12-30", "2020-01-02", []clusterRef{{5, 2}, {7, 1}}}, // as text, "2019-3-9" comes after "2019-12-30"
		{"Battles", "2020-01-01", "2020-01-05", nil},
		{"Protests", "2019-03-07", "2019-03-11", []clusterRef{{3, 1}}},
		{"Riots", "2019-03-07", "2019-03-11", nil},
	}
	for _, tc := range cases {
		if got := c.candidates(nil, tc.typ, tc.from, tc.to, ""); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("candidates(%s, %s, %s) = %v, want %v", tc.typ, tc.from, tc.to, got, tc.want)
		}
	}
}

func TestSpanUpdatesKeepSeqOrder(t *testing.T) {
	c := clusterSpans{loaded: true, byType: map[string][]clusterSpan{}}
	for _, seq := range []int64{1, 2, 3} {
		c.inserted("Battles", newSpan(seq, 1, "2019-03-01", "2019-03-01"))
	}
	c.updated("Battles", newSpan(2, 2, "2019-03-05", "2019-03-06"))
	c.updated("Riots", newSpan(1, 2, "2019-03-01", "2019-03-01")) // the type changed
	if got := c.candidates(nil, "Battles", "2019-03-01", "2019-03-06", ""); !reflect.DeepEqual(got, []clusterRef{{2, 2}, {3, 1}}) {
		t.Errorf("Battles after the updates: %v", got)
	}
	if got := c.candidates(nil, "Riots", "2019-03-01", "2019-03-01", ""); !reflect.DeepEqual(got, []clusterRef{{1, 2}}) {
		t.Errorf("Riots after the updates: %v", got)
	}
}
