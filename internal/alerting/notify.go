package alerting

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"rasd/internal/event"
	"rasd/internal/store"
	"rasd/internal/trend"
)

// Rules is a rules file: the dashboard that alerts link to, and the rules.
//
//	{"dashboard": "https://rasd.example.org/",
//	 "rules": [{"name": "deir-ez-zor", "kinds": ["surge"], "admin1": "Deir ez Zor",
//	            "webhook": "https://hooks.slack.com/services/…"}]}
type Rules struct {
	Dashboard string `json:"dashboard"`
	Rules     []Rule `json:"rules"`
}

// Rule selects alerts and says where they go. Its filters are those of
// rasd alerts and GET /api/alerts; an empty one selects everything.
type Rule struct {
	Name    string   `json:"name"`               // names the rule in logs and in what was sent
	Kinds   []string `json:"kinds,omitempty"`    // surge, threat, trend, highest, emerging_actor; empty: all
	KeyKind string   `json:"key_kind,omitempty"` // admin1 or actor; "": both
	Country string   `json:"country,omitempty"`
	Admin1  string   `json:"admin1,omitempty"`
	Actor   string   `json:"actor,omitempty"`
	Types   []string `json:"types,omitempty"` // event or sub-event types
	// Destinations: at least one.
	Webhook string   `json:"webhook,omitempty"` // http(s) URL, POSTed a Message
	Command []string `json:"command,omitempty"` // program and arguments, given a Message on stdin
}

var kinds = []string{trend.KindSurge, trend.KindThreat, trend.KindTrend, trend.KindHighest, trend.KindEmerging}

// LoadRules reads and checks a rules file.
func LoadRules(path string) (*Rules, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Rules
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := r.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &r, nil
}

func (r *Rules) check() error {
	if r.Dashboard != "" {
		if u, err := url.Parse(r.Dashboard); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("dashboard %q: want the dashboard's http(s) URL", r.Dashboard)
		}
	}
	if len(r.Rules) == 0 {
		return errors.New("no rules")
	}
	names := map[string]bool{}
	for i, rule := range r.Rules {
		where := fmt.Sprintf("rule %d", i+1)
		if rule.Name == "" {
			return fmt.Errorf("%s has no name", where)
		}
		where = fmt.Sprintf("rule %q", rule.Name)
		if names[rule.Name] {
			return fmt.Errorf("%s: two rules have this name", where)
		}
		names[rule.Name] = true
		for _, k := range rule.Kinds {
			if !slices.Contains(kinds, k) {
				return fmt.Errorf("%s: kind %q: want one of %s", where, k, strings.Join(kinds, ", "))
			}
		}
		if rule.KeyKind != "" && rule.KeyKind != trend.ByAdmin1 && rule.KeyKind != trend.ByActor {
			return fmt.Errorf("%s: key_kind %q: want admin1 or actor", where, rule.KeyKind)
		}
		if err := rule.filter().Validate(); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if rule.Webhook == "" && len(rule.Command) == 0 {
			return fmt.Errorf("%s has no destination: give a webhook URL or a command", where)
		}
		if rule.Webhook != "" {
			if u, err := url.Parse(rule.Webhook); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return fmt.Errorf("%s: webhook %q is not an http(s) URL", where, rule.Webhook)
			}
		}
		if len(rule.Command) > 0 && rule.Command[0] == "" {
			return fmt.Errorf("%s: command has no program", where)
		}
	}
	return nil
}

func (r Rule) filter() store.Filter {
	return store.Filter{Country: r.Country, Admin1: r.Admin1, Actor: r.Actor, Types: r.Types}
}

func (r Rule) selects(a trend.Alert) bool {
	return (len(r.Kinds) == 0 || slices.Contains(r.Kinds, a.Kind)) && (r.KeyKind == "" || r.KeyKind == a.KeyKind)
}

// Key names one alert for sending it once: the same rule firing for the
// same governorate or actor over the same weeks is the same alert, however
// many rounds see it and whatever its figures became since.
func Key(a trend.Alert) string {
	return strings.Join([]string{a.Kind, a.Band, a.KeyKind, a.Country, a.Key, a.From, a.To}, "|")
}

// Message is what a destination gets: a webhook as the POST body, a
// command on its standard input. Text makes it a Slack (and Mattermost,
// Rocket.Chat, Teams-workflow) message as it is; the rest is for programs.
type Message struct {
	Text      string          `json:"text"`
	Rule      string          `json:"rule"`
	Alert     trend.Alert     `json:"alert"`
	Dashboard string          `json:"dashboard_url,omitempty"`
	Events    []*event.Stored `json:"events"`
	More      int             `json:"more_events,omitempty"` // behind the alert but not listed
	Sent      string          `json:"sent_at"`
}

// maxEvents bounds the events a message lists: a chat message is read, not
// searched; the dashboard link shows them all.
const maxEvents = 10

// Notifier sends the alerts that rules select, once each.
type Notifier struct {
	Store store.Store
	Watch store.Watch
	Rules *Rules
	Log   *slog.Logger
	// Client posts webhooks; nil: a client with a 10 s timeout.
	Client *http.Client
	// AsOf is the day alerts are computed for; zero: the store's latest
	// event date, as rasd alerts.
	AsOf time.Time
}

