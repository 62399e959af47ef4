package event

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"testing"
)

func storedRaid() *Stored {
	return &Stored{
		Event: Event{
			ID: "a#1", EventType: Explosions, SubEventType: "Air/drone strike",
			Actor1:   &Actor{ID: "STATE:RUS", NameEN: "Military Forces of Russia", Type: "external"},
			Location: &Location{NameEN: "Maarrat an Nu'man", Country: "SYR", Admin1: "Idleb", Admin1Code: "SY.ID", Lat: 35.65, Lon: 36.68, GeoPrecision: 1},
			Date:     &Date{Start: "2019-03-12", End: "2019-03-12", EventDate: "2019-03-12", TimePrecision: 1},
			Evidence: []Span{{Text: "قصفت طائرات حربية", Start: 0, End: 17}},
		},
		ClusterID: "c0ffee",
		Sources: []Source{
			{DocID: "a", Source: "Outlet A", URL: "https://a.example/1", Published: "2019-03-12", EventID: "a#1"},
			{DocID: "b", Source: "Outlet B", URL: "https://b.example/2", Published: "2019-03-13", EventID: "b#1"},
			{DocID: "c", Source: "Outlet A", URL: "https://a.example/3", Published: "2019-03-13", EventID: "c#1"},
		},
	}
}

func TestStoredCSV(t *testing.T) {
	var buf bytes.Buffer
	w := NewCSVWriter(&buf)
	if err := w.WriteStored(storedRaid()); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head, row := rows[0], rows[1]
	if len(head) != len(ACLEDColumns)+len(ExtraColumns)+len(StoredColumns) || len(row) != len(head) {
		t.Fatalf("%d header columns, %d row columns", len(head), len(row))
	}
	for i, c := range ACLEDColumns {
		if head[i] != c {
			t.Fatalf("column %d is %q, want ACLED's %q", i, head[i], c)
		}
	}
	col := map[string]string{}
	for i, h := range head {
		col[h] = row[i]
	}
	want := map[string]string{
		"event_id_cnty": "c0ffee", "cluster_id": "c0ffee", "rasd_event_id": "a#1", "source": "Outlet A; Outlet B",
		"source_count": "3", "source_names": "Outlet A; Outlet B", "doc_id": "a", "url": "https://a.example/1",
		"source_urls": "https://a.example/1; https://b.example/2; https://a.example/3", "source_doc_ids": "a; b; c",
		"admin1": "Idleb", "event_date": "2019-03-12", "notes": "قصفت طائرات حربية",
	}
	for k, v := range want {
		if col[k] != v {
			t.Errorf("%s = %q, want %q", k, col[k], v)
		}
	}
}

func TestStoredGeoJSON(t *testing.T) {
	var buf bytes.Buffer
	g := NewGeoJSONWriter(&buf)
	noPlace := storedRaid()
	noPlace.ClusterID, noPlace.Location = "beef", nil
	for _, s := range []*Stored{storedRaid(), noPlace} {
		if err := g.WriteStored(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.Close(); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			ID       string
			Geometry *struct{ Coordinates []float64 }
			Props    Stored `json:"properties"`
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.Bytes())
	}
	if len(fc.Features) != 2 {
		t.Fatalf("%d features", len(fc.Features))
	}
	f := fc.Features[0]
	if f.ID != "c0ffee" || f.Geometry == nil || f.Geometry.Coordinates[0] != 36.68 || len(f.Props.Sources) != 3 || f.Props.ClusterID != "c0ffee" {
		t.Errorf("first feature: %+v", f)
	}
	if fc.Features[1].Geometry != nil {
		t.Errorf("an event without a place has geometry %+v", fc.Features[1].Geometry)
	}
}
