module rasd

go 1.26.8

require (
	github.com/google/go-cmp v0.7.0
	github.com/hablullah/go-hijri v1.0.2
	github.com/spf13/cobra v1.10.2
	golang.org/x/text v0.43.0
)

require (
	github.com/hablullah/go-juliandays v1.0.0 // indirect
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/spf13/pflag v1.0.9 // indirect
)