// Run computes every rule's alerts and sends those not sent before. A
// destination that fails is logged and its alert released, to be tried
// again at the next run; the error is the store's.
func (n *Notifier) Run(ctx context.Context) (sent int, err error) {
	log := n.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	for _, rule := range n.Rules.Rules {
		r, err := Report(ctx, n.Store, n.AsOf, rule.filter())
		if err != nil {
			return sent, fmt.Errorf("rule %q: %w", rule.Name, err)
		}
		for _, a := range r.Alerts {
			if !rule.selects(a) {
				continue
			}
			key := Key(a)
			claimed, err := n.Watch.ClaimAlert(ctx, rule.Name, key)
			if err != nil {
				return sent, err
			}
			if !claimed {
				continue
			}
			msg, err := n.message(ctx, rule, a)
			if err == nil {
				err = n.send(ctx, rule, msg)
			}
			if err != nil {
				log.Warn("alert not sent; tried again next round", "rule", rule.Name, "alert", key, "err", err)
				if err := n.Watch.ReleaseAlert(context.WithoutCancel(ctx), rule.Name, key); err != nil {
					return sent, err
				}
				continue
			}
			sent++
			log.Info("alert sent", "rule", rule.Name, "alert", key)
		}
	}
	return sent, nil
}

func (n *Notifier) message(ctx context.Context, rule Rule, a trend.Alert) (*Message, error) {
	m := &Message{Rule: rule.Name, Alert: a, Sent: time.Now().UTC().Format(time.RFC3339), Events: []*event.Stored{}}
	for i, id := range a.Events {
		if i == maxEvents {
			m.More = len(a.Events) - maxEvents
			break
		}
		s, err := n.Store.Event(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("event %s: %w", id, err)
		}
		m.Events = append(m.Events, s)
	}
	m.Dashboard = DashboardLink(n.Rules.Dashboard, a)
	var b strings.Builder
	fmt.Fprintf(&b, "rasd alert (%s): %s", rule.Name, a.Message)
	for _, s := range m.Events {
		b.WriteString("\n• " + eventLine(s))
	}
	if m.More > 0 {
		fmt.Fprintf(&b, "\n… and %d more", m.More)
	}
	if m.Dashboard != "" {
		b.WriteString("\n" + m.Dashboard)
	}
	m.Text = b.String()
	return m, nil
}

// DashboardLink opens the dashboard on an alert's place or actor and weeks;
// "" without a dashboard.
func DashboardLink(dashboard string, a trend.Alert) string {
	if dashboard == "" {
		return ""
	}
	q := url.Values{}
	if a.KeyKind == trend.ByActor {
		q.Set("actor", a.Key)
	} else {
		q.Set("admin1", a.Key)
	}
	if a.Country != "" {
		q.Set("country", a.Country)
	}
	q.Set("since", a.From)
	q.Set("until", a.To)
	return strings.TrimSuffix(dashboard, "/") + "/?" + q.Encode()
}

func eventLine(s *event.Stored) string {
	date, where, dead := "-", "-", 0
	if s.Date != nil {
		date = s.Date.EventDate
	}
	if l := s.Location; l != nil && l.NameEN != "" {
		where = l.NameEN
		if l.Admin1 != "" && l.Admin1 != l.NameEN {
			where += ", " + l.Admin1
		}
	}
	if s.Fatalities != nil {
		dead = s.Fatalities.Count
	}
	line := fmt.Sprintf("%s %s (%s), %s, %d dead", date, s.EventType, s.SubEventType, where, dead)
	if len(s.Evidence) > 0 {
		text := []rune(s.Evidence[0].Text)
		if len(text) > 120 {
			text = append(text[:120], '…')
		}
		line += ": «" + string(text) + "»"
	}
	return line
}

func (n *Notifier) send(ctx context.Context, rule Rule, m *Message) error {
	body, err := json.Marshal(m)
	if err != nil {
		return err
	}
	var errs []error
	if rule.Webhook != "" {
		if err := n.post(ctx, rule.Webhook, body); err != nil {
			errs = append(errs, fmt.Errorf("webhook: %w", err))
		}
	}
	if len(rule.Command) > 0 {
		if err := runCommand(ctx, rule.Command, body, m); err != nil {
			errs = append(errs, fmt.Errorf("command %s: %w", rule.Command[0], err))
		}
	}
	return errors.Join(errs...)
}

func (n *Notifier) post(ctx context.Context, hook string, body []byte) error {
	client := n.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, hook, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		// The URL holds the webhook's secret; say only where it failed.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	return nil
}

// commandTimeout bounds a local command: a hung script must not stop the
// watcher.
const commandTimeout = 30 * time.Second

func runCommand(ctx context.Context, argv []string, body []byte, m *Message) error {
	ctx, cancel := context.WithTimeout(ctx, commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stdin = bytes.NewReader(body)
	cmd.Env = append(os.Environ(), "RASD_ALERT_TEXT="+m.Text, "RASD_ALERT_KIND="+m.Alert.Kind,
		"RASD_ALERT_KEY="+m.Alert.Key, "RASD_ALERT_URL="+m.Dashboard, "RASD_ALERT_RULE="+m.Rule)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if s := strings.TrimSpace(stderr.String()); s != "" {
			if len(s) > 200 {
				s = s[len(s)-200:]
			}
			return fmt.Errorf("%w: %s", err, s)
		}
		return err
	}
	return nil
}
