"""The deck as one self-contained HTML file: inline CSS, inline JavaScript, inline SVG; nothing loaded from anywhere."""

from __future__ import annotations

import html

from argmap.deck._model import Deck, Slide
from argmap.render.svg import parse_svg, serialise

__all__ = ["to_html"]

_CSS = """
html, body { margin: 0; height: 100%; background: #111; overflow: hidden; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; }
.slide { position: absolute; left: 50%; top: 50%; width: 1920px; height: 1080px; box-sizing: border-box;
  padding: 40px 40px 40px 40px; display: none; flex-direction: column; overflow: hidden;
  background: var(--bg); color: var(--fg); transform: translate(-50%, -50%) scale(var(--scale, 0.5)); }
.slide.current { display: flex; }
.slide h1 { font-size: 52px; line-height: 1.3; margin: 0 0 6px 0; color: var(--accent);
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.slide .sub { font-size: 30px; line-height: 1.3; margin: 0 0 10px 0; max-height: 78px; overflow: hidden; }
.slide .map { flex: 1 1 auto; min-height: 0; }
.slide .map svg { width: 100%; height: 100%; display: block; }
.slide ul { list-style: none; margin: 20px 0 0 0; padding: 0; font-size: 38px; line-height: 1.35; }
.slide li.small { font-size: 28px; margin: 0 0 14px 40px; overflow-wrap: anywhere; }
.slide li.in { color: var(--in); font-weight: bold; } .slide li.out { color: var(--out); font-weight: bold; }
.slide li.undec { color: var(--undec); font-weight: bold; }
.slide.kind-title { justify-content: center; text-align: center; }
.slide.kind-title h1 { font-size: 76px; white-space: normal; }
.slide.kind-title .sub { font-size: 40px; max-height: none; }
.slide.kind-title ul { font-size: 30px; }
.slide footer { position: absolute; right: 40px; bottom: 14px; font-size: 20px; opacity: 0.7; }
.slide .notes { display: none; position: absolute; left: 0; right: 0; bottom: 0; max-height: 45%; overflow: auto;
  background: rgba(0, 0, 0, 0.85); color: #fff; font-size: 24px; white-space: pre-wrap; padding: 20px 40px; margin: 0; }
body.show-notes .slide .notes { display: block; }
@page { size: 1920px 1080px; margin: 0; }
@media print {
  html, body { overflow: visible; background: none; height: auto; }
  .slide { display: flex !important; position: relative; left: 0; top: 0; transform: none;
    break-after: page; page-break-after: always; }
  .slide .notes { display: none !important; }
  .slide [data-build] { visibility: visible !important; }
}
"""

