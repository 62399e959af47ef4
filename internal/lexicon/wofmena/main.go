// Command wofmena derives the embedded Who's On First extracts of the 21
// countries beyond Syria and Iraq (internal/lexicon/data/wof-XX-places.tsv.gz)
// from shared/data/mena. Run it from the repository's root after the shared
// files or data/admin1.tsv change:
//
//	go run ./internal/lexicon/wofmena [-shared ../shared]
//	go generate ./internal/lexicon
//
// (the second packs the extracts into the form rasd reads at start,
// internal/lexicon/wof-places.bin).
//
// It keeps the records rasd matches (profiles below) and makes sure every
// kept record has a province of data/admin1.tsv: WOF files some records
// under a region it has since retired (Lebanon before 2014, Morocco before
// 2015), under none (coastal points just off a region's polygon), or under
// the wrong one (the town of Najran under Riyadh). Those get the province
// whose polygon (shared/data/mena/wof-XX-admin1.geojson) holds their point.
// Every other cell of a kept row is the shared file's, unchanged.
//
// The package's test checks that the embedded files are what this command
// writes from the shared files of the checkout.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"rasd/internal/geodata"
	"rasd/internal/gzfile"
)

// profile says which records of a country's extract rasd embeds besides
// its regions, its districts (county) and its airports and bases (campus),
// which it always keeps. Only records with an Arabic name are kept: rasd
// matches Arabic text, and a Latin-only record could only feed guesses by
// transliteration, which the Syrian and Iraqi records serve.
type profile struct {
	cc, iso3 string
	// villages keeps every locality; without it only those WOF gives a
	// population (the towns: Iran's 11,000 villages are seldom news and
	// many are named by Persian words that are Arabic ones too).
	villages bool
	// neighbourhoods keeps WOF's neighbourhoods: the quarters of Aden,
	// Sanaa, Gaza and Beirut are named in conflict news; those of Riyadh,
	// Dubai or Kuwait are named by common words («النسيم», «الروضة») and
	// in property and sport news.
	neighbourhoods bool
}

// Profiles, in the order of lexicon.WOFFiles. Where armed conflict is news
// at the scale of villages (Yemen, Gaza and the West Bank, South Lebanon,
// Libya, Sinai, Sudan, Somalia, Afghanistan, south-east Turkey, the Saudi
// border with Yemen) every village WOF names in Arabic is kept; so are the
// villages of the smaller extracts, where they cost little.
var profiles = []profile{
	{"ye", "YEM", true, true},
	{"ly", "LBY", true, true},
	{"lb", "LBN", true, true},
	{"ps", "PSE", true, true},
	{"il", "ISR", true, true},
	{"jo", "JOR", true, true},
	{"eg", "EGY", true, true},
	{"sa", "SAU", true, false},
	{"sd", "SDN", true, true},
	{"so", "SOM", true, true},
	{"tn", "TUN", true, false},
	{"dz", "DZA", true, false},
	{"ma", "MAR", true, false},
	{"af", "AFG", true, true},
	{"tr", "TUR", true, false},
	{"ir", "IRN", false, false},
	{"kw", "KWT", true, false},
	{"bh", "BHR", true, false},
	{"qa", "QAT", true, false},
	{"ae", "ARE", true, false},
	{"om", "OMN", true, false},
}

// Tolerances of the province check, in degrees (0.01° is about 1 km).
const (
	// nearDeg: a point outside every polygon takes the nearest province
	// this close (Oman's and Bahrain's coastal towns lie up to ~1 km off
	// WOF's simplified coastline).
	nearDeg = 0.05
	// wrongDeg: a point this far outside the polygon of the province WOF
	// files it under, and inside another's, is WOF's error, not the
	// simplification's (which moves borders by ~200 m).
	wrongDeg = 0.05
)

// Columns rewritten for a row whose province is refilled.
const (
	colRegionID     = "region_id"
	colRegionEN     = "region_en"
	colRegionAR     = "region_ar"
	colHierarchySrc = "hierarchy_src"
)

