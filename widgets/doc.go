// Package widgets holds Glossa's generic Fyne widgets. Its centre is
// ArticleView, a virtualised, selectable view of a long text with coloured,
// possibly overlapping highlights. The package knows Fyne only: offsets are
// code points into the text it is given, highlights are ids and colours.
package widgets
