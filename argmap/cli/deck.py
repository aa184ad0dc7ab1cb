"""The ``argmap deck`` command: a presentation made from a map, as offline HTML, PDF or PPTX (by the suffix)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli._app import CliUsageError, app, console, user_errors
from argmap.cli._load import FromOption, check_semantics, load_map, map_language
from argmap.cli._output import prepare_output_file, write_output

__all__ = ["deck_command"]


@app.command("deck")
def deck_command(
    path: Annotated[Path, typer.Argument(help="The map file; - for standard input.")],
    output: Annotated[
        list[Path],
        typer.Option(
            "--output",
            "-o",
            help="The deck: talk.html (offline, one file), talk.pdf or talk.pptx; repeat -o for several formats (the deck is built once).",
        ),
    ],
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
    Several -o write one deck, built once, in each format: `-o talk.html -o talk.pdf -o talk.pptx`.
    Every file is written atomically (a half-written deck is never left), keeping the replaced file's mode.
    """
    from argmap.deck import DECK_SUFFIXES, build_deck
    from argmap.deck.output import deck_bytes

    with user_errors():
        outputs = list(dict.fromkeys(output))  # the same file named twice is written once
        for out in outputs:
            if out.suffix.lower() not in (*DECK_SUFFIXES, ".htm"):
                raise CliUsageError(f"{out}: cannot tell the deck's format from the suffix '{out.suffix}'; use .html, .pdf or .pptx")
        check_semantics(evaluate)
        if theme is not None:
            from argmap.errors import InvalidOptionError
            from argmap.render.options import options_from

            try:
                options_from(theme=theme)  # a bad theme fails before the map is read, as for render
            except InvalidOptionError as exc:
                raise CliUsageError(f"--theme: {exc.detail}") from None
        for out in outputs:
            prepare_output_file(out)
        m = load_map(path)
        map_language(m, lang)
        evaluation = None
        if evaluate:
            from argmap.semantics import evaluate as run_evaluation

            evaluation = run_evaluation(m, semantics=evaluate).overlay()
        deck = build_deck(m, lang=lang, evaluation=evaluation, semantics=evaluate, theme=theme)
        for out in outputs:
            write_output(out, deck_bytes(deck, out))
            console.print(f"wrote {out} ({len(deck.slides)} slides)", markup=False, soft_wrap=True)
