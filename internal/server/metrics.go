package server

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"rasd/internal/store"
)

// metrics is one server's Prometheus registry. It is the server's own, not
// the global default, so that two servers in one test binary do not share
// counters.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newMetrics(st store.Store, jobs JobCounter) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rasd_http_requests_total",
			Help: "HTTP requests answered, by route pattern and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "rasd_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
	}
	m.reg.MustRegister(m.requests, m.latency, storeCollector{st},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if jobs != nil {
		m.reg.MustRegister(jobsCollector{jobs})
	}
	return m
}

// JobCounter counts the job queue's jobs by state (internal/queue).
type JobCounter func(ctx context.Context) (map[string]int64, error)

var jobsDesc = prometheus.NewDesc("rasd_jobs", "Jobs of the article queue by state; discarded and cancelled are dead letters.", []string{"state"}, nil)

// jobsCollector reads the queue at scrape time: the workers that change it
// are other processes, often on other machines.
type jobsCollector struct{ count JobCounter }

func (c jobsCollector) Describe(ch chan<- *prometheus.Desc) { ch <- jobsDesc }

func (c jobsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.count(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(jobsDesc, err)
		return
	}
	for state, n := range counts {
		ch <- prometheus.MustNewConstMetric(jobsDesc, prometheus.GaugeValue, float64(n), state)
	}
}

func (m *metrics) observe(route string, code int, d time.Duration) {
	m.requests.WithLabelValues(route, strconv.Itoa(code)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

var (
	documentsDesc = prometheus.NewDesc("rasd_store_documents", "Documents in the store.", nil, nil)
	eventsDesc    = prometheus.NewDesc("rasd_store_events", "Per-document events in the store.", nil, nil)
	clustersDesc  = prometheus.NewDesc("rasd_store_clusters", "Merged events (clusters) in the store.", nil, nil)
)

// storeCollector reads the store's totals at scrape time, so the gauges
// also count what other processes (rasd ingest) wrote to the same store.
type storeCollector struct{ st store.Store }

func (c storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- documentsDesc
	ch <- eventsDesc
	ch <- clustersDesc
}

func (c storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n, err := c.st.Counts(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(documentsDesc, err)
		return
	}
	ch <- prometheus.MustNewConstMetric(documentsDesc, prometheus.GaugeValue, float64(n.Documents))
	ch <- prometheus.MustNewConstMetric(eventsDesc, prometheus.GaugeValue, float64(n.Events))
	ch <- prometheus.MustNewConstMetric(clustersDesc, prometheus.GaugeValue, float64(n.Clusters))
}
