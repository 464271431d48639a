#!/usr/bin/env bash
# Glossa's performance suite (issue 7, `make bench`): every figure next to
# its limit, measured in the same run, printed as one table of ratios.
#
#   - storage: BenchmarkEditDurable next to BenchmarkFsyncBaseline
#     (storage/bench_test.go);
#   - bench: export, import, opening and edits on the seeded corpus
#     (internal/bench/bench_test.go), next to their baselines; the
#     suggester on the corpus written news-style, next to a word scan of
#     the same texts and issue 20's 10 s (internal/bench/suggest_test.go);
#     agreement of three annotators' layers of the corpus, next to one pass
#     over their spans and issue 21's 1 s (internal/bench/agree_test.go);
#     statistics and the who-said-what graph on 10,000 articles / 1,000,000
#     annotations, next to a pass over the same annotations and issue 22's
#     1 s (internal/bench/stats_test.go, graph_test.go);
#   - widgets: the article view's benchmarks (widgets/bench_test.go);
#   - the whole process under Xvfb next to a minimal Fyne window
#     (scripts/bench-process.sh).
#
# The machines are shared and noisy, so each Go benchmark group runs
# $BENCH_ROUNDS times (default 2), a figure right after its baseline; the
# table shows medians and the median of the per-round ratios.
#
# Environment:
#   BENCH_ROUNDS=2       rounds of the Go benchmarks
#   BENCH_SCALE=10       also run the bench package on 10x the corpus (10,000
#                        documents, 1,000,000 annotations) and show growth
#   BENCH_PROCESS=0      skip the whole-process figures
#   BENCH_EDITS=1000     edits made through the window (bench-process.sh)
#   GLOSSA_BENCH_DATA    where generated corpora are kept between runs
#                        (default $TMPDIR/glossa-bench-data)
#   BENCH_OUT            keep raw outputs in this folder
#
# usage: scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${BENCH_ROUNDS:-2}
scale=${BENCH_SCALE:-1}
export GLOSSA_BENCH_DATA=${GLOSSA_BENCH_DATA:-${TMPDIR:-/tmp}/glossa-bench-data}
out=${BENCH_OUT:-$(mktemp -d)}
mkdir -p "$out"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
log() { echo "bench: $*" >&2; }
export LANG=C.UTF-8 LC_ALL=C.UTF-8

log "compiling the benchmark binaries"
for p in storage internal/bench widgets; do
  go test -c -o "$bin/${p##*/}.test" "./$p"
done

# run PKG SCALE BENCHTIME REGEXP: one group, output appended to the round's
# file with a "scale" marker line.
run() {
  local pkg=$1 sc=$2 bt=$3 re=$4
  echo "scale $sc" >>"$raw"
  (cd "$pkg" && BENCH_SCALE=$sc "$bin/${pkg##*/}.test" -test.run '^$' -test.bench "$re" -test.benchtime "$bt" -test.benchmem) >>"$raw" 2>&1 \
    || { cat "$raw" >&2; log "FAILED: $pkg $re"; exit 1; }
}

scales=1
[ "$scale" != 1 ] && scales="1 $scale"
for r in $(seq "$rounds"); do
  raw=$out/round$r.txt
  : >"$raw"
  log "round $r of $rounds"
  run storage 1 200x '^Benchmark(FsyncBaseline|EditDurable)$'
  for sc in $scales; do
    run internal/bench "$sc" 3x '^Benchmark(ExportBaseline|Export100k)$'
    run internal/bench "$sc" 1x '^Benchmark(ImportBaseline|Import1000)$'
    run internal/bench "$sc" 10x '^Benchmark(OpenBaseline|OpenProject)$'
    run internal/bench "$sc" 100x '^Benchmark(EditInCorpus|EditLarge)$'
    run internal/bench "$sc" 3x '^Benchmark(SuggestBaseline|SuggestCorpus)$'
    run internal/bench "$sc" 3x '^Benchmark(AgreementBaseline|Agreement)$'
    run internal/bench "$sc" 1x '^BenchmarkWhoSaidUnlinked$'
  done
  run internal/bench 1 3x '^Benchmark(StatsBaseline|Stats)$' # its own corpus (10,000 articles), whatever the scale
  run internal/bench 1 2x '^Benchmark(WhoSaidBaseline|WhoSaid)$' # the same corpus
  run widgets 1 10x '^Benchmark(FirstPaint1MB|ScrollStep|AddHighlight|Relayout)$'
done

if [ "${BENCH_PROCESS:-1}" != 0 ]; then
  log "whole-process figures (scripts/bench-process.sh)"
  scripts/bench-process.sh >"$out/process.txt" 2>"$out/process.log" || { cat "$out/process.log" >&2; exit 1; }
