"""``vita import``: a Jekyll site (or one Markdown page) as a Vita site.

Each step reads the page as lines that remember their source line, so every report item names
``file:line`` in the Jekyll site:

- ``report``: what was converted, kept or dropped, and where;
- ``source``: a page's front matter (python-frontmatter) and body, mis-decoded text repaired;
- ``liquid``: Liquid tags and output (python-liquid evaluates what ``_config.yml`` can answer);
- ``kramdown``: attribute lists, notices, tables of contents, kramdown comments, emoji;
- ``dated``: the dated lines people write, as ``{timeline}`` entries read by Vita's own date
  grammar (``timeline/dates.py``), and the lines that only look dated left alone;
- ``page``: one page through all of the above, with its title and headings;
- ``profile``: ``_config.yml``'s author block as ``vita_profile``;
- ``site``: the whole import: pages, posts as notes, news as a timeline, bibliography, assets.
"""
