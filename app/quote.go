package app

// quoted is s shortened to n code points (see shorten) between curly
// quotes, for messages that show the user's text: unlike %q it escapes
// nothing, so a quote that itself starts with " reads “"We will…”.
func quoted(s string, n int) string {
	return "“" + shorten(s, n) + "”"
}
