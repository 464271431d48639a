package charts

import (
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"glossa/annotation"
)

// Style is the colours a chart is drawn in: the window passes its
// theme's, so that a chart reads in the dark theme as in the light one.
type Style struct {
	Foreground color.Color // text, axes
	Background color.Color
	Grid       color.Color // the lines across the value axis
	Bar        color.Color // a bar without a colour of its own
}

// Light is black on white: the style of exported files.
func Light() Style {
	return Style{
		Foreground: color.Black,
		Background: color.White,
		Grid:       color.Gray{Y: 0xdd},
		Bar:        color.RGBA{R: 0x2f, G: 0x80, B: 0xed, A: 0xff},
	}
}

// ExportWidth and ExportHeight are the size of an exported chart: a
// page's width, in points (1/72 inch).
const (
	ExportWidth  = 7 * vg.Inch
	ExportHeight = 4.5 * vg.Inch
	// ExportDPI is the resolution of an exported PNG.
	ExportDPI = 144
)

// Plot is the chart as a gonum plot drawn in style s on a canvas w wide
// and h high (the bars' width depends on the room).
func (c Chart) Plot(s Style, w, h vg.Length) *plot.Plot {
	p := plot.New()
	p.Title.Text = c.Title
	p.BackgroundColor = s.Background
	for _, ts := range []*struct {
		f    *font.Font
		c    *color.Color
		size vg.Length
	}{
		{&p.Title.TextStyle.Font, &p.Title.TextStyle.Color, 13},
		{&p.X.Label.TextStyle.Font, &p.X.Label.TextStyle.Color, 11},
		{&p.Y.Label.TextStyle.Font, &p.Y.Label.TextStyle.Color, 11},
		{&p.X.Tick.Label.Font, &p.X.Tick.Label.Color, 9.5},
		{&p.Y.Tick.Label.Font, &p.Y.Tick.Label.Color, 9.5},
	} {
		ts.f.Variant = "Sans"
		ts.f.Size = ts.size
		*ts.c = s.Foreground
	}
	p.Title.TextStyle.Font.Weight = xfont.WeightBold
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Color = s.Foreground
		a.Tick.Color = s.Foreground
	}
	names, value := &p.Y, &p.X
	if c.Columns {
		names, value = &p.X, &p.Y
	}
	names.Label.Text = c.Name
	value.Label.Text = c.Value
	value.Min = 0
	most := 0
	for _, b := range c.Bars {
		most = max(most, b.Value)
	}
	value.Max = math.Max(1, float64(most)*1.08) // room for the figures at the bars' ends
	value.Tick.Marker = intTicks{}

	grid := plotter.NewGrid()
	grid.Horizontal.Color = s.Grid
	grid.Vertical.Color = s.Grid
	if c.Columns {
		grid.Vertical.Color = nil
	} else {
		grid.Horizontal.Color = nil
	}
	p.Add(grid)

	n := len(c.Bars)
	if n == 0 {
		p.Title.Text = c.Title + " (nothing to count yet)"
		names.Tick.Marker = plot.ConstantTicks(nil)
		names.Min, names.Max = 0, 1
		return p
	}
	// The room along the names' axis, less about what the axes and
	// labels take, shared among the bars.
	room := h - 60
	if c.Columns {
		room = w - 90
	}
	width := vg.Length(math.Max(0.5, math.Min(float64(room)/float64(n)*0.75, 36)))
	pos := func(i int) float64 {
		if c.Columns {
			return float64(i)
		}
		return float64(n - 1 - i) // the first at the top
	}
	one := func(i int, vs plotter.Values, col color.Color, xmin float64) {
		bc, err := plotter.NewBarChart(vs, width)
		if err != nil { // width is positive: cannot happen
			panic(err)
		}
		bc.Color = col
		bc.LineStyle.Width = 0
		bc.Horizontal = !c.Columns
		bc.XMin = xmin
		p.Add(bc)
	}
	if hasColors(c.Bars) {
		for i, b := range c.Bars {
			one(i, plotter.Values{float64(b.Value)}, barColor(b.Color, s.Bar), pos(i))
		}
	} else {
		vs := make(plotter.Values, n)
		for i, b := range c.Bars {
			vs[int(pos(i))] = float64(b.Value)
		}
		one(0, vs, s.Bar, 0)
	}
	// The figures at the bars' ends; over columns, when each has room for
	// its widest figure (about 5.5 points a digit at 9 points).
	if !c.Columns || float64(room)/float64(n) >= 5.5*float64(len(strconv.Itoa(most)))+4 {
		xys := make(plotter.XYs, n)
		texts := make([]string, n)
		for i, b := range c.Bars {
			if c.Columns {
				xys[i] = plotter.XY{X: pos(i), Y: float64(b.Value)}
			} else {
				xys[i] = plotter.XY{X: float64(b.Value), Y: pos(i)}
			}
			texts[i] = strconv.Itoa(b.Value)
		}
		if labels, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: texts}); err == nil {
			for i := range labels.TextStyle {
				ts := &labels.TextStyle[i]
				ts.Font.Variant = "Sans"
				ts.Font.Size = 9
				ts.Color = s.Foreground
				if c.Columns {
					ts.XAlign, ts.YAlign = -0.5, 0
					labels.Offset = vg.Point{Y: 2}
				} else {
					ts.YAlign = -0.5
					labels.Offset = vg.Point{X: 3}
				}
			}
			p.Add(labels)
		}
	}
	// The names: every one on the left; along the bottom as many as fit
	// (about one per 60 points), the others' ticks left blank.
	every := 1
	if c.Columns {
		every = max(1, int(math.Ceil(float64(n)*60/float64(room))))
	}
	ticks := make([]plot.Tick, n)
	for i, b := range c.Bars {
		ticks[i] = plot.Tick{Value: pos(i)}
		if i%every == 0 {
			ticks[i].Label = cut(b.Name)
		}
	}
	names.Tick.Marker = plot.ConstantTicks(ticks)
	names.Min, names.Max = -0.6, float64(n)-0.4
	names.Tick.Length = 0
	names.Width = 0
	return p
}

