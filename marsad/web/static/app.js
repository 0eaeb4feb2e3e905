// marsad web workspace. Article text is untrusted: every string reaches the page as a DOM text
// node or an attribute set with setAttribute; nothing is ever assigned to innerHTML.
"use strict";

(function () {
  const TYPE_AR = { PERSON: "شخص", ORG: "منظمة", GPE: "كيان سياسي", LOC: "مكان", MISC: "أخرى" };
  const KIND_AR = { entity: "كيان", time: "تاريخ", quantity: "رقم", quote: "اقتباس" };

  // -- DOM helpers ----------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" || typeof child === "number"
        ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  function en(text) {
    return text ? el("span", { class: "en", lang: "en", dir: "ltr" }, text) : null;
  }

  function main() {
    return document.getElementById("main");
  }

  function setMain(...children) {
    const m = main();
    m.replaceChildren(...children.flat().filter(Boolean));
  }

  function showError(err) {
    setMain(el("div", { class: "error", role: "alert" },
      el("strong", {}, "تعذّر التحميل: "), String(err && err.message ? err.message : err)));
  }

  function param(name) {
    return new URLSearchParams(window.location.search).get(name);
  }

  function link(href, text, attrs) {
    return el("a", Object.assign({ href: href }, attrs || {}), text);
  }

  function docHref(id) { return "/document?id=" + encodeURIComponent(id); }
  function entityHref(id) { return "/entity?id=" + encodeURIComponent(id); }
  function eventHref(id) { return "/event?id=" + encodeURIComponent(id); }
  // the document with one span (an event's evidence) marked and scrolled into view
  function evidenceHref(span) {
    return docHref(span.doc) + "&start=" + encodeURIComponent(span.start) + "&end=" + encodeURIComponent(span.end);
  }

  // -- the shared header (one copy for every page) -----------------------------------------

  const NAV = [["/", "لوحة المتابعة"], ["/timeline", "الخط الزمني"], ["/upload", "رفع ملفات"]];
  const DOWNLOADS = [["json", "التحليل (JSON)"], ["csv", "جداول (CSV)"], ["plover", "أحداث PLOVER (JSONL)"],
    ["graphml", "شبكة الكيانات (GraphML)"], ["gexf", "شبكة الكيانات (GEXF)"],
    ["report-html", "تقرير (HTML)"], ["report-md", "تقرير (Markdown)"]];

  function renderHeader() {
    const header = document.querySelector("header.top");
    if (!header) return;
    const here = window.location.pathname;
    const box = el("input", { type: "search", name: "q", id: "q", placeholder: "ابحث في النصوص والكيانات",
      "aria-label": "بحث", maxlength: "200", required: "required" });
    header.replaceChildren(
      el("a", { class: "brand", href: "/" }, "مَرصَد ", en("marsad")),
      el("nav", { "aria-label": "الأقسام" },
        NAV.map(([href, text]) => link(href, text, { "aria-current": href === here ? "page" : null })),
        el("details", { class: "downloads" }, el("summary", {}, "تنزيل"),
          el("ul", {}, DOWNLOADS.map(([fmt, text]) => el("li", {},
            link("/api/exports/" + fmt, text, { download: "", "data-format": fmt })))))),
      el("form", { class: "search", action: "/search", method: "get", role: "search" },
        box, el("button", { type: "submit" }, "بحث")));
  }

  async function api(path, options) {
    const response = await fetch(path, Object.assign({ headers: { Accept: "application/json" } }, options || {}));
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const detail = body && body.detail ? body.detail : response.statusText;
      const err = new Error(detail + " (" + response.status + ")");
      err.status = response.status;
      throw err;
    }
    return body;
  }

  function section(title, ...children) {
    return el("section", { class: "panel" }, el("h2", {}, title), ...children);
  }

  function empty(text) { return el("p", { class: "empty" }, text); }

  function entityName(e) {
    return el("span", { class: "entity-name" }, el("span", { lang: "ar" }, e.name),
      e.name_en ? [" · ", en(e.name_en)] : null);
  }

  // -- spans to highlighted text -------------------------------------------------------------

  function describe(span) {
    if (span.kind === "entity") {
      const e = span.entity;
      return [KIND_AR.entity + ": " + e.name + (e.name_en ? " (" + e.name_en + ")" : ""),
        TYPE_AR[e.type] || e.type, e.wikidata || (e.id.startsWith("x:") ? "غير مربوط" : e.id)].join(" · ");
    }
    if (span.kind === "time") {
      const t = span.item;
      return KIND_AR.time + ": " + t.value + (t.end_value ? " … " + t.end_value : "") + " · " + t.granularity;
    }
    if (span.kind === "quantity") {
      const q = span.item;
      let value = (q.approx ? "≈ " : "") + q.value + (q.unit ? " " + q.unit : "");
      if (q.lower !== null && q.upper !== null && q.lower !== undefined) value += " [" + q.lower + "–" + q.upper + "]";
      return KIND_AR.quantity + ": " + value + " · " + q.kind;
    }
    const quote = span.item;
    return KIND_AR.quote + (quote.speakerName ? ": " + quote.speakerName : "") + (quote.cue ? " · " + quote.cue : "");
  }

  // Cuts [from, to) of text at every span boundary; each piece carries the spans covering it.
  function pieces(text, spans, from, to) {
    const cuts = new Set([from, to]);
    for (const s of spans) {
      if (s.end <= from || s.start >= to) continue;
      cuts.add(Math.max(from, s.start));
      cuts.add(Math.min(to, s.end));
    }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      out.push({ start: a, end: b, text: text.slice(a, b), spans: covering });
    }
    return out;
  }

  function highlighted(text, spans, from, to) {
    const frag = document.createDocumentFragment();
    for (const p of pieces(text, spans, from === undefined ? 0 : from, to === undefined ? text.length : to)) {
      if (!p.spans.length) { frag.appendChild(document.createTextNode(p.text)); continue; }
      const kinds = Array.from(new Set(p.spans.map((s) => s.kind)));
      const ent = p.spans.find((s) => s.kind === "entity");
      const attrs = {
        class: "hl " + kinds.map((k) => "hl-" + k).join(" "),
        title: p.spans.map(describe).join("\n"),
        "data-kinds": kinds.join(" "),
      };
      if (ent) {
        attrs["data-entity"] = ent.entity.id;
        attrs["data-type"] = ent.entity.type;
        attrs.href = entityHref(ent.entity.id);
      }
      frag.appendChild(el(ent ? "a" : "span", attrs, p.text));
    }
    return frag;
  }

  function documentSpans(doc) {
    const spans = [];
    const names = {};
    for (const e of doc.entities) {
      names[e.id] = e.name + (e.name_en ? " (" + e.name_en + ")" : "");
      for (const m of e.mentions) spans.push({ kind: "entity", start: m.start, end: m.end, entity: e });
    }
    for (const t of doc.times) spans.push({ kind: "time", start: t.start, end: t.end, item: t });
    for (const q of doc.quantities) spans.push({ kind: "quantity", start: q.start, end: q.end, item: q });
    for (const q of doc.quotes) {
      const item = Object.assign({}, q, { speakerName: q.speaker ? (names[q.speaker] || q.speaker) : null });
      spans.push({ kind: "quote", start: q.start, end: q.end, item: item });
    }
    return spans;
  }

  // -- pages ----------------------------------------------------------------------------------

  function docList(items) {
    if (!items.length) return empty("لا توجد أخبار بعد. ارفع ملفات من صفحة «رفع ملفات».");
    return el("ul", { class: "docs" }, items.map((d) => el("li", {},
      link(docHref(d.id), d.title || d.id, { class: "doc-link", "data-doc": d.id }),
      d.published ? [" ", el("bdi", { class: "meta docdate", dir: "ltr" }, d.published)] : null,
      d.credited_source || d.site ? el("span", { class: "meta" }, d.credited_source || d.site) : null,
      d.counts ? el("span", { class: "counts" },
        badge("entity", d.counts.entities), badge("time", d.counts.times),
        badge("quantity", d.counts.quantities), badge("quote", d.counts.quotes)) : null)));
  }

  function badge(kind, n) {
    return n ? el("span", { class: "badge hl-" + kind, title: KIND_AR[kind] }, KIND_AR[kind] + " " + n) : null;
  }

  function entityList(items) {
    if (!items.length) return empty("لم تُستخرج كيانات بعد.");
    return el("ul", { class: "entities" }, items.map((e) => el("li", {},
      el("a", { href: entityHref(e.id), class: "entity-link", "data-entity": e.id }, entityName(e)),
      el("span", { class: "meta" }, (TYPE_AR[e.type] || e.type) + " · " + e.mentions + " ذكر · " + e.documents + " خبر"))));
  }

  function eventTitle(ev) {
    return ev.description_ar || [ev.type, ev.mode].filter(Boolean).join(" · ");
  }

  function eventList(items) {
    return el("ul", { class: "events" }, items.map((ev) => {
      const docs = new Set((ev.evidence || []).map((s) => s.doc)).size;
      return el("li", {},
        el("span", { class: "date" }, ev.start || "؟"), " ",
        link(eventHref(ev.id), eventTitle(ev), { class: "event-link", "data-event": ev.id }),
        el("span", { class: "meta" }, [ev.status, docs > 1 ? docs + " أخبار" : null].filter(Boolean).join(" · ")),
        ev.evidence && ev.evidence.length ? el("blockquote", {}, link(evidenceHref(ev.evidence[0]), ev.evidence[0].text)) : null);
    }));
  }

  function conflictList(items) {
    return el("ul", { class: "conflicts" }, items.map((c) => el("li", {},
      el("strong", {}, c.reason),
      el("ul", {}, (c.fact_list || []).map((f) => el("li", {},
        f.attribute + ": " + JSON.stringify(f.value) + (f.unit ? " " + f.unit : ""), " ",
        f.evidence && f.evidence.length ? link(docHref(f.evidence[0].doc), "«" + f.evidence[0].text + "»") : null))))));
  }

  async function pageIndex() {
    const [docs, ents, evs, confs, stories] = await Promise.all([
      api("/api/documents?limit=15"), api("/api/entities?limit=20"), api("/api/events?limit=10"),
      api("/api/conflicts?limit=10"), api("/api/stories?limit=10"),
    ]);
    setMain(
      el("h1", {}, "لوحة المتابعة"),
      el("p", { class: "summary" }, docs.total + " خبر · " + ents.total + " كيان · " + evs.total + " حدث · " + confs.total + " تعارض"),
      el("div", { class: "grid" },
        section("أحدث الأخبار", docList(docs.items)),
        section("الكيانات", entityList(ents.items)),
        evs.total ? section("الأحداث", eventList(evs.items)) : null,
        confs.total ? section("تعارضات", conflictList(confs.items)) : null,
        stories.total ? section("القصص", el("ul", { class: "stories" }, stories.items.map((s) => el("li", {},
          link(docHref(s.docs[0]), s.title || s.id), el("span", { class: "meta" }, " · " + s.docs.length + " خبر · "),
          link("/api/exports/report-html?story=" + encodeURIComponent(s.id), "تقرير", { class: "meta report-link", download: "" }),
          el("span", { class: "meta" }, " / "),
          link("/api/exports/report-md?story=" + encodeURIComponent(s.id), "Markdown", { class: "meta report-link", download: "" }))))) : null));
  }

  async function pageDocument() {
    const id = param("id");
    if (!id) throw new Error("لم يُحدَّد الخبر");
    const doc = await api("/api/documents/" + encodeURIComponent(id));
    document.title = (doc.title || "خبر") + " — مَرصَد";
    const spans = documentSpans(doc);
    const legend = el("p", { class: "legend" }, ["entity", "time", "quantity", "quote"].map((k) =>
      el("span", { class: "hl hl-" + k }, KIND_AR[k])));
    const meta = el("dl", { class: "docmeta" },
      [["المصدر", doc.credited_source || doc.site], ["النشر", doc.published], ["الكاتب", doc.author],
        ["الرابط", doc.url], ["المُعرّف", doc.id]]
        .filter(([, v]) => v).map(([k, v]) => [el("dt", {}, k), el("dd", {}, el("bdi", {}, v))]));
    const body = el("article", { class: "doctext", id: "doctext" });
    const from = parseInt(param("start"), 10), to = parseInt(param("end"), 10);
    const marked = Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from < to && to <= doc.text.length;
    if (marked) {
      // the evidence wraps the highlighted pieces, so entities inside it stay marked too
      body.append(highlighted(doc.text, spans, 0, from),
        el("mark", { class: "evidence", id: "evidence", tabindex: "-1", title: "جملة الدليل" },
          highlighted(doc.text, spans, from, to)),
        highlighted(doc.text, spans, to, doc.text.length));
    } else {
      body.append(highlighted(doc.text, spans));
    }
    const side = el("aside", { class: "layers" },
      section("الكيانات", entityList(doc.entities.map((e) => ({
        id: e.id, name: e.name, name_en: e.name_en, type: e.type, mentions: e.mentions.length, documents: 1 })))),
      doc.times.length ? section("التواريخ", el("ul", { class: "times" }, doc.times.map((t) =>
        el("li", {}, el("span", {}, t.text), " ← ", el("bdi", { dir: "ltr" }, t.value))))) : null,
      doc.quantities.length ? section("الأرقام", el("ul", { class: "quantities" }, doc.quantities.map((q) =>
        el("li", {}, el("span", {}, q.text), " ← ", el("bdi", { dir: "ltr" }, (q.approx ? "≈ " : "") + q.value + (q.unit ? " " + q.unit : "")))))) : null,
      doc.quotes.length ? section("الاقتباسات", el("ul", { class: "quotes" }, doc.quotes.map((q) =>
        el("li", {}, el("blockquote", {}, q.text), q.speaker ? link(entityHref(q.speaker), describe({ kind: "quote", item: Object.assign({}, q, { speakerName: (doc.entities.find((e) => e.id === q.speaker) || { name: q.speaker }).name }) })) : null)))) : null);
    setMain(el("h1", {}, doc.title || doc.text.split("\n")[0].slice(0, 120)), meta, legend,
      el("div", { class: "docview" }, body, side));
    if (marked) {
      const mark = document.getElementById("evidence");
      mark.scrollIntoView({ block: "center" });
      mark.focus({ preventScroll: true });
    }
  }

  async function pageEvent() {
    const id = param("id");
    if (!id) throw new Error("لم يُحدَّد الحدث");
    const ev = await api("/api/events/" + encodeURIComponent(id));
    document.title = eventTitle(ev) + " — مَرصَد";
    const ROLE_AR = { actor: "الفاعل", target: "المستهدف", location: "المكان" };
    const facts = el("dl", { class: "docmeta" },
      [["النوع", [ev.type, ev.mode].filter(Boolean).join(" / ")], ["الحالة", ev.status],
        ["التاريخ", [ev.start, ev.end].filter(Boolean).join(" … ")], ["المُعرّف", ev.id]]
        .filter(([, v]) => v).map(([k, v]) => [el("dt", {}, k), el("dd", {}, el("bdi", {}, v))]));
    const who = el("ul", { class: "participants" }, ev.participants.map((p) => el("li", {},
      el("span", { class: "meta" }, ROLE_AR[p.role] || p.role), " ",
      link(entityHref(p.id), p.name, { class: "entity-link", "data-entity": p.id }), p.name_en ? [" · ", en(p.name_en)] : null)));
    const articles = el("ol", { class: "articles" }, ev.articles.map((a) => el("li", { "data-doc": a.id },
      el("h3", {}, link(docHref(a.id), a.title, { class: "doc-link", "data-doc": a.id }),
        a.published ? [" ", el("bdi", { class: "meta docdate", dir: "ltr" }, a.published)] : null,
        a.site ? el("span", { class: "meta" }, a.site) : null),
      a.evidence.map((span) => {
        const s = span.sentence || { start: span.start, end: span.end, text: span.text };
        const inside = [{ kind: "evidence", start: span.start - s.start, end: span.end - s.start }];
        return el("blockquote", { class: "evidence-quote" },
          el("q", { class: "sentence" }, markSpan(s.text, inside[0])), " ",
          link(evidenceHref(span), "← الجملة في الخبر", { class: "evidence-link", "data-doc": a.id,
            "data-start": span.start, "data-end": span.end }));
      }))));
    setMain(el("h1", {}, eventTitle(ev)), ev.description_en ? el("p", {}, en(ev.description_en)) : null, facts,
      el("div", { class: "grid" },
        section("المشاركون", ev.participants.length ? who : empty("لا مشاركين معروفين.")),
        section("الأخبار التي ذكرته (" + ev.articles.length + ")", articles)));
  }

  // text with [start, end) wrapped in <mark> (as text nodes only)
  function markSpan(text, span) {
    const a = Math.max(0, Math.min(text.length, span.start)), b = Math.max(a, Math.min(text.length, span.end));
    return [text.slice(0, a), el("mark", {}, text.slice(a, b)), text.slice(b)];
  }

  async function pageEntity() {
    const id = param("id");
    if (!id) throw new Error("لم يُحدَّد الكيان");
    const e = await api("/api/entities/" + encodeURIComponent(id));
    document.title = e.name + " — مَرصَد";
    const mentions = el("ol", { class: "mentions" }, e.mention_list.map((m) => {
      const s = m.sentence || { start: m.start, end: m.end, text: m.text };
      const spans = [{ kind: "entity", start: m.start - s.start, end: m.end - s.start, entity: e }];
      return el("li", {}, el("q", { class: "sentence" }, highlighted(s.text, spans)), " ",
        link(docHref(m.doc), "← الخبر", { class: "meta" }));
    }));
    setMain(
      el("h1", {}, entityName(e)),
      el("p", { class: "meta" }, [TYPE_AR[e.type] || e.type, e.wikidata, e.id].filter(Boolean).join(" · ")),
      e.aliases.length ? el("p", {}, "أسماء أخرى: ", e.aliases.join("، ")) : null,
      el("div", { class: "grid" },
        section("الإشارات (" + e.mentions + ")", mentions),
        section("الأخبار (" + e.documents + ")", docList(e.document_list)),
        e.events.length ? section("الأحداث", eventList(e.events)) : null,
        e.facts.length ? section("الحقائق", el("ul", {}, e.facts.map((f) => el("li", {},
          f.attribute + ": " + JSON.stringify(f.value) + (f.unit ? " " + f.unit : ""))))) : null));
  }

  async function pageTimeline() {
    const from = param("date_from") || "", to = param("date_to") || "";
    const qs = new URLSearchParams();
    if (from) qs.set("date_from", from);
    if (to) qs.set("date_to", to);
    const t = await api("/api/timeline?" + qs.toString());
    const form = el("form", { class: "filters", method: "get", action: "/timeline" },
      el("label", {}, "من ", el("input", { type: "date", name: "date_from", value: from })),
      el("label", {}, " إلى ", el("input", { type: "date", name: "date_to", value: to })),
      el("button", { type: "submit" }, "تصفية"));
    const items = t.items.map((i) => el("li", {}, el("time", { class: "date", datetime: i.date || "" }, i.date || "؟"),
      i.event ? eventList([i.event]) : link(docHref(i.document.id), i.document.title, { class: "doc-link" }),
      i.date_from === "text" ? el("span", { class: "meta" }, " (تاريخ مذكور في النص)") : null));
    setMain(el("h1", {}, "الخط الزمني"), form,
      el("p", { class: "meta" }, t.kind === "events" ? "الأحداث مرتبة حسب التاريخ" : "لا أحداث مستخرجة بعد: الأخبار مرتبة حسب تاريخها"),
      items.length ? el("ol", { class: "timeline" }, items) : empty("لا شيء مؤرَّخ في هذه الفترة."));
  }

  async function pageSearch() {
    const q = (param("q") || "").trim();
    const box = document.getElementById("q");
    if (box) box.value = q;
    if (!q) { setMain(el("h1", {}, "بحث"), empty("اكتب كلمة في مربع البحث.")); return; }
    const r = await api("/api/search?q=" + encodeURIComponent(q));
    const docs = r.documents.map((d) => el("li", {},
      link(docHref(d.id), d.title || d.id, { class: "doc-link", "data-doc": d.id }),
      d.snippet ? el("p", { class: "snippet" }, "…", d.snippet.text.slice(0, d.snippet.start),
        el("mark", {}, d.snippet.text.slice(d.snippet.start, d.snippet.end)), d.snippet.text.slice(d.snippet.end), "…") : null));
    setMain(el("h1", {}, "نتائج البحث عن «", q, "»"),
      el("div", { class: "grid" },
        section("الأخبار (" + r.documents.length + ")", docs.length ? el("ul", { class: "docs results" }, docs) : empty("لا نتائج.")),
        section("الكيانات (" + r.entities.length + ")", entityList(r.entities))));
  }

  function pageUpload() {
    const token = el("input", { type: "password", id: "token", autocomplete: "off", placeholder: "اختياري" });
    token.value = sessionStorage.getItem("marsad-token") || "";
    const files = el("input", { type: "file", id: "files", name: "files", multiple: "multiple",
      accept: ".txt,.html,.htm,.jsonl,.ndjson,.xml,.rss,.atom,.md" });
    const progress = el("progress", { id: "progress", max: "1", value: "0", hidden: "hidden" });
    const status = el("p", { id: "status", class: "status", role: "status" });
    const results = el("div", { id: "results" });
    const form = el("form", { id: "upload-form", class: "upload" },
      el("label", {}, "الملفات (نص، HTML، JSON Lines، خلاصات RSS): ", files),
      el("label", {}, "رمز الدخول: ", token),
      el("button", { type: "submit", id: "upload-button" }, "رفع وتحليل"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      upload(files, token, progress, status, results).catch((err) => {
        status.textContent = "فشل الرفع: " + err.message;
        status.className = "status error";
      });
    });
    setMain(el("h1", {}, "رفع ملفات"), form, progress, status, results);
  }

  async function upload(files, token, progress, status, results) {
    if (!files.files.length) throw new Error("اختر ملفًا واحدًا على الأقل");
    sessionStorage.setItem("marsad-token", token.value);
    const data = new FormData();
    for (const f of files.files) data.append("files", f, f.name);
    const headers = { Accept: "application/json" };
    if (token.value) headers.Authorization = "Bearer " + token.value;
    status.className = "status";
    status.textContent = "جارٍ الرفع…";
    results.replaceChildren();
    let job = await api("/api/ingest", { method: "POST", body: data, headers: headers });
    progress.hidden = false;
    const started = Date.now();
    while (job.status === "queued" || job.status === "running") {
      progress.max = job.total || 1;
      progress.value = job.processed;
      status.textContent = "قيد المعالجة: " + job.processed + " من " + (job.total === null ? "؟" : job.total);
      if (Date.now() - started > 10 * 60 * 1000) throw new Error("انتهت مهلة الانتظار");
      await new Promise((resolve) => setTimeout(resolve, 400));
      job = await api("/api/jobs/" + encodeURIComponent(job.id));
    }
    progress.max = job.total || 1;
    progress.value = job.total || job.processed;
    if (job.status === "failed") throw new Error(job.error || "فشلت المهمة");
    status.textContent = "اكتمل: " + job.doc_ids.length + " خبر (" + job.new + " جديد)" +
      (job.rejections.length ? "، " + job.rejections.length + " مرفوض" : "");
    status.setAttribute("data-status", "done");
    results.replaceChildren(...[
      el("ul", { class: "docs" }, job.doc_ids.map((id) => el("li", {}, link(docHref(id), id, { class: "doc-link", "data-doc": id })))),
      job.rejections.length ? el("ul", { class: "rejections" }, job.rejections.map((r) =>
        el("li", {}, r.source + ": " + r.reason))) : null].filter(Boolean));
  }

  const PAGES = { index: pageIndex, document: pageDocument, entity: pageEntity, event: pageEvent, timeline: pageTimeline,
    search: pageSearch, upload: pageUpload };

  function start() {
    renderHeader();
    const q = document.getElementById("q");
    if (q && param("q") && document.body.dataset.page !== "search") q.value = param("q");
    const page = PAGES[document.body.dataset.page];
    if (!page) return;
    Promise.resolve().then(page).then(() => { document.body.setAttribute("data-ready", "1"); }, (err) => {
      showError(err);
      document.body.setAttribute("data-ready", "error");
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
