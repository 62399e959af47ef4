//go:build !linux

package text

import "time"

// timeOnThread falls back to wall time where a thread's CPU time is not read.
func timeOnThread(f func()) time.Duration { return timeWall(f) }
