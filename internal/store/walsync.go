package store

import (
	"os"
	"sync"
)

// walSyncer flushes the writer's WAL to disk in the background after each
// commit. With synchronous=NORMAL SQLite syncs the WAL only when it
// checkpoints, and that sync then writes out every frame committed since
// the last one; the checkpoint runs inside the commit that crosses
// wal_autocheckpoint, on the one goroutine that ingest's batches pass
// through, so the disk's time (some 70–100 ms a checkpoint on the bench
// corpus) stalled the whole pipeline. Synced here beforehand, the
// checkpoint's own sync finds little left to write. It only adds
// durability: a commit synced here survives a power loss as well.
type walSyncer struct {
	path string
	kick chan struct{}
	done chan struct{}
	once sync.Once
}

func newWALSyncer(dbPath string) *walSyncer {
	w := &walSyncer{path: dbPath + "-wal", kick: make(chan struct{}, 1), done: make(chan struct{})}
	go w.loop()
	return w
}

// committed asks for a sync of what is in the WAL now; a request made
// while one is pending is merged with it.
func (w *walSyncer) committed() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

func (w *walSyncer) loop() {
	defer close(w.done)
	var f *os.File
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	for range w.kick {
		if f == nil {
			var err error
			// The WAL lives as long as a connection has the file open:
			// it is opened once, and a failure leaves the sync to the
			// checkpoint, as without this.
			if f, err = os.Open(w.path); err != nil {
				f = nil
				continue
			}
		}
		f.Sync()
	}
}

// close stops the syncer, once it has ended the sync under way. A sync
// still asked for is dropped: the store's last connection checkpoints the
// WAL as it closes, and syncs it then.
func (w *walSyncer) close() {
	w.once.Do(func() {
		select {
		case <-w.kick:
		default:
		}
		close(w.kick)
	})
	<-w.done
}
