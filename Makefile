# Glossa's build. The two commands a new machine needs:
#   make run    builds Glossa and opens it (installing Fyne's build packages first)
#   make test   runs every test, the end-to-end test in a real window included
# Both install the Debian/Ubuntu packages they need when missing (sudo when not root).

GO      ?= go
BINARY  ?= glossa
PKGS    := ./...

# Packages Fyne needs to build (cgo, X11, OpenGL), and the ones the tests need
# for a real window (Xvfb, xdotool, ImageMagick for screenshots) and the font
# with Hebrew and Arabic letters that the right-to-left tests draw with; Graphviz,
# whose dot -Tsvg renders the DOT export in its test (skipped without it); xmllint
# (libxml2-utils), which checks the GraphML export against GraphML's schema.
BUILD_DEBS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
              libxinerama-dev libxi-dev libxxf86vm-dev
TEST_DEBS  := xvfb xauth xdotool imagemagick python3 fonts-dejavu-core graphviz \
              libxml2-utils
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build run test test-unit test-e2e test-long vet deps test-deps bench clean

all: build

deps:
	@scripts/apt-need.sh $(BUILD_DEBS)

test-deps: deps
	@scripts/apt-need.sh $(TEST_DEBS)

build: deps
	$(GO) build -o $(BINARY) .

run: build
	./$(BINARY)

vet: deps
	$(GO) vet $(PKGS)
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi

test-unit: deps
	$(GO) test -count=1 $(PKGS)

test-e2e: test-deps build
	scripts/e2e.sh ./$(BINARY)
	scripts/e2e-suggest.sh ./$(BINARY)
	scripts/e2e-curate.sh ./$(BINARY)

test: vet test-unit test-e2e

# Longer reliability and fuzz runs (see README, Reliability).
test-long: deps
	GLOSSA_LONG=1 $(GO) test -count=1 -timeout 60m $(PKGS)

bench: deps
	scripts/bench.sh

clean:
	rm -f $(BINARY) $(BINARY).exe
	rm -rf dist

include release.mk
