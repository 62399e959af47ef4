//go:build !unix

package extract

import "time"

// cpuTime is not measured here: the stage benchmarks then report no
// cpu-ns/op.
func cpuTime() time.Duration { return 0 }
