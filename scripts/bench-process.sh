#!/usr/bin/env bash
# Whole-process figures of Glossa under Xvfb, next to their floor, a minimal
# Fyne window (internal/bench/cmd/minwindow) built with the same toolchain and measured
# in the same run:
#   - start to first frame: exec to the window being mapped (viewable), the
#     median of $BENCH_RUNS runs (default 5), for minwindow, Glossa on its
#     default project (the sample article) and Glossa on a project whose
#     first article (opened at start) is the 1 MB article with 3,000
#     annotations;
#   - resident memory (VmRSS) once the window is idle: minwindow, Glossa
#     with the 1 MB article, and Glossa after $BENCH_EDITS (default 1,000)
#     edits made like a person: drag across words, press 3 (Person); each
#     of the last two also after a rest of 100 s, once the window has given
#     back what its busiest minute held (internal/desktop's giveBackWhenIdle);
#     then after as many edits again, to show where it levels off;
#   - the Go heap in use at those two rests (gctrace), Glossa's own data.
# Prints "name value unit" lines that scripts/bench.sh reads, and the
# details on standard error.
#
# usage: scripts/bench-process.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${BENCH_RUNS:-5}
edits=${BENCH_EDITS:-1000}
. "$(dirname "$0")/xvfb.sh"
scratch
log() { echo "bench-process: $*" >&2; }
fail() { log "FAIL: $*"; exit 1; }

export LANG=C.UTF-8 LC_ALL=C.UTF-8
log "building ./glossa and internal/bench/cmd/minwindow"
go build -o "$work/glossa" .
go build -o "$work/minwindow" ./internal/bench/cmd/minwindow
go run ./internal/bench/cmd/genarticle -o "$work/large.json" -annotations 3000

export HOME=$work/home XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
mkdir -p "$HOME"
start_xvfb 130 170

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# idle PID: wait until the process has used no CPU for a second (max 60 s).
idle() {
  local last now i
  last=$(cpu_ticks "$1")
  for i in $(seq 120); do
    sleep 0.5
    now=$(cpu_ticks "$1")
    if [ "$now" = "$last" ]; then
      sleep 0.5
      [ "$(cpu_ticks "$1")" = "$now" ] && return 0
    fi
    last=$now
  done
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# start NAME-REGEX CMD...: starts CMD, waits for a visible window whose
# name matches, sets $app (pid), $wid and $ms (exec to mapped).
start() {
  local re=$1; shift
  launch_window "$re" 3000 0.01 "$@"
  ms=$(( $(now_ms) - launched_ms ))
}
stop() {
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
}

# The default project: a first run creates it with the sample article.
start '^Glossa' "$work/glossa"
idle "$app"
stop
large=$work/large.glossa
"$work/glossa" import --db "$large" "$work/large.json" >/dev/null 2>"$work/import.log" || fail "import: $(cat "$work/import.log")"
start '^Glossa' "$work/glossa" --db "$large" # the first open writes the automatic backup
idle "$app"
stop

# Rounds of the three starts, one after the other, so that the load of the
# machine weighs on each alike: the table takes the median of the per-round
# ratios. The last round's idle RSS is the memory figure.
declare -A times
for r in $(seq "$runs"); do
  for name in minwindow glossa-default glossa-1mb; do
    case $name in
      minwindow) start '^minwindow$' "$work/minwindow" ;;
      glossa-default) start '^Glossa' "$work/glossa" ;;
      glossa-1mb) start '^Glossa' "$work/glossa" --db "$large" ;;
    esac
    times[$name]="${times[$name]:-} $ms"
    if [ "$r" = "$runs" ]; then
      idle "$app"
      echo "$name-rss $(rss_mb "$app") MB"
    fi
    stop
  done
done
for name in minwindow glossa-default glossa-1mb; do
  log "$name: start to mapped window, ms:${times[$name]}"
  echo "$name-first-frame $(printf '%s\n' ${times[$name]} | median) ms"
  echo "$name-first-frame-runs${times[$name]}"
