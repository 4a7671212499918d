# Jianwu (检务) build.
#
#   make            release build: build/release/jianwu
#   make test       set up, build with ASan+UBSan, run unit and API tests (on SQLite and PostgreSQL 15), browser tests
#   make demo       set up, build, create demo/jianwu.db and serve it on http://127.0.0.1:8080
#   make bench      benchmarks (ratios against a baseline run in the same command)
#   make fuzz       build the libFuzzer targets (clang) and run each for FUZZ_SECONDS (60)
#   make load       wrk against jianwu beside nginx on loopback, and a soak (scripts/load)
#   make reliability  power cuts (crash VFS, CRASH_SEEDS=400 rounds) and kill -9 (KILL_CYCLES=20 cycles)
#   make failover   PostgreSQL primary killed under writes, synchronous replica promoted: nothing acknowledged lost
#
# Sources are picked up by directory: src/<layer>/*.c. Every file in ui/ is embedded into the binary.

VERSION := 0.1.0
CC      ?= cc
PKGS    := libmicrohttpd jansson sqlite3 libsodium libpq xlsxwriter libzip expat
# imports (issue 12): libcsv (Debian libcsv-dev) ships no pkg-config file: linked as plain -lcsv
EXTRA_LIBS := -lcsv

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith \
           -Wformat=2 -Wno-format-nonliteral -Wvla
BASE_CFLAGS := -std=gnu11 $(WARN) -fstack-protector-strong -D_FORTIFY_SOURCE=2 -DJW_VERSION=\"$(VERSION)\" -Isrc
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) $(EXTRA_LIBS) -lpthread -lm

MODE ?= release
ifeq ($(MODE),asan)
  MODE_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined -U_FORTIFY_SOURCE
  MODE_LDFLAGS := -fsanitize=address,undefined
else ifeq ($(MODE),fuzz)
  # libFuzzer (clang): the library is instrumented for coverage; only the fuzz/ programs link the fuzzer's main.
  CC := clang
  MODE_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
                 -fno-sanitize-recover=undefined -U_FORTIFY_SOURCE
  MODE_LDFLAGS := -fsanitize=fuzzer,address,undefined
else
  MODE_CFLAGS := -O2 -g
  MODE_LDFLAGS :=
endif

