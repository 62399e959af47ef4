package store

import (
	"errors"
	"math"
	"testing"

	"rasd/internal/event"
)

func TestParseBackground(t *testing.T) {
	for in, want := range map[string]string{"": "all", "all": "all", "ALL": "all", "false": "false", " true ": "true"} {
		got, err := ParseBackground(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		s := "all"
		if got != nil {
			s = map[bool]string{false: "false", true: "true"}[*got]
		}
		if s != want {
			t.Errorf("%q: %s, want %s", in, s, want)
		}
	}
	for _, in := range []string{"no", "0", "yes", "recalled"} {
		if _, err := ParseBackground(in); !errors.Is(err, ErrBadFilter) {
			t.Errorf("%q: error %v, want ErrBadFilter", in, err)
		}
	}
}

// A box must be four finite numbers in range, the minimum first: NaN
// compares false with every bound and would filter nothing.
func TestParseBBox(t *testing.T) {
	for _, in := range []string{
		"NaN,NaN,NaN,NaN", "0,0,NaN,NaN", "nan,30,40,35", "35,30,+Inf,35", "-Inf,30,40,35", "35,30,40,infinity",
		"-181,30,40,35", "35,-91,40,35", "35,30,181,35", "35,30,40,91", "40,30,35,35", "35,36,40,35",
		"35,30,40", "35,30,40,35,1", "a,30,40,35", "",
	} {
		if b, err := ParseBBox(in); !errors.Is(err, ErrBadFilter) {
			t.Errorf("%q: %v, %v; want ErrBadFilter", in, b, err)
		}
	}
	for _, in := range []string{"35.5,32.3,42.4,37.3", "-180,-90,180,90", " 36 , 35 , 37 , 36.5 ", "36,35,36,35"} {
		if _, err := ParseBBox(in); err != nil {
			t.Errorf("%q: %v", in, err)
		}
	}
	// A Filter built in Go is held to the same rule.
	nan := math.NaN()
	if err := (Filter{BBox: &BBox{MinLon: nan, MinLat: nan, MaxLon: nan, MaxLat: nan}}).Validate(); !errors.Is(err, ErrBadFilter) {
		t.Errorf("a NaN box passed Validate: %v", err)
	}
}

// The type filter compares event types with event_type only and sub-event
// types with sub_event_type only; that means what comparing every name with
// both did only while no name is both.
func TestNoTypeNameIsBothEventAndSubEventType(t *testing.T) {
	for _, et := range event.EventTypes {
		for _, subs := range event.SubTypes {
			for _, sub := range subs {
				if et == sub {
					t.Errorf("%q is an event type and a sub-event type", et)
				}
			}
		}
	}
}
