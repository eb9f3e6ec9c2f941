"""Vita's configuration: every ``vita_*`` value, declared and validated in one place.

A bad value is a warning and a safe default, never a crash: a personal site should still build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .messages import warn
from .urls import unsafe_scheme

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Profile:
    """The person the site is about, from ``vita_profile``; every personal fact lives here once."""

    name: str = ""
    role: str = ""
    affiliation: str = ""
    affiliation_url: str = ""
    email: str = ""
    location: str = ""
    tagline: str = ""
    avatar: str = ""
    links: tuple[Link, ...] = ()
    alumni_of: tuple[str, ...] = ()
    # A phone number is published only when the profile says so explicitly.
    phone: str = ""
    show_phone: bool = False
    # The Google Scholar profile's user id: entries' google_scholar_id become "Scholar" links.
    scholar_userid: str = ""

    @property
    def avatar_is_url(self) -> bool:
        """A web address, not a file in the source folder."""
        return "://" in self.avatar

    @property
    def initials(self) -> str:
        parts = [p for p in self.name.replace("-", " ").split() if p[:1].isalpha()]
        if not parts:
            return "?"
        chosen = [parts[0], parts[-1]] if len(parts) > 1 else parts[:1]
        return "".join(p[0].upper() for p in chosen)


_PROFILE_TEXT_KEYS = (
    "name",
    "role",
    "affiliation",
    "affiliation_url",
    "email",
    "location",
    "tagline",
    "avatar",
    "phone",
    "scholar_userid",
)
_PROFILE_KEYS = frozenset((*_PROFILE_TEXT_KEYS, "links", "alumni_of", "show_phone"))


def _links(raw: Any, location: str) -> tuple[Link, ...]:
    """Accept ``{"GitHub": url}`` or ``[{"label": ..., "url": ...}]``; refuse unsafe schemes."""
    pairs: list[tuple[Any, Any]] = []
    if isinstance(raw, dict):
        pairs = list(raw.items())
    elif isinstance(raw, list | tuple):
        for item in raw:
            if isinstance(item, dict) and "url" in item:
                pairs.append((item.get("label", item["url"]), item["url"]))
            else:
                warn(
                    f"vita_profile: a link must be {{'label': ..., 'url': ...}}, got {item!r}",
                    "config",
                    location,
                )
    elif raw:
        warn("vita_profile['links'] must be a dict or a list of dicts", "config", location)
    links = []
    for label, url in pairs:
        if not isinstance(label, str) or not isinstance(url, str):
            warn(
                f"vita_profile link {label!r}: label and address must be text, not "
                f"{url!r}; left out",
                "config",
                location,
            )
            continue
        scheme = unsafe_scheme(url)
        if scheme:
            warn(f"vita_profile link {label!r}: refused a {scheme}: URL", "url", location)
            continue
        links.append(Link(label, url))
    return tuple(links)


def _texts_of(raw: dict[Any, Any], location: str) -> dict[str, str]:
    """The text values; anything else (a list ``name``, a number ``phone``) is left out."""
    text = {}
    for key in _PROFILE_TEXT_KEYS:
        value = raw.get(key)
        if isinstance(value, str):
            if value.strip():
                text[key] = value
        elif value is not None:
            warn(
                f"vita_profile[{key!r}] must be text, not {value!r}; it is left out",
                "config",
                location,
            )
    return text


def parse_profile(raw: Any, location: str = "conf.py:0") -> Profile:
    """``location`` is ``"path/conf.py:line"``; warnings point there."""
    if not raw:
        return Profile()
    if not isinstance(raw, dict):
        warn("vita_profile must be a dict; ignoring it", "config", location)
        return Profile()
    for key in sorted(set(raw) - _PROFILE_KEYS, key=repr):
        warn(
            f"vita_profile: unknown key {key!r} (known: {', '.join(sorted(_PROFILE_KEYS))})",
            "config",
            location,
        )
    text = _texts_of(raw, location)
    for key in ("affiliation_url", "avatar"):
        if key in text and unsafe_scheme(text[key]):
            warn(f"vita_profile[{key!r}]: refused an unsafe URL", "url", location)
            del text[key]
    alumni = raw.get("alumni_of", ())
    if not isinstance(alumni, list | tuple) or not all(isinstance(a, str) for a in alumni):
        warn(
            f"vita_profile['alumni_of'] must be a list of names, not {alumni!r}; it is left out",
            "config",
            location,
        )
        alumni = ()
    show_phone = raw.get("show_phone", False)
    if not isinstance(show_phone, bool):
        # "False" and "no" are true to Python: only the boolean True publishes a number.
        warn(
            f"vita_profile['show_phone'] must be True or False, not {show_phone!r}; "
            "the phone number is not published",
            "config",
            location,
        )
        show_phone = False
    return Profile(
        **text,
        links=_links(raw.get("links"), location),
        alumni_of=tuple(alumni),
        show_phone=show_phone,
    )


# ``vita_search``: Pagefind over the built HTML (site/pagefind.py), or Sphinx's own search.
SEARCH_ENGINES = ("sphinx", "pagefind")


@dataclass(frozen=True)
class VitaConfig:
    profile: Profile = field(default_factory=Profile)
    present_label: str = "Present"
    date_format: str = "%b %Y"


def get_config(config: Config) -> VitaConfig:
    """The validated config, computed once per build in ``config-inited``."""
    return config._vita


def config_location(app: Sphinx, name: str) -> str:
    """``"path/conf.py:line"`` of ``name = ...`` so a config warning points at the right line.

    A location without ``:`` would be taken for a document name, which fails before the build
    environment exists.
    """
    path = Path(app.confdir) / "conf.py"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return f"{path}:0"
    assignment = re.compile(rf"^{re.escape(name)}\s*[:=]")
    number = next((i for i, line in enumerate(lines, 1) if assignment.match(line)), 0)
    return f"{path}:{number}"


def _validate(app: Sphinx, config: Config) -> None:
    present = config.vita_present_label
    if not isinstance(present, str) or not present.strip():
        warn(
            "vita_present_label must be a non-empty string; using 'Present'",
            "config",
            config_location(app, "vita_present_label"),
        )
        present = "Present"
    date_format = config.vita_date_format
    if not isinstance(date_format, str) or "%Y" not in date_format:
        warn(
            "vita_date_format must be a strftime string containing %Y; using '%b %Y'",
            "config",
            config_location(app, "vita_date_format"),
        )
        date_format = "%b %Y"
    _validate_notes(app, config)
    _validate_publications(app, config)
    _validate_csp(app, config)
    if config.vita_search not in SEARCH_ENGINES:
        warn(
            f"vita_search must be one of {', '.join(map(repr, SEARCH_ENGINES))}, "
            f"not {config.vita_search!r}; using 'sphinx'",
            "config",
            config_location(app, "vita_search"),
        )
        config.vita_search = "sphinx"
    profile = parse_profile(config.vita_profile, config_location(app, "vita_profile"))
    if config.vita_profile and not isinstance(config.vita_profile, dict):
        config.vita_profile = {}  # warned about once, above
    config._vita = VitaConfig(
        profile=_with_existing_avatar(app, profile),
        present_label=present,
        date_format=date_format,
    )


def _validate_notes(app: Sphinx, config: Config) -> None:
    """A wrong type is a warning at its conf.py line, and the default is used instead."""
    limit = config.vita_feed_limit
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        warn(
            f"vita_feed_limit must be a positive whole number, not {limit!r}; using 50",
            "config",
            config_location(app, "vita_feed_limit"),
        )
        config.vita_feed_limit = 50
    for name in ("vita_backlinks", "vita_tag_pages", "vita_home_layout"):
        value = getattr(config, name)
        if not isinstance(value, bool):
            warn(
                f"{name} must be True or False, not {value!r}; using True",
                "config",
                config_location(app, name),
            )
            setattr(config, name, True)


# The directives of the Content-Security-Policy vita_csp_extra may add to (site/security.py).
CSP_DIRECTIVES = frozenset(
    (
        "default-src",
        "script-src",
        "style-src",
        "img-src",
        "font-src",
        "connect-src",
        "frame-src",
        "media-src",
        "worker-src",
        "manifest-src",
    )
)
# One source expression: no separator that would end it or its directive.
_CSP_SOURCE = re.compile(r"""^[^\s;,"<>\\]+$""")


