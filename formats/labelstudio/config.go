package labelstudio

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// ErrConfig marks a file that is not a Label Studio labeling config.
var ErrConfig = errors.New("not a Label Studio labeling config")

// maxConfig is the largest config read: a labeling config is a few
// kilobytes.
const maxConfig = 16 << 20

// fragment is the relation label the data writer joins the regions of a
// discontinuous annotation with: a mechanism of the export, no relation
// type of the codebook.
const fragment = "fragment"

// glossaComment starts the comment of a written config that keeps what
// Label Studio cannot hold: label kinds, relation types' kinds and
// descriptions, the guidelines, the reporting verbs.
const glossaComment = "glossa-codebook "

// configExtra is what the glossa-codebook comment holds.
type configExtra struct {
	Kinds      map[string]annotation.Kind `json:"kinds,omitempty"`
	Relations  []annotation.RelationType  `json:"relations,omitempty"`
	Guidelines string                     `json:"guidelines,omitempty"`
	Verbs      []string                   `json:"verbs,omitempty"`
}

// node is an element of the config.
type node struct {
	name     string // lower case: Label Studio's tag names ignore case
	tag      string // as written, for messages
	attrs    map[string]string
	line     int
	children []*node
}

func (n *node) attr(name string) (string, bool) {
	v, ok := n.attrs[strings.ToLower(name)]
	return v, ok
}

func (n *node) truthy(name string) bool {
	v, _ := n.attr(name)
	return strings.EqualFold(v, "true")
}

// parseConfig reads the XML into a tree, with the comments that start with
// glossaComment decoded into extra.
func parseConfig(data []byte, name string, extra *configExtra) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var root *node
	var stack []*node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v: %w", name, err, ErrConfig)
		}
		line, _ := dec.InputPos()
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: strings.ToLower(t.Name.Local), tag: t.Name.Local, attrs: map[string]string{}, line: line}
			for _, a := range t.Attr {
				n.attrs[strings.ToLower(a.Name.Local)] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("%s:%d: a second root element <%s>: %w", name, line, t.Name.Local, ErrConfig)
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.Comment:
			if c := strings.TrimSpace(string(t)); strings.HasPrefix(c, glossaComment) {
				if err := json.Unmarshal([]byte(strings.TrimPrefix(c, glossaComment)), extra); err != nil {
					return nil, fmt.Errorf("%s:%d: the glossa-codebook comment is not readable: %v: %w", name, line, err, ErrConfig)
				}
			}
		}
	}
	if root == nil || root.name != "view" {
		return nil, fmt.Errorf("%s: the config's root element is not <View>: %w", name, ErrConfig)
	}
	return root, nil
}

// DetectConfig reports whether head, the first bytes of a file, starts a
// Label Studio labeling config: XML whose first element is <View>.
func DetectConfig(head []byte) bool {
	dec := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(head, []byte("\uFEFF"))))
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if s, ok := tok.(xml.StartElement); ok {
			return strings.EqualFold(s.Name.Local, "view")
		}
	}
}

// textLabels are the labeling tags whose regions are spans of text.
var textLabels = []string{"labels", "hypertextlabels", "paragraphlabels"}

// textObjects are the object tags that show text.
var textObjects = []string{"text", "hypertext", "paragraphs"}

// cosmetic are tags that only lay the page out or style it.
var cosmetic = []string{"header", "style", "filter", "collapse", "panel", "table", "char", "h1", "h2", "h3"}

// layoutAttrs are attributes that only change how a control looks.
var layoutAttrs = []string{"style", "classname", "size", "showinline", "layout", "showalias", "aliasstyle",
	"selectedcolor", "placeholder", "rows", "editable", "displaymode", "showsubmitbutton", "maxsubmissions",
	"skipduplicates", "required", "requiredmessage", "html", "color", "name", "toname"}

