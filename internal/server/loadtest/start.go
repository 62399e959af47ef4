package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// dashboardRequests are what the dashboard asks for when it opens with its
// default filters (web/app.js: start and refresh), all at once as the
// browser sends them, but for its alerts, a report over every event of
// the store (measured apart: it takes seconds on a large store).
var dashboardRequests = []string{
	"/api/basemap",
	"/api/events?background=false&limit=50&offset=0&sort=date",
	"/api/events?background=false&view=map&limit=5000",
	"/healthz",
	"/api/events?background=true&view=map&limit=1",
	"/api/stats?background=false",
}

// startTargets are what start measures, each in a process of its own: the
// first answer to one request, or to all of the dashboard's.
var startTargets = []struct{ name, path string }{
	{"events", "/api/events?limit=50"},
	{"stats", "/api/stats"},
	{"dashboard", ""},
	{"alerts", "/api/alerts?background=false"},
}

// start measures how long `rasd serve` takes from its start to its first
// answers: for each binary (alternating, so that a busy machine weighs on
// all alike) and each target, -runs processes, each started afresh, asked
// as soon as its port takes connections, and stopped after answering. It
// reports the median wall time from exec to the last byte of the answer,
// and the process's CPU time by then (user + system, from /proc), which
// waiting for a core does not inflate.
//
//	loadtest start -db /tmp/big.db -runs 5 /tmp/rasd-old /tmp/rasd-new
func startTimes(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("start", flag.ExitOnError)
	db := fs.String("db", "", "the store each server serves (a SQLite file or a postgres:// URL)")
	runs := fs.Int("runs", 5, "processes started per binary and target")
	port := fs.Int("port", 18093, "the port the servers listen on, one at a time")
	fs.Parse(args)
	if *db == "" || fs.NArg() == 0 || *runs < 1 {
		usage()
	}
	type key struct{ bin, target string }
	wall := map[key][]time.Duration{}
	cpu := map[key][]time.Duration{}
	listen := map[key][]time.Duration{}
	for r := 0; r < *runs; r++ {
		for _, t := range startTargets {
			for _, bin := range fs.Args() {
				l, w, c, err := firstAnswer(ctx, bin, *db, *port, t.path)
				if err != nil {
					return fmt.Errorf("%s, %s: %w", bin, t.name, err)
				}
				k := key{bin, t.name}
				wall[k], cpu[k], listen[k] = append(wall[k], w), append(cpu[k], c), append(listen[k], l)
			}
		}
	}
	median := func(ds []time.Duration) time.Duration {
		ds = slices.Clone(ds)
		slices.Sort(ds)
		return ds[len(ds)/2]
	}
	list := func(ds []time.Duration) string {
		var s []string
		for _, d := range ds {
			s = append(s, strconv.FormatInt(d.Milliseconds(), 10))
		}
		return strings.Join(s, " ")
	}
	fmt.Fprintf(out, "first answer after start, %s, %d runs each (ms; wall, CPU, and wall until the port took\n"+
		"connections, which rasd serve opens before anything but the process's own start; medians, then every run)\n", *db, *runs)
	for _, t := range startTargets {
		for _, bin := range fs.Args() {
			k := key{bin, t.name}
			fmt.Fprintf(out, "%-10s %-28s wall %5d  cpu %5d  listening %5d   [%s] [%s] [%s]\n", t.name, bin, median(wall[k]).Milliseconds(),
				median(cpu[k]).Milliseconds(), median(listen[k]).Milliseconds(), list(wall[k]), list(cpu[k]), list(listen[k]))
		}
	}
	return nil
}

// firstAnswer starts bin serving db, asks for path (every dashboard
// request at once when path is "") as soon as the port accepts, and
// returns the time from exec until the port took connections, the time
// to the end of the (last) answer and the process's CPU time then.
func firstAnswer(ctx context.Context, bin, db string, port int, path string) (listening, wall, cpu time.Duration, err error) {
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	cmd := exec.CommandContext(ctx, bin, "serve", "--db", db, "--addr", addr)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, 0, err
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	client := &http.Client{Timeout: 2 * time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	paths := []string{path}
	if path == "" {
		paths = dashboardRequests
	}
	// The server listens before it loads anything, so a connection is
	// taken at once and the request waits in the kernel's queue until the
	// server accepts: asking early measures the whole start.
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			listening = time.Since(t0)
			break
		}
		if time.Since(t0) > time.Minute {
			return 0, 0, 0, fmt.Errorf("the server did not listen on %s: %w", addr, err)
		}
		time.Sleep(2 * time.Millisecond)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(paths))
	for i, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := client.Get("http://" + addr + p)
			if err != nil {
				errs[i] = err
				return
			}
			defer res.Body.Close()
			if _, err := io.Copy(io.Discard, res.Body); err != nil {
				errs[i] = err
			} else if res.StatusCode != http.StatusOK {
				fmt.Fprintf(os.Stderr, "loadtest: %s %s: HTTP %d after %v\n", bin, p, res.StatusCode, time.Since(t0).Round(time.Millisecond))
			}
		}()
	}
	wg.Wait()
	wall = time.Since(t0)
	if err := errors.Join(errs...); err != nil {
		return 0, 0, 0, err
	}
	cpu, err = processCPU(cmd.Process.Pid)
	return listening, wall, cpu, err
}

// processCPU is a process's user and system time so far, from
// /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s).
func processCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name, field 2, is in parentheses and may hold spaces.
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: too few fields", pid)
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, err
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}
