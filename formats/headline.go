package formats

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// headlineLines is how many non-blank lines from the top headline looks at:
// a web page's banner, menu, dateline and byline come before the headline,
// never pages of them.
const headlineLines = 8

// headline returns the title of a plain-text article: the first of its
// first non-blank lines that reads like a headline, trimmed and cut to
// maxTitle code points. A line does not when it is
//   - a short exclamation or call to action ("Support The Moscow Times!",
//     "Subscribe now", "Advertisement"): one word, or at most eight words
//     ending in '!' or opening with a banner word (support, subscribe,
//     donate, sign up, advertisement, skip to, menu, share, log in, read
//     more...), or a section banner ("Breaking news", "Live updates");
//   - a dateline ("Feb. 27, 2025", "Thursday, 27 February 2025 14:05",
//     "2025-02-27", "Updated 3 hours ago");
//   - a byline ("By Jane Doe and John Roe", "Jane Doe, Reporter");
//   - a paragraph of the body: more than 40 words, or more than 25 ending
//     in a full stop.
//
// When no line qualifies the first non-blank line is the title, as before.
func headline(text string) string {
	n := 0
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if readsLikeHeadline(line) {
			return clip(line, maxTitle)
		}
		if n++; n >= headlineLines {
			break
		}
	}
	return firstLine(text)
}

// bannerWords open a page's calls to action.
var bannerWords = []string{
	"support", "subscribe", "donate", "sign up", "sign in", "log in", "advertisement", "skip to",
	"menu", "share", "read more", "follow us", "cookie", "newsletter", "listen", "watch",
}

// sectionBanners are whole lines a page shows above its articles.
var sectionBanners = map[string]bool{
	"breaking news": true, "live updates": true, "latest news": true, "top stories": true, "most read": true,
	"related articles": true, "more from this section": true, "editor's picks": true,
}

var (
	// A month name or its abbreviation, as a whole word.
	monthRE = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b`)
	isoDate = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b`)
	agoRE   = regexp.MustCompile(`(?i)^(updated|published|posted)?\s*:?\s*\d+\s+(second|minute|hour|day|week)s?\s+ago$`)
	// A byline: "By" and up to eight words of names.
	bylineRE = regexp.MustCompile(`^(?i:by)\s+\S+(\s+\S+){0,7}$`)
)

func readsLikeHeadline(line string) bool {
	words := strings.Fields(line)
	n := len(words)
	lower := strings.ToLower(line)
	switch {
	case n <= 1, sectionBanners[lower]:
		return false
	case strings.HasSuffix(line, "!") && n <= 8:
		return false
	case n > 40, n > 25 && strings.HasSuffix(line, "."):
		return false
	case bylineRE.MatchString(line):
		return false
	case isDateline(line, words):
		return false
	case !hasLetter(line):
		return false
	}
	if n <= 8 {
		for _, w := range bannerWords {
			if lower == w || strings.HasPrefix(lower, w+" ") || strings.HasPrefix(lower, w+":") {
				return false
			}
		}
	}
	return true
}

// isDateline reports whether line is mostly a date or a time: a date
// pattern or a month name with digits, and few other words.
func isDateline(line string, words []string) bool {
	if agoRE.MatchString(line) {
		return true
	}
	hasDate := isoDate.MatchString(line) || monthRE.MatchString(line) && strings.ContainsAny(line, "0123456789")
	if !hasDate {
		return false
	}
	// Words that are neither numbers, month names, weekdays nor
	// "updated"/"published": a headline has several.
	other := 0
	for _, w := range words {
		w = strings.Trim(w, ",.:;|·-–—()")
		if w == "" || !hasLetter(w) || monthRE.MatchString(w) && utf8.RuneCountInString(w) <= 9 || isDateWord(strings.ToLower(w)) {
			continue
		}
		other++
	}
	return other <= 1
}

func isDateWord(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"updated", "published", "posted", "am", "pm", "utc", "gmt", "at", "on", "last", "msk", "cet", "est", "edt":
		return true
	}
	return false
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}
