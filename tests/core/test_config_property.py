"""A property test over ``vita_profile`` and every other ``vita_*`` value: whatever conf.py
says, the build finishes, and every warning names conf.py with a line (or, for a profile card
asked to show a profile with no usable name, the directive's own line).

Each example is a real Sphinx build of a two-page site, so the number of examples is small;
hypothesis shrinks a failure to the smallest conf.py that shows it.
"""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

PROFILE_KEYS = [
    "name", "role", "affiliation", "affiliation_url", "email", "location", "tagline",
    "avatar", "links", "alumni_of", "phone", "show_phone",
]  # fmt: skip
INDEX = """\
Home
====

.. profile-card::

.. timeline::

   - **Jul 2021 - present** Work.
   - **Feb 31 2020** An impossible day.
"""

# What a careless user or an attacker puts in conf.py.
texts = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "../../../etc/passwd", "conf.py", "a" * 300 + ".png", "javascript:alert(1)",
            "https://example.org/me.png", "file:///etc/passwd", "False", "no", "%Y %Q",
            "<script>alert(1)</script>", "me.png", "\x00", "{", "%",
        ]
    ),
)  # fmt: skip
scalars = st.one_of(texts, st.integers(-5, 5), st.booleans(), st.none(), st.binary(max_size=4))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(texts, st.integers(0, 3)), inner, max_size=3),
    ),
    max_leaves=6,
)
profiles = st.one_of(
    st.dictionaries(st.one_of(st.sampled_from(PROFILE_KEYS), texts, st.integers()), values),
    values,
)
OTHER_VALUES = [
    "vita_present_label", "vita_date_format", "vita_seo", "vita_publication_pages",
    "vita_sidebar_collapse", "vita_page_assets", "vita_feed_limit", "vita_backlinks",
    "vita_tag_pages", "vita_csp", "vita_csp_extra",
]  # fmt: skip
others = st.dictionaries(st.sampled_from(OTHER_VALUES), values, max_size=4)


@settings(
    max_examples=30,
    # The same examples on every run: CI must not turn red by chance. Explore more with
    # derandomize=False and a larger max_examples locally.
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(profile=profiles, other=others)
def test_any_config_builds_and_warns_at_conf_py(tmp_path_factory, profile, other) -> None:
    srcdir = tmp_path_factory.mktemp("property")
    conf = 'extensions = ["sphinx_vita"]\n'
    conf += f"vita_profile = {profile!r}\n"
    conf += "".join(f"{name} = {value!r}\n" for name, value in other.items())
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    (srcdir / "index.rst").write_text(INDEX, encoding="utf-8")
    (srcdir / "me.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    warning = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=warning)
    try:
        app.build()
    finally:
        app.cleanup()
    assert (Path(app.outdir) / "index.html").is_file()
    conf_py = str(srcdir / "conf.py")
    index = str(srcdir / "index.rst")
    for line in re.sub(r"\x1b\[[0-9;]*m", "", warning.getvalue()).splitlines():
        if "WARNING" not in line and "ERROR" not in line:
            continue  # a message's own continuation line
        assert re.match(rf"{re.escape(conf_py)}:[1-9]\d*: WARNING: ", line) or (
            line.startswith(f"{index}:") and ("profile-card" in line or "Feb 31" in line)
        ), f"{line}\n--- conf.py:\n{conf}"
    shutil.rmtree(srcdir, ignore_errors=True)