B := build/$(MODE)
SRC := $(wildcard src/lib/*.c src/core/*.c src/store/*.c src/app/*.c src/web/*.c src/cli/*.c)
OBJ := $(patsubst src/%.c,$(B)/obj/%.o,$(SRC)) $(B)/obj/gen/ui_assets.o
UI_FILES := $(shell find ui -type f 2>/dev/null | LC_ALL=C sort)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))
# documents: test_documents parses the .docx parts with expat (libexpat1-dev)
UNIT_LIBS := -lexpat

.PHONY: all build asan test test-sqlite test-pg test-unit test-api test-browser reliability failover demo bench fuzz setup \
        clean check-sql format

all: build
build: $(B)/jianwu

$(B)/jianwu: $(B)/obj/main.o $(B)/libjianwu.a
	$(CC) $(MODE_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/libjianwu.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(MODE_CFLAGS) -MMD -MP -c -o $@ $<

# The UI is embedded as byte arrays with content-hash ETags (tools/embed_ui.c).
build/tools/embed_ui: tools/embed_ui.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $< $(shell pkg-config --cflags --libs libsodium)

build/gen/ui_assets.c: build/tools/embed_ui $(UI_FILES)
	@mkdir -p $(dir $@)
	build/tools/embed_ui $@ $(UI_FILES)

$(B)/obj/gen/ui_assets.o: build/gen/ui_assets.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(MODE_CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(B)/libjianwu.a tests/unit/test_util.h tests/unit/test_db.h
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(MODE_CFLAGS) -Itests/unit -o $@ $< $(B)/libjianwu.a \
	  $(MODE_LDFLAGS) $(PKG_LIBS) -lcmocka $(UNIT_LIBS)

# The power-cut test links the crash VFS (tests/unit/crashvfs.c), which exists only in tests.
$(B)/tests/test_crash: tests/unit/test_crash.c tests/unit/crashvfs.c tests/unit/crashvfs.h $(B)/libjianwu.a \
                       tests/unit/test_util.h
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(MODE_CFLAGS) -Itests/unit -o $@ tests/unit/test_crash.c tests/unit/crashvfs.c \
	  $(B)/libjianwu.a $(MODE_LDFLAGS) $(PKG_LIBS) -lcmocka

-include $(OBJ:.o=.d) $(B)/obj/main.d

asan:
	$(MAKE) MODE=asan build $(patsubst build/release/%,build/asan/%,$(UNIT_BIN))

setup:
	@bash scripts/setup

test: setup check-sql
	$(MAKE) MODE=asan build-tests
	$(MAKE) MODE=fuzz build-fuzz
	@bash scripts/run-tests

.PHONY: build-tests
build-tests: $(B)/jianwu $(UNIT_BIN)

# One backend: test-sqlite runs the unit and API suites on SQLite files, test-pg on a throwaway PostgreSQL cluster.
test-sqlite: setup
	$(MAKE) MODE=asan build-tests
	@bash scripts/run-tests unit api

test-pg: setup
	$(MAKE) MODE=asan build-tests
	@bash scripts/run-tests unit-pg api-pg

test-unit:
	$(MAKE) MODE=asan build-tests
	@bash scripts/run-tests unit

test-api:
	$(MAKE) MODE=asan build-tests
	@bash scripts/run-tests api

test-browser:
	$(MAKE) MODE=asan build-tests
	@bash scripts/run-tests browser

# Crash safety at length (docs/reliability.md): 400 power-cut rounds, 20 kill -9 cycles.
CRASH_SEEDS ?= 400
KILL_CYCLES ?= 20
reliability: setup
	$(MAKE) MODE=asan build-tests
	@JIANWU_CRASH_SEEDS=$(CRASH_SEEDS) JIANWU_KILL_CYCLES=$(KILL_CYCLES) bash scripts/run-tests reliability

# Failover on loopback (scripts/pg-failover-test, docs/scaling.md): a primary and a synchronous streaming replica,
# kill -9 of the primary in the middle of a stream of registrations, promotion; about 40 s.
failover: setup
	$(MAKE) MODE=release build
	@JIANWU_FAILOVER_BIN=$(CURDIR)/build/release/jianwu bash scripts/run-tests failover

demo: setup
	$(MAKE) MODE=release build
	@bash scripts/demo

# Benchmarks: bench/bench_*.c, -O2 against the release library; scripts/run-bench runs them in order.
BENCH_SRC := $(wildcard bench/bench_*.c)
BENCH_BIN := $(patsubst bench/%.c,$(B)/bench/%,$(BENCH_SRC))

# Load and soak on loopback beside nginx (scripts/load; wrk and nginx-light are installed when missing).
.PHONY: load
load: setup
	$(MAKE) MODE=release build
	@bash scripts/load

bench: setup
	$(MAKE) MODE=release build build-bench
	@bash scripts/run-bench

# scale-ui: each page's time in the browser on a large demo office beside the 40-case one (bench/ui/bench-ui.mjs,
# docs/benchmarks.md "Pages in the browser"); BENCH_UI_CASES=100000 for a quicker run (default 1000000).
.PHONY: bench-ui
bench-ui: setup
	$(MAKE) MODE=release build
	@node bench/ui/bench-ui.mjs

.PHONY: build-bench
build-bench: $(BENCH_BIN)

$(B)/bench/%: bench/%.c $(B)/libjianwu.a
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(MODE_CFLAGS) -o $@ $< $(B)/libjianwu.a $(MODE_LDFLAGS) $(PKG_LIBS)

# bench_cases also links bench/pg_load.c (its PostgreSQL load) and wraps the four libpq calls the driver sends
# statements with, to count round trips per store call.
BENCH_PG_WRAP := -Wl,--wrap=PQexec,--wrap=PQexecParams,--wrap=PQexecPrepared,--wrap=PQprepare
$(B)/bench/bench_cases: bench/bench_cases.c bench/pg_load.c bench/pg_load.h $(B)/libjianwu.a
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(MODE_CFLAGS) -o $@ bench/bench_cases.c bench/pg_load.c $(B)/libjianwu.a \
	  $(MODE_LDFLAGS) $(PKG_LIBS) $(BENCH_PG_WRAP)

# Fuzzing (docs/reliability.md): fuzz/fuzz_*.c against the instrumented library in build/fuzz/. libmicrohttpd is
# not linked: fuzz_router provides the two MHD functions req.c calls. make fuzz runs each target FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
FUZZ_BIN := $(patsubst fuzz/%.c,build/fuzz/bin/%,$(FUZZ_SRC))
FUZZ_LIBS := $(shell pkg-config --libs jansson sqlite3 libsodium libpq xlsxwriter libzip expat 2>/dev/null) $(EXTRA_LIBS) -lpthread -lm

fuzz: setup
	@bash scripts/build-fuzz
	@bash scripts/run-fuzz $(FUZZ_SECONDS)

.PHONY: build-fuzz test-fuzz
build-fuzz: $(FUZZ_BIN)

test-fuzz: setup
	$(MAKE) MODE=fuzz build-fuzz
	@bash scripts/run-tests fuzz

build/fuzz/bin/%: fuzz/%.c $(B)/libjianwu.a
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(MODE_CFLAGS) -o $@ $< $(B)/libjianwu.a $(MODE_LDFLAGS) $(FUZZ_LIBS)

check-sql:
	@bash scripts/check-sql

clean:
	rm -rf build

# One style for all C (.clang-format, clang-format 14 from Debian).
FORMAT_SRC = $(shell find src tests/unit bench fuzz tools -name '*.[ch]')
format:
	clang-format -i $(FORMAT_SRC)
