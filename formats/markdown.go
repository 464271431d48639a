package formats

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"glossa/annotation"
)

// markdownDocument converts normalised Markdown to a document.
//
// A front matter block (a first line "---", "key: value" lines, a closing
// "---" or "...") may set title, author or authors, date or published, url,
// outlet or site, and language or lang; values may be quoted, and authors
// written as "[a, b]" or as "- a" lines. Other keys are ignored.
//
// The body is parsed as CommonMark with GitHub tables and strikethrough, and
// rendered to plain text (markdownText). The title is the front matter's, or
// else the first heading's, or else the first line's. A body nesting lists
// or block quotes deeper than maxMarkdownDepth is taken as plain text,
// unparsed: the Markdown parser's cost grows faster than linearly with
// nesting (10,000 levels in 20 KB took a second and 200 MB).
func markdownDocument(src string) annotation.Document {
	meta, body := frontMatter(src)
	text, heading := body, ""
	if markdownDepth(body) <= maxMarkdownDepth {
		text, heading = markdownText(body)
	}
	doc := annotation.Document{
		Text:      text,
		Title:     meta["title"],
		Outlet:    firstOf(meta["outlet"], meta["site"], meta["site_name"]),
		URL:       firstOf(meta["url"], meta["canonical"]),
		Published: firstOf(meta["published"], meta["date"]),
		Language:  firstOf(meta["language"], meta["lang"]),
		Authors:   splitList(firstOf(meta["authors"], meta["author"])),
	}
	if doc.Title == "" {
		doc.Title = clip(heading, maxTitle)
	}
	if doc.Title == "" {
		doc.Title = firstLine(text)
	}
	return doc
}

// maxMarkdownDepth is the deepest nesting of lists and block quotes
// markdownDocument parses; no article nests this deep.
const maxMarkdownDepth = 64

// markdownDepth is an upper bound of how deep any line of src nests
// containers: on each line, the block quote and list markers ("> ", "- ",
// "* ", "+ ", "1. ", "1) ") it starts with, and its leading indentation at
// one level per two columns (a nested list item is indented by at least
// two). It reads each line's prefix once: linear in src.
func markdownDepth(src string) int {
	deepest := 0
	for len(src) > 0 {
		line, rest, _ := strings.Cut(src, "\n")
		src = rest
		depth, cols := 0, 0
		for i := 0; i < len(line); {
			// White space: all of it before the first marker, all but
			// the one space that ends a marker after it.
			run := 0
			for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
				if line[i] == '\t' {
					run += 4
				} else {
					run++
				}
			}
			if depth > 0 {
				run--
			}
			cols += max(run, 0)
			if i == len(line) {
				break
			}
			switch c := line[i]; {
			case c == '>':
				depth++
				i++
			case (c == '-' || c == '*' || c == '+') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
				depth++
				i++
			case c >= '0' && c <= '9':
				j := i
				for j < len(line) && j-i < 10 && line[j] >= '0' && line[j] <= '9' {
					j++
				}
				if j >= len(line) || (line[j] != '.' && line[j] != ')') || (j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t') {
					i = len(line)
					break
				}
				depth++
				i = j + 1
			default:
				i = len(line)
			}
		}
		deepest = max(deepest, depth+cols/2)
	}
	return deepest
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// frontMatter splits a YAML-like front matter block off src. It reads only
// flat "key: value" pairs and "- item" lists; anything fancier is ignored, the
// block still removed from the text.
func frontMatter(src string) (map[string]string, string) {
	if !strings.HasPrefix(src, "---\n") {
		return nil, src
	}
	rest := src[len("---\n"):]
	meta := map[string]string{}
	key := ""
	for len(rest) > 0 {
		line, after, _ := strings.Cut(rest, "\n")
		rest = after
		t := strings.TrimSpace(line)
		if t == "---" || t == "..." {
			return meta, rest
		}
		if strings.HasPrefix(t, "- ") && key != "" {
			// an item of a list under the last key
			if meta[key] != "" {
				meta[key] += "\x00"
			}
			meta[key] += unquote(strings.TrimSpace(t[2:]))
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
			var items []string
			for _, it := range strings.Split(v[1:len(v)-1], ",") {
				if it = unquote(strings.TrimSpace(it)); it != "" {
					items = append(items, it)
				}
			}
			v = strings.Join(items, "\x00")
		} else {
			v = unquote(v)
		}
		meta[key] = v
	}
	// No closing line: not front matter after all.
	return nil, src
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		if u, err := strconv.Unquote(`"` + strings.ReplaceAll(v[1:len(v)-1], `"`, `\"`) + `"`); err == nil && v[0] == '"' {
			return u
		}
		return v[1 : len(v)-1]
	}
	return v
}

