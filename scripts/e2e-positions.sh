# What scripts/e2e.sh selects in the sample article (assets/sample.md), and
# the two places it clicks that the window does not report: Fyne draws the
# menu bar and its menus, in a 1280x800 window with the default theme, the
# same whatever Glossa's own layout. Everything else (the words dragged
# across, the Note field) is read from the window itself (probe, in
# scripts/xvfb.sh), so that a change of layout or line spacing moves the
# clicks with it.
# The claim: a drag from inside its first word to inside its last must
# select it whole (word snapping); then the speaker's name.
export E2E_CLAIM="We will not dig up a problem"
export E2E_SOURCE="Inês Valadares"
# The Help menu and its first item, Keyboard shortcuts.
HELP_MENU="231 14"
KEYS_ITEM="280 45"
export E2E_NOTE="checked by e2e: typed, then Ctrl+Q"