// refilled is the hierarchy_src of a row whose province rasd refilled.
const refilled = "rasd-pip"

type province struct {
	wofID  int64
	nameEN string
	nameAR string
	geom   orb.Geometry
}

// stats counts, for the report, what happened to one country's rows.
type stats struct {
	seen, kept           map[string]int // by placetype
	refilled, noProvince int
	fixed                []string // rows moved out of the province WOF gives
}

func main() {
	shared := flag.String("shared", "../shared", "the shared/ folder")
	data := flag.String("data", "internal/lexicon/data", "the lexicon's data folder")
	flag.Parse()
	if err := run(*shared, *data, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "wofmena:", err)
		os.Exit(1)
	}
}

func run(shared, data string, report io.Writer) error {
	valid, err := admin1Regions(filepath.Join(data, "admin1.tsv"))
	if err != nil {
		return err
	}
	fmt.Fprintf(report, "| cc | region | county | locality | neighbourhood | campus | rows | refilled | no province |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, p := range profiles {
		out, st, err := derive(shared, p, valid)
		if err != nil {
			return err
		}
		if err := gzfile.Write(filepath.Join(data, "wof-"+p.cc+"-places.tsv.gz"), out); err != nil {
			return err
		}
		cell := func(t string) string {
			if st.seen[t] == 0 {
				return "–"
			}
			return fmt.Sprintf("%d / %d", st.kept[t], st.seen[t])
		}
		total := 0
		for _, n := range st.kept {
			total += n
		}
		fmt.Fprintf(report, "| %s | %s | %s | %s | %s | %s | %d | %d | %d |\n", p.cc, cell("region"), cell("county"),
			cell("locality"), cell("neighbourhood"), cell("campus"), total, st.refilled, st.noProvince)
		for _, f := range st.fixed {
			fmt.Fprintf(report, "  %s: %s\n", p.cc, f)
		}
	}
	return nil
}

// admin1Regions reads the WOF region ids of data/admin1.tsv: the provinces
// rasd knows.
func admin1Regions(path string) (map[int64]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[int64]bool{}
	var col int = -1
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Split(line, "\t")
		if col < 0 {
			col = slices.Index(fields, "wof_id")
			if col < 0 {
				return nil, fmt.Errorf("%s: no wof_id column", path)
			}
			continue
		}
		if col >= len(fields) {
			continue
		}
		for s := range strings.SplitSeq(fields[col], "|") {
			id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%s: wof_id %q: %v", path, s, err)
			}
			out[id] = true
		}
	}
	return out, sc.Err()
}

