# Sourced by scripts/e2e.sh and scripts/bench-process.sh.
#
# start_xvfb FIRST LAST
# starts Xvfb (1280x800x24, no TCP) on the first free display number from
# FIRST to LAST, exports DISPLAY, appends its pid to the caller's pids array
# and waits until it answers. Needs $work (a scratch folder) and fail().
start_xvfb() {
  local n disp=""
  for n in $(seq "$1" "$2"); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { disp=":$n"; break; }
  done
  [ -n "$disp" ] || fail "no free X display number from $1 to $2"
  Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  pids+=($!)
  export DISPLAY=$disp
  for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && return 0; sleep 0.1; done
  fail "Xvfb did not start on $disp: $(cat "$work/xvfb.log")"
}

# wait_window REGEX PID TRIES PAUSE: waits for a visible window whose name
# matches REGEX, polling TRIES times PAUSE seconds apart, and sets wid. Fails
# when process PID exits first (showing $work/app.log) or no window comes.
wait_window() {
  local re=$1 pid=$2 tries=$3 pause=$4 i
  wid=""
  for i in $(seq "$tries"); do
    wid=$(xdotool search --onlyvisible --name "$re" 2>/dev/null | head -n1 || true)
    [ -n "$wid" ] && return 0
    kill -0 "$pid" 2>/dev/null || fail "the program exited before its window appeared: $(cat "$work/app.log")"
    sleep "$pause"
  done
  fail "no window named $re appeared: $(cat "$work/app.log")"
}