// configReader reads a config into a codebook.
type configReader struct {
	file    string
	rep     dataset.Report
	labels  dataset.Labels
	keys    map[string]string   // label -> key
	control map[string][]string // Labels control name -> its labels
	attrs   []perRegion
	rels    []annotation.RelationType
	warned  map[string]bool
}

// perRegion is a per-region control: the attribute it defines and the
// labels it is shown for (nil: every label; tag: those of a Labels
// control).
type perRegion struct {
	def    annotation.AttributeDef
	line   int
	labels []string
	tag    string
}

// visibility is what an enclosing <View> or the control itself says about
// when it shows.
type visibility struct {
	region bool     // visibleWhen="region-selected"
	labels []string // whenLabelValue
	tag    string   // whenTagName
}

// ReadConfig reads a Label Studio labeling config (name for messages) into
// a Glossa codebook. Labels (<Labels>, <HyperTextLabels>,
// <ParagraphLabels>) become labels: value the name, background the colour,
// hotkey the key (when a valid Glossa key), hint the description, the kind
// inferred from the name as on data import. <Relation> values become
// relation types ("fragment", the data export's joint of discontinuous
// regions, excepted). A per-region <Choices> is an attribute with its
// choices as values (an alias in place of its value, as Label Studio stores
// it; the selected one the default) and a per-region <TextArea> a free-text
// attribute (value its default), offered by the labels its whenLabelValue
// names (on the control or an enclosing <View>), by those of the Labels
// control its whenTagName names, else by every label; TextAreas named note
// and entity are Glossa's own note and entity fields. What a codebook has no
// place for (choices and text areas about the whole text, other controls,
// labels of images or audio, aliases, several choices at once) is returned
// as warnings, "file:line: what". The comment a written config carries
// (WriteConfig) restores label kinds, relation types, guidelines and
// reporting verbs.
func ReadConfig(r io.Reader, name string) (annotation.LabelSet, []string, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxConfig+1))
	if err != nil {
		return annotation.LabelSet{}, nil, err
	}
	if len(data) > maxConfig {
		return annotation.LabelSet{}, nil, fmt.Errorf("%s: a labeling config is at most %d MB: %w", name, maxConfig>>20, ErrConfig)
	}
	var extra configExtra
	root, err := parseConfig(bytes.TrimPrefix(data, []byte("\uFEFF")), name, &extra)
	if err != nil {
		return annotation.LabelSet{}, nil, err
	}
	cr := &configReader{file: name, keys: map[string]string{}, control: map[string][]string{}, warned: map[string]bool{}}
	cr.walk(root, visibility{})
	s := cr.set(extra)
	if fixed := s.WithValidKeys(); !slices.EqualFunc(fixed.Labels, s.Labels, func(a, b annotation.Label) bool { return a.Key == b.Key }) {
		cr.rep.Warn(name, 0, "hotkeys taken by two labels are kept on the first only")
		s = fixed
	}
	if err := s.Validate(); err != nil {
		return annotation.LabelSet{}, nil, fmt.Errorf("%s: %w", name, err)
	}
	return s, cr.rep.Warnings, nil
}

func (cr *configReader) warn(n *node, format string, args ...any) {
	cr.rep.Warn(cr.file, n.line, format, args...)
}

// unkept warns of the attributes of n outside kept and layoutAttrs.
func (cr *configReader) unkept(n *node, tag string, kept ...string) {
	var names []string
	for a := range n.attrs {
		if !slices.Contains(kept, a) && !slices.Contains(layoutAttrs, a) {
			names = append(names, a)
		}
	}
	slices.Sort(names)
	for _, a := range names {
		cr.warn(n, "<%s> attribute %s=%q has no place in a Glossa codebook; not kept", tag, a, n.attrs[a])
	}
}

