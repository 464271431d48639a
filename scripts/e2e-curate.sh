#!/usr/bin/env bash
# End-to-end test of annotator layers, agreement and curation in a real
# window under Xvfb, driven with xdotool like a person (issue 21). The
# project: the seed article of ../shared/seeds beside the repository (a
# real Moscow Times report; else the bundled sample alone) and the bundled
# sample, annotated by two annotators, ana and ben, whose Glossa JSON files
# are made from the command line's suggestions (scripts/e2e-layers.py: they
# agree on some units and not on others) and brought in with `glossa merge`.
# The window, run by the curator "cur":
#  1. opens on all layers (ana dashed, ben dotted);
#  2. Project > Agreement…: the pair matrix, then the Articles tab; Export
#     CSV… of the articles table; a click on the second article opens it;
#     Escape closes the window;
#  3. back on the first article, the layer choice shows the curated layer:
#     the Curation pane selects the first unit; 1 accepts ana's version
#     (the next unit is selected), 2 ben's, Down Down Right Enter ben's
#     version of the unit two further;
#  4. Ctrl+Q.
# Then `glossa export --layer curated` must hold exactly those three
# curated annotations with their provenance (origin curated, from the
# annotators whose versions they copy), the CSV must be what `glossa agree
# --csv articles` prints, and `glossa check` must pass.
#
# usage: scripts/e2e-curate.sh [./glossa]
# E2E_THEME=light|dark (default light); screenshots go to $E2E_ARTIFACTS
# (default: e2e-artifacts/) as curate-$theme-N.png.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-./glossa}")
art=$(realpath -m "${E2E_ARTIFACTS:-e2e-artifacts}")
theme=${E2E_THEME:-light}
mkdir -p "$art"
. "$(dirname "$0")/xvfb.sh"
scratch
fail() { echo "e2e-curate: FAIL: $*" >&2; exit 1; }
step() { echo "e2e-curate: $*"; }
shot() { import -window root "$art/curate-$theme-$1.png" 2>/dev/null || true; }

user_home "$theme" cur

