package store

import (
	"errors"
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
