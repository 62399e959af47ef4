package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCPUProfile: --cpuprofile writes a profile of the command, and is not
// shown in the help.
func TestCPUProfile(t *testing.T) {
	prof := filepath.Join(t.TempDir(), "cpu.prof")
	article := writeFile(t, "a.txt", []byte(sampleArticle))
	if code, _, stderr := runRasd(t, "", "tag", "--cpuprofile", prof, article); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if st, err := os.Stat(prof); err != nil || st.Size() == 0 {
		t.Fatalf("no profile written: %v", err)
	}
	if _, out, _ := runRasd(t, "", "tag", "--help"); strings.Contains(out, "cpuprofile") {
		t.Errorf("--cpuprofile is listed in the help:\n%s", out)
	}
}

// TestExecTrace: --exectrace writes a runtime trace of the command, and is not
// shown in the help.
func TestExecTrace(t *testing.T) {
	out := filepath.Join(t.TempDir(), "trace.out")
	article := writeFile(t, "a.txt", []byte(sampleArticle))
	if code, _, stderr := runRasd(t, "", "tag", "--exectrace", out, article); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("no trace written: %v", err)
	}
	if _, help, _ := runRasd(t, "", "tag", "--help"); strings.Contains(help, "exectrace") {
		t.Errorf("--exectrace is listed in the help:\n%s", help)
	}
}