// hasColors says whether a bar of bars has a colour of its own.
func hasColors(bars []Bar) bool {
	for _, b := range bars {
		if b.Color != "" {
			return true
		}
	}
	return false
}

// barColor is the colour #rrggbb, or def when hex does not read as one.
func barColor(hex string, def color.Color) color.Color {
	r, g, b, ok := annotation.ParseColor(hex)
	if !ok {
		return def
	}
	return color.RGBA{R: r, G: g, B: b, A: 0xff}
}

// intTicks marks whole numbers only: counts have no halves.
type intTicks struct{}

func (intTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(lo, hi) {
		if t.Value == math.Trunc(t.Value) {
			if t.Label != "" {
				t.Label = strconv.FormatInt(int64(t.Value), 10)
			}
			out = append(out, t)
		}
	}
	return out
}

// Image draws the chart in style s as an image wPx by hPx pixels, at
// dpi dots per inch (text of 10 points is 10*dpi/72 pixels high).
func (c Chart) Image(s Style, wPx, hPx, dpi int) image.Image {
	wPx, hPx, dpi = max(wPx, 16), max(hPx, 16), max(dpi, 1)
	w := vg.Length(wPx) * vg.Inch / vg.Length(dpi)
	h := vg.Length(hPx) * vg.Inch / vg.Length(dpi)
	cv := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(s.Background))
	c.Plot(s, w, h).Draw(margin(draw.New(cv), s.Background))
	return cv.Image()
}

// WritePNG writes the chart in style s as a PNG of ExportWidth by
// ExportHeight at ExportDPI.
func (c Chart) WritePNG(out io.Writer, s Style) error {
	px := func(l vg.Length) int { return int(l/vg.Inch*ExportDPI + 0.5) }
	return png.Encode(out, c.Image(s, px(ExportWidth), px(ExportHeight), ExportDPI))
}

// WriteSVG writes the chart in style s as an SVG of ExportWidth by
// ExportHeight. The fonts are named (Liberation Sans), not embedded: the
// file stays small, and a reader without them draws a like font.
func (c Chart) WriteSVG(out io.Writer, s Style) error {
	cv := vgsvg.New(ExportWidth, ExportHeight)
	c.Plot(s, ExportWidth, ExportHeight).Draw(margin(draw.New(cv), s.Background))
	_, err := cv.WriteTo(out)
	return err
}

// margin fills dc with bg and returns it less a margin of 8 points all
// round (the title and the last figure would touch the edge otherwise).
func margin(dc draw.Canvas, bg color.Color) draw.Canvas {
	dc.SetColor(bg)
	dc.Fill(dc.Rectangle.Path())
	return draw.Crop(dc, 8, -8, 8, -8)
}
