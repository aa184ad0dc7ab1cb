"""``GET /``: a small HTML page listing the maps the caller may read, with links to their views and drawings.

Offline (no script, no request leaves it), every stored text escaped. An anonymous caller sees the
public maps, exactly what ``GET /maps`` shows them.
"""

from __future__ import annotations

import html
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from argmap import __version__

from ..deps import Caller, CallerDep, SettingsDep, StoreDep
from ..problems import problem_responses
from ..store import MapRecord

__all__ = ["router"]

router = APIRouter(tags=["maps"])

PAGE_SIZE = 50
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
_STYLE = """body{font-family:system-ui,Verdana,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #ddd}
th{font-size:.85rem;color:#555}td.n{text-align:right}a{color:#1864ab}.muted{color:#666}nav a{margin-right:1rem}"""


def _row(rec: MapRecord) -> str:
    ref = quote(rec.id, safe="")
    title = html.escape(rec.title or rec.id)
    return (
        f'<tr><td><a href="/maps/{ref}/view">{title}</a><br><span class="muted">{html.escape(rec.id)}</span></td>'
        f"<td>{html.escape(rec.owner)}{'' if not rec.public else ' (public)'}</td>"
        f'<td class="n">{rec.statements:,}</td><td class="n">{rec.version}</td>'
        f'<td><a href="/maps/{ref}/view" aria-label="view {title}">view</a> '
        f'<a href="/maps/{ref}/render.svg" aria-label="SVG drawing of {title}">SVG</a> '
        f'<a href="/maps/{ref}" aria-label="JSON of {title}">JSON</a></td></tr>'
    )


def landing_html(records: list[MapRecord], total: int, offset: int, caller: Caller) -> str:
    """The landing page for one page of ``records`` (``total`` in all, starting at ``offset``)."""
    who = (
        f"Signed in as <strong>{html.escape(caller.owner)}</strong>: your maps and everyone's public maps."
        if caller.owner is not None
        else "Without an API key you see the public maps. Send <code>Authorization: Bearer &lt;key&gt;</code> to see your own."
    )
    if records:
        body = (
            "<table><thead><tr><th>Map</th><th>Owner</th><th>Statements</th><th>Version</th><th>Open</th></tr></thead>"
            f"<tbody>{''.join(_row(r) for r in records)}</tbody></table>"
            f'<p class="muted">Maps {offset + 1:,}&ndash;{offset + len(records):,} of {total:,}, newest first.</p>'
        )
    else:
        body = '<p class="empty">No maps to show yet. Store one with <code>POST /maps</code> (see the docs).</p>'
    pages = []
    if offset > 0:
        pages.append(f'<a href="/?offset={max(0, offset - PAGE_SIZE)}" rel="prev">&larr; newer</a>')
    if offset + len(records) < total:
        pages.append(f'<a href="/?offset={offset + len(records)}" rel="next">older &rarr;</a>')
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>argmap</title>'
        f"<style>{_STYLE}</style></head><body><header><h1>argmap</h1>"
        f'<nav aria-label="API documentation"><a href="/docs">API docs (Swagger UI)</a><a href="/redoc">API reference (ReDoc)</a>'
        f'<a href="/openapi.json">OpenAPI</a></nav></header><main><h2>Maps</h2><p>{who}</p>{body}'
        f"{'<nav aria-label=pages>' + ' '.join(pages) + '</nav>' if pages else ''}</main>"
        f'<footer><p class="muted">argmap {html.escape(__version__)}</p></footer></body></html>'
    )


@router.get(
    "/",
    response_class=HTMLResponse,
    responses={**problem_responses(401, 422), 200: {"description": "The landing page (HTML)."}},
    summary="The maps you may read, as a web page",
)
def landing_page(
    store: StoreDep,
    caller: CallerDep,
    settings: SettingsDep,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many maps (newest first).")] = 0,
) -> HTMLResponse:
    """A page listing your maps and the public ones (newest first), each linked to its interactive view and its SVG
    drawing, with links to the API docs. It loads nothing from anywhere."""
    limit = min(PAGE_SIZE, settings.page_size_max)
    records, total = store.list_maps(viewer=caller.owner, limit=limit, offset=offset)
    return HTMLResponse(landing_html(records, total, offset, caller), headers={"Content-Security-Policy": CSP})