def _validate_csp(app: Sphinx, config: Config) -> None:
    """``vita_csp`` is a bool; ``vita_csp_extra`` a dict of directive -> sources, cleaned."""
    where = config_location(app, "vita_csp")
    if not isinstance(config.vita_csp, bool):
        warn(
            f"vita_csp must be True or False, not {config.vita_csp!r}; using True", "config", where
        )
        config.vita_csp = True
    raw = config.vita_csp_extra
    where = config_location(app, "vita_csp_extra")
    if not isinstance(raw, dict):
        warn(
            "vita_csp_extra must be a dict such as {'script-src': ['https://cdn.example.org']}, "
            f"not {raw!r}; ignoring it",
            "config",
            where,
        )
        raw = {}
    clean: dict[str, tuple[str, ...]] = {}
    for name, sources in raw.items():
        if name not in CSP_DIRECTIVES:
            known = ", ".join(sorted(CSP_DIRECTIVES))
            warn(f"vita_csp_extra: unknown directive {name!r} (known: {known})", "config", where)
            continue
        items = [sources] if isinstance(sources, str) else sources
        if not isinstance(items, list | tuple):
            warn(f"vita_csp_extra[{name!r}] must be a list of sources", "config", where)
            continue
        tokens = []
        for item in items:
            # Space-separated sources are fine; a ; or , would start another directive.
            words = item.split() if isinstance(item, str) else []
            if words and all(_CSP_SOURCE.match(word) for word in words):
                tokens.extend(words)
            else:
                warn(f"vita_csp_extra[{name!r}]: {item!r} is not a source", "config", where)
        clean[name] = tuple(tokens)
    config.vita_csp_extra = clean


