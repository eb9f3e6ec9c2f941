"""``vita new DIR`` and ``vita import SRC DIR``: the argument parser and what each prints.

Exit codes: 0 done, 1 the command could not do it (the message says why), 2 wrong arguments
(argparse's own). A user never sees a traceback for a mistake of theirs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import __version__
from .errors import CommandError
from .scaffold import PLACEHOLDER_NAME, SiteOptions, new_site


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vita",
        description="Make a personal site with Vita (Sphinx): start one, or import a Jekyll site.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser(
        "new",
        help="write a new site of your own into DIR",
        description="Write a complete site into DIR (a new or empty folder): conf.py, pages, "
        "an example timeline, publications and note, a Makefile, Read the Docs' config and a "
        "test. `make html` in DIR builds it.",
    )
    new.add_argument("dir", type=Path, metavar="DIR", help="the folder to create")
    new.add_argument(
        "--name", default=PLACEHOLDER_NAME, help=f'your full name (default: "{PLACEHOLDER_NAME}")'
    )
    new.add_argument(
        "--no-publications",
        dest="publications",
        action="store_false",
        help="no publications page and no .bib file",
    )
    new.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty, as long as no file would be overwritten",
    )

    imp = commands.add_parser(
        "import",
        help="turn a Jekyll site (or one Markdown page) into a Vita site in DIR",
        description="Read a Jekyll site folder (_config.yml, _pages/, _posts/, _news/, "
        "_bibliography/, assets/...) or a single Markdown page, and write a Vita site into DIR "
        "laid out like `vita new`, with a report (printed, and IMPORT.md in DIR) of everything "
        "converted, kept as it was, or dropped, with the source file and line.",
    )
    imp.add_argument("src", type=Path, metavar="SRC", help="a Jekyll site folder or a .md file")
    imp.add_argument("dir", type=Path, metavar="DIR", help="the folder to create")
    imp.add_argument("--name", default=None, help="your full name (default: from _config.yml)")
    imp.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty, as long as no file would be overwritten",
    )
    return parser


def _new(args: argparse.Namespace) -> int:
    name = " ".join(args.name.split())
    if not name:
        raise CommandError("--name: give a name (or leave the option out)")
    options = SiteOptions(name=name, publications=args.publications)
    written = new_site(args.dir, options, force=args.force)
    print(f"Wrote a new Vita site into {args.dir} ({len(written)} files):")
    for file in written:
        print(f"  {file}")
    print(
        "\nNext: put your name, role and links in conf.py (vita_profile), replace the example "
        "entries, then\n"
        f"  cd {args.dir}\n  make html   # the first time, sets up .venv from requirements.txt"
    )
    if name == PLACEHOLDER_NAME:
        print(f'(No --name given: the site is "{PLACEHOLDER_NAME}"\'s; edit conf.py.)')
    return 0


def _import(args: argparse.Namespace) -> int:
    try:
        from .jekyll.site import import_site
    except ImportError as error:  # the libraries of the `import` extra
        raise CommandError(
            f"needs {error.name or 'the import libraries'}: pip install 'sphinx-vita[import]'"
        ) from None

    report = import_site(args.src, args.dir, name=args.name, force=args.force)
    print(report.as_text())
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _new(args) if args.command == "new" else _import(args)
    except CommandError as error:
        print(f"vita {args.command}: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a folder that cannot be written, a file that cannot be read
        print(f"vita {args.command}: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # a page no rule foresaw: say so, and which error, not a trace
        print(
            f"vita {args.command}: stopped by {error.__class__.__name__}: {error} (a bug in "
            "Vita: please report it with the page that caused it)",
            file=sys.stderr,
        )
        return 1
