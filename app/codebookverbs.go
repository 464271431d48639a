package app

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"glossa/annotation"
	"glossa/suggest"
)

// The Reporting verbs tab of Project > Codebook…: the verbs the project
// adds to the suggester's lexicon (annotation.LabelSet.Verbs), typed one
// form a line, beside the built-in lexicon they extend. Saving them is one
// session.EditCodebook step.

func (c *codebookEditor) verbsTab() fyne.CanvasObject {
	c.builtIn = suggest.Verbs()
	c.verbs = newDialogEntry(c.u, true)
	c.verbs.SetText(strings.Join(c.u.s.Labels().Verbs, "\n"))
	c.verbs.SetPlaceHolder("opine\nopines\nopined\nopining")
	c.verbsProblem = problemLabel()
	c.verbsNote = lowLabel()
	c.verbsNote.Hide()
	intro := widget.NewLabel("Words that attribute what someone said. The suggester looks for these beside its own to find " +
		"cues and their speakers (“…,” the minister opined). One form a line, every form you want found: " +
		"opine, opines, opined, opining. One word each; case does not matter.")
	intro.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon("Save reporting verbs", theme.DocumentSaveIcon(), func() { c.saveVerbs() })
	save.Importance = widget.HighImportance
	mine := container.NewBorder(bold("This project's verbs"), nil, nil, nil, c.verbs)
	list := widget.NewLabel(strings.Join(c.builtIn, ", "))
	list.Wrapping = fyne.TextWrapWord
	theirs := container.NewBorder(bold(fmt.Sprintf("Built in: %d forms (English, some German and French)", len(c.builtIn))), nil, nil, nil,
		container.NewVScroll(list))
	split := container.NewHSplit(mine, theirs)
	split.Offset = 0.35
	return container.NewBorder(intro, container.NewVBox(c.verbsProblem, c.verbsNote, container.NewHBox(layout.NewSpacer(), save)), nil, nil, split)
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// typedVerbs reads the verbs field: one form a line (commas separate too),
// lower-cased, each once, in order. It returns those to store, those left
// out as built in already, and those that are not one word (as typed).
func typedVerbs(text string, builtIn []string) (verbs, known, bad []string) {
	items := strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ',' || r == ';' })
	clean, bad := annotation.CleanVerbs(items)
	for _, v := range clean {
		if _, ok := slices.BinarySearch(builtIn, v); ok {
			known = append(known, v)
		} else {
			verbs = append(verbs, v)
		}
	}
	for i := range bad {
		bad[i] = strings.TrimSpace(bad[i])
	}
	return verbs, known, bad
}

// badVerbs is the sentence refusing the verbs bad (not one word each).
func badVerbs(bad []string) string {
	v := bad[0]
	more := ""
	if len(bad) > 1 {
		more = fmt.Sprintf(" (and %s more)", annotation.Plural(len(bad)-1, "line"))
	}
	if strings.ContainsFunc(v, unicode.IsSpace) {
		return fmt.Sprintf("Not saved: %s%s is more than one word. The suggester matches a cue word by word: put each form on a line of its own (opine, opines, opined).", quoted(v, 40), more)
	}
	return fmt.Sprintf("Not saved: %s%s is not a word. A reporting verb is letters, with a hyphen or an apostrophe between two (co-signed): correct the line.", quoted(v, 40), more)
}

// saveVerbs stores the verbs typed as one step; false when they are
// refused (said in the tab, what was typed kept). Verbs built in already
// are left out, and the tab says which.
func (c *codebookEditor) saveVerbs() bool {
	verbs, known, bad := typedVerbs(c.verbs.Text, c.builtIn)
	if len(bad) > 0 {
		say(c.verbsProblem, badVerbs(bad))
		return false
	}
	if !slices.Equal(verbs, c.u.s.Labels().Verbs) &&
		!c.apply("edit of the reporting verbs", annotation.CodebookEdit{Op: annotation.OpSetVerbs, Verbs: verbs}, c.verbsProblem) {
		return false
	}
	say(c.verbsProblem, "")
	if len(known) > 0 {
		say(c.verbsNote, fmt.Sprintf("Built in already, so not added: %s.", strings.Join(known, ", ")))
	} else {
		say(c.verbsNote, "")
	}
	if text := strings.Join(c.u.s.Labels().Verbs, "\n"); c.verbs.Text != text {
		c.verbs.SetText(text)
	}
	return true
}