fi

log "raw outputs in $out"
python3 - "$out" "$rounds" "$scale" <<'PY'
import glob, os, re, statistics, sys

out, rounds, scale = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# figures[(scale, name, unit)] = [value per round]
figures = {}
for r in range(1, rounds + 1):
    sc = 1
    for line in open(os.path.join(out, f"round{r}.txt"), encoding="utf-8"):
        if line.startswith("scale "):
            sc = int(line.split()[1])
            continue
        m = re.match(r"^(Benchmark\S+?)(-\d+)?\s+\d+\s+(.*)$", line)
        if not m:
            continue
        name, rest = m.group(1)[len("Benchmark"):], m.group(3).split()
        for v, u in zip(rest[0::2], rest[1::2]):
            figures.setdefault((sc, name, u), []).append(float(v))

def med(sc, name, unit):
    v = figures.get((sc, name, unit))
    return statistics.median(v) if v else None

def ratio(a, b):
    """Median of per-round ratios of two figures (noise cancels in rounds)."""
    va, vb = figures.get(a), figures.get(b)
    if not va or not vb:
        return None
    return statistics.median(x / y for x, y in zip(va, vb) if y)

proc, runs = {}, {}
pf = os.path.join(out, "process.txt")
if os.path.exists(pf):
    for line in open(pf):
        p = line.split()
        if p and p[0].endswith("-runs"):
            runs[p[0][:-len("-runs")]] = [float(x) for x in p[1:]]
        elif len(p) == 3:
            proc[p[0]] = float(p[1])

rows = []
def row(figure, value, base, r, target, ok):
    verdict = "—" if ok is None else ("met" if ok else "MISSED")
    rows.append((figure, value, base, "—" if r is None else f"{r:.2f}x", target, verdict))

def ms(ns):
    return "—" if ns is None else (f"{ns/1e6:.0f} ms" if ns >= 1e7 else f"{ns/1e6:.2f} ms")

def both(v):
    return v is not None

S = 1
# Edits.
for p in ("p50", "p99"):
    e, f = med(S, "EditDurable", p + "-ms"), med(S, "FsyncBaseline", p + "-ms")
    r = ratio((S, "EditDurable", p + "-ms"), (S, "FsyncBaseline", p + "-ms"))
    target = "≤ 1.5x" if p == "p50" else "(reported)"
    row(f"edit durable {p} (100 docs)", f"{e:.2f} ms" if both(e) else "—", f"{f:.2f} ms fsync×2" if both(f) else "—",
        r, target, (r <= 1.5) if (p == "p50" and r is not None) else None)
for name, what in (("EditInCorpus", "edit p50 in the 1,000-doc corpus"), ("EditLarge", "edit p50 on the 1 MB article")):
    # These interleave each edit with the baseline's two fdatasyncs.
    e, f, r = med(S, name, "p50-ms"), med(S, name, "base-p50-ms"), med(S, name, "x-base-p50")
    row(what, f"{e:.2f} ms" if both(e) else "—", f"{f:.2f} ms fsync×2, interleaved" if both(f) else "—", r, "≤ 1.5x",
        None if r is None else r <= 1.5)
# Export.
e, b = med(S, "Export100k", "ns/op"), med(S, "ExportBaseline", "ns/op")
r = ratio((S, "Export100k", "ns/op"), (S, "ExportBaseline", "ns/op"))
row("export JSON 1,000 docs/100k anns", ms(e), ms(b) + " encoding/json", r, "≤ 2x and < 1 s",
    None if r is None else (r <= 2 and e < 1e9))
heap, allocs, bop = med(S, "Export100k", "peak-heap-MB"), med(S, "Export100k", "allocs/op"), med(S, "Export100k", "B/op")
if both(heap):
    row("export peak heap / allocations", f"{heap:.0f} MB peak", f"{bop/1e6:.0f} MB, {allocs/1e6:.2f}M allocs per export",
        None, "bounded (streaming)", None)
# Import.
for kind, target in (("json", 3e9), ("txt", 3e9)):
    e, b = med(S, "Import1000/" + kind, "ns/op"), med(S, "ImportBaseline/" + kind, "ns/op")
    r = ratio((S, "Import1000/" + kind, "ns/op"), (S, "ImportBaseline/" + kind, "ns/op"))
    what = "import 100k-annotation JSON" if kind == "json" else "import 1,000 .txt articles"
    basewhat = " decode only" if kind == "json" else " read only"
    row(what, ms(e), ms(b) + basewhat, r, "< 3 s", None if e is None else e < target)