done

# Edits through the real window: drag across a few words on one of 20
# lines of the article, press 3 (Person). Go's collector reports each
# collection (gctrace) to tell the program's own memory from the rest.
start '^Glossa' env GODEBUG=gctrace=1 "$work/glossa" --db "$large"
xdotool windowmove --sync "$wid" 0 0 || true
xdotool windowsize --sync "$wid" 1280 800 || true
idle "$app"
before=$(rss_mb "$app")
# rested_rss: RSS after a rest of 100 s, once the window has been quiet for
# over a minute and given back what its busiest minute held (main's
# giveBackWhenIdle). Read before the edits too: opening the article
# allocated enough for the window to give memory back.
rested_rss() {
  sleep 100
  idle "$app"
  rss_mb "$app"
}
# live_mb: the Go heap in use after the last collection, from gctrace's
# "A->B->C MB" (C). After a rest it is the collection giveBackWhenIdle
# forced: what Glossa's own data holds, apart from the C memory of the
# graphics driver and the pages Go and glibc keep.
live_mb() {
  { grep -o '[0-9]*->[0-9]*->[0-9]* MB' "$work/app.log" || true; } | tail -n1 | sed 's/.*->\([0-9]*\) MB/\1/'
}
before_rested=$(rested_rss)
live_before=$(live_mb)
edit() {
  local y=$(( 260 + ($1 % 20) * 22 )) x=$(( 330 + ($1 % 7) * 20 ))
  xdotool mousemove "$x" "$y" mousedown 1 mousemove $(( x + 60 )) "$y" mousemove $(( x + 120 )) "$y" mouseup 1 key 3
}
# The first edits pay for what the window draws for the first time (the
# detail editor's widgets; with software GL, the rasteriser's shaders for
# them): RSS after them is reported too, to tell growth per edit apart.
warm=$(( edits < 10 ? edits : 10 ))
for i in $(seq "$warm"); do edit "$i"; done
idle "$app"
warmed=$(rss_mb "$app")
t0=$(now_ms)
for i in $(seq $(( warm + 1 )) "$edits"); do edit "$i"; done
idle "$app"
t1=$(now_ms)
after=$(rss_mb "$app")
rested=$(rested_rss)
live_after=$(live_mb)
# As many edits again: where RSS levels off tells bounded caches (Fyne
# keeps a text's texture and a widget's renderer for a minute after last
# use) from memory that grows with every edit.
for i in $(seq $(( edits + 1 )) $(( 2 * edits ))); do edit "$i"; done
idle "$app"
again=$(rss_mb "$app")
xdotool key ctrl+q
for _ in $(seq 40); do kill -0 "$app" 2>/dev/null || break; sleep 0.25; done
stop
"$work/glossa" export --db "$large" --format json -o "$work/out.json" 2>/dev/null
made=$(python3 -c 'import json,sys; print(sum(len(d["annotations"]) for d in json.load(open(sys.argv[1]))["documents"]) - 3000)' "$work/out.json")
each=$(( (t1 - t0) / (edits > warm ? edits - warm : 1) ))
log "edits: $(( 2 * edits )) sent, $made annotations stored, $each ms per edit end to end (after the first $warm)"
echo "glossa-edits-sent $edits count"
echo "glossa-edits-stored $made count"
echo "glossa-edit-ms $each ms"
echo "glossa-1mb-rss-before-edits $before MB"
echo "glossa-1mb-rss-after-first-edits $warmed MB"
echo "glossa-1mb-rss-after-edits $after MB"
echo "glossa-1mb-rss-before-edits-after-a-rest $before_rested MB"
echo "glossa-1mb-rss-after-edits-and-a-rest $rested MB"
echo "glossa-1mb-rss-after-twice-the-edits $again MB"
echo "glossa-1mb-go-live-before-edits ${live_before:-0} MB"
echo "glossa-1mb-go-live-after-edits ${live_after:-0} MB"