seed=$(ls "$root"/../shared/seeds/*.txt 2>/dev/null | head -n1 || true)
db=$work/team.glossa
# shellcheck disable=SC2086 # $seed is one path or none
"$bin" import --db "$db" $seed "$root/assets/sample.md" >/dev/null 2>&1 || fail "could not import the articles"
cp "$db" "$work/suggested.glossa"
"$bin" suggest --db "$work/suggested.glossa" --all >/dev/null 2>&1 || fail "glossa suggest failed"
"$bin" export --db "$work/suggested.glossa" --format json --include-suggestions -o "$work/suggested.json" 2>/dev/null
python3 "$root/scripts/e2e-layers.py" "$work/suggested.json" "$work" >"$work/plan" || fail "could not make the annotators' files"
for who in ana ben; do
  "$bin" merge --db "$db" "$work/$who.json" >"$work/merge-$who.log" 2>&1 || fail "glossa merge $who.json: $(cat "$work/merge-$who.log")"
done
step "merged ana's and ben's layers; expected: $(tr '\n' ' ' <"$work/plan")"

# Where to click in the main window is read from the window (probe, in
# scripts/xvfb.sh): the article list's first row, the layer choice. Fixed
# positions are left only where Glossa's layout does not reach: Fyne's
# menu bar and menus, the layer choice's list of options (below the
# choice), and the agreement window (a window of its own, 1280x800, whose
# tabs Fyne draws).
PROJECT_MENU="238 14"
AGREEMENT_ITEM="258 84"
ARTICLES_TAB="169 81"     # in the agreement window, at the top left
SECOND_ROW="200 233"      # the articles table's second row
EXPORT_CSV="1018 578"     # the articles tab's Export CSV…
CURATED_BELOW=55          # the second option, Curated layer: this far below the layer choice's bottom
export GLOSSA_PROBE=$work/probe

start_xvfb 121 150
launch_window '^Glossa' 120 0.25 "$bin" --db "$db" # 30 s
step "window $wid is up ($theme theme)"
xdotool windowmove --sync "$wid" 0 0 || true
xdotool windowsize --sync "$wid" 1280 800 || true
sleep 3 # the suggester runs in the background
shot 1-all-layers

step "Project > Agreement…"
xdotool mousemove $PROJECT_MENU click 1; sleep 0.7
xdotool mousemove $AGREEMENT_ITEM click 1; sleep 2
find_window '^Agreement' "$app" 20 0.25 || fail "no agreement window"
agree=$wid
shot 2-agreement-pairs
xdotool mousemove $ARTICLES_TAB click 1; sleep 0.7
shot 3-agreement-articles
step "Export CSV… of the articles table"
xdotool mousemove $EXPORT_CSV click 1; sleep 1
xdotool key ctrl+a; sleep 0.2
xdotool type --delay 10 "$work/articles.csv"; sleep 0.3
xdotool key Return; sleep 1.5
[ -s "$work/articles.csv" ] || { shot 3b-export; fail "no CSV written"; }
step "a click on the second article opens it; Escape closes the window"
xdotool mousemove $SECOND_ROW click 1; sleep 1
xdotool windowactivate "$agree" 2>/dev/null || true
xdotool key --window "$agree" Escape; sleep 1
shot 4-opened-from-agreement

step "the first article, in the curated layer"
probe
first=$(probe_box article.0) || exit 1
xdotool mousemove $first click 1; sleep 1
probe
layer=$(probe_box layer) || exit 1
read -r lx ly lw lh < <(awk -F'\t' '$1 == "box" && $2 == "layer" { print $3, $4, $5, $6 }' "$work/probe")
xdotool mousemove $layer click 1; sleep 0.7
xdotool mousemove $(( lx + lw / 3 )) $(( ly + lh + CURATED_BELOW )) click 1; sleep 1
shot 5-curation
step "1 accepts ana's version, 2 ben's, Down Down Right Enter ben's"
xdotool key 1; sleep 0.7
xdotool key 2; sleep 0.7
xdotool key Down; sleep 0.3
xdotool key Down; sleep 0.5
xdotool key Right; sleep 0.3
xdotool key Return; sleep 0.8
shot 6-curated
xdotool key ctrl+q
for _ in $(seq 40); do kill -0 "$app" 2>/dev/null || break; sleep 0.25; done
kill -0 "$app" 2>/dev/null && { shot 7-quit; fail "Glossa did not quit on Ctrl+Q"; }

"$bin" check --db "$db" >/dev/null 2>&1 || fail "glossa check failed on the saved project"
"$bin" export --db "$db" --format json --layer curated -o "$work/curated.json" 2>/dev/null || fail "glossa export --layer curated failed"
"$bin" agree --db "$db" --csv articles -o "$work/want.csv" 2>/dev/null || fail "glossa agree failed"
cmp -s "$work/articles.csv" "$work/want.csv" || fail "the exported CSV differs from glossa agree --csv articles: $(diff "$work/articles.csv" "$work/want.csv" | head -5)"
python3 - "$work/curated.json" "$work/plan" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
want = [line.rstrip("\n").split("\t") for line in open(sys.argv[2], encoding="utf-8")]
got = []
for d in doc["documents"]:
    for a in d["annotations"]:
        p = a["provenance"]
        assert a["layer"] == "#curated" and a["author"] == "cur", f"{a['label']} in layer {a['layer']} by {a['author']}"
        assert p["origin"] == "curated" and p.get("from"), f"provenance {p}"
        for s in a["spans"]:
            assert d["text"][s["start"]:s["end"]] == s["text"], f"span {s} does not slice the text"
        got.append([a["label"], str(a["spans"][0]["start"]), str(a["spans"][0]["end"]), " ".join(sorted(v["layer"] for v in p["from"]))])
got.sort(key=lambda g: int(g[1]))
assert got == want, f"curated {got}, want {want}"
assert [a["name"] for a in doc["annotators"]] == ["#curated"], doc["annotators"]
assert doc.get("agreement"), "no agreement figures in the curated export's header"
print("e2e-curate: curated " + "; ".join(f"{g[0]} {g[1]}-{g[2]} from {g[3]}" for g in got))
PY
echo "e2e-curate: passed ($theme theme)"
