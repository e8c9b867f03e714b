# reqs.awk - an independent reading of profile files, for the real-tree tests (not kexplore's parser).
#
# usage: awk -v kver=6.12.117 -v srcarch=x86 -f reqs.awk FILE...   (required profiles first)
# prints one line per item that applies to kver/srcarch: "SYM ACCEPT KIND" where
#   ACCEPT is y, m, n, ym (the [y/m] marker) or =VALUE (int/hex/string, quotes removed)
#   KIND   is req or rec ([recommended])
# Markers are the [bracketed] words at the start of an item's comment or of a comment line above a
# group of items; a blank line ends a group. Header lines (# name:, # requires: ...) come before
# the first item.

function ver(s,   a, n) {
	n = split(s, a, ".")
	return a[1] * 1000000 + (n > 1 ? a[2] : 0) * 1000 + (n > 2 ? a[3] + 0 : 0)
}

function reset_group() {
	g_ym = 0; g_rec = 0; g_min = 0; g_below = 0; g_arch = ""; g_neg = 0
}

# marks(TEXT) - read leading [markers] into m_*; returns the rest.
function marks(t,   w) {
	sub(/^[ \t]+/, "", t)
	while (t ~ /^\[[^]]*\]/) {
		w = substr(t, 2, index(t, "]") - 2)
		if (w == "y/m" || w == "m/y") m_ym = 1
		else if (w == "recommended" || w == "optional") m_rec = 1
		else if (w ~ /^linux>=/) m_min = ver(substr(w, 8))
		else if (w ~ /^linux</) m_below = ver(substr(w, 7))
		else if (w ~ /^arch!=/) { m_arch = substr(w, 7); m_neg = 1 }
		else if (w ~ /^arch=/) { m_arch = substr(w, 6); m_neg = 0 }
		t = substr(t, index(t, "]") + 1)
		sub(/^[ \t]+/, "", t)
	}
	return t
}

function applies(   a, n, i, hit) {
	if (m_min && K < m_min) return 0
	if (m_below && K >= m_below) return 0
	if (m_arch == "") return 1
	n = split(m_arch, a, ",")
	hit = 0
	for (i = 1; i <= n; i++) if (a[i] == srcarch) hit = 1
	return m_neg ? !hit : hit
}

# item(SYM, VALUE, QUOTED, COMMENT)
function item(sym, value, quoted, comment,   acc) {
	m_ym = g_ym; m_rec = g_rec; m_min = g_min; m_below = g_below; m_arch = g_arch; m_neg = g_neg
	if (comment != "") marks(comment)
	seen = 1
	if (!applies()) return
	if (quoted || value !~ /^[ymn]$/) acc = "=" value
	else if (m_ym) acc = "ym"
	else acc = value
	print sym, acc, (m_rec ? "rec" : "req")
}

BEGIN { K = ver(kver) }
FNR == 1 { seen = 0; reset_group() }
/^[ \t]*$/ { reset_group(); next }
/^[ \t]*#[ \t]*CONFIG_[A-Za-z0-9_]+ is not set/ {
	line = $0
	sub(/^[ \t]*#[ \t]*CONFIG_/, "", line)
	sym = line
	sub(/ is not set.*/, "", sym)
	c = line
	if (sub(/^[A-Za-z0-9_]+ is not set[ \t]*#/, "", c)) item(sym, "n", 0, c); else item(sym, "n", 0, "")
	next
}
/^[ \t]*#/ {
	if (!seen && $0 ~ /^#[ \t]*(name|description|requires|source)[ \t]*:/) next
	line = $0
	sub(/^[ \t]*#/, "", line)
	m_ym = g_ym; m_rec = g_rec; m_min = g_min; m_below = g_below; m_arch = g_arch; m_neg = g_neg
	marks(line)
	g_ym = m_ym; g_rec = m_rec; g_min = m_min; g_below = m_below; g_arch = m_arch; g_neg = m_neg
	next
}
/^[ \t]*CONFIG_/ {
	line = $0
	sub(/^[ \t]*CONFIG_/, "", line)
	sym = substr(line, 1, index(line, "=") - 1)
	rest = substr(line, index(line, "=") + 1)
	if (substr(rest, 1, 1) == "\"") {
		rest = substr(rest, 2)
		value = substr(rest, 1, index(rest, "\"") - 1)
		rest = substr(rest, index(rest, "\"") + 1)
		quoted = 1
	} else {
		value = rest
		sub(/[ \t#].*/, "", value)
		rest = substr(rest, length(value) + 1)
		quoted = 0
	}
	c = ""
	if (rest ~ /^[ \t]*#/) { c = rest; sub(/^[ \t]*#/, "", c) }
	item(sym, value, quoted, c)
	next
}
