"""The timeline of every lifecycle (model, cells, SVG, headless command); no Textual in this package."""