# Publication values with a fixed set of choices: (name, choices, default).
_PUBLICATION_CHOICES = (
    ("vita_citation_style", ("alpha", "numeric", "author-year"), "alpha"),
    ("vita_bibtex_toggle", (None, "all", "bibtex_show", "none"), None),
)


# The third-party badges ``vita_publication_badges`` may turn on (publications/metrics.py).
PUBLICATION_BADGES = ("altmetric", "dimensions")


def _validate_publication_badges(app: Sphinx, config: Config) -> None:
    """``vita_publication_badges``: a list of names from ``PUBLICATION_BADGES``, kept sorted
    (a set in conf.py is then the same value in every process)."""
    value = config.vita_publication_badges
    where = config_location(app, "vita_publication_badges")
    example = "['altmetric', 'dimensions']"
    if isinstance(value, str):
        # One name on its own is clear enough to follow; anything else is not.
        used = [value] if value in PUBLICATION_BADGES else []
        warn(
            f"vita_publication_badges must be a list such as {example}, not {value!r}; "
            f"using {used!r}",
            "config",
            where,
        )
        value = used
    elif not isinstance(value, list | tuple | set | frozenset):
        warn(
            f"vita_publication_badges must be a list such as {example}, not {value!r}; "
            "showing no badges",
            "config",
            where,
        )
        value = []
    known = []
    for name in value:
        if name in PUBLICATION_BADGES:
            known.append(name)
        else:
            warn(
                f"vita_publication_badges: unknown badge {name!r} ignored (known: "
                f"{', '.join(map(repr, PUBLICATION_BADGES))})",
                "config",
                where,
            )
    config.vita_publication_badges = sorted(set(known))