// splitList splits a front matter list (items joined by NUL) or an author
// line ("A, B and C").
func splitList(v string) []string {
	if v == "" {
		return nil
	}
	if strings.Contains(v, "\x00") {
		return strings.Split(v, "\x00")
	}
	return splitByline(v)
}

var markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// markdownText renders Markdown to plain text and returns it with the text
// of the first heading:
//
//   - headings and paragraphs become lines, with a blank line between blocks;
//     soft line breaks inside a paragraph become spaces, hard ones line ends;
//   - list items become lines starting "- " or with their number ("3. "),
//     nested lists indented by two spaces per level;
//   - links become their text, images are dropped, emphasis, strikethrough and
//     code span markers are dropped, backslash escapes and character
//     references are resolved;
//   - code blocks are kept verbatim; HTML blocks are reduced to their text;
//     table rows become lines with cells separated by tabs.
func markdownText(src string) (text, heading string) {
	source := []byte(src)
	root := markdown.Parser().Parse(gtext.NewReader(source))
	var (
		t        textBuilder
		lists    []int // next number of each open list; -1 for bullet lists
		inItem   int
		headFrom = -1
	)
	brk := func() int {
		if inItem > 0 {
			return 1
		}
		return 2
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Heading:
			t.block(brk())
			if entering && heading == "" && headFrom < 0 {
				t.flush()
				headFrom = t.Len()
			}
			if !entering && headFrom >= 0 && heading == "" {
				heading = strings.TrimSpace(t.b.String()[headFrom:])
				if heading == "" {
					headFrom = -1
				}
			}
		case *ast.Paragraph, *ast.Blockquote, *ast.ThematicBreak, *east.Table:
			t.block(brk())
		case *ast.TextBlock:
			t.block(1)
		case *east.TableHeader, *east.TableRow:
			t.block(1)
		case *east.TableCell:
			if entering && n.PreviousSibling() != nil {
				t.sep = "\t"
			}
		case *ast.List:
			t.block(brk())
			if entering {
				start := -1
				if n.IsOrdered() {
					start = n.Start
				}
				lists = append(lists, start)
			} else {
				lists = lists[:len(lists)-1]
			}
		case *ast.ListItem:
			if !entering {
				inItem--
				t.block(1)
				break
			}
			inItem++
			t.block(1)
			marker := "- "
			if k := len(lists) - 1; k >= 0 && lists[k] >= 0 {
				marker = strconv.Itoa(lists[k]) + ". "
				lists[k]++
			}
			t.prefix = strings.Repeat("  ", max(len(lists)-1, 0)) + marker
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			t.block(brk())
			if entering {
				t.verbatim(strings.TrimRight(linesOf(n, source), "\n"))
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			t.block(brk())
			if entering {
				var b strings.Builder
				b.WriteString(linesOf(n, source))
				if n.HasClosure() {
					b.Write(n.ClosureLine.Value(source))
				}
				t.verbatim(htmlFragmentText(b.String()))
				t.block(brk())
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				v := n.Segment.Value(source)
				if !n.IsRaw() {
					v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
				}
				t.inline(string(v))
				switch {
				case n.HardLineBreak():
					t.lineBreak()
				case n.SoftLineBreak():
					t.space = true
				}
			}
		case *ast.String:
			if entering {
				t.inline(string(n.Value))
			}
		case *ast.CodeSpan:
			if entering {
				var b strings.Builder
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					switch c := c.(type) {
					case *ast.Text:
						b.Write(c.Segment.Value(source))
					case *ast.String:
						b.Write(c.Value)
					}
				}
				t.inline(strings.ReplaceAll(b.String(), "\n", " "))
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			if entering {
				t.inline(string(n.Label(source)))
			}
		case *ast.Image, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return t.String(), heading
}

func linesOf(n ast.Node, source []byte) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(source))
	}
	return b.String()
}
