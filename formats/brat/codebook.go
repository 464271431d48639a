package brat

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// VisualFile is the name of brat's visual configuration, which sits beside
// annotation.conf and gives the types their colours.
const VisualFile = "visual.conf"

// Comments of annotation.conf that keep what brat cannot hold, read back
// by ReadCodebook.
const (
	confDescription = "# glossa-description\t"          // brat name, description (strconv.Quote)
	confGuidelines  = "# glossa-guidelines\t"           // the guidelines (strconv.Quote)
	confRelDesc     = "# glossa-relation-description\t" // brat name, description (strconv.Quote)
	confVerbs       = "# glossa-verbs\t"                // the reporting verbs, space-separated (strconv.Quote)
)

// confLine is a line of annotation.conf: its number, its section, its depth
// in the type hierarchy (leading tabs) and its text.
type confLine struct {
	no      int
	section string
	depth   int
	text    string
}

// ReadCodebook reads brat's annotation.conf (name for messages) and, when
// visual is not nil, the visual.conf beside it: [entities] and [events]
// become labels (a type hierarchy is flattened; a "!" group is no label, its
// children are), [relations] relation types with the kinds their Arg1 and
// Arg2 types have, each event role a relation type from the event, and
// [attributes] attributes of the labels their Arg names (a binary attribute
// has the one value "true", as brat's A lines import). Macros (<ENTITY>,
// <EVENT>, <ANY> and <NAME>=A|B lines) are expanded. visual.conf's bgColor
// colours a label, color a relation type. What Glossa cannot keep (a
// relation's <REL-TYPE>, overlap rules, glyphs, a colour that is not a known
// name) is returned as warnings, "file:line: what".
func ReadCodebook(conf io.Reader, visual io.Reader, name string) (annotation.LabelSet, []string, error) {
	data, err := io.ReadAll(conf)
	if err != nil {
		return annotation.LabelSet{}, nil, err
	}
	cb := parseCodebook(name, data)
	if visual != nil {
		vdata, err := io.ReadAll(visual)
		if err != nil {
			return annotation.LabelSet{}, nil, err
		}
		cb.visual(strings.TrimSuffix(name, confFile)+VisualFile, vdata)
	}
	s := cb.set()
	if err := s.Validate(); err != nil {
		return annotation.LabelSet{}, nil, fmt.Errorf("%s: %w", name, err)
	}
	return s, cb.rep.Warnings, nil
}

// codebook is an annotation.conf being read.
type codebook struct {
	file     string
	rep      dataset.Report
	labels   []annotation.Label // in order, brat names until set()
	events   map[string]bool    // event types
	rels     []annotation.RelationType
	relAny   map[string][2]bool // relation type -> Arg1, Arg2 take any type
	macros   map[string][]string
	names    map[string]string // brat name -> original (glossa- comments)
	attrs    map[string]string
	values   map[string]string
	relNames map[string]string
	kinds    map[string]annotation.Kind
	colors   map[string]string
	descs    map[string]string // label's brat name -> description
	relDescs map[string]string // relation type's brat name -> description
	guide    string
	verbs    []string
}