func (cr *configReader) walk(n *node, vis visibility) {
	vis = vis.within(n)
	for _, c := range n.children {
		tag := c.name
		switch {
		case tag == "view":
			cr.walk(c, vis)
		case slices.Contains(textLabels, tag):
			cr.labelControl(c)
		case tag == "relations":
			for _, r := range c.children {
				if r.name == "relation" {
					cr.relation(r)
				} else {
					cr.warn(r, "<%s> inside <Relations> is not a relation; skipped", r.tag)
				}
			}
		case tag == "relation":
			cr.relation(c)
		case tag == "choices":
			cr.choices(c, vis.within(c))
		case tag == "textarea":
			cr.textArea(c, vis.within(c))
		case slices.Contains(textObjects, tag) || slices.Contains(cosmetic, tag):
			// The text itself, or the page's layout.
		case strings.HasSuffix(tag, "labels"):
			cr.warn(c, "<%s> labels regions of images, audio or time series, not text; skipped", c.tag)
		default:
			cr.warn(c, "<%s> has no place in a Glossa codebook; skipped", c.tag)
		}
	}
}

// within is vis as n's visibleWhen, whenLabelValue and whenTagName make it.
func (vis visibility) within(n *node) visibility {
	if v, ok := n.attr("visibleWhen"); ok {
		vis.region = v == "region-selected"
	}
	if v, ok := n.attr("whenLabelValue"); ok {
		vis.labels = nil
		for _, l := range strings.Split(v, ",") {
			if l = strings.TrimSpace(l); l != "" {
				vis.labels = append(vis.labels, l)
			}
		}
	}
	if v, ok := n.attr("whenTagName"); ok {
		vis.tag = v
	}
	return vis
}

func (cr *configReader) labelControl(c *node) {
	cr.unkept(c, "Labels")
	name, _ := c.attr("name")
	for _, l := range c.children {
		if l.name != "label" {
			cr.warn(l, "<%s> inside a labels control is not a label; skipped", l.tag)
			continue
		}
		v, ok := l.attr("value")
		v = strings.TrimSpace(v)
		if !ok || v == "" {
			cr.warn(l, "a <Label> without a value; skipped")
			continue
		}
		cr.control[name] = append(cr.control[name], v)
		lab := annotation.Label{Name: v}
		if bg, ok := l.attr("background"); ok {
			if c, ok := dataset.CSSColor(bg); ok {
				lab.Color = c
			} else {
				cr.warn(l, "label %q: colour %q is not one Glossa reads (#rgb, #rrggbb or a common CSS name); a colour of Glossa's is used", v, bg)
			}
		}
		lab.Description, _ = l.attr("hint")
		if _, ok := cr.labels.Set().Find(v); ok {
			continue
		}
		cr.labels.Declare(lab)
		if hk, ok := l.attr("hotkey"); ok {
			if k := strings.ToLower(hk); annotation.ValidKey(k) && k != "" {
				cr.keys[v] = k
			} else {
				cr.warn(l, "label %q: hotkey %q is not a Glossa key (one digit or letter); not kept", v, hk)
			}
		}
		if a, ok := l.attr("alias"); ok && a != v {
			cr.warn(l, "label %q: alias %q is not kept; the label is called by its value", v, a)
		}
		cr.unkept(l, "Label", "value", "background", "hint", "hotkey", "alias")
	}
}

func (cr *configReader) relation(r *node) {
	v, _ := r.attr("value")
	if strings.TrimSpace(v) == "" {
		cr.warn(r, "a <Relation> without a value; skipped")
		return
	}
	cr.unkept(r, "Relation", "value", "background")
	name := string(dataset.RelationType(v))
	if name == fragment || slices.ContainsFunc(cr.rels, func(x annotation.RelationType) bool { return x.Name == name }) {
		return
	}
	rt := annotation.RelationType{Name: name}
	if def, ok := (annotation.LabelSet{}).Relation(name); ok {
		rt = def // a Glossa link type: its kinds and description
	}
	if bg, ok := r.attr("background"); ok {
		if c, ok := dataset.CSSColor(bg); ok {
			rt.Color = c
		} else {
			cr.warn(r, "relation %q: colour %q is not one Glossa reads; not kept", v, bg)
		}
	}
	cr.rels = append(cr.rels, rt)
}

