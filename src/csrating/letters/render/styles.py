"""The default stylesheet embedded in every HTML letter.

GOV.UK-like: a system sans-serif stack falling back to the Debian fonts csrating installs
(Liberation Sans, DejaVu Sans), 19px body text on screen, near-black on white (contrast
above 19:1), visible table rules, and an A4 page with 2 cm margins in print. No web fonts,
images or other external assets. The PDF letter (``letter.typ``) follows the print
rules here: change the two together.
"""

from __future__ import annotations

DEFAULT_STYLESHEET = """\
:root {
  color-scheme: light;
}
html {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial,
    "Liberation Sans", "DejaVu Sans", sans-serif;
  font-size: 19px;
  line-height: 1.45;
  color: #0b0c0c;
  background: #ffffff;
}
body {
  margin: 0;
  padding: 1.5rem 1rem 3rem;
}
main {
  max-width: 40em;
  margin: 0 auto;
}
h1, h2, h3 {
  font-weight: 700;
  line-height: 1.2;
  margin: 1.6em 0 0.6em;
  break-after: avoid;
  page-break-after: avoid;
}
h1 { font-size: 1.6rem; }
h2 { font-size: 1.3rem; }
h3 { font-size: 1.1rem; }
p, ul { margin: 0 0 1em; }
ul { padding-left: 1.5em; }
li { margin-bottom: 0.3em; }
strong { font-weight: 700; }
hr {
  border: 0;
  border-top: 1px solid #b1b4b6;
  margin: 1.5em 0;
}
table {
  border-collapse: collapse;
  width: 100%;
  margin: 0 0 1.5em;
}
caption {
  text-align: left;
  font-weight: 700;
  padding-bottom: 0.4em;
}
th, td {
  text-align: left;
  vertical-align: top;
  padding: 0.4em 0.6em 0.4em 0;
  border-bottom: 1px solid #b1b4b6;
}
th { font-weight: 700; }
thead th { border-bottom: 2px solid #0b0c0c; }
.align-right { text-align: right; }
.align-centre { text-align: center; }
tr { break-inside: avoid; page-break-inside: avoid; }
.banner {
  margin: 0 0 1.5em;
  padding: 0.6em 0.8em;
  border: 3px solid #0b0c0c;
  background: #fff7bf;
  font-weight: 700;
}
@page {
  size: A4;
  margin: 2cm;
}
@media print {
  html {
    font-family: "Liberation Sans", Arial, "DejaVu Sans", sans-serif;
    font-size: 11pt;
  }
  body { padding: 0; }
  main { max-width: none; }
  .banner { background: #ffffff; }
}
"""
