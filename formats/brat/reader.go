package brat

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// maxFile bounds the size of one .txt or .ann file read.
const maxFile = 64 << 20

// Read reads every .ann file under fsys (a folder: os.DirFS; a zip:
// *zip.Reader) with the .txt of the same name, and the annotation.conf
// nearest to it, if any. name (the folder or zip) prefixes file names in
// messages. Malformed lines end the import with an error naming file, line
// and problem; annotations that cannot be kept (a span whose text does not
// match, a relation to a missing annotation) are counted in the report.
func Read(fsys fs.FS, name string) (dataset.Dataset, dataset.Report, error) {
	rd := &reader{fsys: fsys, root: name, rep: &dataset.Report{Format: "brat"},
		confs: map[string]*conf{}, entities: map[string]uint64{}}
	var anns []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".ann") {
			anns = append(anns, p)
		}
		return nil
	})
	if err != nil {
		return dataset.Dataset{}, *rd.rep, fmt.Errorf("%s: %w", name, err)
	}
	if len(anns) == 0 {
		return dataset.Dataset{}, *rd.rep, dataset.Errorf(name, 0, "no .ann files: not a brat collection")
	}
	sort.Strings(anns)
	for _, p := range anns {
		if err := rd.document(p); err != nil {
			return dataset.Dataset{}, *rd.rep, err
		}
	}
	rd.ds.Labels = rd.labels.Set()
	rd.rep.NewLabels = rd.labels.Inferred()
	rd.rep.Count(rd.ds)
	return rd.ds, *rd.rep, nil
}

type reader struct {
	fsys     fs.FS
	root     string
	rep      *dataset.Report
	ds       dataset.Dataset
	labels   dataset.Labels
	confs    map[string]*conf // by folder
	entities map[string]uint64
}

func (rd *reader) display(p string) string { return path.Join(rd.root, p) }

func (rd *reader) readFile(p string) ([]byte, error) {
	f, err := rd.fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFile {
		return nil, fmt.Errorf("%s is larger than %d MB", rd.display(p), maxFile>>20)
	}
	return data, nil
}

// one document: a .ann and its .txt.
func (rd *reader) document(annPath string) error {
	stem := strings.TrimSuffix(annPath, ".ann")
	raw, err := rd.readFile(stem + ".txt")
	if err != nil {
		rd.rep.Warn(rd.display(annPath), 0, "no text file %s.txt beside it; the document is skipped", path.Base(stem))
		rd.rep.Drop("annotation file without its .txt")
		return nil
	}
	t, err := newText(string(raw))
	if err != nil {
		return dataset.Errorf(rd.display(stem+".txt"), 0, "%v", err)
	}
	annData, err := rd.readFile(annPath)
	if err != nil {
		return fmt.Errorf("%s: %w", rd.display(annPath), err)
	}
	cf, err := rd.conf(path.Dir(annPath))
	if err != nil {
		return err
	}
	lines, err := parseAnn(rd.display(annPath), annData)
	if err != nil {
		return err
	}
	doc := annotation.Document{Title: path.Base(stem), Origin: rd.display(stem + ".txt"), Text: t.text,
		SHA256: annotation.TextSHA256(t.text), Status: annotation.StatusNew}
	b := build{rd: rd, file: rd.display(annPath), t: t, conf: cf, ids: map[string]int{}}
	b.bundle.Document = doc
	b.run(lines)
	rd.ds.Bundles = append(rd.ds.Bundles, b.bundle)
	return nil
}

// text is a document text: brat offsets count code points of the file as
// it is (a byte order mark and the CR of CRLF included); Glossa's text
// drops those, so positions are mapped.
type text struct {
	raw   *annotation.Offsets
	text  string
	o     *annotation.Offsets
	remap []int // raw code point -> text code point; nil when equal
}

func newText(raw string) (*text, error) {
	norm, err := annotation.NormalizeText(raw)
	if err != nil {
		return nil, err
	}
	t := &text{raw: annotation.NewOffsets(raw), text: norm, o: annotation.NewOffsets(norm)}
	if norm != raw {
		t.remap = make([]int, 0, t.raw.Len()+1)
		n := 0
		prev := rune(0)
		for i, r := range raw {
			// A dropped code point (the byte order mark, the LF of a
			// CRLF) does not advance the text position.
			t.remap = append(t.remap, n)
			if !(i == 0 && r == '\uFEFF') && !(r == '\n' && prev == '\r') {
				n++
			}
			prev = r
		}
		t.remap = append(t.remap, n)
	}
	return t, nil
}