// perRegion checks that control c is about regions and records def for
// the labels vis names.
func (cr *configReader) perRegion(c *node, vis visibility, what string, def annotation.AttributeDef) {
	if !c.truthy("perRegion") {
		cr.warn(c, "%s %q is about the whole text, and Glossa's attributes belong to annotations; not kept", what, def.Name)
		return
	}
	cr.attrs = append(cr.attrs, perRegion{def: def, line: c.line, labels: vis.labels, tag: vis.tag})
}

func (cr *configReader) choices(c *node, vis visibility) {
	name, _ := c.attr("name")
	if strings.TrimSpace(name) == "" {
		cr.warn(c, "<Choices> without a name; skipped")
		return
	}
	cr.unkept(c, "Choices", "perregion", "visiblewhen", "whenlabelvalue", "whentagname", "choice")
	if ch, _ := c.attr("choice"); ch == "multiple" {
		cr.warn(c, "choices %q: several choices at once; a Glossa attribute holds one value", name)
	}
	def := annotation.AttributeDef{Name: name}
	var walk func(n *node)
	walk = func(n *node) {
		for _, ch := range n.children {
			if ch.name != "choice" {
				cr.warn(ch, "<%s> inside choices %q is not a choice; skipped", ch.tag, name)
				continue
			}
			v, _ := ch.attr("alias")
			if v == "" {
				v, _ = ch.attr("value")
			}
			if strings.TrimSpace(v) == "" {
				cr.warn(ch, "a <Choice> without a value; skipped")
				continue
			}
			if !slices.Contains(def.Values, v) {
				def.Values = append(def.Values, v)
			}
			if ch.truthy("selected") && def.Default == "" {
				def.Default = v
			}
			cr.unkept(ch, "Choice", "value", "alias", "selected", "hotkey", "hint")
			if len(ch.children) > 0 {
				cr.warn(ch, "choices %q: nested choices are flattened", name)
				walk(ch)
			}
		}
	}
	walk(c)
	if len(def.Values) == 0 {
		cr.warn(c, "choices %q has no choice; skipped", name)
		return
	}
	cr.perRegion(c, vis, "choices", def)
}

func (cr *configReader) textArea(c *node, vis visibility) {
	name, _ := c.attr("name")
	if strings.TrimSpace(name) == "" {
		cr.warn(c, "<TextArea> without a name; skipped")
		return
	}
	if name == fromNote || name == fromEntity {
		return // Glossa's own note and entity fields
	}
	cr.unkept(c, "TextArea", "perregion", "visiblewhen", "whenlabelvalue", "whentagname", "value", "transcription")
	def := annotation.AttributeDef{Name: name}
	def.Default, _ = c.attr("value")
	cr.perRegion(c, vis, "text area", def)
}

// set builds the codebook: labels with their keys and kinds, the
// per-region controls as attributes of their labels, the relation types.
func (cr *configReader) set(extra configExtra) annotation.LabelSet {
	s := cr.labels.Set().Clone()
	for i := range s.Labels {
		l := &s.Labels[i]
		l.Key = cr.keys[l.Name]
		if k, ok := extra.Kinds[l.Name]; ok && k.Valid() {
			l.Kind = k
		}
	}
	for _, pr := range cr.attrs {
		labels := pr.labels
		if labels == nil {
			if names, ok := cr.control[pr.tag]; ok {
				labels = names
			}
		}
		if labels == nil {
			for _, l := range s.Labels {
				labels = append(labels, l.Name)
			}
		}
		for _, name := range labels {
			if _, ok := s.Find(name); !ok {
				cr.rep.Warn(cr.file, pr.line, "%q names the label %q, which the config does not define", pr.def.Name, name)
				continue
			}
			if l, _ := s.Find(name); hasAttribute(l, pr.def.Name) {
				cr.rep.Warn(cr.file, pr.line, "label %q has the attribute %q twice; the values are joined", name, pr.def.Name)
			}
			s.AddAttribute(name, pr.def)
		}
	}
	s.Relations = []annotation.RelationType{}
	for _, r := range cr.rels {
		if i := slices.IndexFunc(extra.Relations, func(x annotation.RelationType) bool { return x.Name == r.Name }); i >= 0 {
			x := extra.Relations[i]
			r.From, r.To, r.Description = x.From, x.To, x.Description
		}
		s.Relations = append(s.Relations, r)
	}
	s.Guidelines = extra.Guidelines
	var bad []string
	if s.Verbs, bad = annotation.CleanVerbs(extra.Verbs); len(bad) > 0 {
		cr.rep.Warn(cr.file, 0, "reporting verbs that are not words of letters are dropped: %s", strings.Join(bad, ", "))
	}
	return s
}

