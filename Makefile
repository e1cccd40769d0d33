# Ziar: `make serve` and `make test` are the two commands; both install what is missing.
SHELL := /bin/bash
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(CARGO_BIN):$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CARGO_TERM_COLOR := never
ADDR ?= 127.0.0.1:8080
PUBLISH_EVERY ?= 30

.PHONY: serve test tools test-tools dist dist-news embed newsroom server test-host test-wasm test-e2e test-docs soak fuzz screenshot bench fmt lint clean

## Builds the release app and serves it with the demo newsroom on http://$(ADDR).
serve: tools dist newsroom
	@echo "Ziar: http://$(ADDR)/  (demo newsroom publishes every $(PUBLISH_EVERY)s; Ctrl-C stops)"
	exec target/debug/newsroom --addr $(ADDR) --dist $(DIST) --publish-every $(PUBLISH_EVERY)

## Host, browser (wasm-bindgen-test) and end-to-end (Playwright) tests.
test: test-tools dist dist-news newsroom server
	@scripts/test.sh

tools:
	@scripts/tools.sh build

test-tools:
	@scripts/tools.sh test

## The deployable static site in dist/ (release, size-tuned). PUBLIC_URL is the
## path it is served under (default /; e.g. make dist PUBLIC_URL=/news/); DIST the output folder.
PUBLIC_URL ?= /
DIST ?= dist
## The widget build goes to $(DIST)/embed/ after Trunk (which replaces $(DIST)).
dist: tools
	trunk build --release --public-url $(PUBLIC_URL) --dist $(DIST)
	scripts/embed.sh $(DIST)

## The widget build alone ($(DIST)/embed/), after a `make dist`.
embed: tools
	scripts/embed.sh $(DIST)

## The same build served under /news/, for the nginx e2e test (tests/e2e/deploy.test.mjs).
dist-news: tools
	trunk build --release --public-url /news/ --dist target/dist-news

newsroom:
	cargo build -p newsroom

## ziar-server (server mode): the browser app built to hydrate the server's HTML
## ($(SERVER_SITE)), then target/release/ziar-server. The release profile is tuned
## for wasm size; the native server gets speed and unwinding instead (a panic costs
## one request a 500, not the process), set here so the wasm builds are untouched.
SERVER_SITE ?= target/ziar-server/site
SERVER_PROFILE := --config 'profile.release.opt-level=3' --config 'profile.release.lto="thin"' \
	--config 'profile.release.codegen-units=16' --config 'profile.release.panic="unwind"'
server: tools
	trunk build --release --features hydrate --public-url $(PUBLIC_URL) --dist $(SERVER_SITE)
	node scripts/precompress.mjs $(SERVER_SITE)
	cargo build --release -p ziar-server $(SERVER_PROFILE)

test-host:
	cargo test --workspace

test-wasm: test-tools
	cargo test --target wasm32-unknown-unknown --test browser --test xss

test-e2e: test-tools dist dist-news newsroom server
	cd tests/e2e && node --test --test-concurrency=1 --test-reporter=spec *.test.mjs

## Prints size, speed and polling figures; writes target/bench/latest.json (see README "Performance").
bench: test-tools dist newsroom server
	@[ -d bench/node_modules/lighthouse ] || (cd bench && npm ci --no-audit --no-fund >/dev/null)
	node bench/bench.mjs

## Long soak: many more random publish/edit/delete ops under random faults (the CI run is bounded).
SOAK_OPS ?= 100000
SOAK_SECONDS ?= 1200
soak: test-tools dist newsroom
	cd tests/e2e && SOAK_OPS=$(SOAK_OPS) SOAK_SECONDS=$(SOAK_SECONDS) node --test --test-reporter=spec soak.test.mjs

## Long property-test run over adapters, mapping and sanitizer policy (FUZZ_SECONDS, FUZZ_CASES).
FUZZ_SECONDS ?= 600
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

## Regenerates docs/screenshot.png from the running demo.
screenshot: test-tools dist newsroom
	node tests/e2e/screenshot.mjs

fmt:
	cargo fmt --all

## fmt, clippy and rustdoc (host, and wasm32 for web/ and components/: app, hydrate and widget builds), warnings as errors. rustdoc comes
## after clippy, whose dependency metadata it reuses: about 20 s more (docs/contributing.md "Lint").
lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --features hydrate --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --features embed --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p ziar --target wasm32-unknown-unknown

## The docs test alone: links, anchors and the config.json reference (docs/contributing.md).
test-docs:
	node --test --test-reporter=spec tests/docs/docs.test.mjs

clean:
	cargo clean
	rm -rf dist
