package annotation

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"", true}, {"2025", true}, {"2025-02", true}, {"2025-02-27", true},
		{"2025-02-27T14:05:00Z", true}, {"2025-02-27T14:05:00+03:00", true}, {"2025-02-27 14:05", true}, {"2025-02-27T14:05", true},
		{"27/02/2025", false}, {"2025-13-01", false}, {"2025-02-30", false}, {"Feb 27, 2025", false}, {"yesterday", false}, {"25", false},
	} {
		if got := CheckDate(tc.in); got != tc.want {
			t.Errorf("CheckDate(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestCheckDetails(t *testing.T) {
	ok := Document{Title: "Talks in Istanbul", URL: "https://www.example.org/news/2025/02/27/talks", Published: "2025-02-27", Retrieved: "2025-03-01T09:30:00Z", Language: "en"}
	for _, tc := range []struct {
		name string
		edit func(*Document)
		want string // a word of the sentence; "" for no error
	}{
		{"good", func(*Document) {}, ""},
		{"empty optional fields", func(d *Document) { d.URL, d.Published, d.Retrieved, d.Language = "", "", "", "" }, ""},
		{"language with region", func(d *Document) { d.Language = "pt-BR" }, ""},
		{"no title", func(d *Document) { d.Title = "  " }, "needs a title"},
		{"day first", func(d *Document) { d.Published = "27/02/2025" }, "Published: “27/02/2025” is not a date"},
		{"retrieved impossible", func(d *Document) { d.Retrieved = "2025-02-30" }, "Retrieved"},
		{"url without scheme", func(d *Document) { d.URL = "www.example.org/news" }, "URL"},
		{"url ftp", func(d *Document) { d.URL = "ftp://example.org/x" }, "full web address"},
		{"language name", func(d *Document) { d.Language = "English language" }, "Language"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := ok
			tc.edit(&d)
			err := CheckDetails(d)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("got %v, want none", err)
			case tc.want != "" && (!errors.Is(err, ErrInvalidDetails) || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("got %v, want an ErrInvalidDetails saying %q", err, tc.want)
			}
		})
	}
}