func parseCodebook(file string, data []byte) *codebook {
	cb := &codebook{file: file, events: map[string]bool{}, relAny: map[string][2]bool{}, macros: map[string][]string{},
		names: map[string]string{}, attrs: map[string]string{}, values: map[string]string{}, relNames: map[string]string{},
		kinds: map[string]annotation.Kind{}, colors: map[string]string{}, descs: map[string]string{}, relDescs: map[string]string{}}
	var lines []confLine
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for no := 1; sc.Scan(); no++ {
		raw := strings.TrimRight(sc.Text(), "\r")
		if cb.comment(no, raw) {
			continue
		}
		s := strings.TrimSpace(raw)
		switch {
		case s == "" || strings.HasPrefix(s, "#"):
			continue
		case strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]"):
			section = strings.ToLower(strings.Trim(s, "[]"))
			if !slices.Contains([]string{"entities", "relations", "events", "attributes"}, section) {
				cb.rep.Warn(file, no, "section [%s] is not one of brat's annotation.conf sections; its lines are skipped", section)
			}
			continue
		}
		if k, v, ok := strings.Cut(s, "="); ok && strings.HasPrefix(k, "<") && strings.HasSuffix(strings.TrimSpace(k), ">") {
			cb.macros[strings.TrimSpace(k)] = splitTypes(v)
			continue
		}
		depth := len(raw) - len(strings.TrimLeft(raw, "\t "))
		lines = append(lines, confLine{no, section, depth, s})
	}
	// Types first, so that relations and attributes can name any of them
	// whatever the order of the sections.
	flattened := false
	for _, l := range lines {
		if l.section != "entities" && l.section != "events" {
			continue
		}
		name, _, _ := strings.Cut(l.text, "\t")
		name = strings.TrimSpace(strings.Fields(name)[0])
		if l.depth > 0 && !flattened {
			flattened = true
			cb.rep.Warn(file, l.no, "the type hierarchy is flattened: Glossa's labels are a list")
		}
		if strings.HasPrefix(name, "!") || strings.HasPrefix(name, "<") {
			continue // a group of types, not a type
		}
		if l.section == "events" {
			cb.events[name] = true
		}
		if !slices.ContainsFunc(cb.labels, func(x annotation.Label) bool { return x.Name == name }) {
			cb.labels = append(cb.labels, annotation.Label{Name: name})
		}
	}
	for _, l := range lines {
		switch l.section {
		case "relations":
			cb.relation(l)
		case "events":
			cb.roles(l)
		case "attributes":
			cb.attribute(l)
		}
	}
	return cb
}

// comment reads one of the glossa- comments Glossa writes; it reports
// whether raw was one.
func (cb *codebook) comment(no int, raw string) bool {
	field := func(prefix string, n int) []string {
		f := strings.Split(strings.TrimPrefix(raw, prefix), "\t")
		if len(f) != n {
			cb.rep.Warn(cb.file, no, "%s comment wants %d tab-separated fields, has %d; skipped", strings.TrimSpace(prefix), n, len(f))
			return nil
		}
		return f
	}
	unquote := func(s string) string {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
		cb.rep.Warn(cb.file, no, "a glossa comment holds text that is not quoted; taken as it is")
		return s
	}
	switch {
	case strings.HasPrefix(raw, confLabel):
		if f := field(confLabel, 4); f != nil {
			cb.names[f[0]], cb.kinds[f[0]], cb.colors[f[0]] = f[3], annotation.Kind(f[1]), f[2]
		}
	case strings.HasPrefix(raw, confAttribute):
		if f := field(confAttribute, 2); f != nil {
			cb.attrs[f[0]] = f[1]
		}
	case strings.HasPrefix(raw, confValue):
		if f := field(confValue, 2); f != nil {
			cb.values[f[0]] = f[1]
		}
	case strings.HasPrefix(raw, confRelation):
		if f := field(confRelation, 2); f != nil {
			cb.relNames[f[0]] = f[1]
		}
	case strings.HasPrefix(raw, confDescription):
		if f := field(confDescription, 2); f != nil {
			cb.descs[f[0]] = unquote(f[1])
		}
	case strings.HasPrefix(raw, confRelDesc):
		if f := field(confRelDesc, 2); f != nil {
			cb.relDescs[f[0]] = unquote(f[1])
		}
	case strings.HasPrefix(raw, confGuidelines):
		if f := field(confGuidelines, 1); f != nil {
			cb.guide = unquote(f[0])
		}
	case strings.HasPrefix(raw, confVerbs):
		if f := field(confVerbs, 1); f != nil {
			var bad []string
			if cb.verbs, bad = annotation.CleanVerbs(strings.Fields(unquote(f[0]))); len(bad) > 0 {
				cb.rep.Warn(cb.file, no, "reporting verbs that are not words of letters are dropped: %s", strings.Join(bad, " "))
			}
		}
	default:
		return false
	}
	return true
}

