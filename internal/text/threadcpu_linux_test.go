//go:build linux

package text

import (
	"runtime"
	"time"

	"golang.org/x/sys/unix"
)

// timeOnThread runs f locked to its OS thread and returns the CPU time that
// thread spent (CLOCK_THREAD_CPUTIME_ID, to the nanosecond): unlike wall
// time it does not grow when other processes take the cores, so ratios of
// two such times hold on a loaded machine.
func timeOnThread(f func()) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var before, after unix.Timespec
	if unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &before) != nil {
		return timeWall(f)
	}
	f()
	if unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &after) != nil {
		return timeWall(f)
	}
	return time.Duration(after.Nano() - before.Nano())
}
