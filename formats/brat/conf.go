package brat

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"path"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// conf is what an annotation.conf says about names: the labels it declares
// (with the kinds and colours Glossa recorded, when it wrote the file), the
// attributes and their values, and the original names behind brat names.
type conf struct {
	labels    map[string]annotation.Label // by brat name
	attrNames map[string]string           // brat name -> original
	values    map[string]string           // brat value -> original
	relNames  map[string]string           // brat relation type -> original
	attrs     map[string][]annotation.AttributeDef
}

func newConf() *conf {
	return &conf{labels: map[string]annotation.Label{}, attrNames: map[string]string{},
		values: map[string]string{}, relNames: map[string]string{}, attrs: map[string][]annotation.AttributeDef{}}
}

// label returns the label a brat type stands for.
func (c *conf) label(typ string) annotation.Label {
	if l, ok := c.labels[typ]; ok {
		return l
	}
	return annotation.Label{Name: typ, Kind: dataset.InferKind(typ)}
}

func (c *conf) attrName(n string) string {
	if o, ok := c.attrNames[n]; ok {
		return o
	}
	return n
}

// relName is the relation type a brat relation type or event role stands
// for.
func (c *conf) relName(n string) string {
	if o, ok := c.relNames[n]; ok {
		return o
	}
	return n
}

func (c *conf) value(v string) string {
	if o, ok := c.values[v]; ok {
		return o
	}
	return v
}

// conf returns the annotation.conf that applies to files in dir: the
// nearest one in dir or a folder above it, as brat searches.
func (rd *reader) conf(dir string) (*conf, error) {
	if c, ok := rd.confs[dir]; ok {
		return c, nil
	}
	p := path.Join(dir, confFile)
	data, err := rd.readFile(p)
	var c *conf
	switch {
	case err == nil:
		c, err = parseConf(rd.display(p), data)
		if err != nil {
			return nil, err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	case dir == "." || dir == "/" || dir == "":
		c = newConf()
	default:
		c, err = rd.conf(path.Dir(dir))
		if err != nil {
			return nil, err
		}
	}
	rd.confs[dir] = c
	return c, nil
}

func parseConf(file string, data []byte) (*conf, error) {
	c := newConf()
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	no := 0
	for sc.Scan() {
		no++
		raw := strings.TrimRight(sc.Text(), "\r")
		s := strings.TrimSpace(raw)
		switch {
		case strings.HasPrefix(raw, confLabel):
			f := strings.Split(strings.TrimPrefix(raw, confLabel), "\t")
			if len(f) != 4 {
				return nil, dataset.Errorf(file, no, "glossa-label comment wants 4 tab-separated fields, has %d", len(f))
			}
			c.labels[f[0]] = annotation.Label{Name: f[3], Kind: annotation.Kind(f[1]), Color: f[2]}
			continue
		case strings.HasPrefix(raw, confAttribute), strings.HasPrefix(raw, confValue), strings.HasPrefix(raw, confRelation):
			prefix, m := confAttribute, c.attrNames
			if strings.HasPrefix(raw, confValue) {
				prefix, m = confValue, c.values
			} else if strings.HasPrefix(raw, confRelation) {
				prefix, m = confRelation, c.relNames
			}
			f := strings.Split(strings.TrimPrefix(raw, prefix), "\t")
			if len(f) != 2 {
				return nil, dataset.Errorf(file, no, "%s comment wants 2 tab-separated fields, has %d", strings.TrimSpace(prefix), len(f))
			}
			m[f[0]] = f[1]
			continue
		case s == "" || strings.HasPrefix(s, "#"):
			continue
		case strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]"):
			section = strings.Trim(s, "[]")
			continue
		}
		name := strings.TrimPrefix(strings.Fields(s)[0], "!")
		if strings.HasPrefix(name, "<") || strings.Contains(name, "=") {
			continue // a macro
		}
		switch section {
		case "entities", "events":
			if _, ok := c.labels[name]; !ok {
				c.labels[name] = annotation.Label{Name: name, Kind: dataset.InferKind(name)}
			}
		case "attributes":
			c.attribute(name, strings.TrimSpace(strings.TrimPrefix(s, strings.Fields(s)[0])))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, dataset.Errorf(file, no+1, "%v", err)
	}
	// Original names of labels and values recorded by Glossa apply now that
	// every comment is read.
	for typ, defs := range c.attrs {
		for i := range defs {
			defs[i].Name = c.attrName(defs[i].Name)
			for j, v := range defs[i].Values {
				defs[i].Values[j] = c.value(v)
			}
		}
		c.attrs[typ] = defs
	}
	return c, nil
}

// attribute reads "Arg:T1|T2, Value:v1|v2".
func (c *conf) attribute(name, spec string) {
	var args, values []string
	for _, part := range strings.Split(spec, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), ":")
		switch k {
		case "Arg":
			args = strings.Split(v, "|")
		case "Value":
			values = strings.Split(v, "|")
		}
	}
	for _, a := range args {
		a = strings.TrimSpace(a)
		if a == "" || strings.HasPrefix(a, "<") {
			continue
		}
		c.attrs[a] = append(c.attrs[a], annotation.AttributeDef{Name: name, Values: append([]string(nil), values...)})
	}
}