// pos maps a raw code point position to the text.
func (t *text) pos(p int) int {
	if t.remap == nil || p < 0 || p >= len(t.remap) {
		return p
	}
	return t.remap[p]
}

// line is one parsed .ann line.
type line struct {
	no     int
	id     string
	kind   byte // T R E A N # *
	typ    string
	args   []string // R, E: "Role:ID"; A: target [value]; N: target ref; #: target
	ranges [][2]int
	text   string // T: the text; N: the name; #: the note
}

func parseAnn(file string, data []byte) ([]line, error) {
	var out []line
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), maxFile)
	no := 0
	for sc.Scan() {
		no++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" {
			continue
		}
		l, err := parseLine(s)
		if err != nil {
			return nil, dataset.Errorf(file, no, "%v", err)
		}
		l.no = no
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, dataset.Errorf(file, no+1, "%v", err)
	}
	return out, nil
}

func parseLine(s string) (line, error) {
	fields := strings.SplitN(s, "\t", 3)
	l := line{id: fields[0]}
	if l.id == "" {
		return l, fmt.Errorf("line starts with a tab, not an annotation id")
	}
	l.kind = l.id[0]
	if len(fields) < 2 {
		return l, fmt.Errorf("annotation %s has no tab-separated fields", l.id)
	}
	parts := strings.Fields(fields[1])
	if len(parts) == 0 {
		return l, fmt.Errorf("annotation %s has an empty second field", l.id)
	}
	if len(fields) == 3 {
		l.text = fields[2]
	}
	switch l.kind {
	case 'T':
		l.typ = parts[0]
		spec := strings.TrimSpace(strings.TrimPrefix(fields[1], parts[0]))
		for _, r := range strings.Split(spec, ";") {
			se := strings.Fields(r)
			if len(se) != 2 {
				return l, fmt.Errorf("text-bound annotation %s: span %q is not \"start end\"", l.id, r)
			}
			s, err1 := strconv.Atoi(se[0])
			e, err2 := strconv.Atoi(se[1])
			if err1 != nil || err2 != nil || s < 0 || e < s {
				return l, fmt.Errorf("text-bound annotation %s: span %q is not two offsets, start before end", l.id, r)
			}
			l.ranges = append(l.ranges, [2]int{s, e})
		}
		if len(fields) < 3 {
			return l, fmt.Errorf("text-bound annotation %s has no text field", l.id)
		}
	case 'R':
		if len(parts) != 3 {
			return l, fmt.Errorf("relation %s: want \"Type Arg1:ID Arg2:ID\", got %q", l.id, fields[1])
		}
		l.typ, l.args = parts[0], parts[1:]
	case 'E':
		typ, trig, ok := strings.Cut(parts[0], ":")
		if !ok || trig == "" {
			return l, fmt.Errorf("event %s: want \"Type:Trigger Role:ID ...\", got %q", l.id, fields[1])
		}
		l.typ, l.args = typ, append([]string{"@trigger:" + trig}, parts[1:]...)
	case 'A', 'M':
		if len(parts) < 2 || len(parts) > 3 {
			return l, fmt.Errorf("attribute %s: want \"Name ID [Value]\", got %q", l.id, fields[1])
		}
		l.kind = 'A'
		l.typ, l.args = parts[0], parts[1:]
	case 'N':
		if len(parts) != 3 {
			return l, fmt.Errorf("normalization %s: want \"Reference ID DB:ID\", got %q", l.id, fields[1])
		}
		l.typ, l.args = parts[0], parts[1:]
	case '#':
		if len(parts) < 2 {
			return l, fmt.Errorf("note %s: want \"AnnotatorNotes ID\", got %q", l.id, fields[1])
		}
		l.typ, l.args = parts[0], parts[1:2]
	case '*':
		l.typ, l.args = parts[0], parts[1:]
	default:
		return l, fmt.Errorf("annotation id %q does not start with T, R, E, A, M, N, # or *", l.id)
	}
	for _, a := range l.args {
		if strings.ContainsFunc(a, unicode.IsControl) {
			return l, fmt.Errorf("annotation %s: control character in %q", l.id, a)
		}
	}
	return l, nil
}