// splitTypes splits "A|B" and trims each.
func splitTypes(s string) []string {
	var out []string
	for _, t := range strings.Split(s, "|") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// args splits the argument list after a type's name, "Arg1:A|B, Arg2:C",
// into role -> types; the name comes first, before a tab or a space.
func args(text string) (string, [][2]string) {
	name, rest, _ := strings.Cut(strings.Replace(text, "\t", " ", 1), " ")
	var out [][2]string
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), ":")
		if ok {
			out = append(out, [2]string{strings.TrimSpace(k), v})
		}
	}
	return strings.TrimSpace(name), out
}

// expand returns the types types names, macros expanded; any is true when
// one is <ANY>, <ENTITY> or <EVENT> (Glossa does not restrict by those).
func (cb *codebook) expand(types []string, seen int) (out []string, any bool) {
	for _, t := range types {
		switch t {
		case "<ANY>", "<ENTITY>", "<EVENT>":
			any = true
			continue
		}
		if m, ok := cb.macros[t]; ok && seen < 8 {
			o, a := cb.expand(m, seen+1)
			out, any = append(out, o...), any || a
			continue
		}
		out = append(out, t)
	}
	return out, any
}

// kindsOf returns the kinds of types, as set() will give them; nil (any)
// when any is set or a type is not a label.
func (cb *codebook) kindsOf(types []string, any bool) []annotation.Kind {
	if any || len(types) == 0 {
		return nil
	}
	var ks []annotation.Kind
	for _, t := range types {
		if !slices.ContainsFunc(cb.labels, func(l annotation.Label) bool { return l.Name == t }) {
			return nil
		}
		if k := cb.kind(t); !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	return ks
}

func (cb *codebook) kind(t string) annotation.Kind {
	if k, ok := cb.kinds[t]; ok && k.Valid() {
		return k
	}
	return dataset.InferKind(cb.orig(t))
}

func (cb *codebook) orig(t string) string {
	if o, ok := cb.names[t]; ok {
		return o
	}
	return t
}

// addRelation adds or widens relation type name (a brat name) from the
// kinds of from to those of to.
func (cb *codebook) addRelation(name string, from, to []string, fromAny, toAny bool) {
	if d, ok := cb.relDescs[name]; ok {
		defer func() {
			cb.rels[slices.IndexFunc(cb.rels, func(r annotation.RelationType) bool { return r.Name == name })].Description = d
		}()
	}
	name = cb.relName(name)
	fk, tk := cb.kindsOf(from, fromAny), cb.kindsOf(to, toAny)
	i := slices.IndexFunc(cb.rels, func(r annotation.RelationType) bool { return r.Name == name })
	if i < 0 {
		cb.rels = append(cb.rels, annotation.RelationType{Name: name, From: fk, To: tk})
		cb.relAny[name] = [2]bool{fk == nil, tk == nil}
		return
	}
	r, any := &cb.rels[i], cb.relAny[name]
	widen := func(have *[]annotation.Kind, more []annotation.Kind, wasAny *bool) {
		if *wasAny || more == nil {
			*have, *wasAny = nil, true
			return
		}
		for _, k := range more {
			if !slices.Contains(*have, k) {
				*have = append(*have, k)
			}
		}
	}
	widen(&r.From, fk, &any[0])
	widen(&r.To, tk, &any[1])
	cb.relAny[name] = any
}

func (cb *codebook) relation(l confLine) {
	name, as := args(l.text)
	if name == "<OVERLAP>" {
		if strings.Contains(l.text, "<OVL-TYPE>:<ANY>") {
			return // what Glossa does: any annotations may overlap
		}
		cb.rep.Warn(cb.file, l.no, "<OVERLAP> rules are not kept: Glossa lets any annotations overlap")
		return
	}
	var from, to []string
	var fromAny, toAny bool
	for _, a := range as {
		switch {
		case a[0] == "Arg1":
			from, fromAny = cb.expand(splitTypes(a[1]), 0)
		case a[0] == "Arg2":
			to, toAny = cb.expand(splitTypes(a[1]), 0)
		case a[0] == "<REL-TYPE>":
			cb.rep.Warn(cb.file, l.no, "relation %s: <REL-TYPE>:%s is not kept (Glossa's links have a direction and no such property)", name, a[1])
		default:
			cb.rep.Warn(cb.file, l.no, "relation %s: argument %s is not kept (a Glossa link joins two annotations)", name, a[0])
		}
	}
	if from == nil && !fromAny || to == nil && !toAny {
		cb.rep.Warn(cb.file, l.no, "relation %s lacks Arg1 or Arg2; it joins any labels", name)
		fromAny, toAny = true, true
	}
	cb.addRelation(name, from, to, fromAny, toAny)
}

// roles makes each role of an event type a relation type from the event's
// label to the role's types: how the brat reader imports an event's
// arguments (an attribution's Source, Cue and Content become said_by and
// cue links instead).
func (cb *codebook) roles(l confLine) {
	name, as := args(l.text)
	if strings.HasPrefix(name, "!") || strings.HasPrefix(name, "<") {
		return
	}
	for _, a := range as {
		role := strings.TrimRight(strings.TrimRight(a[0], "?*+"), "0123456789")
		if i := strings.IndexByte(role, '{'); i >= 0 {
			role = strings.TrimRight(role[:i], "0123456789")
		}
		if role == "" {
			continue
		}
		to, toAny := cb.expand(splitTypes(a[1]), 0)
		cb.addRelation(role, []string{name}, to, false, toAny)
	}
}

func (cb *codebook) attribute(l confLine) {
	name, as := args(l.text)
	var targets []string
	var all bool
	var values []string
	binary := true
	for _, a := range as {
		switch a[0] {
		case "Arg":
			for _, t := range splitTypes(a[1]) {
				switch t {
				case "<ANY>":
					all = true
				case "<ENTITY>", "<EVENT>":
					for _, lab := range cb.labels {
						if cb.events[lab.Name] == (t == "<EVENT>") {
							targets = append(targets, lab.Name)
						}
					}
				default:
					ts, any := cb.expand([]string{t}, 0)
					targets, all = append(targets, ts...), all || any
				}
			}
		case "Value":
			binary = false
			values = splitTypes(a[1])
		default:
			cb.rep.Warn(cb.file, l.no, "attribute %s: %s is not kept", name, a[0])
		}
	}
	if all {
		targets = nil
		for _, lab := range cb.labels {
			targets = append(targets, lab.Name)
		}
	}
	if binary {
		values = []string{"true"}
	}
	for i, v := range values {
		if o, ok := cb.values[v]; ok {
			values[i] = o
		}
	}
	if o, ok := cb.attrs[name]; ok {
		name = o
	}
	if len(targets) == 0 {
		cb.rep.Warn(cb.file, l.no, "attribute %s names no type of [entities] or [events]; not kept", name)
	}
	for _, t := range targets {
		i := slices.IndexFunc(cb.labels, func(x annotation.Label) bool { return x.Name == t })
		if i < 0 {
			cb.rep.Warn(cb.file, l.no, "attribute %s: %s is not a type of [entities] or [events]", name, t)
			continue
		}
		lab := &cb.labels[i]
		if !slices.ContainsFunc(lab.Attributes, func(a annotation.AttributeDef) bool { return a.Name == name }) {
			lab.Attributes = append(lab.Attributes, annotation.AttributeDef{Name: name, Values: slices.Clone(values)})
		}
	}
}

// visual reads visual.conf's [drawing] section: bgColor of a label, color
// of a relation type.
func (cb *codebook) visual(file string, data []byte) {
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	for no := 1; sc.Scan(); no++ {
		s := strings.TrimSpace(sc.Text())
		switch {
		case s == "" || strings.HasPrefix(s, "#"):
			continue
		case strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]"):
			section = strings.ToLower(strings.Trim(s, "[]"))
			continue
		case section != "drawing":
			continue // [labels]: display names and abbreviations, [options]
		}
		name, as := args(s)
		for _, a := range as {
			key := a[0]
			if key != "bgColor" && key != "color" {
				continue
			}
			c, ok := dataset.CSSColor(strings.TrimSpace(a[1]))
			if !ok {
				cb.rep.Warn(file, no, "%s: colour %q is not #rgb, #rrggbb or a CSS colour name Glossa knows; not kept", name, a[1])
				continue
			}
			rel := cb.relName(name)
			if i := slices.IndexFunc(cb.rels, func(r annotation.RelationType) bool { return r.Name == rel }); i >= 0 && key == "color" {
				cb.rels[i].Color = c
			} else if key == "bgColor" {
				cb.colors[name] = c
			}
		}
	}
}

