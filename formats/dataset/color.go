package dataset

import (
	"strconv"
	"strings"
)

// CSSColor returns c as #rrggbb: c is #rrggbb, #rgb, or one of the CSS
// colour names other tools' configurations commonly use (brat's
// visual.conf, Label Studio's background).
func CSSColor(c string) (string, bool) {
	c = strings.ToLower(strings.TrimSpace(c))
	if n, ok := cssNames[c]; ok {
		return n, true
	}
	hex := strings.TrimPrefix(c, "#")
	if len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	if len(hex) != 6 || !strings.HasPrefix(c, "#") {
		return "", false
	}
	if _, err := strconv.ParseUint(hex, 16, 32); err != nil {
		return "", false
	}
	return "#" + hex, true
}

// cssNames are CSS colour names (CSS Color Module Level 4) that brat's and
// Label Studio's example configurations use, and their neighbours.
var cssNames = map[string]string{
	"black": "#000000", "white": "#ffffff", "gray": "#808080", "grey": "#808080", "silver": "#c0c0c0",
	"darkgray": "#a9a9a9", "darkgrey": "#a9a9a9", "lightgray": "#d3d3d3", "lightgrey": "#d3d3d3",
	"red": "#ff0000", "darkred": "#8b0000", "pink": "#ffc0cb", "hotpink": "#ff69b4", "salmon": "#fa8072",
	"orange": "#ffa500", "darkorange": "#ff8c00", "gold": "#ffd700", "yellow": "#ffff00",
	"lightyellow": "#ffffe0", "khaki": "#f0e68c", "green": "#008000", "lightgreen": "#90ee90",
	"darkgreen": "#006400", "lime": "#00ff00", "olive": "#808000", "teal": "#008080", "cyan": "#00ffff",
	"aqua": "#00ffff", "lightblue": "#add8e6", "skyblue": "#87ceeb", "blue": "#0000ff", "navy": "#000080",
	"darkblue": "#00008b", "purple": "#800080", "violet": "#ee82ee", "magenta": "#ff00ff",
	"fuchsia": "#ff00ff", "brown": "#a52a2a", "tan": "#d2b48c", "beige": "#f5f5dc", "wheat": "#f5deb3",
	"lavender": "#e6e6fa", "plum": "#dda0dd", "orchid": "#da70d6", "coral": "#ff7f50", "tomato": "#ff6347",
	"turquoise": "#40e0d0", "maroon": "#800000", "chocolate": "#d2691e", "yellowgreen": "#9acd32",
}