# Opening (store side).
e, b = med(S, "OpenProject/reopen", "ns/op"), med(S, "OpenBaseline", "ns/op")
row("open project data (store side)", ms(e), ms(b) + " 1-doc project", ratio((S, "OpenProject/reopen", "ns/op"), (S, "OpenBaseline", "ns/op")), "(reported)", None)
e2 = med(S, "OpenProject/after-edits", "ns/op")
row("open after edits (auto backup)", ms(e2), ms(e) + " reopen", (e2 / e) if both(e2) and both(e) else None, "(reported)", None)
# Suggestions (issue 20): the corpus, news-style, one worker per core.
e, b = med(S, "SuggestCorpus", "ns/op"), med(S, "SuggestBaseline", "ns/op")
if both(e):
    workers = med(S, "SuggestCorpus", "workers")
    row(f"suggest 1,000 news articles, {workers:.0f} workers", ms(e), ms(b) + " word scan, same pool",
        ratio((S, "SuggestCorpus", "ns/op"), (S, "SuggestBaseline", "ns/op")), "(reported)", None)
    t = med(S, "SuggestCorpus", "target-ratio")
    row("suggest 1,000 news articles vs issue 20", ms(e), "10 s", t, "≤ 1x", t <= 1)
# Agreement (issue 21): 1,000 articles, three annotators' layers.
e, b = med(S, "Agreement", "ns/op"), med(S, "AgreementBaseline", "ns/op")
if both(e):
    row("agreement 1,000 articles x 3 annotators", ms(e), ms(b) + " one pass over the spans",
        ratio((S, "Agreement", "ns/op"), (S, "AgreementBaseline", "ns/op")), "(reported)", None)
    t = med(S, "Agreement", "target-ratio")
    row("agreement 1,000 articles x 3 vs issue 21", ms(e), "1 s", t, "≤ 1x", t <= 1)
# Statistics (issue 22): 10,000 articles, 1,000,000 annotations in memory.
e, b = med(S, "Stats", "stats-ms"), med(S, "Stats", "baseline-ms")
if both(e):
    row("statistics 10,000 articles / 1M annotations", ms(e * 1e6), ms(b * 1e6) + " one pass over the annotations",
        med(S, "Stats", "x-baseline"), "(reported)", None)
    t = med(S, "Stats", "target-ratio")
    row("statistics 10,000 articles / 1M vs issue 22", ms(e * 1e6), "1 s", t, "≤ 1x", t <= 1)
# Who-said-what graph (issue 22): the statistics' corpus, 10,000 articles / 1M annotations.
e, b = med(S, "WhoSaid", "graph-ms"), med(S, "WhoSaid", "baseline-ms")
if both(e):
    row("who-said-what graph 10,000 articles / 1M annotations", ms(e * 1e6), ms(b * 1e6) + " one pass over labels and links",
        med(S, "WhoSaid", "x-baseline"), "(reported)", None)
    t = med(S, "WhoSaid", "target-ratio")
    row("who-said-what graph 10,000 / 1M vs issue 22", ms(e * 1e6), "1 s", t, "≤ 1x", t <= 1)
    # The first build of a process: memory new to it, mapped page by page.
    f, fresh = med(S, "WhoSaid", "first-ms"), med(S, "WhoSaid", "fresh-ms")
    if both(f) and both(fresh):
        row("who-said-what graph, first build of a process", ms(f * 1e6), ms(fresh * 1e6) + " touching its allocation, fresh",
            f / fresh, "(reported)", None)
        t = med(S, "WhoSaid", "first-target-ratio")
        row("who-said-what graph, first build vs issue 22", ms(f * 1e6), "1 s", t, "≤ 1x", t <= 1)
e = med(S, "WhoSaidUnlinked", "graph-ms")
if both(e):
    edges = med(S, "WhoSaidUnlinked", "edges")
    row(f"who-said-what graph, unlinked corpus ({edges:.0f} edges)", ms(e * 1e6), "the same pass, same iterations",
        med(S, "WhoSaidUnlinked", "x-baseline"), "(reported)", None)
# Widgets.
frame = 16.7e6
for name, what, limit, lname in (("FirstPaint1MB", "article first paint 1 MB", 100e6, "100 ms"),
                                 ("ScrollStep", "article scroll step 1 MB", frame, "1 frame 16.7 ms"),
                                 ("AddHighlight", "article add highlight", frame, "1 frame 16.7 ms"),
                                 ("Relayout", "article relayout 1 MB", 100e6, "100 ms")):
    e = med(S, name, "ns/op")
    row(what, ms(e), lname, (e / limit) if both(e) else None, "≤ 1x", None if e is None else e <= limit)
