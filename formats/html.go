package formats

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"glossa/annotation"
)

// maxReadabilityDepth is the deepest element nesting handed to the
// readability library, whose tree walks recurse. Deeper pages (no real
// article nests this deep) skip it and take the whole body's text.
const maxReadabilityDepth = 256

// htmlDocument converts a normalised HTML page to a document.
//
// The page is parsed once with golang.org/x/net/html; scripts never run and
// nothing is fetched: the readability library gets the parsed tree and a nil
// page URL (it only fetches in FromURL, which is not used), and images, links
// and style sheets are never followed. Readability picks the article's main
// text and its metadata (title, byline, date, site name, language); the
// canonical URL comes from <link rel="canonical"> or og:url. When readability
// finds no text, fails, panics or the page nests deeper than
// maxReadabilityDepth, the text of the whole <body> is taken instead. Pages
// the HTML parser refuses (elements nested over 512 deep) are read token by
// token (tokenText), without metadata.
//
// Either way the text is rendered by htmlText: paragraphs separated by blank
// lines, headings on lines of their own, and script, style, noscript,
// template and form controls dropped.
// htmlToUTF8 decodes an HTML page that is not UTF-8 as a browser would:
// by its byte order mark, its <meta charset> or http-equiv Content-Type,
// and otherwise as Windows-1252, the web's default for legacy pages
// (golang.org/x/net/html/charset, the WHATWG encoding sniffing algorithm).
// UTF-8 pages, and pages it cannot decode, are returned as they are.
func htmlToUTF8(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	enc, name, _ := charset.DetermineEncoding(data, "text/html")
	if name == "utf-8" || name == "utf-16le" || name == "utf-16be" {
		return data // a BOM or a meta that says so: decodeText handles these
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

func htmlDocument(src string) annotation.Document {
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// The parser refuses pages nesting elements more than 512 deep;
		// take their text token by token.
		text := tokenText(src)
		return annotation.Document{Text: text, Title: firstLine(text)}
	}
	var doc annotation.Document
	art, ok := runReadability(root)
	if ok {
		doc.Title = strings.TrimSpace(art.Title())
		doc.Authors = splitByline(art.Byline())
		doc.Outlet = strings.TrimSpace(art.SiteName())
		doc.Language = strings.TrimSpace(art.Language())
		if t, err := art.PublishedTime(); err == nil {
			doc.Published = formatDate(t)
		}
		if art.Node != nil {
			doc.Text = htmlText(art.Node)
		}
	}
	head := scanHead(root)
	if doc.Text == "" {
		doc.Text = htmlText(bodyOf(root))
	}
	if doc.Title == "" {
		doc.Title = head.title
	}
	if doc.Title == "" {
		doc.Title = head.h1
	}
	if doc.Title == "" {
		doc.Title = firstLine(doc.Text)
	}
	doc.Title = clip(strings.Join(strings.Fields(doc.Title), " "), maxTitle)
	if doc.Language == "" {
		doc.Language = head.lang
	}
	if doc.Outlet == "" {
		doc.Outlet = head.site
	}
	doc.URL = head.canonical
	return doc
}

// runReadability runs the readability library on a copy of root. ok is false
// when it cannot or should not be used.
func runReadability(root *html.Node) (art readability.Article, ok bool) {
	if depth(root) > maxReadabilityDepth {
		return art, false
	}
	defer func() {
		if recover() != nil {
			art, ok = readability.Article{}, false
		}
	}()
	p := readability.NewParser()
	art, err := p.ParseDocument(root, nil)
	return art, err == nil
}

// depth returns how deep elements nest under n, walking without recursion.
func depth(n *html.Node) int {
	deepest, d := 0, 0
	for c := n; c != nil; {
		if c.FirstChild != nil {
			c = c.FirstChild
			d++
			deepest = max(deepest, d)
			continue
		}
		for c != n && c.NextSibling == nil {
			c = c.Parent
			d--
		}
		if c == n {
			break
		}
		c = c.NextSibling
	}
	return deepest
}

func formatDate(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}

// splitByline turns "By A, B and C" into its names.
func splitByline(s string) []string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"By ", "by ", "BY "} {
		s = strings.TrimPrefix(s, p)
	}
	for _, sep := range []string{" and ", " & ", ";", "\n"} {
		s = strings.ReplaceAll(s, sep, ",")
	}
	var names []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.Join(strings.Fields(n), " "); n != "" {
			names = append(names, n)
		}
	}
	return names
}

