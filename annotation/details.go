package annotation

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// ErrInvalidDetails: an article's metadata that cannot be stored as
// given (a date Glossa cannot read, a URL without its scheme...). The
// error's text is a sentence for the user.
var ErrInvalidDetails = errors.New("invalid article details")

// dateLayouts are the forms a published or retrieved date may take: a
// year, a month, a day, or a time (RFC 3339, or without seconds or zone).
var dateLayouts = []string{"2006", "2006-01", "2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"}

// CheckDate reports whether s is empty or a date in one of the forms
// Glossa stores: 2025, 2025-02, 2025-02-27, 2025-02-27T14:05:00Z (RFC 3339),
// 2025-02-27 14:05.
func CheckDate(s string) bool {
	if s == "" {
		return true
	}
	for _, l := range dateLayouts {
		if _, err := time.Parse(l, s); err == nil {
			return true
		}
	}
	return false
}

var languageTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// CheckDetails checks the metadata a person typed for an article: a title,
// dates in a form CheckDate reads, a full web address, a language tag.
// The error wraps ErrInvalidDetails and says what to write instead; it
// names the first problem only.
func CheckDetails(d Document) error {
	bad := func(format string, args ...any) error {
		return detailsError(fmt.Sprintf(format, args...) + ".")
	}
	if strings.TrimSpace(d.Title) == "" {
		return bad("An article needs a title")
	}
	for _, f := range []struct{ name, value string }{{"Published", d.Published}, {"Retrieved", d.Retrieved}} {
		if !CheckDate(f.value) {
			return bad("%s: “%s” is not a date Glossa reads; write it as year-month-day (2025-02-27), a year and month (2025-02), a year, or a date and time (2025-02-27 14:05)", f.name, f.value)
		}
	}
	if d.URL != "" {
		u, err := url.Parse(d.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return bad("URL: “%s” is not a full web address; write it with its beginning, such as https://example.org/news/1", d.URL)
		}
	}
	if d.Language != "" && !languageTag.MatchString(d.Language) {
		return bad("Language: “%s” is not a language tag; write a tag such as en, de, ru or pt-BR", d.Language)
	}
	return nil
}

// detailsError is a sentence for the user that wraps ErrInvalidDetails.
type detailsError string

func (e detailsError) Error() string { return string(e) }
func (e detailsError) Unwrap() error { return ErrInvalidDetails }