# Whole process.
if proc:
    mw = proc.get("minwindow-first-frame")
    for k, what in (("glossa-default-first-frame", "process: first frame, default project"),
                    ("glossa-1mb-first-frame", "process: first frame, 1 MB article")):
        v = proc.get(k)
        a, b = runs.get(k[:-len("-first-frame")] + "-first-frame"), runs.get("minwindow-first-frame")
        r = statistics.median(x / y for x, y in zip(a, b)) if a and b else (v / mw if v and mw else None)
        row(what, f"{v:.0f} ms", f"{mw:.0f} ms minimal Fyne window", r, "≤ 1.25x", None if r is None else r <= 1.25)
    rw, r1 = proc.get("minwindow-rss"), proc.get("glossa-1mb-rss")
    r = r1 / rw if r1 and rw else None
    row("process: RSS, 1 MB article open", f"{r1:.0f} MB", f"{rw:.0f} MB minimal Fyne window", r, "≤ 1.3x", None if r is None else r <= 1.3)
    b0, b1 = proc.get("glossa-1mb-rss-before-edits"), proc.get("glossa-1mb-rss-after-edits")
    n, each = proc.get("glossa-edits-sent"), proc.get("glossa-edit-ms")
    r = b1 / b0 if b0 and b1 else None
    row(f"process: RSS after {n:.0f} edits in the window", f"{b1:.0f} MB", f"{b0:.0f} MB before", r, "≤ 1.1x", None if r is None else r <= 1.1)
    br, b0r = proc.get("glossa-1mb-rss-after-edits-and-a-rest"), proc.get("glossa-1mb-rss-before-edits-after-a-rest")
    if br and b0r:
        r = br / b0r
        row(f"process: RSS after {n:.0f} edits, each after 100 s of rest", f"{br:.0f} MB", f"{b0r:.0f} MB before", r, "≤ 1.1x", r <= 1.1)
    g0, g1 = proc.get("glossa-1mb-go-live-before-edits"), proc.get("glossa-1mb-go-live-after-edits")
    if g0 and g1:
        row(f"process: Go heap in use at rest, after {n:.0f} edits", f"{g1:.0f} MB", f"{g0:.0f} MB before", g1 / g0, "(reported)", None)
    bw = proc.get("glossa-1mb-rss-after-first-edits")
    if bw and b1:
        row("process: RSS, last edits vs after the first 10", f"{b1:.0f} MB", f"{bw:.0f} MB after 10 edits", b1 / bw, "(reported)", None)
    b2 = proc.get("glossa-1mb-rss-after-twice-the-edits")
    if b1 and b2:
        row(f"process: RSS after {2 * n:.0f} edits vs after {n:.0f} (levels off?)", f"{b2:.0f} MB", f"{b1:.0f} MB", b2 / b1, "(reported)", None)
    row("process: one edit in the window (end to end)", f"{each:.0f} ms", "—", None, "(reported)", None)
# Scale.
if scale != 1:
    k = scale
    for name, unit, what in (("Export100k", "ns/op", "export"), ("Import1000/json", "ns/op", "import JSON"),
                             ("Import1000/txt", "ns/op", "import .txt"),
                             ("OpenProject/reopen", "ns/op", "open project data"),
                             ("SuggestCorpus", "ns/op", "suggest corpus"),
                             ("EditInCorpus", "p50-ms", "edit p50 in corpus"),
                             ("Export100k", "peak-heap-MB", "export peak heap")):
        a, b = med(1, name, unit), med(k, name, unit)
        if a is None or b is None:
            continue
        g = b / a
        fmt = (lambda v: ms(v)) if unit == "ns/op" else (lambda v: f"{v:.2f} {unit}")
        lin = what not in ("edit p50 in corpus", "export peak heap")
        target = f"growth ≤ {k}x (linear)" if lin else "flat"
        ok = g <= k * 1.1 if lin else g <= 1.5
        rows.append((f"{k}x data: {what}", fmt(b), fmt(a) + " at 1x", f"{g:.2f}x", target, "met" if ok else "MISSED"))

w = [max(len(str(r[i])) for r in rows + [("figure", "value", "baseline (limit)", "ratio", "target", "verdict")]) for i in range(6)]
def line(r):
    return "| " + " | ".join(str(c).ljust(w[i]) for i, c in enumerate(r)) + " |"
print(line(("figure", "value", "baseline (limit)", "ratio", "target", "verdict")))
print("|" + "|".join("-" * (x + 2) for x in w) + "|")
for r in rows:
    print(line(r))
PY