// derive returns the embedded file of one country: two comment lines, the
// shared file's header, and the kept rows in the shared file's order.
func derive(shared string, p profile, valid map[int64]bool) ([]byte, stats, error) {
	st := stats{seen: map[string]int{}, kept: map[string]int{}}
	provs, err := provinces(filepath.Join(shared, "data/mena/wof-"+p.cc+"-admin1.geojson"), valid)
	if err != nil {
		return nil, st, err
	}
	name := "wof-" + p.cc + "-places.tsv"
	raw, err := os.ReadFile(filepath.Join(shared, "data/mena", name))
	if err != nil {
		return nil, st, err
	}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	header := strings.Split(lines[0], "\t")
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, c := range []string{"wof_id", "placetype", "name_ar", "lat", "lon", "population", "is_current", "deprecated",
		colRegionID, colRegionEN, colRegionAR, colHierarchySrc} {
		if _, ok := col[c]; !ok {
			return nil, st, fmt.Errorf("%s: no column %s", name, c)
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Derived from shared/data/mena/%s by internal/lexicon/wofmena: the rows rasd embeds, with a\n", name)
	fmt.Fprintf(&b, "# province for each (hierarchy_src %s). Data from Who's On First, see LICENSE.whosonfirst.md.\n", refilled)
	b.WriteString(lines[0] + "\n")
	for _, line := range lines[1:] {
		r := strings.Split(line, "\t")
		if len(r) != len(header) {
			return nil, st, fmt.Errorf("%s: %d cells in %q", name, len(r), line)
		}
		pt := r[col["placetype"]]
		st.seen[pt]++
		if r[col["is_current"]] == "0" || r[col["deprecated"]] == "1" || !keep(p, pt, r[col["name_ar"]], r[col["population"]]) {
			continue
		}
		if pt != "region" {
			lat, err1 := strconv.ParseFloat(r[col["lat"]], 64)
			lon, err2 := strconv.ParseFloat(r[col["lon"]], 64)
			if err1 != nil || err2 != nil {
				return nil, st, fmt.Errorf("%s: bad point in %q", name, line)
			}
			id, _ := strconv.ParseInt(r[col[colRegionID]], 10, 64)
			pv, why := locate(orb.Point{lon, lat}, id, valid, provs, pt == "county")
			switch {
			case why == "none":
				st.noProvince++
				continue
			case pv != nil:
				st.refilled++
				if why == "wrong" {
					st.fixed = append(st.fixed, fmt.Sprintf("%s %s (%s): %s → %s", r[col["wof_id"]], r[col["name_ar"]],
						r[col[colRegionEN]], strconv.FormatInt(id, 10), pv.nameEN))
				}
				r[col[colRegionID]] = strconv.FormatInt(pv.wofID, 10)
				r[col[colRegionEN]] = pv.nameEN
				r[col[colRegionAR]] = pv.nameAR
				r[col[colHierarchySrc]] = refilled
			}
		}
		st.kept[pt]++
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	return b.Bytes(), st, nil
}

// keep applies the country's profile to one current record.
func keep(p profile, placetype, nameAR, population string) bool {
	if placetype == "region" {
		return true
	}
	if strings.TrimSpace(nameAR) == "" {
		return false
	}
	switch placetype {
	case "county", "campus":
		return true
	case "locality":
		if p.villages {
			return true
		}
		n, _ := strconv.Atoi(population)
		return n > 0
	case "neighbourhood":
		return p.neighbourhoods
	}
	// localadmin (Morocco's communes repeat its towns' names; a few Turkish
	// quarters) and microhood (Kuwait's blocks).
	return false
}

// locate checks the province of a point WOF files under region id. It
// returns nil and "" when WOF's region stands; otherwise the province
// that holds the point, with "refill" (WOF gives none rasd knows) or
// "wrong" (WOF's is far off), or nil and "none" when no province is near.
// A district's own region is never overruled: WOF defines the district,
// and where the two disagree its point is the error (Aden's Al Mualla
// district lies 100 km west of Aden).
func locate(pt orb.Point, id int64, valid map[int64]bool, provs []province, district bool) (*province, string) {
	if valid[id] {
		own := slices.IndexFunc(provs, func(p province) bool { return p.wofID == id })
		if district || own < 0 || geodata.Contains(provs[own].geom, pt) || planar.DistanceFrom(provs[own].geom, pt) <= wrongDeg {
			// A region of another country's extract (the Golan, East
			// Jerusalem), or a point in or near its own.
			return nil, ""
		}
		for i := range provs {
			if geodata.Contains(provs[i].geom, pt) {
				return &provs[i], "wrong"
			}
		}
		return nil, ""
	}
	best, bestD := -1, math.Inf(1)
	for i := range provs {
		if geodata.Contains(provs[i].geom, pt) {
			return &provs[i], "refill"
		}
		if d := planar.DistanceFrom(provs[i].geom, pt); d < bestD {
			best, bestD = i, d
		}
	}
	if best >= 0 && bestD <= nearDeg {
		return &provs[best], "refill"
	}
	return nil, "none"
}

// provinces reads a country's admin1 polygons, keeping those of
// data/admin1.tsv, in the file's order.
func provinces(path string, valid map[int64]bool) ([]province, error) {
	areas, err := geodata.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []province
	for _, a := range areas {
		if valid[a.WOFID] {
			out = append(out, province{wofID: a.WOFID, nameEN: a.NameEN, nameAR: a.NameAR, geom: a.Geometry})
		}
	}
	return out, nil
}