def _validate_publications(app: Sphinx, config: Config) -> None:
    _validate_publication_badges(app, config)
    for name, default in (
        ("vita_publication_files", "files/"),
        ("vita_publication_previews", "files/previews/"),
    ):
        value = getattr(config, name)
        if not isinstance(value, str) or not value.strip():
            warn(
                f"{name} must be a folder name relative to conf.py, not {value!r}; "
                f"using {default!r}",
                "config",
                config_location(app, name),
            )
            setattr(config, name, default)
    for name, choices, fallback in _PUBLICATION_CHOICES:
        value = getattr(config, name)
        if value not in choices:
            shown = ", ".join(repr(c) for c in choices)
            warn(
                f"{name} must be one of {shown}, not {value!r}; using {fallback!r}",
                "config",
                config_location(app, name),
            )
            setattr(config, name, fallback)


# What a browser shows as a photograph; anything else (conf.py, a .bib) is not published.
_IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"})


def _avatar_problem(srcdir: Path, avatar: str) -> str | None:
    """Why a local avatar cannot be shown, or None when it is an image in the source folder."""
    if Path(avatar).suffix.lower() not in _IMAGE_SUFFIXES:
        return "{avatar} is not an image file (.png, .jpg, .jpeg, .gif, .svg, .webp, .avif)"
    try:
        root = srcdir.resolve()
        path = (root / avatar.lstrip("/")).resolve()
        if not path.is_relative_to(root):
            return "{avatar} is outside the source folder"
        if not path.is_file():
            return "no file {avatar} in the source folder"
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte
        return f"{{avatar}} cannot be read ({exc.__class__.__name__})"
    return None


def _with_existing_avatar(app: Sphinx, profile: Profile) -> Profile:
    """A local avatar must be an image file inside the source folder, a remote one an http(s)
    address; otherwise a warning at conf.py's line, and initials instead.

    Left to Sphinx, a missing file would be an "image file not readable" with no line, on every
    page that shows the card, and ``../../etc/passwd`` or ``conf.py`` would be published.
    """
    if not profile.avatar:
        return profile
    if profile.avatar_is_url:
        scheme = profile.avatar.split("://", 1)[0].lower()
        problem = None if scheme in {"http", "https"} else "{avatar} is not an http(s) address"
    else:
        problem = _avatar_problem(Path(app.srcdir), profile.avatar)
    if problem is None:
        return profile
    shown = profile.avatar if len(profile.avatar) <= 80 else profile.avatar[:77] + "..."
    warn(
        f"vita_profile['avatar']: {problem.format(avatar=repr(shown))}; "
        "the profile card shows initials instead",
        "config",
        config_location(app, "vita_profile"),
    )
    return replace(profile, avatar="")


def _any_vita_value_of_the_wrong_type(app: Sphinx, config: Config) -> None:
    """Every ``vita_*`` value (each feature's too) whose type is still wrong after the features'
    own checks: a warning at its conf.py line, and the default. Sphinx's own type warning, which
    names no file, then has nothing to say."""
    for name in sorted(config.values):
        option = config.values[name]
        types = option.valid_types
        # Only plain type lists (an ENUM of choices is left to Sphinx and the feature).
        valid = tuple(types) if isinstance(types, tuple | frozenset | list | set) else ()
        if not name.startswith("vita_") or not valid or not all(isinstance(t, type) for t in valid):
            continue
        value = getattr(config, name)
        # A bool is an int to Python, not to a config value that counts something.
        wrong = isinstance(value, bool) and bool not in valid and int in valid
        if isinstance(value, valid) and not wrong:
            continue
        if value == option.default:
            continue
        names = sorted(t.__name__ for t in valid if t is not type(None))
        expected = " or ".join(names + ["None"] * (type(None) in valid))
        warn(
            f"{name} must be {expected}, not {value!r}; using {option.default!r}",
            "config",
            config_location(app, name),
        )
        setattr(config, name, option.default)


def add_static_folder(app: Sphinx, folder: Path) -> None:
    """Copy a feature's own ``static/`` folder into every HTML build's ``_static/``."""
    path = str(folder)

    def add(app: Sphinx, config: Config) -> None:
        if path not in config.html_static_path:
            config.html_static_path.append(path)

    app.connect("config-inited", add)


