package widgets

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
)

// Tab is the article view's and the list's while CaptureTab says so (to
// OnTypedKey), else it moves the focus as everywhere.
func TestCaptureTab(t *testing.T) {
	v, _ := newTestView(t, "alpha beta", fyne.NewSize(600, 200))
	l, _, _ := newTestRowList(t, 5)
	var keys []fyne.KeyName
	forward := func(ev *fyne.KeyEvent) { keys = append(keys, ev.Name) }
	v.OnTypedKey, l.OnTypedKey = forward, forward
	pending := 0
	for _, w := range []struct {
		name    string
		capture *func() bool
		tab     interface {
			fyne.Tabbable
			fyne.Focusable
		}
	}{{"ArticleView", &v.CaptureTab, v}, {"RowList", &l.CaptureTab, l}} {
		for _, tc := range []struct {
			name       string
			captureTab func() bool
			want       bool
		}{
			{"nil", nil, false},
			{"nothing to step through", func() bool { return pending > 0 }, false},
			{"something to step through", func() bool { return pending == 0 }, true},
		} {
			*w.capture = tc.captureTab
			if got := w.tab.AcceptsTab(); got != tc.want {
				t.Errorf("%s, %s: AcceptsTab = %v; want %v", w.name, tc.name, got, tc.want)
			}
		}
		keys = nil
		w.tab.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		if !slices.Equal(keys, []fyne.KeyName{fyne.KeyTab}) {
			t.Errorf("%s: OnTypedKey got %v; want [Tab]", w.name, keys)
		}
	}
}