func hasAttribute(l annotation.Label, name string) bool {
	_, ok := l.Attribute(name)
	return ok
}

// WriteConfig writes s as a Label Studio labeling config: a <Text
// name="text" value="$text"/>, its labels in one <Labels name="label"
// toName="text"> (background the colour, hotkey the key, hint the
// description), its relation types in <Relations> (with "fragment", which
// the data export joins discontinuous regions with), each attribute a
// per-region <Choices> (a list) or <TextArea> (free text) named after it,
// inside a <View> shown when a region of the labels that offer it is
// selected, and the per-region text areas note and entity that the data
// export fills. Label kinds, relation types' kinds and descriptions, the
// guidelines and the reporting verbs go into a glossa-codebook comment,
// which Label Studio ignores and ReadConfig reads back. It returns what Label Studio cannot hold.
func WriteConfig(w io.Writer, s annotation.LabelSet) ([]string, error) {
	var warn []string
	var b strings.Builder
	b.WriteString("<View>\n")
	b.WriteString("  <!-- A Glossa codebook as a Label Studio labeling config. -->\n")
	extra := configExtra{Relations: s.RelationTypes(), Guidelines: s.Guidelines, Verbs: s.Verbs}
	for _, l := range s.Labels {
		if dataset.InferKind(l.Name) != l.Kind {
			if extra.Kinds == nil {
				extra.Kinds = map[string]annotation.Kind{}
			}
			extra.Kinds[l.Name] = l.Kind
		}
	}
	j, err := json.Marshal(extra)
	if err != nil {
		return nil, err
	}
	// A comment cannot hold "--": every '-', found only inside JSON
	// strings, is written as its escape.
	fmt.Fprintf(&b, "  <!-- %s%s -->\n", glossaComment, bytes.ReplaceAll(j, []byte("-"), []byte(`\u002d`)))
	b.WriteString(`  <Text name="text" value="$text"/>` + "\n")
	fmt.Fprintf(&b, "  <Labels name=%s toName=%s>\n", xmlAttr(fromLabel), xmlAttr(toText))
	for _, l := range s.Labels {
		fmt.Fprintf(&b, "    <Label value=%s background=%s", xmlAttr(l.Name), xmlAttr(l.Color))
		if l.Key != "" {
			fmt.Fprintf(&b, " hotkey=%s", xmlAttr(l.Key))
		}
		if l.Description != "" {
			fmt.Fprintf(&b, " hint=%s", xmlAttr(l.Description))
		}
		b.WriteString("/>\n")
	}
	b.WriteString("  </Labels>\n  <Relations>\n")
	rels := s.RelationTypes()
	if !slices.ContainsFunc(rels, func(r annotation.RelationType) bool { return r.Name == fragment }) {
		rels = append(slices.Clone(rels), annotation.RelationType{Name: fragment})
	}
	for _, r := range rels {
		fmt.Fprintf(&b, "    <Relation value=%s", xmlAttr(r.Name))
		if r.Color != "" {
			fmt.Fprintf(&b, " background=%s", xmlAttr(r.Color))
		}
		b.WriteString("/>\n")
	}
	b.WriteString("  </Relations>\n")
	for _, a := range attributeControls(s, &warn) {
		fmt.Fprintf(&b, "  <View visibleWhen=\"region-selected\" whenLabelValue=%s>\n", xmlAttr(strings.Join(a.labels, ",")))
		if len(a.def.Values) == 0 {
			fmt.Fprintf(&b, "    <TextArea name=%s toName=\"text\" perRegion=\"true\" placeholder=%s", xmlAttr(a.def.Name), xmlAttr(a.def.Name))
			if a.def.Default != "" {
				fmt.Fprintf(&b, " value=%s", xmlAttr(a.def.Default))
			}
			b.WriteString("/>\n  </View>\n")
			continue
		}
		fmt.Fprintf(&b, "    <Header value=%s/>\n", xmlAttr(a.def.Name))
		fmt.Fprintf(&b, "    <Choices name=%s toName=\"text\" perRegion=\"true\" choice=\"single\">\n", xmlAttr(a.def.Name))
		for _, v := range a.def.Values {
			fmt.Fprintf(&b, "      <Choice value=%s", xmlAttr(v))
			if v == a.def.Default {
				b.WriteString(` selected="true"`)
			}
			b.WriteString("/>\n")
		}
		b.WriteString("    </Choices>\n  </View>\n")
	}
	b.WriteString("  <View visibleWhen=\"region-selected\">\n")
	fmt.Fprintf(&b, "    <TextArea name=%s toName=\"text\" perRegion=\"true\" placeholder=\"Note\"/>\n", xmlAttr(fromNote))
	fmt.Fprintf(&b, "    <TextArea name=%s toName=\"text\" perRegion=\"true\" placeholder=\"Entity\"/>\n", xmlAttr(fromEntity))
	b.WriteString("  </View>\n</View>\n")
	_, err = io.WriteString(w, b.String())
	return warn, err
}

