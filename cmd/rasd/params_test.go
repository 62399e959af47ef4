package main

import (
	"strings"
	"testing"
)

// export and stats read --bbox as the server reads bbox: four finite
// numbers in range, the minimum first.
func TestBBoxFlag(t *testing.T) {
	db := alertStore(t)
	for _, bbox := range []string{"NaN,NaN,NaN,NaN", "0,0,NaN,NaN", "35,30,Inf,35", "-181,30,40,35", "40,30,35,35"} {
		for _, cmd := range []string{"export", "stats"} {
			if code, _, stderr := rasd(cmd, "--db", db, "--bbox", bbox); code != 2 || !strings.Contains(stderr, "bbox") {
				t.Errorf("%s --bbox %s: exit %d, %q", cmd, bbox, code, stderr)
			}
		}
	}
	if code, _, stderr := rasd("export", "--db", db, "--bbox", "35,30,45,40"); code != 0 {
		t.Errorf("a good box: exit %d, %q", code, stderr)
	}
}