type headInfo struct {
	title, h1, lang, site, canonical string
}

// scanHead collects what readability does not give: the canonical URL and,
// as fallbacks, <title>, the first <h1>, <html lang> and og:site_name.
func scanHead(root *html.Node) headInfo {
	var h headInfo
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Html:
			if h.lang == "" {
				h.lang = strings.TrimSpace(attr(n, "lang"))
			}
		case atom.Title:
			if h.title == "" {
				h.title = strings.TrimSpace(nodeText(n))
			}
		case atom.H1:
			if h.h1 == "" {
				h.h1 = strings.TrimSpace(htmlText(n))
			}
		case atom.Link:
			if h.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
				h.canonical = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Meta:
			prop := strings.ToLower(firstOf(attr(n, "property"), attr(n, "name")))
			content := strings.TrimSpace(attr(n, "content"))
			switch {
			case prop == "og:url" && h.canonical == "":
				h.canonical = content
			case prop == "og:site_name" && h.site == "":
				h.site = content
			}
		}
	}
	return h
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// nodeText concatenates the text nodes under n.
func nodeText(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func bodyOf(root *html.Node) *html.Node {
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return n
		}
	}
	return root
}

// htmlFragmentText returns the text of a piece of HTML (a Markdown HTML
// block).
func htmlFragmentText(src string) string {
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return ""
	}
	return htmlText(bodyOf(root))
}

// skipped are elements whose content is never text of the article.
var skipped = map[atom.Atom]bool{
	atom.Head: true, atom.Title: true, atom.Script: true, atom.Style: true,
	atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Math: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Audio: true, atom.Video: true, atom.Select: true, atom.Textarea: true,
	atom.Input: true, atom.Button: true, atom.Map: true, atom.Img: true,
	atom.Picture: true, atom.Meta: true, atom.Link: true, atom.Dialog: true,
}

// blocks are elements that start and end a block of text.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true,
	atom.Main: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Nav: true, atom.Blockquote: true, atom.Figure: true, atom.Figcaption: true,
	atom.Address: true, atom.Form: true, atom.Fieldset: true, atom.Details: true,
	atom.Summary: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Hr: true,
	atom.Table: true, atom.Caption: true, atom.Center: true, atom.Pre: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Body: true, atom.Html: true,
	atom.Hgroup: true, atom.Legend: true, atom.Menu: true,
}

// htmlText renders the text under n: blocks (paragraphs, headings, lists,
// tables, quotes) separated by blank lines; list items on lines of their own
// starting "- " or with their number; table rows as lines, cells separated by
// tabs; <br> as a line end; white space collapsed except inside <pre>.
// Elements in skipped and hidden ones (the hidden attribute,
// aria-hidden="true") are left out. The walk keeps its own stack, so any
// depth of nesting is safe.
func htmlText(n *html.Node) string {
	type frame struct {
		n    *html.Node
		exit bool
	}
	var (
		t     htmlWriter
		stack = []frame{{n: n}}
	)
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if n.Type == html.TextNode {
			t.text(n.Data)
			continue
		}
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			continue
		}
		a := n.DataAtom
		if f.exit {
			t.close(a)
			continue
		}
		if n.Type == html.ElementNode && (skipped[a] || hidden(n)) {
			continue
		}
		start := 1
		if v, err := strconv.Atoi(strings.TrimSpace(attr(n, "start"))); err == nil && v >= 0 && v < 1e9 {
			start = v
		}
		t.open(a, start)
		stack = append(stack, frame{n: n, exit: true})
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c})
		}
	}
	return t.String()
}

