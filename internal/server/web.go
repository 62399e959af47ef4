package server

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
)

// The dashboard is the project's own HTML, CSS and JavaScript, served as
// is: no build step, no third-party code, nothing fetched from elsewhere.
//
//go:embed web
var webFiles embed.FS

// dashboard serves index.html at / and the page's files under /static/.
func dashboard() http.Handler {
	root, err := fs.Sub(webFiles, "web")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	static := http.StripPrefix("/static", http.FileServerFS(root))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		// Everything the page loads comes from this server; the policy
		// makes a stray external reference fail loudly.
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		if r.URL.Path == "/" {
			http.ServeFileFS(w, r, root, "index.html")
			return
		}
		// The file server's own 404 is plain text, and it lists
		// directories; only the page's files are served.
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		if info, err := fs.Stat(root, name); err != nil || info.IsDir() {
			notFound(w, r)
			return
		}
		static.ServeHTTP(w, r)
	})
}
