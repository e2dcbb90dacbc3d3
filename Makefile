# errpat: build, test, lint, fuzz, bench.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
FUZZTIME ?= 30s

.PHONY: all build test lint fuzz bench samples screenshot clean man

all: lint test build

build:
	go build -trimpath -ldflags '$(LDFLAGS)' -o bin/errpat ./cmd/errpat
	go build -trimpath -o bin/errpat-gen ./cmd/errpat-gen
	go build -trimpath -o bin/errpat-bench ./cmd/errpat-bench

# The manual page, written from the flags (errpat man).
man:
	go run -ldflags '-X main.version=$(VERSION)' ./cmd/errpat man > errpat.1

test:
	go test -race ./...
	go test -run 'Memory$$' ./analyzer # the memory bound, without the race detector's overhead

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt -l lists:"; echo "$$out"; exit 1; fi
	go vet ./...

# Every fuzz test in turn, FUZZTIME each: the parsers, the masker and the
# renderers' escaping, found in the packages' test files.
FUZZPKGS ?= ./parsers ./analyzer ./report
fuzz:
	@for p in $(FUZZPKGS); do \
		for f in $$(go test $$p -list '^Fuzz' | grep '^Fuzz'); do \
			echo "== $$p $$f"; go test $$p -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; \
		done; \
	done

# Generates the bench corpora once (in .bench-cache/), then times errpat
# against cat on the same files, and runs the Go benchmarks.
bench: build
	./bin/errpat-bench --errpat ./bin/errpat --gen ./bin/errpat-gen
	go test -run '^$$' -bench . -benchmem ./parsers ./analyzer

# The report of the samples shipped in testdata/.
samples:
	go run ./cmd/errpat --tz UTC testdata

# The HTML report in headless Chromium, kept as docs/report.png.
screenshot:
	bash .ci/screenshot

clean:
	rm -rf bin .bench-cache errpat.1