// htmlWriter turns the elements and text of a page, in document order,
// into Glossa's plain text: both walkers (htmlText over a tree, tokenText
// over the token stream) drive it. Unbalanced end tags are tolerated:
// counters never go below zero.
type htmlWriter struct {
	textBuilder
	lists  []int // next number of each open list; -1 for bullet lists
	inItem int   // open list items
	pre    int   // open <pre> elements
}

// text writes a text node: verbatim inside <pre>, white space collapsed
// elsewhere.
func (t *htmlWriter) text(s string) {
	if t.pre > 0 {
		t.verbatim(s)
	} else {
		t.words(s)
	}
}

// brk is the break between blocks: a new line inside a list item, a blank
// line elsewhere.
func (t *htmlWriter) brk() int {
	if t.inItem > 0 {
		return 1
	}
	return 2
}

// open starts element a; start is the first number of an <ol>.
func (t *htmlWriter) open(a atom.Atom, start int) {
	switch {
	case a == atom.Br:
		t.lineBreak()
		return
	case a == atom.Li:
		t.inItem++
		t.block(1)
		marker := "- "
		if k := len(t.lists) - 1; k >= 0 && t.lists[k] >= 0 {
			marker = strconv.Itoa(t.lists[k]) + ". "
			t.lists[k]++
		}
		t.prefix = strings.Repeat("  ", min(max(len(t.lists)-1, 0), 8)) + marker
	case a == atom.Tr:
		t.block(1)
	case a == atom.Td || a == atom.Th:
		if t.breaks == 0 && !t.atLineStart() {
			t.sep = "\t"
		}
	case blocks[a]:
		t.block(t.brk())
	}
	switch a {
	case atom.Pre:
		t.pre++
	case atom.Ul, atom.Menu:
		t.lists = append(t.lists, -1)
	case atom.Ol:
		t.lists = append(t.lists, start)
	}
}

// close ends element a.
func (t *htmlWriter) close(a atom.Atom) {
	switch {
	case a == atom.Li:
		t.inItem = max(t.inItem-1, 0)
		t.block(1)
	case a == atom.Tr:
		t.block(1)
	case blocks[a]:
		t.block(t.brk())
	}
	switch a {
	case atom.Pre:
		t.pre = max(t.pre-1, 0)
	case atom.Ul, atom.Ol, atom.Menu:
		if len(t.lists) > 0 {
			t.lists = t.lists[:len(t.lists)-1]
		}
	}
}

func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch {
		case a.Key == "hidden":
			return true
		case a.Key == "aria-hidden" && strings.EqualFold(strings.TrimSpace(a.Val), "true"):
			return true
		}
	}
	return false
}

// tokenSkipped are the elements of skipped whose end tag may not be left out
// (void elements and <head> are not counted).
var tokenSkipped = map[atom.Atom]bool{
	atom.Title: true, atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Svg: true, atom.Math: true, atom.Iframe: true,
	atom.Object: true, atom.Canvas: true, atom.Audio: true, atom.Video: true,
	atom.Select: true, atom.Textarea: true, atom.Button: true, atom.Map: true,
	atom.Picture: true, atom.Dialog: true,
}

// tokenText renders HTML like htmlText but from the token stream, without
// building a tree, for pages too deeply nested to parse. Unbalanced tags are
// tolerated: counters never go below zero.
func tokenText(src string) string {
	var (
		t     htmlWriter
		z     = html.NewTokenizer(strings.NewReader(src))
		skip  = map[atom.Atom]int{}
		skipN int
	)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return t.String()
		case html.TextToken:
			if skipN == 0 {
				t.text(html.UnescapeString(string(z.Raw())))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if tokenSkipped[a] {
				if tt == html.StartTagToken {
					skip[a]++
					skipN++
				}
				continue
			}
			if skipN == 0 {
				t.open(a, 1)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skip[a] > 0 {
				skip[a]--
				skipN--
				continue
			}
			if skipN == 0 {
				t.close(a)
			}
		}
	}
}
