/* argmap's interactive view: pan and zoom, the source beside the map, details, language, search, filters,
   evaluation overlay, focus, keyboard navigation, minimap. No network; user text only ever goes into
   textContent or attribute values, never into markup. */
(function () {
  "use strict";
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById("argmap-data").textContent);
  /* the data holds each fact once: fill in the defaults and derive each statement's relations in and out */
  var byId = new Map(D.statements.map(function (s) {
    s.title = s.title || {}; s.tags = s.tags || []; s.anchors = s.anchors || []; s.in = []; s.out = [];
    if (!s.holder) { s.holder = {}; s.holder_key = "author"; D.languages.forEach(function (c) { s.holder[c] = "author"; }); }
    return [s.id, s];
  }));
  var relById = new Map(D.relations.map(function (r) { return [r.id, r]; }));
  var into = new Map();  /* statement or relation id -> the relations that target it */
  D.relations.forEach(function (r) {
    r.premises.forEach(function (p) { var s = byId.get(p); if (s) s.out.push({ rel: r.id, type: r.type, other: r.target }); });
    var t = byId.get(r.target);
    if (t) t.in.push({ rel: r.id, type: r.type, others: r.premises });
    if (!into.has(r.target)) into.set(r.target, []);
    into.get(r.target).push(r);
  });
  var mapEl = document.getElementById("map");
  var mini = document.getElementById("minimap");
  var details = document.getElementById("details");
  var sourcesEl = document.getElementById("sources");
  var $ = function (id) { return document.getElementById(id); };
  var lang = D.languages[0];
  var svg = mapEl.querySelector("svg");
  var drawings = {};
  drawings[lang] = svg;
  var base = null, vb = null, matrix = null, nodes = new Map(), relEls = new Map(), miniBase = null;
  var selected = null;
  var overlay = "";
  var faded = new Set();

  function el(tag, attrs) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === "text") e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); });
    for (var i = 2; i < arguments.length; i++) { var c = arguments[i]; if (c != null) e.append(c); }
    return e;
  }
  function textOf(s, code) { return s.text[code] || s.text[D.language] || s.text[Object.keys(s.text)[0]]; }
  function titleOf(s, code) { return s.title[code] || s.title[D.language] || ""; }
  function short(id) { var s = byId.get(id); if (!s) return id; var t = titleOf(s, lang) || textOf(s, lang); return t.length > 80 ? t.slice(0, 77) + "..." : t; }

  /* ---------------------------------------------------------------- the drawing
     Pan and zoom move one composited layer: the SVG element is three screens wide and high (one screen of
     margin on every side), and a gesture only changes its CSS transform, once per animation frame, so the
     browser moves pixels it has already drawn. When the gesture ends (or drifts past the margin) the view
     box is committed: the drawing's transform is set and the CSS one cleared, and the browser draws it anew,
     sharp. Zoomed out so far that text would be a few pixels high, text is not drawn at all (level of detail). */
  var LARGE = D.statements.length > 500;  /* large maps get level of detail and virtualisation; small ones are drawn whole */
  var LOD_PX = 4;  /* on a large map, text smaller than this on screen is not drawn */
  var miniAt = 0, cvb = null, frameQueued = false, settle = 0, boxCache = new Map(), fontPx = 15, graph = null, graphTransform = null;
  function setup(svgEl) {
    svg = svgEl;
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("focusable", "false");
    svg.removeAttribute("width");
    if (svg.dataset.base === undefined) {  /* the drawing's own extent, kept: commit() replaces the viewBox */
      var v = svg.viewBox.baseVal;
      svg.dataset.base = [v.x, v.y, v.width || 1, v.height || 1].join(" ");
    }
    var bv = svg.dataset.base.split(" ").map(Number);
    base = { x: bv[0], y: bv[1], w: bv[2], h: bv[3] };
    graph = svg.querySelector("g.graph");
    if (graph && graph.dataset.m === undefined) {  /* the renderer's own transform, kept: commit() replaces it */
      var t = graph.transform.baseVal.consolidate(), tm = t ? t.matrix : { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };
      graph.dataset.m = [tm.a, tm.b, tm.c, tm.d, tm.e, tm.f].join(" ");
      graph.dataset.transform = graph.getAttribute("transform") || "";
    }
    var mm = graph ? graph.dataset.m.split(" ").map(Number) : [1, 0, 0, 1, 0, 0];
    matrix = { a: mm[0], b: mm[1], c: mm[2], d: mm[3], e: mm[4], f: mm[5] };
    graphTransform = graph ? graph.dataset.transform : null;
    fontPx = parseFloat(svg.getAttribute("font-size")) || 15;
    nodes = new Map();
    relEls = new Map();
    boxCache = new Map();
    miniBase = null;
    svg.querySelectorAll("g.statement[data-id]").forEach(function (g) {
      var s = byId.get(g.dataset.id);
      nodes.set(g.dataset.id, g);
      g.setAttribute("tabindex", "-1");
      g.setAttribute("role", "button");
      if (s) g.setAttribute("aria-label", s.kind + " " + s.id + ": " + textOf(s, lang));
    });
    svg.querySelectorAll("g[id^='relation-']").forEach(function (g) {
      var rid = g.dataset.id || g.id.replace(/^relation-/, "").replace(/-(premise-\d+|target)$/, "");
      if (!relById.has(rid)) return;
      if (!relEls.has(rid)) relEls.set(rid, []);
      relEls.get(rid).push(g);
    });
    measureParts();
    cvb = null;
    fit();
  }

  /* A large map keeps in the document only what lies near the view (virtualisation): each node and edge
     is measured once, and a commit swaps those far outside the view box for an empty placeholder (and back),
     so the browser lays out and draws hundreds of elements, not hundreds of thousands. Paint order is kept
     by the placeholders. Small maps keep everything. */
  var parts = [];
  function measureParts() {
    parts = [];
    if (!LARGE) return;
    graph = svg.querySelector("g.graph");
    if (!graph) return;
    Array.prototype.forEach.call(graph.children, function (el) {
      if (el.tagName !== "g") return;
      var b = el.getBBox(), m = matrix;
      var xa = m.a * b.x + m.e, xb = m.a * (b.x + b.width) + m.e, ya = m.d * b.y + m.f, yb = m.d * (b.y + b.height) + m.f;
      var part = { el: el, ph: null, on: true, x1: Math.min(xa, xb), x2: Math.max(xa, xb), y1: Math.min(ya, yb), y2: Math.max(ya, yb) };
      parts.push(part);
      if (el.dataset.id && nodes.get(el.dataset.id) === el) boxCache.set(el.dataset.id, { x: part.x1, y: part.y1, w: part.x2 - part.x1, h: part.y2 - part.y1 });
    });
  }
  function showParts(all) {
    var x1 = vb.x - vb.w, y1 = vb.y - vb.h, x2 = vb.x + 2 * vb.w, y2 = vb.y + 2 * vb.h;
    parts.forEach(function (p) {
      var want = all || (p.x2 >= x1 && p.x1 <= x2 && p.y2 >= y1 && p.y1 <= y2);
      if (want === p.on) return;
      p.on = want;
      if (want) p.ph.replaceWith(p.el);
      else { if (!p.ph) p.ph = document.createComment(""); p.el.replaceWith(p.ph); }
    });
  }

  function size() { var r = mapEl.getBoundingClientRect(); return [r.width || 1, r.height || 1]; }
  function commit() {
    /* draw the view box for real, with a screen of margin around it, and no CSS transform. The SVG's own
       viewBox stays the element's pixels; the drawing's group gets the view's transform (a transform on one
       group costs the browser far less than a new viewBox, which lays out every element again). */
    clearTimeout(settle);
    cvb = { x: vb.x, y: vb.y, w: vb.w, h: vb.h };
    var wh = size(), k = wh[0] / vb.w, m = matrix, x0 = vb.x - vb.w, y0 = vb.y - vb.h;
    var own = "0 0 " + 3 * wh[0] + " " + 3 * wh[1];
    if (svg.getAttribute("viewBox") !== own) svg.setAttribute("viewBox", own);
    if (graph) {
      graph.setAttribute("transform", "matrix(" + [k * m.a, k * m.b, k * m.c, k * m.d, k * (m.e - x0), k * (m.f - y0)].join(" ") + ")");
    }
    svg.style.transformOrigin = wh[0] + "px " + wh[1] + "px";
    svg.style.transform = "translate(0px,0px) scale(1)";  /* never "none": a transform that appears costs a repaint */
    mapEl.classList.toggle("lod", LARGE && fontPx * wh[0] / vb.w < LOD_PX);  /* before showParts: text shown late is never laid out */
    showParts(false);
    if (collapsed.size) sizeBadges();
    miniAt = 0;
    queueFrame();
  }
  function frame() {
    frameQueued = false;
    if (!cvb) { commit(); return; }
    var wh = size(), k = wh[0] / vb.w, s = cvb.w / vb.w;
    var tx = (cvb.x - vb.x) * k, ty = (cvb.y - vb.y) * k;
    if (s > 2.5 || s < 0.4 || Math.abs(tx) > wh[0] * 0.9 || Math.abs(ty) > wh[1] * 0.9) { commit(); return; }  /* past the margin */
    svg.style.transform = "translate(" + tx + "px," + ty + "px) scale(" + s + ")";
    if (mini.classList.contains("on") && performance.now() - miniAt > 100) drawMini();  /* a repaint: not every frame */
  }
  function withinMargin() {
    /* the view is the committed one moved, not zoomed, by less than the screen of margin drawn around it */
    var wh = size(), k = wh[0] / vb.w;
    return !!cvb && cvb.w === vb.w && Math.abs(cvb.x - vb.x) * k < wh[0] * 0.9 && Math.abs(cvb.y - vb.y) * k < wh[1] * 0.9;
  }
  function queueFrame() { if (!frameQueued) { frameQueued = true; requestAnimationFrame(frame); } }
  function apply(now) {
    /* a gesture's step: shown on the next frame; committed when the gesture has been still for a moment */
    queueFrame();
    clearTimeout(settle);
    if (now) commit(); else settle = setTimeout(commit, 150);
  }
  function fit() {
    var wh = size(), s = Math.max(base.w / wh[0], base.h / wh[1]) * 1.03;
    vb = { w: wh[0] * s, h: wh[1] * s };
    vb.x = base.x + (base.w - vb.w) / 2;
    vb.y = base.y + (base.h - vb.h) / 2;
    apply(true);
  }
  function zoom(f, cx, cy, gesture) {
    var wh = size();
    if (cx === undefined) { cx = wh[0] / 2; cy = wh[1] / 2; }
    var px = vb.x + (cx / wh[0]) * vb.w, py = vb.y + (cy / wh[1]) * vb.h;
    var most = Math.max(base.w / wh[0], base.h / wh[1]) * 4, least = 0.05;
    var s = Math.min(most, Math.max(least, vb.w / wh[0] / f));
    vb.w = wh[0] * s; vb.h = wh[1] * s;
    vb.x = px - (cx / wh[0]) * vb.w; vb.y = py - (cy / wh[1]) * vb.h;
    apply(!gesture);
  }
  function box(id) {
    /* the statement's box in the drawing's coordinates (the viewBox's), measured once per drawing */
    if (boxCache.has(id)) return boxCache.get(id);
    var g = nodes.get(id);
    if (!g) return null;
    var b = g.getBBox(), m = matrix;
    var x1 = m.a * b.x + m.c * b.y + m.e, y1 = m.b * b.x + m.d * b.y + m.f;
    var x2 = m.a * (b.x + b.width) + m.c * (b.y + b.height) + m.e, y2 = m.b * (b.x + b.width) + m.d * (b.y + b.height) + m.f;
    var r = { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) };
    boxCache.set(id, r);
    return r;
  }
  function centre(id) {
    var b = box(id);
    if (!b) return;
    if (b.w > vb.w * 0.8 || b.h > vb.h * 0.8) { var f = Math.max(b.w / (vb.w * 0.5), b.h / (vb.h * 0.5)); vb.w *= f; vb.h *= f; }
    var wh = size(), k = wh[0] / vb.w;
    if (fontPx * k < 9) {  /* too small to read: zoom in to life size (or as far as the box fits) */
      k = Math.min(1, wh[0] * 0.8 / b.w, wh[1] * 0.8 / b.h);
      if (fontPx * k > fontPx * wh[0] / vb.w) { vb.w = wh[0] / k; vb.h = wh[1] / k; }
    }
    vb.x = b.x + b.w / 2 - vb.w / 2;
    vb.y = b.y + b.h / 2 - vb.h / 2;
    apply(true);
  }
  window.addEventListener("resize", function () {
    var wh = size(), cx = vb.x + vb.w / 2, cy = vb.y + vb.h / 2, s = vb.w / (mapEl.dataset.w || wh[0]);
    vb.w = wh[0] * s; vb.h = wh[1] * s; vb.x = cx - vb.w / 2; vb.y = cy - vb.h / 2;
    mapEl.dataset.w = wh[0];
    apply(true);
  });

  /* pan by drag, zoom by wheel; a click without a drag selects */
  var drag = null, shield = document.getElementById("shield");
  mapEl.addEventListener("pointerdown", function (e) {
    if (e.button !== 0 || e.target === mini) return;
    drag = { x: e.clientX, y: e.clientY, vx: vb.x, vy: vb.y, moved: false, target: e.target };
    mapEl.setPointerCapture(e.pointerId);
  });
  mapEl.addEventListener("pointermove", function (e) {
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    drag.moved = true;
    if (!LARGE) mapEl.classList.add("dragging");  /* on a large map a class change would restyle every element */
    shield.style.display = "block";  /* the pointer meets this, not the drawing: no hit test of thousands of elements */
    var wh = size();
    vb.x = drag.vx - (dx / wh[0]) * vb.w;
    vb.y = drag.vy - (dy / wh[1]) * vb.h;
    queueFrame();
    clearTimeout(settle);
  });
  mapEl.addEventListener("pointerup", function () {
    if (!drag) return;
    var d = drag;
    drag = null;
    mapEl.classList.remove("dragging");
    shield.style.display = "";
    if (d.moved) {
      if (withinMargin()) { miniAt = 0; queueFrame(); } else commit();  /* a pan inside the margin needs no new drawing */
      return;
    }
    var badge = d.target.closest && d.target.closest("g.badge");
    var g = d.target.closest && d.target.closest("g.statement[data-id]");
    if (badge && g) { expand(g.dataset.id); return; }
    if (g) select(g.dataset.id, { centre: false });
  });
  mapEl.addEventListener("wheel", function (e) {
    e.preventDefault();
    var r = mapEl.getBoundingClientRect();
    zoom(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)), e.clientX - r.left, e.clientY - r.top, true);
  }, { passive: false });

  /* ---------------------------------------------------------------- the path to the main claim
     As in Kialo's minimap: the chain of relations from the selected statement up to the main claim (the
     shortest, when there are several; through an undercut to the target of the relation it undercuts) is
     marked in the minimap and, lightly, in the map: its statements and the parts of its relations. */
  var path = [], pathEls = [];
  function pathUp(id) {
    /* [{ id: statement, steps: [{ rel, from }] }...] from id up to the main claim; [] when there is no way up */
    if (!D.main || !byId.has(D.main) || !byId.has(id)) return [];
    var prev = new Map([[id, null]]), queue = [id];
    while (queue.length && !prev.has(D.main)) {
      var cur = queue.shift();
      byId.get(cur).out.forEach(function (o) {
        if (o.type === "preference") return;  /* a preference compares arguments; it does not argue for one */
        var steps = [{ rel: o.rel, from: cur }], t = o.other;
        for (var guard = 0; guard < 64 && !byId.has(t) && relById.has(t); guard++) {  /* an undercut: on to what that relation targets */
          steps.push({ rel: t, from: null });
          t = relById.get(t).target;
        }
        if (byId.has(t) && !prev.has(t)) { prev.set(t, { from: cur, steps: steps }); queue.push(t); }
      });
    }
    if (!prev.has(D.main)) return [];
    var chain = [], at = D.main;
    while (at !== id) { var p = prev.get(at); chain.unshift({ id: at, steps: p.steps }); at = p.from; }
    chain.unshift({ id: id, steps: [] });
    return chain;
  }
  function clearPath() {
    pathEls.forEach(function (g) { g.classList.remove("on-path"); });
    pathEls = [];
  }
  function markPath() {
    /* the classes on this drawing's elements (kept on parts out of the document too) */
    clearPath();
    var mark = function (g) { if (g) { g.classList.add("on-path"); pathEls.push(g); } };
    path.forEach(function (link) {
      if (link.id !== selected) mark(nodes.get(link.id));
      link.steps.forEach(function (step) {
        var r = relById.get(step.rel);
        (relEls.get(step.rel) || []).forEach(function (g) {
          var part = /-premise-(\d+)$/.exec(g.id);  /* of a relation with parts, only the premise on the path */
          if (!part || (step.from !== null && r.premises[+part[1]] === step.from)) mark(g);
        });
      });
    });
  }

  /* ---------------------------------------------------------------- selection and details */
  function select(id, opts) {
    opts = opts || {};
    if (selected && nodes.get(selected)) { nodes.get(selected).classList.remove("selected"); nodes.get(selected).setAttribute("tabindex", "-1"); }
    document.querySelectorAll("mark.on").forEach(function (m) { m.classList.remove("on"); });
    selected = id && byId.has(id) ? id : null;
    path = selected ? pathUp(selected) : [];
    markPath();
    if (!selected) {
      details.replaceChildren(el("p", { class: "empty", text: "Click a statement or a highlighted passage." }));
      collapseButton();
      restyle();
      return;
    }
    var g = nodes.get(selected);
    if (g) {
      g.classList.add("selected");
      g.setAttribute("tabindex", "0");
      if (opts.centre) centre(selected);
      if (opts.focus) g.focus({ preventScroll: true });
    }
    var marks = sourcesEl.querySelectorAll("mark");
    var first = null;
    marks.forEach(function (m) {
      if ((" " + m.dataset.ids + " ").indexOf(" " + selected + " ") >= 0) { m.classList.add("on"); if (!first) first = m; }
    });
    if (first && opts.scroll !== false) first.scrollIntoView({ block: "center" });
    showDetails(selected);
    collapseButton();
    restyle();
    if (history.replaceState) history.replaceState(null, "", "#" + encodeURIComponent(selected));
  }

  function link(id) {
    var a = el("a", { href: "#" + encodeURIComponent(id), "data-goto": id, text: id });
    return el("span", {}, a, " " + short(id));
  }
  var WORDS = { support: ["supports", "supported by"], attack: ["attacks", "attacked by"], undercut: ["undercuts", "undercut by"],
    rephrase: ["rephrases", "rephrased by"], preference: ["preferred over", "less preferred than"] };
  function showDetails(id) {
    var s = byId.get(id);
    var kind = s.kind + (s.evidence_type ? " (" + s.evidence_type.replace(/_/g, " ") + ")" : "");
    var dl = el("dl");
    D.languages.forEach(function (code) {
      if (!s.text[code]) return;
      var dd = el("dd", { lang: code });
      if (s.title[code]) dd.append(el("strong", { text: s.title[code] }), el("br"));
      dd.append(s.text[code]);
      dl.append(el("dt", { text: code }), dd);
    });
    dl.append(el("dt", { text: "holder" }), el("dd", { text: s.holder[lang] || s.holder[D.language] }));
    if (s.evidence_type) dl.append(el("dt", { text: "evidence" }), el("dd", { text: s.evidence_type.replace(/_/g, " ") }));
    if (s.tags.length) dl.append(el("dt", { text: "tags" }), el("dd", { text: s.tags.join(", ") }));
    if (s.note) dl.append(el("dt", { text: "note" }), el("dd", { text: s.note }));
    if (s.implicit) dl.append(el("dt", { text: "implicit" }), el("dd", { text: "reconstructed, not in the source" }));
    var parts = [el("h2", { text: kind + " " + s.id + (D.main === s.id ? " (main claim)" : "") }), dl];
    if (path.length > 1) {
      var up = el("p", { class: "path", text: "Up to the main claim: " });
      path.slice(1).reverse().forEach(function (link, i) {
        if (i) up.append(" \u203a ");
        up.append(el("a", { href: "#" + encodeURIComponent(link.id), "data-goto": link.id, text: link.id }));
      });
      parts.push(up);
    }
    if (s.anchors.length) {
      var ul = el("ul", { class: "anchors" });
      s.anchors.forEach(function (a) { ul.append(el("li", {}, el("q", { text: a.quote }), " (" + a.source + (a.start != null ? " " + a.start + "\u2013" + a.end : "") + ")")); });
      parts.push(el("h3", { text: "Quoted from the source" }), ul);
    } else {
      parts.push(el("p", { class: "unanchored", text: "Not anchored: this statement quotes no passage of the source." }));
    }
    var rel = el("ul", { class: "relations" });
    s.out.forEach(function (r) { rel.append(el("li", {}, (WORDS[r.type] || [r.type])[0] + " ", relTarget(r.other))); });
    s.in.forEach(function (r) {
      var li = el("li", {}, (WORDS[r.type] || [r.type, r.type])[1] + " ");
      r.others.forEach(function (o, i) { if (i) li.append(" + "); li.append(link(o)); });
      rel.append(li);
    });
    if (collapsed.has(id)) parts.push(el("p", { class: "collapsed-note", text: "Collapsed: " + collapsed.get(id).size + " statements below it are hidden (c or Expand shows them)." }));
    if (rel.children.length) parts.push(el("h3", { text: "Relations" }), rel);
    else parts.push(el("p", { class: "empty", text: "No relations." }));
    if (overlay && D.evaluations[overlay]) {
      var ev = D.evaluations[overlay], v = ev.values[s.id];
      parts.push(el("h3", { text: "Evaluation: " + overlay }),
        el("p", { class: "status", text: v == null ? "no status" : (typeof v === "number" ? "strength " + v.toFixed(3) : v) }));
      if (ev.explanations && ev.explanations[s.id]) parts.push(el("pre", { text: ev.explanations[s.id] }));
    }
    details.replaceChildren.apply(details, parts);
  }
  function relTarget(id) {
    if (byId.has(id)) return link(id);
    var r = relById.get(id);
    return el("span", { text: "relation " + id + (r ? " (" + r.premises.join(" + ") + " \u2192 " + r.target + ")" : "") });
  }
  details.addEventListener("click", function (e) {
    var a = e.target.closest("a[data-goto]");
    if (!a) return;
    e.preventDefault();
    select(a.dataset.goto, { centre: true });
  });
  sourcesEl.addEventListener("click", function (e) {
    var m = e.target.closest("mark[data-id]");
    if (m) select(m.dataset.id, { centre: true, scroll: false });
  });
  sourcesEl.addEventListener("keydown", function (e) {
    var m = e.target.closest && e.target.closest("mark[data-id]");
    if (m && e.key === "Enter") select(m.dataset.id, { centre: true, scroll: false });
  });

  /* ---------------------------------------------------------------- search, filters, focus, overlay */
  function optionList(select_, values) {
    values.forEach(function (v) { select_.append(el("option", { value: v, text: v })); });
  }
  var kinds = new Set(), tags = new Set(), holders = new Map();
  D.statements.forEach(function (s) {
    kinds.add(s.kind);
    if (s.evidence_type) kinds.add("evidence: " + s.evidence_type);
    s.tags.forEach(function (t) { tags.add(t); });
    holders.set(s.holder_key, s.holder[lang] || s.holder_key);
  });
  optionList($("f-kind"), Array.from(kinds).sort());
  optionList($("f-tag"), Array.from(tags).sort());
  Array.from(holders.keys()).sort().forEach(function (k) { $("f-holder").append(el("option", { value: k, text: holders.get(k) })); });
  D.languages.forEach(function (code) { $("lang").append(el("option", { value: code, text: code })); });
  Object.keys(D.evaluations).forEach(function (name) { $("overlay").append(el("option", { value: name, text: name })); });
  if (!Object.keys(D.evaluations).length) $("overlay").disabled = true;

  function neighbourhood(start, k) {
    var seen = new Set([start]), frontier = [start];
    for (var step = 0; step < k && frontier.length; step++) {
      var next = [];
      frontier.forEach(function (id) {
        var s = byId.get(id);
        var near = [];
        s.out.forEach(function (r) {
          var rel = relById.get(r.rel);
          near.push.apply(near, rel.premises);
          if (byId.has(rel.target)) near.push(rel.target);
          else if (relById.has(rel.target)) { var t = relById.get(rel.target); near.push(t.target); near.push.apply(near, t.premises); }
        });
        s.in.forEach(function (r) { near.push.apply(near, r.others); });
        near.forEach(function (n) { if (byId.has(n) && !seen.has(n)) { seen.add(n); next.push(n); } });
      });
      frontier = next;
    }
    return seen;
  }
  function restyle() {
    var q = $("search").value.trim().toLowerCase();
    var kind = $("f-kind").value, tag = $("f-tag").value, holder = $("f-holder").value;
    var focusOn = $("focus").checked && selected;
    var near = focusOn ? neighbourhood(selected, Math.max(0, parseInt($("k").value, 10) || 0)) : null;
    var shown = 0, hits = 0;
    faded = new Set();
    D.statements.forEach(function (s) {
      var ok = true;
      if (kind) ok = kind.indexOf("evidence: ") === 0 ? "evidence: " + s.evidence_type === kind : s.kind === kind;
      if (ok && tag) ok = s.tags.indexOf(tag) >= 0;
      if (ok && holder) ok = s.holder_key === holder;
      if (ok && near) ok = near.has(s.id);
      var hit = false;
      if (ok && q) {
        hit = s.id.toLowerCase().indexOf(q) >= 0 || Object.keys(s.text).some(function (c) {
          return s.text[c].toLowerCase().indexOf(q) >= 0 || (s.title[c] || "").toLowerCase().indexOf(q) >= 0;
        });
        ok = hit;
      }
      if (!ok) faded.add(s.id); else { shown++; if (hit) hits++; }
      var g = nodes.get(s.id);
      if (g) { g.classList.toggle("faded", !ok); g.classList.toggle("hit", hit); }
    });
    relEls.forEach(function (els, rid) {
      var r = relById.get(rid), ends = r.premises.concat([r.target]).filter(function (x) { return byId.has(x); });
      var off = ends.some(function (x) { return faded.has(x); });
      els.forEach(function (g) { g.classList.toggle("faded", off); });
    });
    $("count").textContent = (shown === D.statements.length ? D.statements.length + " statements" : shown + " of " + D.statements.length + " shown")
      + (hidden.size ? ", " + hidden.size + " collapsed" : "");
    paintOverlay();
    miniChanged();
  }
  var painted = [null, ""];
  function paintOverlay() {
    if (painted[0] === svg && painted[1] === overlay) return;
    painted = [svg, overlay];
    var ev = overlay ? D.evaluations[overlay] : null;
    nodes.forEach(function (g, id) {
      g.classList.remove("ov-in", "ov-out", "ov-undec");
      var shape = g.querySelector("rect, polygon, path, ellipse");
      if (shape) shape.style.fill = "";
      if (!ev || ev.values[id] == null) return;
      var v = ev.values[id];
      if (typeof v === "number") { if (shape) shape.style.fill = "hsl(" + Math.round(120 * v) + (g.classList.contains("main") ? ", 60%, 32%)" : ", 70%, 82%)"); }
      else g.classList.add("ov-" + String(v).toLowerCase());
    });
  }
  ["search", "f-kind", "f-tag", "f-holder", "focus", "k"].forEach(function (id) { $(id).addEventListener("input", restyle); });

  /* ---------------------------------------------------------------- collapsing
     Collapsing a statement hides what only supports or attacks it: every statement below it (through
     relations, undercuts included) whose every relation out leads into the collapsed part. What also
     argues for something else stays. Nothing moves: hidden statements keep their place, invisible, and the
     collapsed statement wears a badge with the number hidden (click it, press c, or Expand to bring them back). */
  var collapsed = new Map(), hidden = new Set();  /* collapsed id -> the ids it hides; the union of those */
  var SVGNS = "http://www.w3.org/2000/svg";
  function leadsInto(t, x, set) {
    /* a relation's target is inside the collapsed part: x itself, a hidden statement, or a relation into one */
    for (var guard = 0; guard < 64; guard++) {
      if (t === x || set.has(t)) return true;
      var r = relById.get(t);
      if (!r) return false;
      t = r.target;
    }
    return false;
  }
  function hiddenBelow(x) {
    var below = new Set(), seenRel = new Set(), stack = [x];
    while (stack.length) {
      (into.get(stack.pop()) || []).forEach(function (r) {
        if (seenRel.has(r.id)) return;
        seenRel.add(r.id);
        stack.push(r.id);  /* undercuts of this relation */
        r.premises.forEach(function (p) { if (p !== x && byId.has(p) && !below.has(p)) { below.add(p); stack.push(p); } });
      });
    }
    /* keep only what has no way out: a statement with a relation leading elsewhere stays, and so may those below it */
    var work = Array.from(below);
    while (work.length) {
      var d = work.pop();
      if (!below.has(d)) continue;
      var out = byId.get(d).out.some(function (o) { return !leadsInto(o.other, x, below); });
      if (!out) continue;
      below.delete(d);
      (into.get(d) || []).forEach(function (r) {
        r.premises.forEach(function (p) { if (below.has(p)) work.push(p); });
        (into.get(r.id) || []).forEach(function (u) { u.premises.forEach(function (p) { if (below.has(p)) work.push(p); }); });
      });
    }
    return below;
  }
  function showCollapsed() {
    hidden = new Set();
    collapsed.forEach(function (ids) { ids.forEach(function (id) { hidden.add(id); }); });
    nodes.forEach(function (g, id) {
      var away = hidden.has(id), badge = g.querySelector(":scope > g.badge");
      g.classList.toggle("collapsed-away", away);
      var n = collapsed.has(id) && !away ? collapsed.get(id).size : 0;
      g.classList.toggle("collapsed", n > 0);
      if (!n) { if (badge) badge.remove(); return; }
      if (badge && badge.dataset.n === String(n)) return;
      if (badge) badge.remove();
      var bb = box(id), m = matrix, label = "+" + n;
      var w = 14 + 9 * label.length, h = 24;
      badge = document.createElementNS(SVGNS, "g");
      badge.setAttribute("class", "badge");
      badge.dataset.n = String(n);
      badge.dataset.x = String((bb.x + bb.w - m.e) / m.a);  /* the box's top right corner, in the node's coordinates */
      badge.dataset.y = String((Math.min(bb.y, bb.y + bb.h) - m.f) / m.d);
      badge.setAttribute("role", "button");
      badge.setAttribute("aria-label", n + " statements hidden below; click to expand");
      var r = document.createElementNS(SVGNS, "rect");
      [["x", -w / 2], ["y", -h / 2], ["width", w], ["height", h], ["rx", h / 2]].forEach(function (a) { r.setAttribute(a[0], a[1]); });
      var t = document.createElementNS(SVGNS, "text");
      [["x", 0], ["y", 5], ["text-anchor", "middle"], ["font-size", "15"]].forEach(function (a) { t.setAttribute(a[0], a[1]); });
      t.textContent = label;
      var title = document.createElementNS(SVGNS, "title");
      title.textContent = n + " statements hidden: click to expand";
      badge.append(title, r, t);
      g.append(badge);
    });
    sizeBadges();
    relEls.forEach(function (els, rid) {
      var r = relById.get(rid);
      var all = r.premises.every(function (p) { return hidden.has(p); }) || leadsInto(r.target, null, hidden);
      els.forEach(function (g) {
        var part = /-premise-(\d+)$/.exec(g.id);
        g.classList.toggle("collapsed-away", all || (part ? hidden.has(r.premises[+part[1]]) : false));
      });
    });
    collapseButton();
    restyle();
  }
  function sizeBadges() {
    /* a badge stays legible whatever the zoom: at least life size on screen */
    var k = size()[0] / vb.w * Math.abs(matrix.a), f = Math.max(1, 1 / k);
    svg.querySelectorAll("g.badge").forEach(function (b) {
      b.setAttribute("transform", "translate(" + b.dataset.x + " " + b.dataset.y + ") scale(" + f + ")");
    });
  }
  function collapseButton() {
    var button = $("collapse"), on = !!selected && collapsed.has(selected);
    button.disabled = !selected;
    button.textContent = on ? "Expand" : "Collapse";
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }
  function collapse(id) {
    if (!byId.has(id)) return 0;
    var ids = hiddenBelow(id);
    if (!ids.size) { collapsed.delete(id); showCollapsed(); return 0; }
    collapsed.set(id, ids);
    showCollapsed();
    if (selected && hidden.has(selected)) select(id);
    return ids.size;
  }
  function expand(id) {
    if (!collapsed.delete(id)) return;
    showCollapsed();
    if (selected === id) showDetails(id);
  }
  function toggleCollapse(id) { if (collapsed.has(id)) expand(id); else collapse(id); if (selected) showDetails(selected); }
  $("collapse").addEventListener("click", function () { if (selected) toggleCollapse(selected); });
  $("search").addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      var first = D.statements.find(function (s) { return !faded.has(s.id); });
      if (first) select(first.id, { centre: true });
    } else if (e.key === "Escape") { $("search").value = ""; restyle(); }
  });
  $("overlay").addEventListener("input", function () { overlay = $("overlay").value; paintOverlay(); if (selected) showDetails(selected); });
  $("fit").addEventListener("click", fit);
  $("zoom-in").addEventListener("click", function () { zoom(1.25); });
  $("zoom-out").addEventListener("click", function () { zoom(0.8); });

  /* ---------------------------------------------------------------- language */
  function setLang(code) {
    if (code === lang || D.languages.indexOf(code) < 0) return;
    if (!drawings[code]) {
      var tpl = document.getElementById("drawing-" + code);
      if (!tpl) return;
      drawings[code] = document.importNode(tpl.content, true).querySelector("svg");
    }
    var keep = selected;
    if (selected && nodes.get(selected)) nodes.get(selected).classList.remove("selected");  /* the drawing leaves unmarked */
    clearPath();
    lang = code;
    showParts(true);  /* the drawing leaves with all its parts, so that it comes back whole */
    mapEl.replaceChild(drawings[code], svg);
    setup(drawings[code]);
    document.documentElement.lang = code;
    $("map-title").textContent = D.title[code];
    document.title = D.title[code];
    $("lang").value = code;
    selected = null;
    showCollapsed();
    if (keep) select(keep, { centre: true, scroll: false });
  }
  $("lang").addEventListener("input", function () { setLang($("lang").value); });

  /* ---------------------------------------------------------------- keyboard */
  function xOf(id) { var b = box(id); return b ? b.x + b.w / 2 : 0; }
  function move(key) {
    if (!selected) { select(D.main || (D.statements[0] && D.statements[0].id), { centre: true, focus: true }); return; }
    var s = byId.get(selected), options = [];
    if (key === "ArrowUp") s.out.forEach(function (r) { if (byId.has(r.other)) options.push(r.other); });
    if (key === "ArrowDown") s.in.forEach(function (r) { options.push.apply(options, r.others); });
    if (key === "ArrowLeft" || key === "ArrowRight") {
      var sib = new Set();
      s.out.forEach(function (r) { var t = byId.get(r.other); if (t) t.in.forEach(function (x) { x.others.forEach(function (o) { sib.add(o); }); }); });
      s.in.forEach(function (r) { r.others.forEach(function (o) { sib.add(o); }); });
      sib.add(selected);
      var row = Array.from(sib).sort(function (a, b) { return xOf(a) - xOf(b); });
      var i = row.indexOf(selected) + (key === "ArrowRight" ? 1 : -1);
      if (i >= 0 && i < row.length) options.push(row[i]);
    }
    options = options.filter(function (o) { return byId.has(o) && o !== selected && !hidden.has(o); });
    if (options.length) select(options[0], { centre: true, focus: true });
  }
  mapEl.addEventListener("keydown", function (e) {
    if (e.key === "+" || e.key === "=") zoom(1.25);
    else if (e.key === "-" || e.key === "_") zoom(0.8);
    else if (e.key === "0") fit();
    else if (e.key === "c" || e.key === "C") { if (selected) toggleCollapse(selected); }
    else if (e.key.indexOf("Arrow") === 0) move(e.key);
    else if (e.key === "Enter") {
      var g = document.activeElement && document.activeElement.closest && document.activeElement.closest("g.statement[data-id]");
      if (g) select(g.dataset.id, { centre: true, focus: true }); else if (selected) select(selected, { centre: true }); else move("ArrowUp");
    } else return;
    e.preventDefault();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && e.target.id !== "search") { select(null); }
  });

  /* ---------------------------------------------------------------- minimap
     A raster: every statement's box drawn once into an offscreen canvas (again only when the selection,
     the filters or the collapsing change); each frame copies it and draws the view's rectangle. */
  var MINI_PATH = "#f59f00";  /* the path to the main claim in the minimap */
  function drawMini() {
    var H = Math.round(Math.max(30, Math.min(160, 240 * base.h / base.w)));  /* as wide as useful, as high as the map's shape */
    if (mini.height !== H) { mini.height = H; miniBase = null; }
    var W = mini.width, s = Math.min(W / base.w, H / base.h);
    var ox = (W - base.w * s) / 2, oy = (H - base.h * s) / 2;
    if (!miniBase) {
      miniBase = document.createElement("canvas");
      miniBase.width = W; miniBase.height = H;
      var bctx = miniBase.getContext("2d");
      /* grey, faded, then the path to the main claim (a line through its boxes' centres, the boxes at least
         3 px), then the selected statement: each drawn over the one before, so the path is never covered */
      var onPath = new Set(path.map(function (link) { return link.id; }));
      var colours = [["#868e96", [], 1], ["#ddd", [], 1], [MINI_PATH, [], 3], ["#d9480f", [], 4]];
      nodes.forEach(function (g, id) {
        if (hidden.has(id)) return;
        colours[id === selected ? 3 : onPath.has(id) ? 2 : faded.has(id) ? 1 : 0][1].push(box(id));
      });
      var centreOf = function (b) { return [ox + (b.x + b.w / 2 - base.x) * s, oy + (b.y + b.h / 2 - base.y) * s]; };
      colours.forEach(function (c, n) {
        if (n === 2 && path.length > 1) {
          bctx.strokeStyle = MINI_PATH;
          bctx.lineWidth = 2;
          bctx.beginPath();
          path.forEach(function (link, i) { var b = box(link.id); if (!b) return; var xy = centreOf(b); if (i) bctx.lineTo(xy[0], xy[1]); else bctx.moveTo(xy[0], xy[1]); });
          bctx.stroke();
        }
        bctx.fillStyle = c[0];
        c[1].forEach(function (b) {
          if (!b) return;
          var w = Math.max(c[2], b.w * s), h = Math.max(c[2], b.h * s), xy = centreOf(b);
          bctx.fillRect(xy[0] - w / 2, xy[1] - h / 2, w, h);
        });
      });
    }
    var ctx = mini.getContext("2d");
    ctx.clearRect(0, 0, W, H);
    ctx.drawImage(miniBase, 0, 0);
    ctx.strokeStyle = "#1c7ed6";
    ctx.lineWidth = 2;
    var rw = Math.max(6, vb.w * s), rh = Math.max(6, vb.h * s);  /* a view too small to see still shows where it is */
    ctx.strokeRect(ox + (vb.x + vb.w / 2 - base.x) * s - rw / 2, oy + (vb.y + vb.h / 2 - base.y) * s - rh / 2, rw, rh);
    mini.dataset.scale = s; mini.dataset.ox = ox; mini.dataset.oy = oy;
    miniAt = performance.now();
  }
  function miniChanged() { miniBase = null; if (mini.classList.contains("on")) queueFrame(); }
  function miniJump(e) {
    var r = mini.getBoundingClientRect(), s = +mini.dataset.scale;
    vb.x = base.x + (e.clientX - r.left - mini.dataset.ox) / s - vb.w / 2;
    vb.y = base.y + (e.clientY - r.top - mini.dataset.oy) / s - vb.h / 2;
    apply(false);
  }
  mini.addEventListener("pointerdown", function (e) { e.stopPropagation(); miniJump(e); mini.setPointerCapture(e.pointerId); mini.dataset.drag = "1"; });
  mini.addEventListener("pointermove", function (e) { if (mini.dataset.drag) miniJump(e); });
  mini.addEventListener("pointerup", function () { delete mini.dataset.drag; });
  if (D.statements.length > 25) mini.classList.add("on");

  /* ---------------------------------------------------------------- print: the whole map */
  window.addEventListener("beforeprint", function () {
    showParts(true);
    mapEl.classList.remove("lod");
    if (graph && graphTransform) graph.setAttribute("transform", graphTransform);
    svg.setAttribute("viewBox", base.x + " " + base.y + " " + base.w + " " + base.h);
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  });
  window.addEventListener("afterprint", function () { svg.setAttribute("preserveAspectRatio", "none"); commit(); });

  setup(svg);
  mapEl.dataset.w = size()[0];
  $("lang").value = lang;
  restyle();
  var start = decodeURIComponent(location.hash.slice(1));
  if (start && byId.has(start)) select(start, { centre: true });
  window.argmapView = {
    ready: performance.now(), script: performance.now() - t0, select: select, setLang: setLang, fit: fit, zoom: zoom, collapse: collapse, expand: expand,
    state: function () {
      return { selected: selected, lang: lang, overlay: overlay, viewBox: vb, collapsed: Array.from(collapsed.keys()), hidden: Array.from(hidden),
        path: path.map(function (link) { return link.id; }) };
    },
    miniAt: function (id) {  /* where a statement's box centre is in the minimap's canvas (for tests) */
      var b = box(id), k = +mini.dataset.scale;
      return b ? [+mini.dataset.ox + (b.x + b.w / 2 - base.x) * k, +mini.dataset.oy + (b.y + b.h / 2 - base.y) * k] : null;
    }
  };
  /* when the first frame with the map has been drawn (the next task after that frame): for the benchmark */
  requestAnimationFrame(function () { setTimeout(function () { window.argmapView.drawn = performance.now(); }, 0); });
})();
