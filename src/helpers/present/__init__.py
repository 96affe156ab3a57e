"""Layer `present`: how chapters look and read (HTML, charts, index, formats, templates).
Imports `chapter` and the layers below it; never computes a figure."""