func (cb *codebook) relName(n string) string {
	if o, ok := cb.relNames[n]; ok {
		return o
	}
	return string(dataset.RelationType(n))
}

// set returns the codebook read: labels with their original names, kinds
// and colours, relation types, guidelines.
func (cb *codebook) set() annotation.LabelSet {
	var ls dataset.Labels
	for _, l := range cb.labels {
		l.Color = cb.colors[l.Name]
		if l.Color != "" {
			if _, ok := dataset.CSSColor(l.Color); !ok {
				l.Color = ""
			}
		}
		l.Kind, l.Description = cb.kind(l.Name), cb.descs[l.Name]
		l.Name = cb.orig(l.Name)
		ls.Declare(l)
	}
	s := ls.Set()
	s.Relations = cb.rels
	if s.Relations == nil {
		s.Relations = []annotation.RelationType{}
	}
	s.Guidelines = cb.guide
	s.Verbs = cb.verbs
	return s
}

// WriteCodebook writes s as brat's annotation.conf to conf and its colours
// as visual.conf to visual: every label an entity type, every relation type
// a relation between the labels of its kinds (<ENTITY> for any), every
// attribute an attribute of the labels that offer it (one value list per
// name, as brat has: the union of the labels'; a list of the one value
// "true" is binary). The original names, kinds, colours and descriptions,
// the guidelines and the reporting verbs go into glossa- comments, which
// brat ignores and ReadCodebook reads back. It returns what brat cannot
// hold.
func WriteCodebook(conf, visual io.Writer, s annotation.LabelSet) ([]string, error) {
	var warn []string
	cw, vw := bufio.NewWriter(conf), bufio.NewWriter(visual)
	fmt.Fprintln(cw, "# brat annotation configuration written by Glossa.")
	fmt.Fprintln(cw, "# The glossa- comments keep what brat cannot hold; brat ignores them, Glossa reads them.")
	type attr struct {
		name   string
		labels []string
		values []string
	}
	var attrs []*attr
	byName := map[string]*attr{}
	for _, l := range s.Labels {
		fmt.Fprintf(cw, "%s%s\t%s\t%s\t%s\n", confLabel, bratName(l.Name), l.Kind, l.Color, oneLine(l.Name))
		if l.Description != "" {
			fmt.Fprintf(cw, "%s%s\t%s\n", confDescription, bratName(l.Name), strconv.Quote(l.Description))
		}
		if l.Key != "" {
			warn = append(warn, fmt.Sprintf("label %s: the shortcut key %s is not written (brat keeps keys in kb.conf)", l.Name, l.Key))
		}
		for _, a := range l.Attributes {
			at := byName[a.Name]
			if at == nil {
				at = &attr{name: a.Name}
				byName[a.Name] = at
				attrs = append(attrs, at)
			} else if !slices.Equal(at.values, a.Values) {
				warn = append(warn, fmt.Sprintf("attribute %s: brat has one list of values per attribute; written with the values of every label that offers it", a.Name))
			}
			at.labels = append(at.labels, bratName(l.Name))
			for _, v := range a.Values {
				if !slices.Contains(at.values, v) {
					at.values = append(at.values, v)
				}
			}
			if len(a.Values) == 0 {
				warn = append(warn, fmt.Sprintf("label %s: attribute %s is free text, which brat's attributes are not; written as an attribute without values (binary)", l.Name, a.Name))
			}
			if a.Default != "" {
				warn = append(warn, fmt.Sprintf("label %s: the default of attribute %s is not written (brat has none)", l.Name, a.Name))
			}
		}
	}
	for _, at := range attrs {
		if bratName(at.name) != at.name {
			fmt.Fprintf(cw, "%s%s\t%s\n", confAttribute, bratName(at.name), oneLine(at.name))
		}
		for _, v := range at.values {
			if bratName(v) != v {
				fmt.Fprintf(cw, "%s%s\t%s\n", confValue, bratName(v), oneLine(v))
			}
		}
	}
	rels := s.RelationTypes()
	for _, r := range rels {
		if bratName(r.Name) != r.Name {
			fmt.Fprintf(cw, "%s%s\t%s\n", confRelation, bratName(r.Name), oneLine(r.Name))
		}
		if r.Description != "" {
			fmt.Fprintf(cw, "%s%s\t%s\n", confRelDesc, bratName(r.Name), strconv.Quote(r.Description))
		}
	}
	if s.Guidelines != "" {
		fmt.Fprintf(cw, "%s%s\n", confGuidelines, strconv.Quote(s.Guidelines))
	}
	if len(s.Verbs) > 0 {
		fmt.Fprintf(cw, "%s%s\n", confVerbs, strconv.Quote(strings.Join(s.Verbs, " ")))
	}
	cw.WriteString("\n[entities]\n")
	for _, l := range s.Labels {
		fmt.Fprintln(cw, bratName(l.Name))
	}
	cw.WriteString("\n[relations]\n")
	types := func(kinds []annotation.Kind) string {
		var names []string
		for _, l := range s.Labels {
			if slices.Contains(kinds, l.Kind) {
				names = append(names, bratName(l.Name))
			}
		}
		if len(kinds) == 0 || len(names) == 0 {
			return "<ENTITY>"
		}
		return strings.Join(names, "|")
	}
	for _, r := range rels {
		fmt.Fprintf(cw, "%s\tArg1:%s, Arg2:%s\n", bratName(r.Name), types(r.From), types(r.To))
	}
	cw.WriteString("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n")
	cw.WriteString("\n[events]\n\n[attributes]\n")
	for _, at := range attrs {
		line := bratName(at.name) + "\tArg:" + strings.Join(at.labels, "|")
		if len(at.values) > 0 && !slices.Equal(at.values, []string{"true"}) {
			vals := make([]string, len(at.values))
			for i, v := range at.values {
				vals[i] = bratName(v)
			}
			line += ", Value:" + strings.Join(vals, "|")
		}
		fmt.Fprintln(cw, line)
	}
	fmt.Fprintln(vw, "# brat visual configuration written by Glossa: the colours of the labels and relation types.")
	vw.WriteString("[labels]\n")
	for _, l := range s.Labels {
		fmt.Fprintf(vw, "%s | %s\n", bratName(l.Name), oneLine(l.Name))
	}
	for _, r := range rels {
		fmt.Fprintf(vw, "%s | %s\n", bratName(r.Name), oneLine(r.Name))
	}
	vw.WriteString("\n[drawing]\nSPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\nARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n")
	for _, l := range s.Labels {
		fmt.Fprintf(vw, "%s\tbgColor:%s\n", bratName(l.Name), l.Color)
	}
	for _, r := range rels {
		if r.Color != "" {
			fmt.Fprintf(vw, "%s\tcolor:%s\n", bratName(r.Name), r.Color)
		}
	}
	if err := cw.Flush(); err != nil {
		return warn, err
	}
	return warn, vw.Flush()
}
