package quietfyne

import (
	"bytes"
	"log"
	"testing"
)

func TestLanguage(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, ""},
		{map[string]string{"LANG": "C"}, ""},
		{map[string]string{"LANG": "POSIX"}, ""},
		{map[string]string{"LANG": "C.UTF-8"}, "en"},
		{map[string]string{"LANG": "C.utf8"}, "en"},
		{map[string]string{"LANG": "POSIX.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "C.UTF-8", "LANG": "pt_BR.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "de_DE.UTF-8", "LANG": "C.UTF-8"}, ""},
		{map[string]string{"LC_MESSAGES": "C.UTF-8"}, "en"},
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "fr"}, ""},
		{map[string]string{"LANG": "en_US.UTF-8"}, ""},
		{map[string]string{"LANG": "Ca_ES.UTF-8"}, ""},
	}
	for _, tt := range tests {
		if got := Language(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("Language(%v) got %q; want %q", tt.env, got, tt.want)
		}
	}
}

func TestFilter(t *testing.T) {
	var out bytes.Buffer
	l := log.New(NewFilter(&out), "", 0)
	// What fyne.LogError writes for the preferences' EOF, between others.
	l.Println("before")
	l.Println("Fyne error: ", "Preferences load error:")
	l.Println("  Cause:", "EOF")
	l.Printf("  At: %s:%d", "/fyne/app/preferences.go", 103)
	l.Println("Fyne error: ", "Preferences load error:")
	l.Println("  Cause:", "invalid character 'x' looking for beginning of value")
	l.Printf("  At: %s:%d", "/fyne/app/preferences.go", 103)
	l.Println("Fyne error: ", "Failed on saving preferences")
	l.Println("  Cause:", "EOF")
	l.Println("after")
	want := "before\n" +
		"Fyne error:  Preferences load error:\n" +
		"  Cause: invalid character 'x' looking for beginning of value\n" +
		"  At: /fyne/app/preferences.go:103\n" +
		"Fyne error:  Failed on saving preferences\n" +
		"  Cause: EOF\n" +
		"after\n"
	if got := out.String(); got != want {
		t.Errorf("the filter let through:\n%s\nwant:\n%s", got, want)
	}
}
