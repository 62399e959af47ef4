package extract

import (
	"fmt"
	"os"
	"testing"

	"rasd/internal/document"
)

// maxNonConflictShare is the share of the bench corpus's sport, technology
// and culture articles that may get any event that is not background
// (issue 8 asks for at most 0.5%; 51 of 10,359 articles, 0.49%, were
// measured when it was last lowered, so that it can only go down).
const maxNonConflictShare = 0.0050

// TestNonConflictArticles runs the extractor on every sport, technology and
// culture article of the bench corpus: words that are no events there
// («هجوم» in football, «تحرير» editing, a film's scene) must not become
// events.
func TestNonConflictArticles(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 10,000 articles")
	}
	x := extractor(t)
	n, bad := 0, 0
	var examples []string
	readBench(t, 0, func(a benchArticle, d *document.Document) {
		switch a.Category {
		case "sport", "sports", "technology", "tech", "culture":
		default:
			return
		}
		n++
		for _, e := range x.Extract(d).Events {
			if !e.Background {
				bad++
				if len(examples) < 200 {
					examples = append(examples, fmt.Sprintf("%s %s/%s «%s» %s", d.ID, e.EventType, e.SubEventType, e.Trigger.Text, e.Rule))
				}
				break
			}
		}
	})
	share := float64(bad) / float64(max(n, 1))
	t.Logf("%d of %d non-conflict articles (%.2f%%) have an event", bad, n, 100*share)
	if os.Getenv("RASD_SHOW_NONCONFLICT") != "" {
		for _, e := range examples {
			t.Log(e)
		}
	}
	if n < 1000 {
		t.Fatalf("only %d sport, technology and culture articles read: the bench corpus's categories changed?", n)
	}
	if share > maxNonConflictShare {
		t.Errorf("%.2f%% of non-conflict articles have an event, above %.1f%%", 100*share, 100*maxNonConflictShare)
	}
}