// attrControl is an attribute written as one control: its definition (the
// union of the labels' lists) and the labels that offer it.
type attrControl struct {
	def    annotation.AttributeDef
	labels []string
	warned bool
}

// attributeControls gathers s's attributes by name, in order of first
// appearance: Label Studio's controls have one name each, and the data
// export names an attribute's results after it.
func attributeControls(s annotation.LabelSet, warn *[]string) []attrControl {
	var out []attrControl
	reserved := []string{fromLabel, toText, fromNote, fromEntity}
	for _, l := range s.Labels {
		if strings.Contains(l.Name, ",") && len(l.Attributes) > 0 {
			*warn = append(*warn, fmt.Sprintf("label %q: Label Studio's whenLabelValue cannot name a label with a comma; its attributes show for no region", l.Name))
		}
		for _, a := range l.Attributes {
			if slices.Contains(reserved, a.Name) {
				*warn = append(*warn, fmt.Sprintf("label %q: attribute %q has the name of one of the config's own controls; not written", l.Name, a.Name))
				continue
			}
			i := slices.IndexFunc(out, func(c attrControl) bool { return c.def.Name == a.Name })
			if i < 0 {
				out = append(out, attrControl{def: annotation.AttributeDef{Name: a.Name, Values: slices.Clone(a.Values), Default: a.Default}, labels: []string{l.Name}})
				continue
			}
			c := &out[i]
			c.labels = append(c.labels, l.Name)
			if (!slices.Equal(c.def.Values, a.Values) || c.def.Default != a.Default) && !c.warned {
				c.warned = true
				*warn = append(*warn, fmt.Sprintf("attribute %q: labels that offer it differ in values or default; Label Studio has one list per control, the union is written", a.Name))
				if len(c.def.Values) > 0 {
					for _, v := range a.Values {
						if !slices.Contains(c.def.Values, v) {
							c.def.Values = append(c.def.Values, v)
						}
					}
				}
			}
		}
	}
	return out
}

// xmlAttr quotes v as an XML attribute value.
func xmlAttr(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	xml.EscapeText(&b, []byte(v))
	b.WriteByte('"')
	return b.String()
}
