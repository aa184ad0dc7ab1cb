"""The ``argmap view`` command: the map as one offline HTML page, opened in the browser."""

from __future__ import annotations

import tempfile
import warnings
import webbrowser
from pathlib import Path
from typing import Annotated, Any

import typer

from argmap.cli._app import CliUsageError, app, console, err_console, say_warnings, user_errors
from argmap.cli._load import FromOnlyOption, check_semantics, load_map
from argmap.cli._output import is_stdio, prepare_output_file, write_output
from argmap.errors import ArgmapError

__all__ = ["view_command", "write_view_file"]


def _semantics(evaluate: str | None) -> tuple[str, ...]:
    from argmap.view import DEFAULT_SEMANTICS

    if evaluate is None:
        return DEFAULT_SEMANTICS
    if evaluate.strip().lower() in ("", "none"):
        return ()
    return tuple(s.strip() for s in evaluate.split(",") if s.strip())


def check_view_semantics(evaluate: str | None) -> None:
    """An unknown semantics in ``--evaluate a,b`` is a usage error (exit 2), found before the map is read."""
    for name in _semantics(evaluate):
        check_semantics(name)


def write_view_file(path: Path, out: Path, options: dict[str, Any], evaluate: str | None = None) -> Path:
    """Load the map at ``path`` and write its interactive view to ``out``, evaluations computed here.

    ``options`` are render options (``lang`` picks the language shown first); ``evaluate`` is a
    comma-separated list of semantics for the overlay switch (default grounded, preferred, dfquad;
    ``none`` for no overlay). Rendering warnings are printed, not raised.
    """
    from argmap.semantics import SEMANTICS
    from argmap.view import build_view, evaluations_for

    m = load_map(path)
    names = _semantics(evaluate)
    unknown = [n for n in names if n not in SEMANTICS]
    if unknown:
        raise ArgmapError(f"unknown semantics {', '.join(map(repr, unknown))}; choose from {', '.join(SEMANTICS)}")
    evaluations = evaluations_for(m, names, lang=options.get("lang"))
    for name, result in evaluations.items():
        if "error" in result:
            err_console.print(f"warning: {name} left out of the overlay: {result['error']}", markup=False, soft_wrap=True)
    opts = {k: v for k, v in options.items() if k not in ("fit", "preset", "focus", "k", "highlight", "responsive")}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = build_view(m, evaluations=evaluations, **opts)
    say_warnings(caught)
    write_output(out, page)  # atomically, keeping the mode of the file it replaces
    return out


@app.command("view")
def view_command(
    map_path: Annotated[Path, typer.Argument(metavar="MAP", help="A map file.", show_default=False)],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the page here (default: a temporary file).", show_default=False)
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="The language shown first (the switch offers every language).")] = None,
    theme: Annotated[str | None, typer.Option("--theme", help="light, dark, print, high-contrast, or a theme file.")] = None,
    labels: Annotated[str | None, typer.Option("--labels", help="What a box shows: text (default), title, or both.")] = None,
    evaluate: Annotated[
        str | None,
        typer.Option("--evaluate", help="Semantics for the overlay switch, comma-separated (default grounded,preferred,dfquad; none)."),
    ] = None,
    no_open: Annotated[bool, typer.Option("--no-open", help="Only print the page's path; do not open a browser.")] = False,
    from_: FromOnlyOption = None,
) -> None:
    """Show a map in the browser: one offline HTML page with pan and zoom, the source text, details and evaluations.

    Example: `argmap view essay.yaml` (opens the browser); `argmap view essay.yaml -o essay.html --no-open`.
    """
    with user_errors():
        options: dict[str, Any] = {k: v for k, v in {"lang": lang, "theme": theme, "labels": labels}.items() if v is not None}
        from argmap.errors import InvalidOptionError
        from argmap.render.options import options_from

        try:
            options_from(**options)  # bad options fail before the map is read
        except InvalidOptionError as exc:  # a value given on the command line: a usage error, as for render
            raise CliUsageError(f"--{exc.option.replace('_', '-')}: {exc.detail}") from None
        check_view_semantics(evaluate)
        if output is not None and is_stdio(output):
            raise CliUsageError("the interactive view is written to a file, not to standard output; give -o FILE.html")
        if output is not None:
            prepare_output_file(output)
        if output is None:
            handle = tempfile.NamedTemporaryFile(prefix=f"{map_path.stem}-", suffix=".html", delete=False)  # noqa: SIM115 - kept for the browser
            handle.close()
            output = Path(handle.name)
        written = write_view_file(map_path, output, options, evaluate)
        if no_open or not _open(written):
            console.print(str(written.resolve()), markup=False, soft_wrap=True)
        else:
            console.print(f"opened {written.resolve()}", markup=False, soft_wrap=True)


def _open(path: Path) -> bool:
    """Open the page in the user's browser; False where there is none."""
    try:
        return bool(webbrowser.open(path.resolve().as_uri()))
    except webbrowser.Error:
        return False
