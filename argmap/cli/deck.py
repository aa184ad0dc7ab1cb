"""The ``argmap deck`` command: a presentation made from a map, as offline HTML, PDF or PPTX (by the suffix)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli._app import CliUsageError, app, console, user_errors
from argmap.cli._load import FromOption, check_semantics, load_map, map_language
from argmap.cli._output import ensure_folder
from argmap.errors import ArgmapError

__all__ = ["deck_command"]


@app.command("deck")
def deck_command(
    path: Annotated[Path, typer.Argument(help="The map file; - for standard input.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The deck: talk.html (offline, one file), talk.pdf or talk.pptx.")],
    lang: Annotated[str | None, typer.Option("--lang", help="Language of labels and slide words (default: the map's).")] = None,
    evaluate: Annotated[
        str | None,
        typer.Option("--evaluate", metavar="SEMANTICS", help="Add a slide of which claims stand (grounded, dfquad, ...)."),
    ] = None,
    theme: Annotated[str | None, typer.Option("--theme", help="light, dark, print, high-contrast, or a .yaml/.json theme file.")] = None,
    from_: FromOption = None,
) -> None:
    """Make a slide deck of a map: title, overview, each line of argument, each objection with its answer, sources.

    The suffix of --output picks the format. HTML is one file that works offline (arrow keys, space,
    Home/End, F for full screen, N for the speaker notes, #N in the address for slide N); PDF has one
    16:9 page per slide; PPTX (the 'deck' extra) has the maps as pictures and the notes as speaker notes.
    """
    from argmap.deck import DECK_SUFFIXES, build_deck, write_deck

    with user_errors():
        if output.suffix.lower() not in (*DECK_SUFFIXES, ".htm"):
            raise CliUsageError(f"{output}: cannot tell the deck's format from the suffix '{output.suffix}'; use .html, .pdf or .pptx")
        check_semantics(evaluate)
        if output.is_dir():
            raise ArgmapError(f"{output}: is a folder; give a file name")
        ensure_folder(output.parent, for_file=output)
        m = load_map(path)
        map_language(m, lang)
        evaluation = None
        if evaluate:
            from argmap.semantics import evaluate as run_evaluation

            evaluation = run_evaluation(m, semantics=evaluate).overlay()
        deck = build_deck(m, lang=lang, evaluation=evaluation, semantics=evaluate, theme=theme)
        write_deck(deck, output)
    console.print(f"wrote {output} ({len(deck.slides)} slides)", markup=False, soft_wrap=True)
