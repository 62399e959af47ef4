package main

import (
	"rasd/internal/extract"
	"rasd/internal/mention"
)

// loadExtractor loads the lexicons and the extractor. The rule book is
// compiled while the lexicons load: it needs none of them, and the
// gazetteer, the longest of the loads, leaves a core idle for most of a
// start.
func loadExtractor() (*mention.Lexicons, *extract.Extractor, error) {
	book := make(chan error, 1)
	go func() {
		_, err := extract.Rules()
		book <- err
	}()
	lex, err := mention.Load()
	if berr := <-book; err == nil {
		err = berr
	}
	if err != nil {
		return nil, nil, err
	}
	x, err := extract.Load(lex)
	if err != nil {
		return nil, nil, err
	}
	return lex, x, nil
}
