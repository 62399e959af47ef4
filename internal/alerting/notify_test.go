package alerting

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rasd/internal/trend"
)

func TestLoadRules(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "rules.json")
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := `{"dashboard": "https://rasd.example.org", "rules": [
		{"name": "yemen", "kinds": ["surge", "threat"], "country": "YEM", "webhook": "https://hooks.example.org/x"},
		{"name": "isis", "actor": "ISIS", "key_kind": "actor", "command": ["/bin/true"]}]}`
	r, err := LoadRules(write(good))
	if err != nil || len(r.Rules) != 2 {
		t.Fatalf("LoadRules = %+v, %v", r, err)
	}
	for rules, msg := range map[string]string{
		`{"rules": []}`:                                  "no rules",
		`{"rules": [{"name": "a"}]}`:                     "no destination",
		`{"rules": [{"webhook": "https://h.example/"}]}`: "rule 1 has no name",
		`{"rules": [{"name": "a", "kinds": ["spike"], "webhook": "https://h.example/"}]}`:               `kind "spike"`,
		`{"rules": [{"name": "a", "key_kind": "place", "webhook": "https://h.example/"}]}`:              "key_kind",
		`{"rules": [{"name": "a", "admin1": "Atlantis", "webhook": "https://h.example/"}]}`:             "Atlantis",
		`{"rules": [{"name": "a", "webhook": "ftp://h.example/"}]}`:                                     "not an http(s) URL",
		`{"rules": [{"name": "a", "command": ["/bin/true"]}, {"name": "a", "command": ["/bin/true"]}]}`: "two rules",
		`{"rules": [{"name": "a", "command": ["/bin/true"], "colour": 1}]}`:                             "unknown field",
		`{"dashboard": "rasd.example.org", "rules": [{"name": "a", "command": ["/bin/true"]}]}`:         "dashboard",
	} {
		if _, err := LoadRules(write(rules)); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("LoadRules(%s) = %v, want %q", rules, err, msg)
		}
	}
}

func TestKeyAndLink(t *testing.T) {
	a := trend.Alert{Kind: trend.KindSurge, KeyKind: trend.ByAdmin1, Key: "Al Hudaydah", Country: "YEM", From: "2019-03-25", To: "2019-03-31", Current: 4}
	b := a
	b.Current = 9 // the week's count grew: still the same alert
	if Key(a) != Key(b) {
		t.Errorf("keys differ: %q %q", Key(a), Key(b))
	}
	if got := DashboardLink("https://rasd.example.org/", a); got != "https://rasd.example.org/?admin1=Al+Hudaydah&country=YEM&since=2019-03-25&until=2019-03-31" {
		t.Errorf("link %q", got)
	}
}

// A command gets the message on stdin and its text in the environment; a
// failing command's error carries the end of its stderr.
func TestCommandDestination(t *testing.T) {
	out := filepath.Join(t.TempDir(), "got.json")
	m := &Message{Text: "surge in Al Hudaydah", Alert: trend.Alert{Kind: trend.KindSurge, Key: "Al Hudaydah"}}
	err := runCommand(context.Background(), []string{"sh", "-c", `cat > "$0"; echo "$RASD_ALERT_TEXT" >> "$0"`, out}, []byte(`{"text":"x"}`), m)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	if string(b) != "{\"text\":\"x\"}surge in Al Hudaydah\n" {
		t.Errorf("command got %q", b)
	}
	err = runCommand(context.Background(), []string{"sh", "-c", "echo no route to pager >&2; exit 3"}, nil, m)
	if err == nil || !strings.Contains(err.Error(), "no route to pager") {
		t.Errorf("failing command: %v", err)
	}
}
