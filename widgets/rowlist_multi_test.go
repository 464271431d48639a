package widgets

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestRowListMultiSelect drives a list of 10 rows (row 4 a heading that
// cannot be selected) with taps and keys, the modifiers held as listed,
// and checks the selection after each.
func TestRowListMultiSelect(t *testing.T) {
	const shift, ctrl = fyne.KeyModifierShift, fyne.KeyModifierControl
	type action struct {
		tap  int // a tap on this row, or -1 for key
		key  fyne.KeyName
		mods fyne.KeyModifier
	}
	tap := func(i int, mods fyne.KeyModifier) action { return action{tap: i, mods: mods} }
	key := func(k fyne.KeyName, mods fyne.KeyModifier) action { return action{tap: -1, key: k, mods: mods} }
	tests := []struct {
		name     string
		multi    bool
		actions  []action
		want     []int
		selected int
		opened   []int // OnSelected calls
	}{
		{"plain taps", true, []action{tap(1, 0), tap(3, 0)}, []int{3}, 3, []int{1, 3}},
		{"ctrl adds", true, []action{tap(1, 0), tap(3, ctrl), tap(6, ctrl)}, []int{1, 3, 6}, 1, []int{1}},
		{"ctrl removes", true, []action{tap(1, 0), tap(3, ctrl), tap(3, ctrl)}, []int{1}, 1, []int{1}},
		{"ctrl on the selected row keeps it", true, []action{tap(1, 0), tap(1, ctrl)}, []int{1}, 1, []int{1}},
		{"ctrl with nothing selected selects", true, []action{tap(2, ctrl)}, []int{2}, 2, []int{2}},
		{"shift range passes over the heading", true, []action{tap(2, 0), tap(6, shift)}, []int{2, 3, 5, 6}, 2, []int{2}},
		{"shift range upwards", true, []action{tap(6, 0), tap(2, shift)}, []int{2, 3, 5, 6}, 6, []int{6}},
		{"shift range replaced", true, []action{tap(2, 0), tap(8, shift), tap(3, shift)}, []int{2, 3}, 2, []int{2}},
		{"shift+down grows", true, []action{tap(2, 0), key(fyne.KeyDown, shift), key(fyne.KeyDown, shift), key(fyne.KeyDown, shift)}, []int{2, 3, 5, 6}, 2, []int{2}},
		{"shift+up shrinks", true, []action{tap(2, 0), key(fyne.KeyDown, shift), key(fyne.KeyDown, shift), key(fyne.KeyUp, shift)}, []int{2, 3}, 2, []int{2}},
		{"shift+end", true, []action{tap(7, 0), key(fyne.KeyEnd, shift)}, []int{7, 8, 9}, 7, []int{7}},
		{"plain key clears", true, []action{tap(2, 0), key(fyne.KeyDown, shift), key(fyne.KeyDown, 0)}, []int{3}, 3, []int{2, 3}},
		{"plain tap clears", true, []action{tap(2, 0), tap(5, ctrl), tap(2, 0)}, []int{2}, 2, []int{2}},
		{"without MultiSelect modifiers do nothing more", false, []action{tap(1, 0), tap(3, ctrl), key(fyne.KeyDown, shift)}, []int{5}, 5, []int{1, 3, 5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, w, _ := newTestRowList(t, 10)
			l.MultiSelect = tc.multi
			l.Selectable = func(i int) bool { return i != 4 }
			var opened []int
			changes := 0
			l.OnSelected = func(i int) { opened = append(opened, i) }
			l.OnSelection = func() { changes++ }
			var mods fyne.KeyModifier
			l.Modifiers = func() fyne.KeyModifier { return mods }
			for _, a := range tc.actions {
				mods = a.mods
				if a.tap >= 0 {
					test.TapCanvas(w.Canvas(), fyne.NewPos(20, l.pitch()*float32(a.tap)+l.rowH/2))
				} else {
					l.TypedKey(&fyne.KeyEvent{Name: a.key})
				}
			}
			if got := l.Selection(); !slices.Equal(got, tc.want) || l.Selected() != tc.selected || !slices.Equal(opened, tc.opened) {
				t.Errorf("selection %v, selected %d, OnSelected %v; want %v, %d, %v", got, l.Selected(), opened, tc.want, tc.selected, tc.opened)
			}
			if tc.multi && len(tc.want) > 1 && changes == 0 {
				t.Error("OnSelection never called")
			}
			for _, it := range l.rows {
				if it.Visible() && it.bg.Visible() != slices.Contains(tc.want, it.index) {
					t.Errorf("row %d drawn selected %v", it.index, it.bg.Visible())
				}
			}
		})
	}
}

// TestRowListMultiSelectMarkup: three rows drawn selected.
func TestRowListMultiSelectMarkup(t *testing.T) {
	l, w, _ := newTestRowList(t, 20)
	w.Resize(fyne.NewSize(160, 150))
	l.MultiSelect = true
	var mods fyne.KeyModifier
	l.Modifiers = func() fyne.KeyModifier { return mods }
	test.TapCanvas(w.Canvas(), fyne.NewPos(20, l.rowH/2))
	mods = fyne.KeyModifierControl
	test.TapCanvas(w.Canvas(), fyne.NewPos(20, l.pitch()*2+l.rowH/2))
	mods = fyne.KeyModifierShift
	l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	test.AssertRendersToMarkup(t, "rowlist_multiselect.xml", w.Canvas())
	test.AssertRendersToImage(t, "rowlist_multiselect.png", w.Canvas())
}

// SetSelection sets the selection as a caller keeps it (rows rebuilt
// after an edit), calling nothing back; rows that cannot be selected are
// left out, and marks need a selected row.
func TestRowListSetSelection(t *testing.T) {
	for _, tc := range []struct {
		name     string
		multi    bool
		sel      int
		others   []int
		want     []int
		selected int
	}{
		{"one", true, 2, nil, []int{2}, 2},
		{"with others", true, 2, []int{5, 7}, []int{2, 5, 7}, 2},
		{"the heading left out", true, 2, []int{4, 7}, []int{2, 7}, 2},
		{"none", true, -1, []int{5}, nil, -1},
		{"a heading is not selected", true, 4, []int{5}, nil, -1},
		{"without MultiSelect only the one", false, 2, []int{5}, []int{2}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, _, _ := newTestRowList(t, 10)
			l.MultiSelect = tc.multi
			l.Selectable = func(i int) bool { return i != 4 }
			calls := 0
			l.OnSelected = func(int) { calls++ }
			l.OnSelection = func() { calls++ }
			l.Select(1)
			calls = 0
			l.SetSelection(tc.sel, tc.others)
			if got := l.Selection(); !slices.Equal(got, tc.want) || l.Selected() != tc.selected || calls != 0 {
				t.Errorf("selection %v, selected %d, %d callbacks; want %v, %d, none", got, l.Selected(), calls, tc.want, tc.selected)
			}
			// A Shift range then grows from the selected row.
			if tc.selected >= 0 && tc.multi {
				l.Modifiers = func() fyne.KeyModifier { return fyne.KeyModifierShift }
				l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
				if got := l.Selection(); !slices.Contains(got, tc.selected) || !slices.Contains(got, tc.selected+1) {
					t.Errorf("Shift+Down after SetSelection: %v; want it to grow from %d", got, tc.selected)
				}
			}
		})
	}
}