def _set_in_conf(config: Config, name: str) -> bool:
    """Whether conf.py (or ``-D``) gives ``name`` a value, even the default one."""
    return name in getattr(config, "_raw_config", {}) or name in getattr(config, "overrides", {})


def _copy_sources_only_when_linked(app: Sphinx, config: Config) -> None:
    """Sphinx copies every page's source into ``_sources/`` for its "Show source" link alone
    (furo's "view this page" button is that link; the search reads the HTML pages). A site that
    hides the link (``html_show_sourcelink = False``, as Vita's sites do) would publish the
    copies with nothing pointing at them: 4 MB of a 1,000-page site. So unless conf.py sets
    ``html_copy_source`` itself, it follows ``html_show_sourcelink``."""
    if not _set_in_conf(config, "html_copy_source") and not config.html_show_sourcelink:
        config.html_copy_source = False


def setup_config(app: Sphinx) -> None:
    # "env" rebuild: the profile and labels reach every page, so a change re-reads them all.
    app.add_config_value("vita_profile", {}, "env", types=(dict,))
    app.add_config_value("vita_present_label", "Present", "env", types=(str,))
    app.add_config_value("vita_date_format", "%b %Y", "env", types=(str,))
    # Search-engine and sharing metadata (sitemap, robots.txt, OpenGraph): None turns them on
    # when the site has a URL (html_baseurl), True always, False never. Read in setup (site/seo.py).
    app.add_config_value("vita_seo", None, "html", types=(bool, type(None)))
    # One page per publication with Google Scholar's citation_* tags (publications/pages.py).
    app.add_config_value("vita_publication_pages", False, "html", types=(bool,))
    # Publications: folders for bare file names (pdf, slides, poster, supp) and for previews,
    # relative to conf.py's folder; the BibTeX toggle (None: "all", or as al-folio does when the
    # .bib uses bibtex_show); the citation label style, everywhere.
    app.add_config_value("vita_publication_files", "files/", "env", types=(str,))
    app.add_config_value("vita_publication_previews", "files/previews/", "env", types=(str,))
    app.add_config_value("vita_bibtex_toggle", None, "env", types=(str, type(None)))
    app.add_config_value("vita_citation_style", "alpha", "env", types=(str,))
    # Altmetric's and Dimensions' badges (third-party scripts): none unless listed here.
    app.add_config_value("vita_publication_badges", [], "env", types=(list, tuple, set, frozenset))
    # furo's sidebar: True lists only the branches leading to the page, False the whole tree,
    # None decides by size (collapsed past 300 pages; speed/navigation.py).
    app.add_config_value("vita_sidebar_collapse", None, "html", types=(bool, type(None)))
    # Each page loads only the sphinx-design and Vita files its body uses (pageassets.py);
    # False loads them all everywhere, for templates that use their classes outside the body.
    app.add_config_value("vita_page_assets", True, "html", types=(bool,))
    # Notes: how many notes a feed carries, the "Linked from" section, and the tag pages.
    app.add_config_value("vita_feed_limit", 50, "html", types=(int,))
    app.add_config_value("vita_backlinks", True, "html", types=(bool,))
    app.add_config_value("vita_tag_pages", True, "html", types=(bool,))
    # The page holding {profile-card} laid out as a homepage (profile/home.py).
    app.add_config_value("vita_home_layout", True, "html", types=(bool,))
    # The Content-Security-Policy: on (derived from what each page loads), and sources to add
    # ({"script-src": ["https://plausible.io"]}); site/security.py.
    app.add_config_value("vita_csp", True, "html", types=(bool,))
    app.add_config_value("vita_csp_extra", {}, "html", types=(dict,))
    # The search: "sphinx" (Sphinx's own) or "pagefind" (site/pagefind.py).
    app.add_config_value("vita_search", "sphinx", "html", types=(str,))
    app.connect("config-inited", _validate, priority=100)
    # After every feature's own checks, before Sphinx's type check (800).
    app.connect("config-inited", _any_vita_value_of_the_wrong_type, priority=750)
    app.connect("config-inited", _copy_sources_only_when_linked)
