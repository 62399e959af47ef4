package gazetteer

import (
	"bytes"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// A skeleton is a name reduced to classes of consonants that Arabic
// spelling and WOF's Latin romanisations (mostly BGN/PCGN, from GeoNames)
// agree on: vowels, the long vowels and glides (ا و ي, a e i o u w y),
// hamza, the article and word breaks are dropped, letters romanised alike
// share a class, and doubled letters collapse. «مكيشيفة» and "Mukayshifah"
// are both "mKSf". It lets an Arabic name be matched to a WOF record that
// has only a Latin name, or an Arabic one spelt otherwise.
//
// Classes: b (ب پ, b p), t (ت ط ث, t th), j (ج ژ, j), h (ح ه, h),
// x (خ, kh x), d (د ذ ض, d dh), r, z (ز ظ, z), s (س ص, s), S (ش چ, sh ch),
// G (غ, gh), f (ف ڤ, f v ph), K (ق ك گ, q k g c), l, m, n; L is the fused
// «البو» of tribal names ("Albu"), told apart from «أبو» ("Abu").
//
// The fine skeleton also keeps ʿayn as E (ع, and the apostrophes of
// romanisation, which are mostly ʿayn): the coarse one finds candidates,
// the fine one ranks them, since romanisations drop or confuse the mark
// too often for it to be required.

// arabicClass maps a normalised Arabic letter to its class; 0 drops it.
func arabicClass(r rune) byte {
	switch r {
	case 'ب', 'پ':
		return 'b'
	case 'ت', 'ط', 'ث':
		return 't'
	case 'ج', 'ژ':
		return 'j'
	case 'ح', 'ه':
		return 'h'
	case 'خ':
		return 'x'
	case 'د', 'ذ', 'ض':
		return 'd'
	case 'ر', 'ڕ':
		return 'r'
	case 'ز', 'ظ':
		return 'z'
	case 'س', 'ص':
		return 's'
	case 'ش', 'چ':
		return 'S'
	case 'غ':
		return 'G'
	case 'ف', 'ڤ':
		return 'f'
	case 'ق', 'ك', 'گ':
		return 'K'
	case 'ل', 'ڵ':
		return 'l'
	case 'م':
		return 'm'
	case 'ن':
		return 'n'
	case 'ع':
		return 'E'
	}
	return 0
}

// latinArticles are the romanised forms of «ال» standing as a word of
// their own ("Ras al 'Ayn", "Deir ez-Zor" split at the hyphen).
var latinArticles = map[string]bool{
	"al": true, "el": true, "il": true, "ul": true, "as": true, "es": true, "ash": true,
	"esh": true, "ar": true, "er": true, "at": true, "et": true, "ath": true, "ad": true,
	"ed": true, "adh": true, "an": true, "en": true, "az": true, "ez": true,
}

// latinPrefixes are the romanised settlement and district words WOF puts
// before some names ("Qaryat as Sa'duniyah"): in Arabic text the word is
// a cue before the name, not part of it.
var latinPrefixes = map[string]bool{
	"qaryat": true, "qaryah": true, "qarya": true, "nahiyat": true, "nahiyah": true,
	"nahiya": true, "qada": true, "qadha": true, "qadaa": true, "markaz": true,
	"mintaqat": true, "hayy": true, "hay": true, "madinat": true, "mazraat": true,
}

// arabicSkeleton is the fine skeleton of a normalised Arabic name key.
func arabicSkeleton(key string) string {
	var b []byte
	for w := range strings.FieldsSeq(key) {
		rs := []rune(w)
		if len(rs) >= 4 && string(rs[:4]) == "البو" {
			b = appendClass(b, 'L')
			rs = rs[4:]
		} else if len(rs) > 3 && rs[0] == 'ا' && rs[1] == 'ل' {
			rs = rs[2:]
		}
		// A final «ة» (normalised to «ه») or «ه» is a vowel in
		// romanisation ("-ah"), and so is a final «ح» as often as not.
		if n := len(rs); n > 1 && (rs[n-1] == 'ه' || rs[n-1] == 'ح') {
			rs = rs[:n-1]
		}
		for _, r := range rs {
			if c := arabicClass(r); c != 0 {
				b = appendClass(b, c)
			}
		}
	}
	return string(b)
}

// appendClass appends class c unless it repeats the last one.
func appendClass(b []byte, c byte) []byte {
	if len(b) == 0 || b[len(b)-1] != c {
		b = append(b, c)
	}
	return b
}

// coarseSkeleton drops the ʿayn of a fine skeleton.
func coarseSkeleton(fine string) string {
	if !strings.Contains(fine, "E") {
		return fine
	}
	var b []byte
	for i := 0; i < len(fine); i++ {
		if fine[i] != 'E' {
			b = appendClass(b, fine[i])
		}
	}
	return string(b)
}

// latinSkeleton is the fine skeleton of a romanised name, or "" when it
// holds letters other than Latin ones. It runs on every Latin name of WOF
// at each start, so it works in one buffer.
func latinSkeleton(name string) string {
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			name = norm.NFD.String(name) // ḩ ş ā into letter and mark
			break
		}
	}
	var buf [96]byte
	var spans [16][2]int
	letters, words := buf[:0], spans[:0]
	start := 0
	endWord := func() {
		if len(letters) > start && len(words) < cap(words) {
			words = append(words, [2]int{start, len(letters)})
		}
		start = len(letters)
	}
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z':
			letters = append(letters, byte(r))
		case r >= 'A' && r <= 'Z':
			letters = append(letters, byte(r-'A'+'a'))
		case r == 'ı':
			letters = append(letters, 'i')
		case strings.ContainsRune("'‘’ʿʾ`´ʻʼ", r):
			letters = append(letters, '\'')
		case r == ' ' || r == '-' || r == '_' || r == ',' || r == '(' || r == ')' || r == '/':
			endWord()
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r):
			return ""
		}
	}
	endWord()
	word := func(i int) []byte { return letters[words[i][0]:words[i][1]] }
	first := 0
	for first+1 < len(words) && latinPrefixes[string(word(first))] {
		first++
	}
	var b []byte
	for i := first; i < len(words); i++ {
		w := word(i)
		if i+1 < len(words) && latinArticles[string(w)] {
			if next := string(word(i + 1)); string(w) == "al" && (next == "bu" || next == "bo") {
				b = appendClass(b, 'L') // "Al Bu Kamal"
				i++
			}
			continue
		}
		// "Albu Sawdah" is «البو سودة».
		if bytes.HasPrefix(w, []byte("albu")) || bytes.HasPrefix(w, []byte("albo")) {
			b = appendClass(b, 'L')
			w = w[4:]
		} else if bytes.HasPrefix(w, []byte("al")) && len(w) > 4 && len(words)-first == 1 {
			// "Alhamdaniya": the article written fused to a lone word.
			w = w[2:]
		}
		// The «ة» of a construct ("Qaryat Sinjar", "'Aythat al Walid") and
		// a final "-ah" are vowels in the Arabic skeleton.
		if i+1 < len(words) && bytes.HasSuffix(w, []byte("at")) && len(w) > 3 {
			w = w[:len(w)-1]
		}
		if n := len(w); n > 1 && w[n-1] == 'h' && strings.IndexByte("aeiou", w[n-2]) >= 0 {
			w = w[:n-1]
		}
		b = appendLatinClasses(b, w)
	}
	return string(b)
}

func appendLatinClasses(b []byte, w []byte) []byte {
	add := func(c byte) { b = appendClass(b, c) }
	for i := 0; i < len(w); i++ {
		c := w[i]
		next := byte(0)
		if i+1 < len(w) {
			next = w[i+1]
		}
		if next == 'h' {
			two := true
			switch c {
			case 'k':
				add('x')
			case 'g':
				add('G')
			case 's', 'c':
				add('S')
			case 't':
				add('t')
			case 'd':
				add('d')
			case 'z':
				add('j')
			case 'p':
				add('f')
			default:
				two = false
			}
			if two {
				i++
				continue
			}
		}
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'w', 'y':
		case 'p':
			add('b')
		case 'v':
			add('f')
		case 'q', 'k', 'g', 'c':
			add('K')
		case 'x':
			// Kurdish romanisation writes «خ» as x.
			add('x')
		case '\'':
			add('E')
		default:
			add(c)
		}
	}
	return b
}
