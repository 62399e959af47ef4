package event

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// StoredColumns are the columns a stored event adds after ExtraColumns:
// the cluster and every source that reports it.
var StoredColumns = []string{"cluster_id", "source_count", "source_names", "source_urls", "source_doc_ids"}

// StoredRow is one stored event as ACLED's 31 columns, then ExtraColumns,
// then StoredColumns. event_id_cnty is the cluster id, the one id that
// stays the same as sources join; ACLED's source column names every
// outlet. The columns about one document (doc_id, url, published,
// evidence, timestamp) are the first source's, whose evidence the record
// keeps.
func StoredRow(s *Stored) []string {
	var first Doc
	if len(s.Sources) > 0 {
		src := s.Sources[0]
		first = Doc{ID: src.DocID, Source: src.Source, URL: src.URL, Published: src.Published, Title: src.Title}
	}
	var names, urls, docs []string
	seen, seenDoc := map[string]bool{}, map[string]bool{}
	for _, src := range s.Sources {
		if !seen[src.Source] && src.Source != "" {
			seen[src.Source] = true
			names = append(names, src.Source)
		}
		// A document whose two events (the army's toll, the Observatory's)
		// were merged is one source.
		if !seenDoc[src.DocID] {
			seenDoc[src.DocID] = true
			urls = append(urls, src.URL)
			docs = append(docs, src.DocID)
		}
	}
	first.Source = strings.Join(names, "; ")
	row := CSVRow(first, &s.Event)
	row[0] = s.ClusterID
	return append(row, s.ClusterID, strconv.Itoa(len(docs)), strings.Join(names, "; "),
		strings.Join(urls, "; "), strings.Join(docs, "; "))
}

// WriteStored adds the row of one stored event. A writer takes either
// extraction results (Write) or stored events, not both: the header is
// that of the first row written.
func (c *CSVWriter) WriteStored(s *Stored) error {
	if !c.header {
		c.header = true
		head := append(append(append([]string{}, ACLEDColumns...), ExtraColumns...), StoredColumns...)
		if err := c.w.Write(head); err != nil {
			return err
		}
	}
	return c.w.Write(StoredRow(s))
}

// WriteStored adds one stored event as a Feature whose id is the cluster
// id and whose properties are the stored record, sources included.
func (g *GeoJSONWriter) WriteStored(s *Stored) error {
	if g.err != nil {
		return g.err
	}
	f := feature{Type: "Feature", ID: s.ClusterID, Properties: s}
	if s.Location != nil {
		f.Geometry = &geometry{Type: "Point", Coordinates: [2]float64{s.Location.Lon, s.Location.Lat}}
	}
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	sep := ",\n"
	if !g.started {
		sep = `{"type":"FeatureCollection","features":[` + "\n"
		g.started = true
	}
	_, g.err = fmt.Fprintf(g.w, "%s%s", sep, b)
	return g.err
}
