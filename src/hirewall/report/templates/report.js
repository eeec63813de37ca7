"use strict";
// hirewall case report: renders the embedded JSON client-side. No network, no libraries.
(function () {
  const D = JSON.parse(document.getElementById("hw-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const PAGE = 50;
  const KIND_COLOUR = { address: "#7b1fa2", account: "#c62828", phone: "#00838f", email: "#0277bd",
    device: "#ef6c00", ip: "#546e7a", vendor: "#2e7d32", referrer: "#6d4c41", national_id: "#ad1457",
    resume: "#5d4037", photo: "#827717", other: "#757575" };
  const BAND_COLOUR = { high: "#b3261e", medium: "#b26a00", low: "#4d6b4d" };
  const EVENT_COLOUR = { applied: "#1f5fa8", hired: "#2e7d32", shipped: "#7b1fa2",
    "first sign-in": "#ef6c00", "payout account": "#c62828", "bank change": "#ad1457" };
  const state = { band: "", family: "", ring: "", q: "", sort: "score", dir: -1, page: 0 };

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "on") for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
      else if (k === "class") e.className = v;
      else e.setAttribute(k, v);
    }
    for (const kid of kids.flat(Infinity)) if (kid !== null && kid !== undefined) e.append(kid instanceof Node ? kid : String(kid));
    return e;
  }
  function svg(tag, attrs, ...kids) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const kid of kids.flat(Infinity)) if (kid !== null && kid !== undefined) e.append(kid instanceof Node ? kid : String(kid));
    return e;
  }
  const band = (b) => el("span", { class: "band band-" + b }, b);
  const personLink = (id) => el("a", { href: "#/person/" + encodeURIComponent(id) }, id);
  const ringLink = (id) => (id ? el("a", { href: "#/ring/" + encodeURIComponent(id) }, id) : el("span", { class: "muted" }, "—"));
  const ind = (id) => D.indicators[id] || { title: id, explanation: "", code: "", sources: [], fairness: "", family: "" };
  function table(headers, rows, cls) {
    return el("table", { class: cls || "" },
      el("thead", {}, el("tr", {}, headers.map((h) => el("th", { class: h.num ? "num" : "" }, h.label || h)))),
      el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c, i) => el("td", { class: headers[i].num ? "num" : "" }, c))))));
  }
  const card = (n, l) => el("div", { class: "card" }, el("div", { class: "n" }, n), el("div", { class: "l" }, l));

  // ---------------------------------------------------------------- overview
  function overview() {
    const s = D.summary || {}, bands = s.bands || {}, cov = s.coverage || {};
    const out = [el("h2", {}, "Overview"),
      el("div", { class: "cards" }, card(bands.high || 0, "high band"), card(bands.medium || 0, "medium band"),
        card(bands.low || 0, "low band"), card(D.rings.length, "rings"), card(D.facilitators.length, "facilitators"),
        card(D.cases.length, "records scored"))];
    const tables = s.tables || {}, rows = cov.tables || {};
    const names = Array.from(new Set(Object.keys(tables).concat(Object.keys(rows)))).sort();
    out.push(el("h3", {}, "Coverage: tables"),
      table(["table", { label: "rows read", num: 1 }, { label: "rows kept", num: 1 }, { label: "quarantined", num: 1 },
        { label: "values dropped", num: 1 }, { label: "rows in store", num: 1 }, "data"],
      names.map((n) => { const t = tables[n] || {}; const stored = rows[n] || 0;
        return [n, t.read || 0, t.kept || 0, t.quarantined || 0, t.values_dropped || 0, stored,
          stored > 0 ? "yes" : el("span", { class: "muted" }, "no data: its indicators did not run")]; }), "coverage-tables"));
    const fams = ["identity", "shipping", "payout", "signin", "endpoint", "vendor"];
    const hits = cov.hits_per_indicator || {};
    const famRows = fams.map((f) => {
      const ids = Object.keys(hits).filter((i) => ind(i).family === f);
      const skipped = (cov.indicators_skipped || []).filter((i) => ind(i).family === f);
      return [f, (cov.families || []).includes(f) ? "yes" : el("span", { class: "muted" }, "no hits"),
        ids.length, ids.reduce((a, i) => a + hits[i], 0), skipped.length];
    });
    out.push(el("h3", {}, "Coverage: indicator families"),
      table(["family", "had hits", { label: "indicators run", num: 1 }, { label: "hits", num: 1 }, { label: "skipped (no data)", num: 1 }], famRows, "coverage-families"));
    const eg = cov.org_egress;
    if (eg && eg.learning_bar) {
      out.push(el("p", { class: "muted small", id: "org-egress" }, "Your own egress (never evidence): " +
        eg.told_ranges + " declared range(s); " + eg.learned_ips + " address(es) learned as shared " +
        "infrastructure, each used by " + eg.learning_bar + " or more people or in a /24 pool that is. " +
        "Declare yours with HIREWALL_ORG_EGRESS_CIDRS."));
    }
    if (D.quarantine.length) {
      out.push(el("h3", {}, "Quarantine (values are not shown)"),
        table(["table", "column", "reason", "action", { label: "count", num: 1 }],
          D.quarantine.map((q) => [q.table, q.column, q.reason, q.action, q.count])));
    }
    out.push(el("p", { class: "muted small" }, "Generated " + D.generated + ". Identifiers " +
      (D.masked ? "are masked." : "are NOT masked: handle this file as sensitive personal data.")));
    return out;
  }

  // ---------------------------------------------------------------- case queue
  function filtered() {
    const q = state.q.toLowerCase();
    let rows = D.cases.filter((c) => (!state.band || c.band === state.band) &&
      (!state.family || c.families.includes(state.family)) &&
      (!state.ring || (state.ring === "*" ? c.ring : state.ring === "-" ? !c.ring : c.ring === state.ring)) &&
      (!q || c.id.toLowerCase().includes(q)));
    const k = state.sort, d = state.dir;
    const bandRank = { high: 2, medium: 1, low: 0 };
    const key = (c) => (k === "band" ? bandRank[c.band] : k === "families" ? c.families.length : c[k]);
    rows = rows.slice().sort((a, b) => { const x = key(a), y = key(b);
      return (x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1) * (x === y ? 1 : d); });
    return rows;
  }
  function queue() {
    const families = Array.from(new Set(D.cases.flatMap((c) => c.families))).sort();
    const select = (id, label, opts, keyName) => el("label", {}, label,
      el("select", { id: id, on: { change: (e) => { state[keyName] = e.target.value; state.page = 0; drawQueue(); } } },
        opts.map(([v, t]) => { const o = el("option", { value: v }, t); if (state[keyName] === v) o.selected = true; return o; })));
    const filters = el("div", { class: "filters" },
      select("f-band", "Band", [["", "all"], ["high", "high"], ["medium", "medium"], ["low", "low"]], "band"),
      select("f-family", "Family", [["", "all"]].concat(families.map((f) => [f, f])), "family"),
      select("f-ring", "Ring", [["", "all"], ["*", "in any ring"], ["-", "in no ring"]].concat(D.rings.map((r) => [r.ring_id, r.ring_id])), "ring"),
      el("label", {}, "Record id", el("input", { id: "f-q", type: "search", value: state.q,
        on: { input: (e) => { state.q = e.target.value; state.page = 0; drawQueue(); } } })));
    const cols = [["id", "record"], ["score", "score"], ["band", "band"], ["ring", "ring"], ["families", "families"],
      ["counted", "counted"], ["held", "held back"]];
    const head = el("tr", {}, cols.map(([k, t]) => el("th", { class: "sortable" + (["score", "counted", "held"].includes(k) ? " num" : ""),
      "data-sort": k, on: { click: () => { state.dir = state.sort === k ? -state.dir : (k === "id" || k === "ring" ? 1 : -1);
        state.sort = k; state.page = 0; drawQueue(); } } }, t)), el("th", {}, "top indicators"));
    return [el("h2", {}, "Case queue"),
      el("p", { class: "muted" }, "Every record, highest score first. A score ranks records for human review; it is not a finding."),
      filters, el("table", { id: "queue" }, el("thead", {}, head), el("tbody", { id: "queue-body" })),
      el("div", { class: "pager" }, el("button", { id: "prev", on: { click: () => { state.page--; drawQueue(); } } }, "‹ previous"),
        el("span", { id: "page-info" }), el("button", { id: "next", on: { click: () => { state.page++; drawQueue(); } } }, "next ›"))];
  }
  function drawQueue() {
    const rows = filtered(), pages = Math.max(1, Math.ceil(rows.length / PAGE));
    state.page = Math.min(Math.max(0, state.page), pages - 1);
    const body = document.getElementById("queue-body");
    body.replaceChildren(...rows.slice(state.page * PAGE, (state.page + 1) * PAGE).map((c) =>
      el("tr", { class: "case", "data-id": c.id, "data-score": c.score, "data-band": c.band, "data-ring": c.ring,
        "data-families": c.families.join(" "), on: { click: (e) => { if (e.target.tagName !== "A") location.hash = "#/person/" + encodeURIComponent(c.id); } } },
      el("td", {}, personLink(c.id)), el("td", { class: "num" }, c.score.toFixed(3)), el("td", {}, band(c.band)),
      el("td", {}, ringLink(c.ring)), el("td", {}, c.families.map((f) => el("span", { class: "pill" }, f))),
      el("td", { class: "num" }, c.counted), el("td", { class: "num" }, c.held),
      el("td", { class: "small" }, c.top.map((t) => ind(t).title).join("; ")))));
    document.querySelectorAll("#queue th.sortable").forEach((th) => {
      th.classList.remove("sorted-asc", "sorted-desc");
      if (th.dataset.sort === state.sort) th.classList.add(state.dir > 0 ? "sorted-asc" : "sorted-desc");
    });
    document.getElementById("page-info").textContent = `page ${state.page + 1} of ${pages} · ${rows.length} records`;
    document.getElementById("prev").disabled = state.page === 0;
    document.getElementById("next").disabled = state.page >= pages - 1;
  }

  // ---------------------------------------------------------------- rings
  function ringsList() {
    return [el("h2", {}, "Rings"), D.rings.length ? table(["ring", { label: "score", num: 1 }, { label: "strength", num: 1 },
      { label: "identities", num: 1 }, { label: "records", num: 1 }, "shared kinds"],
    D.rings.map((r) => [ringLink(r.ring_id), Number(r.score).toFixed(3), r.strength, r.size, r.members.length,
      Array.from(new Set(r.links.map((l) => l.kind))).sort().join(", ")]), "rings")
      : el("p", { class: "muted" }, "No rings were found.")];
  }
  function layout(g, W, H) {
    // Personas sit on a circle, ordered so that those sharing things are neighbours; shared things
    // start at the centroid of their personas and settle by a short deterministic force pass.
    const people = g.nodes.filter((n) => n.type === "person"), things = g.nodes.filter((n) => n.type !== "person");
    const cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 50, pos = {};
    const groupsOf = {};
    g.edges.forEach((e) => { (groupsOf[e.target] = groupsOf[e.target] || []).push(e.source); });
    const sig = (id) => (groupsOf[id] || []).map((x) => x.padStart(4, "0")).join(",");
    const order = people.slice().sort((a, b) => (sig(a.id) < sig(b.id) ? -1 : sig(a.id) > sig(b.id) ? 1 : a.id < b.id ? -1 : 1));
    order.forEach((n, i) => { const a = (2 * Math.PI * i) / order.length - Math.PI / 2; pos[n.id] = { x: cx + R * Math.cos(a), y: cy + R * Math.sin(a) }; });
    const membersOf = {};
    g.edges.forEach((e) => { (membersOf[e.source] = membersOf[e.source] || []).push(e.target); });
    things.forEach((n, i) => {
      const ms = (membersOf[n.id] || []).map((m) => pos[m]);
      const mx = ms.reduce((s, p) => s + p.x, 0) / (ms.length || 1), my = ms.reduce((s, p) => s + p.y, 0) / (ms.length || 1);
      const a = (2 * Math.PI * i) / Math.max(1, things.length);
      pos[n.id] = { x: cx + (mx - cx) * 0.6 + 20 * Math.cos(a), y: cy + (my - cy) * 0.6 + 20 * Math.sin(a) };
    });
    const minGap = Math.max(46, (R * 1.2) / Math.sqrt(Math.max(1, things.length)));
    for (let it = 0; it < 200; it++) {
      const step = 0.25 * (1 - it / 200) + 0.02;
      things.forEach((n) => {
        const p = pos[n.id]; let fx = 0, fy = 0;
        (membersOf[n.id] || []).forEach((m) => { fx += (pos[m].x - p.x) * 0.05; fy += (pos[m].y - p.y) * 0.05; });
        g.nodes.forEach((o) => { if (o === n) return; const q = pos[o.id], dx = p.x - q.x, dy = p.y - q.y, d = Math.max(1, Math.hypot(dx, dy));
          if (d < minGap) { fx += (dx / d) * (minGap - d) * 1.5; fy += (dy / d) * (minGap - d) * 1.5; } });
        fx += (cx - p.x) * 0.02; fy += (cy - p.y) * 0.02;
        p.x += fx * step; p.y += fy * step;
        const dx = p.x - cx, dy = p.y - cy, d = Math.hypot(dx, dy), lim = R - 45;
        if (d > lim) { p.x = cx + (dx / d) * lim; p.y = cy + (dy / d) * lim; }
      });
    }
    return pos;
  }
  function ringGraph(r) {
    const g = r.graph, W = 960, H = Math.min(900, Math.max(480, 220 + 30 * g.nodes.length)), pos = layout(g, W, H);
    const root = svg("svg", { class: "graph", id: "ring-graph", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "link graph of " + r.ring_id });
    const edges = svg("g", { class: "edges" }), labels = svg("g", { class: "labels" }), nodes = svg("g", { class: "nodes" });
    g.edges.forEach((e) => { const a = pos[e.source], b = pos[e.target];
      edges.append(svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: "#9aa0a6", "stroke-width": 1.4, class: "edge" },
        svg("title", {}, e.indicators.map((i) => ind(i).title).join("; "))));
      labels.append(svg("text", { x: a.x + (b.x - a.x) * 0.68, y: a.y + (b.y - a.y) * 0.68, "text-anchor": "middle", class: "elabel" }, e.label)); });
    g.nodes.forEach((n) => { const p = pos[n.id];
      if (n.type === "person") {
        const a = svg("a", { href: "#/person/" + encodeURIComponent(n.id) },
          svg("circle", { cx: p.x, cy: p.y, r: 13, fill: BAND_COLOUR[n.band] || "#777", stroke: "#fff", "stroke-width": 2, class: "node node-person", "data-id": n.id }),
          svg("text", { x: p.x, y: p.y + 26, "text-anchor": "middle", "font-weight": 600 }, n.label), svg("title", {}, n.label + " (" + n.band + ")"));
        nodes.append(a);
      } else {
        const c = KIND_COLOUR[n.type] || KIND_COLOUR.other;
        nodes.append(svg("g", { class: "node node-thing", "data-kind": n.type },
          svg("rect", { x: p.x - 9, y: p.y - 9, width: 18, height: 18, rx: 3, fill: c, stroke: n.link === "strong" ? "#000" : "#fff", "stroke-width": 1.5 }),
          svg("text", { x: p.x, y: p.y + 21, "text-anchor": "middle", fill: c }, n.label.length > 28 ? n.label.slice(0, 27) + "…" : n.label),
          svg("title", {}, n.label + " (" + n.link + " link)")));
      } });
    root.append(edges, labels, nodes);
    const kinds = Array.from(new Set(g.nodes.filter((n) => n.type !== "person").map((n) => n.type))).sort();
    return [root, el("div", { class: "legend" },
      ["high", "medium", "low"].map((b) => el("span", { style: "--c:" + BAND_COLOUR[b] }, "persona, " + b + " band")),
      kinds.map((k) => el("span", { style: "--c:" + (KIND_COLOUR[k] || KIND_COLOUR.other) }, "shared " + k))),
    el("p", { class: "muted small" }, "Circles are personas, squares the things they share (black outline: a strong, one-operator link). " +
      "Edge labels are the codes of the indicators that found the shared thing." + (g.hidden ? ` ${g.hidden} weaker links are listed below but not drawn.` : ""))];
  }
  function timeline(members, byMember, id) {
    const rows = members.map((m) => [m, byMember[m] || []]), all = rows.flatMap(([, ev]) => ev.map((e) => Date.parse(e.date)));
    if (!all.length) return el("p", { class: "muted" }, "No dated events: the scan's store is not beside the output files, or holds no dates for these records.");
    const lo = Math.min(...all), hi = Math.max(...all) + 864e5, W = 960, L = 120, RW = 22, H = 40 + rows.length * RW;
    const x = (d) => L + ((Date.parse(d) - lo) / (hi - lo)) * (W - L - 20);
    const root = svg("svg", { class: "timeline", id: id, viewBox: `0 0 ${W} ${H}` });
    for (let i = 0; i <= 4; i++) { const t = lo + ((hi - lo) * i) / 4, xx = L + ((W - L - 20) * i) / 4;
      root.append(svg("line", { x1: xx, y1: 20, x2: xx, y2: H - 6, stroke: "#eee" }), svg("text", { x: xx, y: 14, "font-size": 10, "text-anchor": i === 4 ? "end" : "middle", fill: "#666" }, new Date(t).toISOString().slice(0, 10))); }
    rows.forEach(([m, ev], i) => { const y = 32 + i * RW;
      root.append(svg("text", { x: 6, y: y + 4, "font-size": 11 }, m), svg("line", { x1: L, y1: y, x2: W - 20, y2: y, stroke: "#f0f0f0" }));
      ev.forEach((e) => root.append(svg("circle", { cx: x(e.date), cy: y, r: 5, fill: EVENT_COLOUR[e.event] || "#777" }, svg("title", {}, m + ": " + e.event + " " + e.date)))); });
    return [root, el("div", { class: "legend" }, Object.entries(EVENT_COLOUR).map(([k, c]) => el("span", { style: "--c:" + c }, k)))];
  }
  function facTable(fs) {
    return table([{ label: "rank", num: 1 }, "facilitator", "kind", "shared thing", { label: "score", num: 1 }, "rings", { label: "records", num: 1 }, "why"],
      fs.map((f) => [f.rank || "", f.facilitator_id, f.kind || "", f.key || "", f.score !== undefined ? Number(f.score).toFixed(3) : "",
        (f.rings || []).map((r) => [ringLink(r), " "]), f.records || "", f.why || ""]), "facilitators");
  }
  function ringPage(id) {
    const r = D.rings.find((x) => x.ring_id === id);
    if (!r) return [el("h2", {}, "Ring not found"), el("p", {}, id)];
    return [el("h2", {}, "Ring " + r.ring_id),
      el("div", { class: "cards" }, card(Number(r.score).toFixed(3), "ring score"), card(r.strength, "ring strength"), card(r.size, "distinct people"), card(r.members.length, "records")),
      el("h3", {}, "Link graph"), ringGraph(r),
      el("h3", {}, "Shared things"), table(["shared thing", "kind", "link", "indicators", "records"],
        r.links.map((l) => [l.group, l.kind, l.link, l.indicators.map((i) => (ind(i).code ? ind(i).code + " " : "") + ind(i).title).join("; "), l.members.map((m) => [personLink(m), " "])])),
      (r.corroborated_by || []).length ? el("p", {}, ["Corroborated by members who stand out on evidence of their own, apart from these links: ", r.corroborated_by.map((m) => [personLink(m), " "])]) : null,
      el("h3", {}, "Timeline: applied → hired → shipped → first sign-in → payout changes"), timeline(r.members, r.timeline, "ring-timeline"),
      el("h3", {}, "Facilitators"), r.facilitators.length ? facTable(r.facilitators) : el("p", { class: "muted" }, "None ranked for this ring."),
      el("h3", {}, "Members"), table(["record", { label: "score", num: 1 }, "band"], r.members.map((m) => { const c = D.cases.find((x) => x.id === m) || { score: 0, band: "low" }; return [personLink(m), c.score.toFixed(3), band(c.band)]; }))];
  }

  // ---------------------------------------------------------------- person
  function bars(p) {
    const cs = p.indicators, W = 960, RH = 24, H = 20 + cs.length * RH, max = Math.max(0.1, ...cs.map((c) => Math.abs(c.log_odds)), ...cs.map((c) => c.weight * c.strength));
    const root = svg("svg", { class: "bars", viewBox: `0 0 ${W} ${H}` });
    cs.forEach((c, i) => { const y = 10 + i * RH, full = (c.weight * c.strength / max) * 480, got = (c.log_odds / max) * 480;
      root.append(svg("text", { x: 6, y: y + 14, "font-size": 12 }, (c.title || c.indicator).slice(0, 56)),
        svg("rect", { x: 400, y: y + 3, width: Math.max(1, full), height: 14, fill: "#e0e0e0" }),
        svg("rect", { x: 400, y: y + 3, width: Math.max(0, got), height: 14, fill: c.counted ? "#1f5fa8" : "#bdbdbd" }),
        svg("text", { x: 406 + Math.max(full, got), y: y + 14, "font-size": 11, fill: "#444" }, (c.counted ? "+" + c.log_odds.toFixed(2) : "held back (0)") + " log-odds")); });
    return root;
  }
  function evidence(rows) {
    if (!rows.length) return el("p", { class: "muted small" }, "No evidence rows.");
    const cols = Array.from(new Set(rows.flatMap((r) => Object.keys(r))));
    return el("div", { class: "evidence" }, table(cols, rows.map((r) => cols.map((c) => (r[c] === null || r[c] === undefined ? "" : typeof r[c] === "object" ? JSON.stringify(r[c]) : r[c])))));
  }
  function personPage(id) {
    const p = D.persons[id], c = D.cases.find((x) => x.id === id);
    if (!c) return [el("h2", {}, "Record not found"), el("p", {}, id)];
    const out = [el("h2", {}, "Person record " + id, " ", band(c.band)),
      el("div", { class: "cards" }, card(c.score.toFixed(3), "score"), card(c.counted, "counted indicators"), card(c.held, "held back"), card(c.ring || "—", "ring")),
      c.ring ? el("p", {}, "Member of ring ", ringLink(c.ring), ".") : null,
      c.same !== id ? el("p", {}, "Same person as ", personLink(c.same), " (re-application or duplicate record; not a ring).") : null];
    if (!p) return out.concat(el("p", { class: "muted" }, "No indicator fired for this record."));
    const sum = p.indicators.reduce((a, x) => a + x.log_odds, 0), s = Math.min(Math.max(c.score, 1e-9), 1 - 1e-9), prior = Math.log(s / (1 - s)) - sum;
    out.push(el("h3", {}, "Score decomposition"),
      el("p", { class: "small" }, `score = sigmoid(prior ${prior.toFixed(2)} + Σ contributions ${sum.toFixed(2)}) = ${c.score.toFixed(3)}. ` +
        "Grey bars show what a held-back indicator would add if corroborated."), bars(p),
      el("h3", {}, "Timeline"), timeline([id], { [id]: p.timeline || [] }, "person-timeline"), el("h3", {}, "Contributions"));
    p.indicators.forEach((x) => { const d = ind(x.indicator);
      out.push(el("div", { class: "contrib" + (x.counted ? "" : " held"), "data-indicator": x.indicator },
        el("h4", {}, (d.code || x.code ? (d.code || x.code) + " · " : "") + (d.title || x.title || x.indicator)),
        el("div", { class: "small muted" }, `id ${x.indicator} · family ${x.family} · fairness class ${x.fairness} · weight ${x.weight} × strength ${x.strength} = ${x.log_odds} log-odds · `,
          el("strong", {}, x.counted ? "counted" : "held back"), " (" + x.note + ")"),
        d.explanation ? el("div", { class: "explain" }, d.explanation) : el("div", { class: "explain muted" }, x.title || ""),
        x.summaries && x.summaries.length ? el("ul", {}, x.summaries.map((t) => el("li", {}, t))) : null,
        x.groups && x.groups.length ? el("p", { class: "small" }, "Shared: ", x.groups.map((g) => el("span", { class: "pill" }, g))) : null,
        evidence(x.evidence || []),
        el("p", { class: "small" }, "Public sources: ", (x.sources && x.sources.length ? x.sources : d.sources || []).map((t) => el("span", { class: "pill", title: D.sources[t] || t }, t + (D.sources[t] ? " — " + D.sources[t] : "")))))); });
    out.push(el("p", { class: "notice small" }, "Before any action: a person reviews this record, asks the candidate to explain, and follows the process in ", el("a", { href: "#/fairness" }, "Fairness and process"), "."));
    return out;
  }

  function facilitatorsPage() {
    return [el("h2", {}, "Facilitators"), el("p", { class: "muted" }, "Shared things that serve rings: laptop-farm addresses, paying accounts, placing vendors. Ranked by the personas and rings they serve."),
      D.facilitators.length ? facTable(D.facilitators) : el("p", { class: "muted" }, "None ranked.")];
  }
  function fairnessPage() { return [document.getElementById("hw-fairness").content.cloneNode(true)]; }

  // ---------------------------------------------------------------- routing
  const ROUTES = [["overview", overview], ["queue", queue], ["rings", ringsList], ["facilitators", facilitatorsPage], ["fairness", fairnessPage]];
  function route() {
    const [, name, arg] = (location.hash || "#/overview").split("/").map((x) => x && decodeURIComponent(x));
    const main = document.getElementById("main");
    const page = name === "ring" ? ringPage(arg) : name === "person" ? personPage(arg) : (ROUTES.find(([n]) => n === name) || ROUTES[0])[1]();
    main.replaceChildren(...[page].flat(Infinity).filter((x) => x !== null && x !== undefined));
    main.dataset.page = name === "ring" || name === "person" ? name : (ROUTES.find(([n]) => n === name) || ROUTES[0])[0];
    document.querySelectorAll("header nav a").forEach((a) => a.classList.toggle("active", a.dataset.route === main.dataset.page ||
      (a.dataset.route === "rings" && name === "ring") || (a.dataset.route === "queue" && name === "person")));
    if (main.dataset.page === "queue") drawQueue();
    window.scrollTo(0, 0);
  }
  window.addEventListener("hashchange", route);
  route();
})();