_JS = r"""
(function () {
  var slides = Array.prototype.slice.call(document.querySelectorAll('.slide'));
  var at = 0;
  function fit() {
    var s = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
    document.documentElement.style.setProperty('--scale', String(s));
  }
  function show(n, build) {
    n = Math.max(0, Math.min(slides.length - 1, n));
    slides[at].classList.remove('current');
    at = n;
    var s = slides[at];
    var total = parseInt(s.getAttribute('data-builds'), 10) || 1;
    s.setAttribute('data-shown', String(build === 'last' ? total : Math.max(1, Math.min(total, build || 1))));
    s.classList.add('current');
    if (parseInt(location.hash.slice(1), 10) !== at + 1) { history.replaceState(null, '', '#' + (at + 1)); }
  }
  function next() {
    var s = slides[at], shown = parseInt(s.getAttribute('data-shown'), 10) || 1;
    var total = parseInt(s.getAttribute('data-builds'), 10) || 1;
    if (shown < total) { s.setAttribute('data-shown', String(shown + 1)); } else if (at < slides.length - 1) { show(at + 1, 1); }
  }
  function prev() {
    var s = slides[at], shown = parseInt(s.getAttribute('data-shown'), 10) || 1;
    if (shown > 1) { s.setAttribute('data-shown', String(shown - 1)); } else if (at > 0) { show(at - 1, 'last'); }
  }
  function parseHash() {  // #3 is slide 3 fully built; #3.1 is slide 3 at its first build
    var m = /^#(\d+)(?:\.(\d+))?$/.exec(location.hash);
    if (!m) { return null; }
    var n = parseInt(m[1], 10);
    return n >= 1 && n <= slides.length ? [n - 1, m[2] ? parseInt(m[2], 10) : 'last'] : null;
  }
  function fromHash() {
    var h = parseHash();
    if (h && (h[0] !== at || h[1] !== 'last')) { show(h[0], h[1]); }
  }
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var k = e.key;
    if (k === 'ArrowRight' || k === 'ArrowDown' || k === ' ' || k === 'PageDown' || k === 'Enter') { next(); }
    else if (k === 'ArrowLeft' || k === 'ArrowUp' || k === 'PageUp' || k === 'Backspace') { prev(); }
    else if (k === 'Home') { show(0, 1); }
    else if (k === 'End') { show(slides.length - 1, 'last'); }
    else if (k === 'f' || k === 'F') {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
    }
    else if (k === 'n' || k === 'N') { document.body.classList.toggle('show-notes'); }
    else { return; }
    e.preventDefault();
  });
  document.addEventListener('click', function (e) { if (e.button === 0) { next(); } });
  window.addEventListener('resize', fit);
  window.addEventListener('hashchange', fromHash);
  fit();
  var first = parseHash();
  show(first ? first[0] : 0, first ? first[1] : 1);
})();
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _inline_svg(svg: bytes, prefix: str) -> str:
    """The map as inline SVG: ids made unique per slide, no XML declaration."""
    root = parse_svg(svg)
    for el in root.iter():
        for attr in ("id", "aria-labelledby", "aria-describedby"):
            value = el.get(attr)
            if value:
                el.set(attr, " ".join(prefix + v for v in value.split()))
    text = serialise(root).decode("utf-8")
    return text.split("?>", 1)[1].lstrip() if text.startswith("<?xml") else text


def _build_rules(most: int) -> str:
    rules = []
    for shown in range(1, most):
        hidden = ", ".join(f".build-{n}" for n in range(shown + 1, most + 1))
        rules.append(f'.slide[data-shown="{shown}"] :is({hidden}) {{ visibility: hidden; }}')
    return "\n".join(rules)


def _slide(deck: Deck, slide: Slide, n: int) -> str:
    parts = [f'<section class="slide kind-{_e(slide.kind)}" id="slide-{n}" data-builds="{slide.builds}" '
             f'data-shown="{slide.builds}" aria-label="{n} / {len(deck.slides)}">']
    parts.append(f"<h1>{_e(slide.heading)}</h1>")
    if slide.subheading:
        parts.append(f'<p class="sub">{_e(slide.subheading)}</p>')
    if slide.lines:
        items = "".join(f'<li class="{_e(line.role)}">{_e(line.text)}</li>' for line in slide.lines)
        parts.append(f"<ul>{items}</ul>")
    if slide.svg is not None:
        parts.append(f'<div class="map">{_inline_svg(slide.svg, f"s{n}-")}</div>')
    if slide.notes:
        parts.append(f'<pre class="notes">{_e(slide.notes)}</pre>')
    parts.append(f"<footer>{n} / {len(deck.slides)}</footer></section>")
    return "\n".join(parts)


def to_html(deck: Deck) -> str:
    """The deck as one HTML document that needs nothing else (no network, no files beside it).

    Arrow keys, space, Page Up/Down, Home and End move through builds and slides; F toggles full
    screen; N shows the speaker notes; the URL fragment is the slide number (``talk.html#3``;
    ``#3.1`` opens slide 3 at its first build).
    Printing gives one slide per 16:9 page, every build shown.

    Examples
    --------
    >>> from argmap.deck import Deck, Slide
    >>> page = to_html(Deck(title="<T>", lang="en", slides=(Slide(kind="title", heading="A & B"),)))
    >>> "<h1>A &amp; B</h1>" in page and "<title>&lt;T&gt;</title>" in page
    True
    """
    most = max((s.builds for s in deck.slides), default=1)
    colours = deck.colours
    root_vars = (
        f":root {{ --bg: {deck.background}; --fg: {deck.text}; --accent: {deck.accent}; "
        f"--in: {colours.get('IN', 'green')}; --out: {colours.get('OUT', 'red')}; --undec: {colours.get('UNDEC', 'grey')}; }}"
    )
    body = "\n".join(_slide(deck, s, n) for n, s in enumerate(deck.slides, start=1))
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(deck.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(deck.title)}</title>\n<style>\n{_e_css(root_vars)}\n{_CSS}\n{_build_rules(most)}\n</style>\n</head>\n"
        f"<body>\n{body}\n<script>{_JS}</script>\n</body>\n</html>\n"
    )


def _e_css(text: str) -> str:
    """Colours come from a validated theme; still, nothing may close the style element."""
    return text.replace("<", "").replace(">", "")
