# Sourced by scripts/e2e*.sh and scripts/bench-process.sh.
#
# scratch
# sets work (a new scratch folder) and pids (processes to stop); at exit
# the processes are killed and the folder is removed.
scratch() {
  work=$(mktemp -d)
  pids=()
  trap scratch_cleanup EXIT
}
scratch_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}

# user_home THEME ANNOTATOR
# gives the program a home of its own in $work (HOME, XDG_DATA_HOME,
# XDG_CONFIG_HOME, an English locale) whose Fyne preferences hold the
# window's theme and the annotator's name.
user_home() {
  export HOME=$work/home XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
  export LANG=en_US.UTF-8 LC_ALL=
  mkdir -p "$HOME" "$XDG_CONFIG_HOME/fyne/io.glossa.app"
  printf '{"theme":"%s","annotator":"%s"}\n' "$1" "$2" >"$XDG_CONFIG_HOME/fyne/io.glossa.app/preferences.json"
}

# start_xvfb FIRST LAST
# starts Xvfb (1280x800x24, no TCP, -noreset) on the first free display number from
# FIRST to LAST, exports DISPLAY, appends its pid to the caller's pids array
# and waits until it answers. Needs $work (a scratch folder) and fail().
start_xvfb() {
  local n disp=""
  for n in $(seq "$1" "$2"); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { disp=":$n"; break; }
  done
  [ -n "$disp" ] || fail "no free X display number from $1 to $2"
  # -noreset: by default the server resets when its last client leaves
  # (here, the xdotool that checked it), and a client connecting during
  # the reset is refused ("Failed to open display").
  Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
  pids+=($!)
  export DISPLAY=$disp
  for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && return 0; sleep 0.1; done
  fail "Xvfb did not start on $disp: $(cat "$work/xvfb.log")"
}

# launch_window REGEX TRIES PAUSE CMD...: starts CMD (output to
# $work/app.log), appends its pid to pids, and waits for a visible window
# whose name matches REGEX, polling TRIES times PAUSE seconds apart. Sets app
# (the pid), wid and launched_ms (when the last start began). When the X
# server refuses the connection ("Failed to open display": seen before
# start_xvfb passed -noreset, when a client connected while the server
# reset after xdotool left, up to three times in a row), CMD is started
# again, at most three times in all. Fails when the
# program exits for another reason (showing $work/app.log) or no window
# comes.
launch_window() {
  local re=$1 tries=$2 pause=$3 attempt
  shift 3
  for attempt in 1 2 3; do
    launched_ms=$(( $(date +%s%N) / 1000000 ))
    "$@" >"$work/app.log" 2>&1 &
    app=$!
    pids+=($app)
    find_window "$re" "$app" "$tries" "$pause" && return 0
    if kill -0 "$app" 2>/dev/null; then
      fail "no window named $re appeared: $(cat "$work/app.log")"
    fi
    grep -q "Failed to open display" "$work/app.log" \
      || fail "the program exited before its window appeared: $(cat "$work/app.log")"
    echo "xvfb.sh: the X server refused $1's connection (attempt $attempt); starting it again" >&2
  done
  fail "the X server refused the program three times: $(cat "$work/app.log")"
}

# find_window REGEX PID TRIES PAUSE: waits for a visible window whose name
# matches REGEX, polling TRIES times PAUSE seconds apart, and sets wid.
# Returns 1 when process PID exits first or no window comes (wid empty).
find_window() {
  local re=$1 pid=$2 tries=$3 pause=$4 i
  wid=""
  for i in $(seq "$tries"); do
    wid=$(xdotool search --onlyvisible --name "$re" 2>/dev/null | head -n1 || true)
    [ -n "$wid" ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep "$pause"
  done
  return 1
}

# probe: asks the window, started with GLOSSA_PROBE=$work/probe in its
# environment (launch_window passes it on), where it draws the article's
# words and a few controls (app.UI.Probe says what): SIGUSR1, then waits
# for the file. Needs $app and fail().
probe() {
  rm -f "$work/probe"
  kill -USR1 "$app"
  for _ in $(seq 300); do [ -e "$work/probe" ] && return 0; sleep 0.1; done # up to 30 s on a busy machine
  fail "the window wrote no probe to $work/probe"
}

# probe_box NAME: prints "X Y", the middle of the control NAME (note,
# layer, article.0...) in the last probe, in the window's pixels.
probe_box() {
  awk -F'\t' -v n="$1" '$1 == "box" && $2 == n { printf "%d %d\n", $3 + $5 / 2, $4 + $6 / 2; found = 1; exit }
    END { if (!found) exit 1 }' "$work/probe" || fail "no $1 in the probe: $(cut -f1,2 "$work/probe" | grep box | tr '\n' ' ')"
}

# probe_text PHRASE: prints "X1 Y1 X2 Y2", a point inside the first word of
# PHRASE and one inside its last, where the article draws them (the last
# probe): a drag from the one to the other selects PHRASE with word
# snapping. PHRASE must be on screen, its ends on one line each.
probe_text() {
  python3 - "$work/probe" "$1" <<'PY' || fail "\"$1\" is not on screen: see $work/probe"
import sys
words = []
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if f[0] == "word":
        words.append((int(f[1]), int(f[2]), *map(int, f[3:7]), f[7]))
if not words:
    sys.exit(1)
# The visible text, rebuilt at its code point offsets.
base = words[0][0]
text = [" "] * (words[-1][1] - base)
for s, e, *_, w in words:
    text[s - base:e - base] = list(w)
at = "".join(text).find(sys.argv[2])
if at < 0:
    sys.exit(1)
start, end = base + at, base + at + len(sys.argv[2])
def point(off, upto):
    # inside the word holding offset off: the middle of its part from off
    # to upto (clipped to the word), by the share of its code points
    for s, e, x, y, w, h, t in words:
        if s <= off < e:
            a, b = (off, min(upto, e)) if upto > off else (max(upto, s), off + 1)
            mid = ((a + b) / 2 - s) / (e - s)
            return int(x + w * mid), int(y + h / 2)
    sys.exit(1)
x1, y1 = point(start, end)
x2, y2 = point(end - 1, start)
print(x1, y1, x2, y2)
PY
}
