// rasd dashboard: the map, the weekly timeline, the table, the detail and
// alerts panels, all drawn from the JSON API of the same server. Plain
// JavaScript and SVG, no libraries, nothing loaded from elsewhere.
"use strict";

(() => {
  const SVGNS = "http://www.w3.org/2000/svg";
  const TYPES = [
    "Battles", "Explosions/Remote violence", "Violence against civilians",
    "Protests", "Riots", "Strategic developments",
  ];
  const TYPE_VARS = ["--t-battles", "--t-explosions", "--t-vac", "--t-protests", "--t-riots", "--t-strategic"];
  const MAP_LIMIT = 5000;
  const PAGE = 50;
  // Events that articles recall as past context (a battle of 2014 named in
  // today's news) are left out unless asked for: they are not news of the
  // period, and they stretched the timeline back by years.
  const HIDE_BACKGROUND = "false";

  const LABELS = {
    en: {
      tagline: "Political violence in the Middle East and North Africa, from Arabic news",
      from: "From", to: "To", type: "Type", actor: "Actor", country: "Country", governorate: "Governorate", search: "Search",
      searchHint: "words in the articles, e.g. داعش", apply: "Apply", reset: "Reset", all: "All",
      hideBackground: "Hide background (recalled) events",
      map: "Map", alerts: "Alerts", detail: "Event", timeline: "Events per week",
      brushHint: "drag to choose dates, click to clear", events: "Events", sort: "Sort",
      newest: "Newest first", oldest: "Oldest first", deadliest: "Most fatalities",
      prev: "Previous", next: "Next", date: "Date", actor1: "Actor 1", actor2: "Actor 2", place: "Place",
      fatalities: "Fatalities", sources: "Sources", detailHint: "Click a point on the map or a row of the table.",
      // The header counts the store, then what the table and the map count
      // of it, and what the filters leave out by default.
      summary: (c) => `${enCount(c.all, "event")} from ${enCount(c.documents, "document")} · ${fmt(c.shown)} ` +
        (c.filtered ? (c.shown === 1 ? "matches the filters" : "match the filters") : "shown") +
        (c.hidden ? `, ${fmt(c.hidden)} background hidden` : ""),
      pageInfo: (a, b, n) => n ? `${fmt(a)}–${fmt(b)} of ${fmt(n)}` : "no events",
      mapNote: (m) => {
        if (!m.total) return "no events";
        if (m.onMap === m.total) return `${enCount(m.total, "event")}, all on the map`;
        const of = m.newest < m.total ? `the ${fmt(m.newest)} newest of ${enCount(m.total, "event")}` : enCount(m.total, "event");
        return [`${fmt(m.onMap)} of ${of} on the map`,
          m.elsewhere && `${fmt(m.elsewhere)} outside its countries`,
          m.noPlace && `${fmt(m.noPlace)} without a place`].filter(Boolean).join(" · ");
      },
      outside: (n) => `${fmt(n)} events fall outside the weeks shown (undated, or in stray years)`,
      noEvents: "No events match these filters.", noAlerts: "No alerts for these filters.",
      alertsOff: "Alerts are not available on this server.", loading: "Loading…",
      subType: "Sub-event type", certainty: "Certainty", confidence: "Confidence", id: "Id",
      source: "Source", open: "open the article", published: "published", unknown: "unknown",
      precision: "precision", eventsBehind: (n) => enCount(n, "event"), weekOf: "week of",
      noExcerpt: "The document is no longer stored; its evidence sentences:",
      marks: { trigger: "event", actor: "actor", place: "place", date: "date", fatalities: "fatalities" },
      // Why each source was joined to the event (its signals, as the
      // matcher weighed them), or that it started the event.
      why: {
        started: "First report of this event", analyst: "Merged by an analyst",
        joined: (score) => `Joined by rasd, score ${score}`,
        signals: { type: "type", place: "place", date: "date", actors: "actors", toll: "toll", wording: "shared wording", names: "shared names", analyst: "analyst" },
      },
      failed: (what, msg) => `Could not load ${what}: ${msg}`,
      langButton: "العربية", mapLabel: "Map of events in the Middle East and North Africa",
    },
    ar: {
      tagline: "العنف السياسي في الشرق الأوسط وشمال أفريقيا من الأخبار العربية",
      from: "من", to: "إلى", type: "النوع", actor: "الفاعل", country: "البلد", governorate: "المحافظة", search: "بحث",
      searchHint: "كلمات من المقالات، مثل داعش", apply: "تطبيق", reset: "إعادة ضبط", all: "الكل",
      hideBackground: "إخفاء أحداث الخلفية (المستعادة من الماضي)",
      map: "الخريطة", alerts: "التنبيهات", detail: "الحدث", timeline: "الأحداث في الأسبوع",
      brushHint: "اسحب لاختيار التواريخ، وانقر للإلغاء", events: "الأحداث", sort: "الترتيب",
      newest: "الأحدث أولاً", oldest: "الأقدم أولاً", deadliest: "الأكثر قتلى",
      prev: "السابق", next: "التالي", date: "التاريخ", actor1: "الفاعل الأول", actor2: "الفاعل الثاني", place: "المكان",
      fatalities: "القتلى", sources: "المصادر", detailHint: "انقر على نقطة في الخريطة أو على صف في الجدول.",
      summary: (c) => `${arCount(c.all, AR_EVENTS)} من ${arCount(c.documents, AR_DOCUMENTS_GEN)} · ` +
        `${c.filtered ? "المطابق للمرشحات" : "المعروض"}: ${fmt(c.shown)}` +
        (c.hidden ? `، وأحداث الخلفية المخفية: ${fmt(c.hidden)}` : ""),
      pageInfo: (a, b, n) => n ? `${fmt(a)}–${fmt(b)} من ${fmt(n)}` : "لا أحداث",
      mapNote: (m) => {
        if (!m.total) return "لا أحداث";
        if (m.onMap === m.total) return `كل الأحداث على الخريطة: ${fmt(m.total)}`;
        const of = m.newest < m.total ? `أحدث ${fmt(m.newest)} من ${arCount(m.total, AR_EVENTS_GEN)}` : arCount(m.total, AR_EVENTS_GEN);
        return [`على الخريطة ${fmt(m.onMap)} من ${of}`,
          m.elsewhere && `خارج بلدانها: ${fmt(m.elsewhere)}`,
          m.noPlace && `بلا مكان: ${fmt(m.noPlace)}`].filter(Boolean).join(" · ");
      },
      outside: (n) => `${arCount(n, AR_EVENTS)} خارج الأسابيع المعروضة (بلا تاريخ أو في سنوات شاذة)`,
      noEvents: "لا أحداث تطابق هذه المرشحات.", noAlerts: "لا تنبيهات لهذه المرشحات.",
      alertsOff: "التنبيهات غير متاحة على هذا الخادم.", loading: "جارٍ التحميل…",
      subType: "النوع الفرعي", certainty: "درجة اليقين", confidence: "الثقة", id: "المعرّف",
      source: "المصدر", open: "فتح المقال", published: "نُشر", unknown: "غير معروف",
      precision: "الدقة", eventsBehind: (n) => arCount(n, AR_EVENTS), weekOf: "أسبوع",
      noExcerpt: "لم تعد الوثيقة مخزنة؛ جمل الدليل:",
      marks: { trigger: "الحدث", actor: "الفاعل", place: "المكان", date: "التاريخ", fatalities: "القتلى" },
      why: {
        started: "أول تقرير عن هذا الحدث", analyst: "دمجه محلل",
        joined: (score) => `ضمّه رصد بدرجة ${score}`,
        signals: { type: "النوع", place: "المكان", date: "التاريخ", actors: "الأطراف", toll: "الحصيلة", wording: "صياغة مشتركة", names: "أسماء مشتركة", analyst: "محلل" },
      },
      failed: (what, msg) => `تعذر تحميل ${what}: ${msg}`,
      langButton: "English", mapLabel: "خريطة الأحداث في الشرق الأوسط وشمال أفريقيا",
    },
  };
  const TYPE_AR = {
    "Battles": "معارك",
    "Explosions/Remote violence": "انفجارات وعنف عن بعد",
    "Violence against civilians": "عنف ضد المدنيين",
    "Protests": "احتجاجات",
    "Riots": "أعمال شغب",
    "Strategic developments": "تطورات استراتيجية",
  };

  const SUB_AR = {
    "Armed clash": "اشتباك مسلح",
    "Government regains territory": "استعادة الحكومة السيطرة على أراضٍ",
    "Non-state actor overtakes territory": "سيطرة جهة غير حكومية على أراضٍ",
    "Chemical weapon": "سلاح كيميائي",
    "Air/drone strike": "غارة جوية أو بطائرة مسيّرة",
    "Suicide bomb": "تفجير انتحاري",
    "Shelling/artillery/missile attack": "قصف مدفعي أو صاروخي",
    "Remote explosive/landmine/IED": "عبوة ناسفة أو لغم",
    "Grenade": "قنبلة يدوية",
    "Sexual violence": "عنف جنسي",
    "Attack": "هجوم",
    "Abduction/forced disappearance": "اختطاف أو إخفاء قسري",
    "Peaceful protest": "احتجاج سلمي",
    "Protest with intervention": "احتجاج مع تدخل",
    "Excessive force against protesters": "قوة مفرطة ضد المحتجين",
    "Violent demonstration": "مظاهرة عنيفة",
    "Mob violence": "عنف جماعي",
    "Agreement": "اتفاق",
    "Arrests": "اعتقالات",
    "Change to group/activity": "تغيير في جماعة أو نشاطها",
    "Disrupted weapons use": "إحباط استخدام سلاح",
    "Headquarters or base established": "إنشاء مقر أو قاعدة",
    "Looting/property destruction": "نهب أو تدمير ممتلكات",
    "Non-violent transfer of territory": "انتقال السيطرة على أراضٍ دون عنف",
    "Other": "أخرى",
  };
  const CERTAINTY_AR = { reported: "خبر مؤكد", claimed: "ادعاء", suspected: "مشتبه به" };

  const $ = (sel) => document.querySelector(sel);
  const state = {
    lang: localStorage.getItem("rasd.lang") === "ar" ? "ar" : "en",
    filters: { since: "", until: "", type: "", actor: "", country: "", admin1: "", q: "", background: HIDE_BACKGROUND },
    sort: "date",
    offset: 0,
    selected: "",
    places: null, // GeoJSON features of /api/basemap
    countries: new Map(), // ISO alpha-3 → {code, name_en, name_ar, bbox}, of /api/basemap
    present: new Set(), // the countries events were seen in: what the country filter lists
    stats: null, // /api/stats without the date filters: the timeline's whole range
    admin1Counts: new Map(), // admin1 code → events
    actorNames: new Map(), // id → {en, ar}, learned from the events seen
    view: { k: 1, x: 0, y: 0 },
    health: null, // /healthz: the store's events and documents, for the header
    hidden: 0, // background events the filters match but the box hides
    faded: new Set(), // the dots faded under a label
    refit: true, // frame the next points drawn (at start, and when the place filters change)
    generation: 0, // drops answers to requests that a newer one replaced
  };
  const L = () => LABELS[state.lang];
  const fmt = (n) => Number(n).toLocaleString(state.lang === "ar" ? "ar-EG" : "en-US");
  // isoDay isolates a YYYY-MM-DD date in Arabic text: after Arabic letters
  // the bidirectional algorithm reads its digits as Arabic numbers and the
  // hyphens as neutral, and 2019-03-18 came out as 18-03-2019.
  const isoDay = (d) => state.lang === "ar" ? `\u2066${d}\u2069` : d;
  const enCount = (n, noun) => `${fmt(n)} ${noun}${n === 1 ? "" : "s"}`;
  // Arabic counts a noun in six ways (CLDR's plural categories): a single
  // form after every number reads wrong to an Arabic reader. Forms marked
  // _GEN follow a preposition («من»), where the dual takes -ين.
  const AR_PLURAL = new Intl.PluralRules("ar");
  const AR_EVENTS = { zero: "# حدث", one: "حدث واحد", two: "حدثان", few: "# أحداث", many: "# حدثاً", other: "# حدث" };
  const AR_EVENTS_GEN = { ...AR_EVENTS, two: "حدثين" };
  const AR_DOCUMENTS_GEN = { zero: "# وثيقة", one: "وثيقة واحدة", two: "وثيقتين", few: "# وثائق", many: "# وثيقة", other: "# وثيقة" };
  const arCount = (n, forms) => forms[AR_PLURAL.select(n)].replace("#", fmt(n));
  const typeLabel = (t) => state.lang === "ar" ? (TYPE_AR[t] || t) : t;
  const subLabel = (t) => state.lang === "ar" ? (SUB_AR[t] || t) : t;
  const certaintyLabel = (c) => state.lang === "ar" ? (CERTAINTY_AR[c] || c) : c;
  const colours = new Map();
  const typeColour = (t) => {
    if (!colours.size) {
      const css = getComputedStyle(document.documentElement);
      TYPES.forEach((name, i) => colours.set(name, css.getPropertyValue(TYPE_VARS[i]).trim()));
    }
    return colours.get(t) || colours.get(TYPES[5]);
  };

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }

  // ---- API ----

  function query(extra, withDates = true, omit = []) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(state.filters)) {
      if (!v || omit.includes(k)) continue;
      if (!withDates && (k === "since" || k === "until")) continue;
      p.set(k, v);
    }
    for (const [k, v] of Object.entries(extra || {})) if (v !== "" && v !== undefined) p.set(k, v);
    const s = p.toString();
    return s ? "?" + s : "";
  }

  async function api(path) {
    const res = await fetch(path, { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await res.json(); } catch (_) { /* not JSON: reported below */ }
    if (!res.ok) {
      const err = new Error(body && body.error ? body.error : `${res.status} ${res.statusText}`);
      err.status = res.status;
      throw err;
    }
    return body;
  }

  function showError(msg) {
    const s = $("#status");
    s.textContent = msg;
    s.hidden = !msg;
  }

  // ---- labels and language ----

  function applyLanguage() {
    const lab = L();
    document.documentElement.lang = state.lang;
    document.documentElement.dir = state.lang === "ar" ? "rtl" : "ltr";
    for (const e of document.querySelectorAll("[data-i18n]")) {
      const v = lab[e.dataset.i18n];
      if (typeof v === "string") e.textContent = v;
    }
    for (const e of document.querySelectorAll("[data-i18n-placeholder]")) e.placeholder = lab[e.dataset.i18nPlaceholder];
    $("#lang").textContent = lab.langButton;
    $("#map").setAttribute("aria-label", lab.mapLabel);
    fillTypeOptions();
    fillCountryOptions();
    fillAdmin1Options();
    fillActorOptions();
    drawLegend();
  }

  function setOptions(select, items, current) {
    setGroupedOptions(select, [["", items]], current);
  }

  // setGroupedOptions fills a select with [label, items] groups, a group
  // with a label as an optgroup.
  function setGroupedOptions(select, groups, current) {
    for (const g of [...select.querySelectorAll("optgroup")]) g.remove();
    while (select.options.length > 1) select.remove(1);
    select.options[0].textContent = L().all;
    for (const [label, items] of groups) {
      const parent = label ? el("optgroup", { label }) : select;
      for (const [value, text] of items) parent.append(new Option(text, value));
      if (label) select.append(parent);
    }
    select.value = current;
    if (select.value !== current) {
      // A filter from the address bar that the store does not list.
      select.add(new Option(current, current));
      select.value = current;
    }
  }

  function fillTypeOptions() {
    setOptions($("#f-type"), TYPES.map((t) => [t, typeLabel(t)]), state.filters.type);
  }

  function admin1Name(f) {
    return state.lang === "ar" ? (f.properties.admin1_ar || f.properties.name_ar) : f.properties.admin1;
  }

  function countryName(code) {
    const c = state.countries.get(code);
    return (c && (state.lang === "ar" ? c.name_ar : c.name_en)) || code;
  }

  const byLabel = (a, b) => a[1].localeCompare(b[1], state.lang);

  // provinces are the governorates and provinces of the base map that
  // events can carry (those with a code; not the UNDOF zone).
  function provinces() {
    return state.places ? state.places.filter((f) => f.properties.level === "admin1" && f.properties.admin1_code) : [];
  }

  // countryCode reads the country filter: the page writes ISO codes, an
  // address may carry a name.
  function countryCode(value) {
    const v = (value || "").trim().toLowerCase();
    if (!v) return "";
    for (const c of state.countries.values()) {
      if (c.code.toLowerCase() === v || (c.name_en || "").toLowerCase() === v || c.name_ar === value.trim()) return c.code;
    }
    return value;
  }

  // chosenCodes says which provinces the admin1 filter names: the page
  // writes codes, an address may carry a name in English or Arabic.
  function chosenCodes() {
    const raw = (state.filters.admin1 || "").trim();
    const v = raw.toLowerCase();
    const out = new Set();
    if (!v) return out;
    const country = countryCode(state.filters.country);
    for (const f of provinces()) {
      const p = f.properties;
      if (country && p.country !== country) continue;
      if (p.admin1_code.toLowerCase() === v || p.admin1.toLowerCase() === v || p.admin1_ar === raw) out.add(p.admin1_code);
    }
    return out;
  }

  // The country filter lists every country events were seen in since the
  // page opened (the timeline's statistics say which).
  function fillCountryOptions() {
    const items = [...state.present].filter(Boolean).map((c) => [c, countryName(c)]).sort(byLabel);
    // An address may name the country; the list shows it by its code.
    const code = countryCode(state.filters.country);
    setOptions($("#f-country"), items, items.some(([c]) => c === code) ? code : state.filters.country);
  }

  // The governorate filter lists the provinces of the chosen country, or
  // of every country with events, grouped by country.
  function fillAdmin1Options() {
    if (!state.places) return;
    const country = countryCode(state.filters.country);
    const groups = new Map();
    for (const f of provinces()) {
      const c = f.properties.country;
      if (country ? c !== country : state.present.size > 0 && !state.present.has(c)) continue;
      if (!groups.has(c)) groups.set(c, []);
      groups.get(c).push([f.properties.admin1_code, admin1Name(f)]);
    }
    const list = [...groups].map(([c, items]) => [countryName(c), items.sort(byLabel)]);
    list.sort((a, b) => a[0].localeCompare(b[0], state.lang));
    // An address may name the province; the list shows it by its code.
    const codes = chosenCodes();
    setGroupedOptions($("#f-admin1"), list, codes.size === 1 ? [...codes][0] : state.filters.admin1);
  }

  function actorLabel(id) {
    const n = state.actorNames.get(id);
    if (!n) return id;
    const name = state.lang === "ar" ? n.ar : n.en;
    return name ? `${name} (${id})` : id;
  }

  function fillActorOptions() {
    if (!state.stats) return;
    const items = state.stats.by_actor.filter((s) => s.key).map((s) => [s.key, actorLabel(s.key)]);
    setOptions($("#f-actor"), items, state.filters.actor);
  }

  function learnActors(events) {
    for (const e of events) {
      for (const a of [e.actor1, e.actor2, ...(e.assoc_actor1 || []), ...(e.assoc_actor2 || [])]) {
        if (a && a.id && !state.actorNames.has(a.id)) state.actorNames.set(a.id, { en: a.name_en, ar: a.name_ar });
      }
    }
  }

  function drawLegend() {
    const ul = $("#legend");
    ul.replaceChildren(...TYPES.map((t) => {
      const sw = el("span", { class: "swatch" });
      sw.style.background = typeColour(t);
      return el("li", {}, sw, typeLabel(t));
    }));
  }

  // ---- the map ----

  // An equirectangular projection scaled by cos(30°N), between Yemen's
  // latitudes and Turkey's: over the region it keeps shapes within about
  // 15 per cent, within a few per cent across any one country, and needs
  // no library.
  const KX = Math.cos(30 * Math.PI / 180);
  // The deepest zoom: a town's streets are finer than the base map anyway.
  const MAX_ZOOM = 400;
  const project = (lon, lat) => [lon * KX * 100, -lat * 100];

  function ringPath(ring) {
    let d = "";
    for (let i = 0; i < ring.length; i++) {
      const [x, y] = project(ring[i][0], ring[i][1]);
      d += (i ? "L" : "M") + x.toFixed(1) + " " + y.toFixed(1);
    }
    return d + "Z";
  }
  function geomPath(g) {
    const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    return polys.map((p) => p.map(ringPath).join("")).join("");
  }
  // The label goes at the area-weighted centroid of the largest ring;
  // the third number is the polygons' whole area, in square degrees.
  function labelPoint(g) {
    const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    let best = null, bestArea = 0, total = 0;
    for (const p of polys) {
      const r = p[0];
      let a = 0, cx = 0, cy = 0;
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const f = r[j][0] * r[i][1] - r[i][0] * r[j][1];
        a += f; cx += (r[j][0] + r[i][0]) * f; cy += (r[j][1] + r[i][1]) * f;
      }
      total += Math.abs(a) / 2;
      if (Math.abs(a) > bestArea) { bestArea = Math.abs(a); best = [cx / (3 * a), cy / (3 * a)]; }
    }
    return best && [best[0], best[1], total];
  }

  // inside tells whether a point lies in a polygon's outer rings.
  function inside(g, lon, lat) {
    const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    return polys.some((p) => {
      let in_ = false;
      const r = p[0];
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        if ((r[i][1] > lat) !== (r[j][1] > lat) && lon < (r[j][0] - r[i][0]) * (lat - r[i][1]) / (r[j][1] - r[i][1]) + r[i][0]) in_ = !in_;
      }
      return in_;
    });
  }

  // countryLabel places a country's name at the area-weighted mean of its
  // provinces' centres when that falls in one of them (it may not: Somalia
  // bends round Ethiopia), else at the nearest province's centre.
  function countryLabel(code, parts) {
    let w = 0, mx = 0, my = 0;
    for (const p of parts) { w += p.area; mx += p.lon * p.area; my += p.lat * p.area; }
    mx /= w; my /= w;
    let at = parts.find((p) => inside(p.geometry, mx, my)) ? [mx, my] : null;
    if (!at) {
      let best = Infinity;
      for (const p of parts) {
        const d = (p.lon - mx) ** 2 + (p.lat - my) ** 2;
        if (d < best) { best = d; at = [p.lon, p.lat]; }
      }
    }
    const [x, y] = project(at[0], at[1]);
    const t = svg("text", { x: x.toFixed(1), y: y.toFixed(1), class: "country" });
    t.country = code;
    t.at = [x, y];
    return t;
  }

  let baseBox = null; // the projected extent of the base map

  function drawBaseMap() {
    const gov = $("#gov"), dist = $("#dist"), labels = $("#labels");
    const parts = new Map(); // country → its provinces' centres and areas
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const f of state.places) {
      const d = geomPath(f.geometry);
      const b = f.properties.bbox;
      const [x0, y0] = project(b[0], b[3]);
      const [x1, y1] = project(b[2], b[1]);
      minX = Math.min(minX, x0); minY = Math.min(minY, y0); maxX = Math.max(maxX, x1); maxY = Math.max(maxY, y1);
      if (f.properties.level === "admin2") {
        dist.append(svg("path", { d }));
        continue;
      }
      const p = svg("path", { d });
      p.dataset.admin1 = f.properties.admin1_code || "";
      p.dataset.country = f.properties.country;
      p.feature = f;
      gov.append(p);
      const c = labelPoint(f.geometry);
      if (!c) continue;
      const country = f.properties.country;
      if (!parts.has(country)) parts.set(country, []);
      parts.get(country).push({ lon: c[0], lat: c[1], area: c[2], geometry: f.geometry });
      if (f.properties.admin1_code) {
        const [x, y] = project(c[0], c[1]);
        const t = svg("text", { x: x.toFixed(1), y: y.toFixed(1) });
        t.feature = f;
        t.at = [x, y];
        labels.append(t);
      }
    }
    for (const [code, ps] of parts) labels.append(countryLabel(code, ps));
    const pad = 10;
    baseBox = { x: minX - pad, y: minY - pad, w: maxX - minX + 2 * pad, h: maxY - minY + 2 * pad };
    $("#map").setAttribute("viewBox", `${baseBox.x} ${baseBox.y} ${baseBox.w} ${baseBox.h}`);
    $("#credit").textContent = state.placesCredit || "";
    labelGovernorates();
    shadeGovernorates();
  }

  // labelGovernorates names the provinces in the page's language and
  // measures each name once (its length per unit of font size), so that
  // scaleMarks can keep labels from overlapping without measuring again.
  function labelGovernorates() {
    for (const t of $("#labels").children) {
      t.textContent = t.country ? countryName(t.country) : admin1Name(t.feature);
      t.setAttribute("font-size", "10");
      t.setAttribute("visibility", "visible");
    }
    for (const t of $("#labels").children) t.width1 = t.getComputedTextLength() / 10;
    scaleMarks();
  }

  function shadeGovernorates() {
    let max = 0;
    for (const v of state.admin1Counts.values()) max = Math.max(max, v);
    const chosen = chosenCodes();
    for (const p of $("#gov").children) {
      const n = state.admin1Counts.get(p.dataset.admin1) || 0;
      // Square-root shading: a few busy governorates must not wash out the rest.
      const t = max ? Math.sqrt(n / max) : 0;
      p.style.fill = n ? `rgba(122, 46, 31, ${(0.05 + 0.3 * t).toFixed(3)})` : "";
      p.classList.toggle("chosen", chosen.has(p.dataset.admin1));
      // Countries without events recede, so that the eye finds the rest.
      p.classList.toggle("quiet", state.present.size > 0 && !state.present.has(p.dataset.country));
    }
    for (const t of $("#labels").children) {
      const country = t.country || t.feature.properties.country;
      t.classList.toggle("quiet", state.present.size > 0 && !state.present.has(country));
    }
    scaleMarks();
  }

  // onBaseMap tells whether the map draws an event: located in one of the
  // countries of the base map. Coordinates alone would put a Washington
  // dateline off the frame but an Ethiopian town over blank paper; the
  // country is what the demo's log counts too.
  function onBaseMap(p) {
    const c = p.lat !== null && p.lon !== null && state.countries.get(p.country);
    return Boolean(c && c.bbox);
  }

  // mapNote says how many of the table's events the map draws and why it
  // leaves the others out: the map view has a limit, some events lie
  // beyond the base map's countries, and some have no place at all.
  function mapNote(page) {
    const m = { total: page.total, newest: page.events.length, onMap: 0, elsewhere: 0, noPlace: 0 };
    for (const p of page.events) {
      if (p.lat === null || p.lon === null) m.noPlace++;
      else if (onBaseMap(p)) m.onMap++;
      else m.elsewhere++;
    }
    return L().mapNote(m);
  }

  const radius = (fat) => 2.2 + Math.min(12, Math.sqrt(fat || 0) * 1.4);

  function drawPoints(points) {
    const g = $("#points");
    const frag = document.createDocumentFragment();
    // Oldest first, so that the newest and the chosen sit on top.
    for (let i = points.length - 1; i >= 0; i--) {
      const p = points[i];
      if (!onBaseMap(p)) continue;
      const [x, y] = project(p.lon, p.lat);
      const c = svg("circle", { cx: x.toFixed(2), cy: y.toFixed(2), fill: typeColour(p.event_type) });
      c.point = p;
      if (p.id === state.selected) c.classList.add("chosen");
      frag.append(c);
    }
    g.replaceChildren(frag);
    scaleMarks();
  }

  const LABEL_PX = 11, COUNTRY_PX = 13;

  // Points and labels keep their screen size at every zoom. Labels sit
  // above the points, with a halo, and let clicks through to them; where
  // two would overlap only one is shown: a province with events before one
  // without, a larger one before a smaller. Syria's and Iraq's districts
  // are drawn once the map is close enough to tell them apart.
  function scaleMarks() {
    const v = state.view, k = v.k;
    const unit = unitsPerPixel();
    for (const c of $("#points").children) c.setAttribute("r", (radius(c.point.fatalities) * unit / k).toFixed(3));
    const perDegree = KX * 100 * k / unit; // screen pixels per degree of longitude
    $("#dist").setAttribute("visibility", perDegree > 45 ? "visible" : "hidden");
    // Provinces with events are named first, then countries, then the
    // other provinces, each the larger first.
    const candidates = [];
    for (const t of $("#labels").children) {
      const size = t.country ? COUNTRY_PX : LABEL_PX;
      t.setAttribute("font-size", (size * unit / k).toFixed(3));
      t.setAttribute("visibility", "hidden");
      if (!t.width1) continue;
      const c = t.country && state.countries.get(t.country);
      const b = c ? c.bbox : t.feature && t.feature.properties.bbox;
      if (!b) continue;
      const px = (b[2] - b[0]) * perDegree;
      const events = t.country ? 0 : state.admin1Counts.get(t.feature.properties.admin1_code) || 0;
      // A governorate too small on screen for its name goes unlabelled
      // until the map is zoomed in (Damascus among its neighbours); one
      // with events sooner.
      if (px > (events ? 14 : 40)) candidates.push({ t, px, size, tier: events ? 0 : t.country ? 1 : 2 });
    }
    candidates.sort((a, b) => a.tier - b.tier || b.px - a.px);
    // A label goes at its place, or just above or below it when a dot is
    // there and the shifted label covers none; if every spot covers one,
    // at its place, over the dots (its halo keeps it readable).
    const dots = dotGrid(v, unit);
    const overlaps = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    const placed = [];
    const under = new Set();
    for (const c of candidates) {
      const x = (v.x + k * c.t.at[0]) / unit, y = (v.y + k * c.t.at[1]) / unit;
      // Two names side by side need a gap a reader sees as one: Arabic
      // words two pixels apart («شبوة الحديدة») read as a single name.
      const w = c.t.width1 * c.size + 0.8 * c.size, h = c.size + 3;
      const boxes = [0, -h, h].map((dy) => [x - w / 2, y + dy - h + 3, x + w / 2, y + dy + 3]);
      const free = boxes.filter((b) => !placed.some((p) => overlaps(b, p)));
      if (!free.length) continue;
      // Against the dots, a name counts as far as its glyphs may reach:
      // Arabic script rises and falls further than Latin.
      const ink = (b) => [b[0], b[3] - 3 - 1.1 * c.size, b[2], b[3] - 3 + 0.45 * c.size];
      let box = free.find((b) => !dots.some(ink(b), overlaps));
      if (!box && free[0] === boxes[0]) {
        // Over the dots: they fade under the name.
        box = free[0];
        dots.under(ink(box), overlaps, under);
      }
      if (!box) continue;
      placed.push(box);
      c.t.setAttribute("y", ((box[3] - 3) * unit - v.y) / k);
      c.t.setAttribute("visibility", "visible");
    }
    for (const c of state.faded) if (!under.has(c)) c.classList.remove("under-label");
    for (const c of under) c.classList.add("under-label");
    state.faded = under;
  }

  // dotGrid files the dots' screen boxes in cells of 32 pixels, so that a
  // label is tested against the few dots near it.
  function dotGrid(v, unit) {
    const cells = new Map(), size = 32;
    const key = (i, j) => i + "," + j;
    for (const c of $("#points").children) {
      const x = (v.x + v.k * Number(c.getAttribute("cx"))) / unit, y = (v.y + v.k * Number(c.getAttribute("cy"))) / unit;
      const r = radius(c.point.fatalities);
      const b = [x - r, y - r, x + r, y + r];
      for (let i = Math.floor(b[0] / size); i <= Math.floor(b[2] / size); i++) {
        for (let j = Math.floor(b[1] / size); j <= Math.floor(b[3] / size); j++) {
          const k = key(i, j);
          if (!cells.has(k)) cells.set(k, []);
          cells.get(k).push({ b, c });
        }
      }
    }
    const near = function* (box) {
      for (let i = Math.floor(box[0] / size); i <= Math.floor(box[2] / size); i++) {
        for (let j = Math.floor(box[1] / size); j <= Math.floor(box[3] / size); j++) yield* cells.get(key(i, j)) || [];
      }
    };
    return {
      some(box, test) {
        for (const d of near(box)) if (test(box, d.b)) return true;
        return false;
      },
      // under adds to out the dots whose boxes meet box.
      under(box, test, out) {
        for (const d of near(box)) if (test(box, d.b)) out.add(d.c);
      },
    };
  }

  function unitsPerPixel() {
    const ctm = $("#map").getScreenCTM();
    return ctm && ctm.a ? 1 / ctm.a : 1;
  }

  function applyView() {
    const v = state.view;
    $("#viewport").setAttribute("transform", `translate(${v.x} ${v.y}) scale(${v.k})`);
    scaleMarks();
  }

  // svgPoint turns a mouse position into the map's user units.
  function svgPoint(evt) {
    const m = $("#map");
    const pt = new DOMPoint(evt.clientX, evt.clientY).matrixTransform(m.getScreenCTM().inverse());
    return [pt.x, pt.y];
  }

  function zoomAt(factor, ux, uy) {
    const v = state.view;
    const k = Math.min(MAX_ZOOM, Math.max(1, v.k * factor));
    const f = k / v.k;
    v.x = ux - (ux - v.x) * f;
    v.y = uy - (uy - v.y) * f;
    v.k = k;
    if (k === 1) { v.x = 0; v.y = 0; }
    applyView();
  }

  function setUpMapControls() {
    const m = $("#map");
    m.addEventListener("wheel", (e) => {
      e.preventDefault();
      const [ux, uy] = svgPoint(e);
      zoomAt(e.deltaY < 0 ? 1.25 : 0.8, ux, uy);
    }, { passive: false });
    let drag = null;
    m.addEventListener("pointerdown", (e) => {
      drag = { start: svgPoint(e), x: state.view.x, y: state.view.y, moved: false, id: e.pointerId };
    });
    m.addEventListener("pointermove", (e) => {
      if (!drag) { hover(e); return; }
      // svgPoint is in the units of the viewBox, which panning does not
      // move, so the offset from the press point is the pan itself.
      const [ux, uy] = svgPoint(e);
      const dx = ux - drag.start[0], dy = uy - drag.start[1];
      if (!drag.moved && Math.hypot(dx, dy) < 3 * unitsPerPixel()) return;
      if (!drag.moved) { drag.moved = true; m.setPointerCapture(drag.id); m.classList.add("dragging"); }
      state.view.x = drag.x + dx;
      state.view.y = drag.y + dy;
      applyView();
    });
    const end = (e) => {
      if (!drag) return;
      const moved = drag.moved;
      drag = null;
      m.classList.remove("dragging");
      if (!moved) click(e);
    };
    m.addEventListener("pointerup", end);
    m.addEventListener("pointercancel", () => { drag = null; m.classList.remove("dragging"); });
    m.addEventListener("pointerleave", () => { $("#tooltip").hidden = true; });
    $("#zoom-in").addEventListener("click", () => zoomAt(1.5, baseBox.x + baseBox.w / 2, baseBox.y + baseBox.h / 2));
    $("#zoom-out").addEventListener("click", () => zoomAt(1 / 1.5, baseBox.x + baseBox.w / 2, baseBox.y + baseBox.h / 2));
    $("#zoom-reset").addEventListener("click", () => frame(state.lastPoints ? state.lastPoints.events : []));
    window.addEventListener("resize", scaleMarks);
  }

  function hover(e) {
    const tip = $("#tooltip");
    const t = e.target;
    let text = "";
    if (t.point) {
      const p = t.point;
      text = `${p.date} · ${typeLabel(p.event_type)} · ${p.place || p.admin1 || ""}` +
        (p.fatalities ? ` · ${L().fatalities}: ${fmt(p.fatalities)}` : "");
    } else if (t.feature) {
      const p = t.feature.properties;
      const name = p.admin1_code ? admin1Name(t.feature) : (state.lang === "ar" ? p.name_ar || p.name_en : p.name_en);
      text = `${name} · ${countryName(p.country)}` + (p.admin1_code ? ` · ${fmt(state.admin1Counts.get(p.admin1_code) || 0)}` : "");
    }
    if (!text) { tip.hidden = true; return; }
    const box = $(".map-wrap").getBoundingClientRect();
    tip.textContent = text;
    tip.hidden = false;
    tip.style.left = `${e.clientX - box.left + 12}px`;
    tip.style.top = `${e.clientY - box.top + 12}px`;
  }

  function click(e) {
    const t = document.elementFromPoint(e.clientX, e.clientY);
    if (t && t.point) { select(t.point.id); return; }
    if (t && t.feature && t.feature.properties.admin1_code) {
      const p = t.feature.properties;
      if (chosenCodes().has(p.admin1_code)) {
        setFilter("admin1", "");
        return;
      }
      // A province of another country than the one chosen takes its
      // country along.
      const country = state.filters.country && countryCode(state.filters.country) !== p.country ? p.country : state.filters.country;
      setFilters({ admin1: p.admin1_code, country });
    }
  }

  // ---- framing ----

  // eventsBox is the box of the events the map draws. Every one counts:
  // leaving out the outer 1% on each side cut off Libya and Somalia, a few
  // events each, from the demo's frame.
  function eventsBox(points) {
    let b = null;
    for (const p of points) {
      if (!onBaseMap(p)) continue;
      b = b ? [Math.min(b[0], p.lon), Math.min(b[1], p.lat), Math.max(b[2], p.lon), Math.max(b[3], p.lat)] : [p.lon, p.lat, p.lon, p.lat];
    }
    return b;
  }

  // placeBox is the frame of the chosen province or country.
  function placeBox() {
    const codes = chosenCodes();
    let b = null;
    for (const f of provinces()) {
      if (!codes.has(f.properties.admin1_code)) continue;
      const fb = f.properties.bbox;
      b = b ? [Math.min(b[0], fb[0]), Math.min(b[1], fb[1]), Math.max(b[2], fb[2]), Math.max(b[3], fb[3])] : fb;
    }
    if (b) return b;
    const c = state.countries.get(countryCode(state.filters.country));
    return c ? c.bbox : null;
  }

  // frame fits the map to the events, else to the place chosen, else shows
  // the whole base map. A box is padded and made at least 1.5° across, so
  // that the events of one town do not fill the map.
  function frame(points) {
    const b = eventsBox(points) || placeBox();
    if (!b || !baseBox) {
      state.view = { k: 1, x: 0, y: 0 };
      applyView();
      return;
    }
    const [x0, y0] = project(b[0], b[3]);
    const [x1, y1] = project(b[2], b[1]);
    const w = Math.max(x1 - x0, 150 * KX) * 1.3, h = Math.max(y1 - y0, 150) * 1.3;
    const k = Math.min(MAX_ZOOM, Math.max(1, Math.min(baseBox.w / w, baseBox.h / h)));
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    state.view = k === 1 ? { k: 1, x: 0, y: 0 } : { k, x: baseBox.x + baseBox.w / 2 - k * cx, y: baseBox.y + baseBox.h / 2 - k * cy };
    applyView();
  }

  // ---- the timeline ----

  let timelineWeeks = [];

  function drawTimeline() {
    const s = state.stats;
    const box = $("#timeline");
    const W = Math.max(300, box.clientWidth), H = 150, left = 34, right = 8, top = 8, bottom = 22;
    box.setAttribute("viewBox", `0 0 ${W} ${H}`);
    box.replaceChildren();
    const tl = s ? trimmed(s) : null;
    timelineWeeks = tl ? tl.weeks : [];
    $("#timeline-note").textContent = tl && tl.outside ? L().outside(tl.outside) : "";
    const n = timelineWeeks.length;
    if (!n) return;
    const max = Math.max(1, ...tl.events);
    const bw = (W - left - right) / n;
    const y = (v) => top + (H - top - bottom) * (1 - v / max);
    const axis = svg("g", { class: "axis" });
    axis.append(svg("line", { x1: left, x2: W - right, y1: y(0), y2: y(0) }));
    const ymax = svg("text", { x: left - 4, y: top + 8, "text-anchor": "end" });
    ymax.textContent = fmt(max);
    axis.append(ymax);
    let lastMonth = "", lastX = -Infinity;
    timelineWeeks.forEach((wk, i) => {
      const m = wk.slice(0, 7);
      const x = left + i * bw;
      if (m !== lastMonth && x - lastX > 44) {
        const t = svg("text", { x: x.toFixed(1), y: H - 6 });
        t.textContent = m;
        axis.append(t);
        lastX = x;
      }
      lastMonth = m;
    });
    box.append(axis);
    const bars = svg("g", {});
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (const sr of tl.by_type) {
        const v = sr.counts[i];
        if (!v) continue;
        const r = svg("rect", {
          x: (left + i * bw + 0.5).toFixed(2), width: Math.max(0.5, bw - 1).toFixed(2),
          y: y(acc + v).toFixed(2), height: (y(acc) - y(acc + v)).toFixed(2), fill: typeColour(sr.key),
        });
        const title = svg("title", {});
        title.textContent = `${L().weekOf} ${isoDay(timelineWeeks[i])} · ${typeLabel(sr.key)}: ${fmt(v)}`;
        r.append(title);
        bars.append(r);
        acc += v;
      }
    }
    box.append(bars);
    const brush = svg("rect", { class: "brush", y: top, height: H - top - bottom, x: 0, width: 0, visibility: "hidden" });
    box.append(brush);
    box.layout = { left, bw, n };
    drawBrush();
  }

  // trimmed narrows the axis to the shortest run of weeks that holds 95%
  // of the dated events, widened to the dates the filters ask for: stories
  // recall years-old events («سيطر التنظيم على الموصل عام 2014») and a few
  // dates are misread, and neither should squeeze the busy weeks into a
  // sliver. The note under the chart counts what is left out.
  function trimmed(s) {
    const ev = s.events, n = ev.length;
    const total = ev.reduce((a, b) => a + b, 0);
    const need = Math.ceil(total * 0.95);
    let lo = 0, hi = n - 1;
    if (total > 0) {
      let best = n, sum = 0;
      for (let i = 0, j = 0; j < n; j++) {
        sum += ev[j];
        while (sum - ev[i] >= need && i < j) sum -= ev[i++];
        if (sum >= need && j - i < best) { best = j - i; lo = i; hi = j; }
      }
    }
    const { since, until } = state.filters;
    s.weeks.forEach((wk, i) => {
      if (since && wk <= since && addDays(wk, 6) >= since) lo = Math.min(lo, i);
      if (until && wk <= until && addDays(wk, 6) >= until) hi = Math.max(hi, i);
    });
    const part = (xs) => xs.slice(lo, hi + 1);
    const shown = part(ev).reduce((a, b) => a + b, 0);
    return {
      weeks: part(s.weeks), events: part(ev),
      by_type: s.by_type.map((sr) => ({ key: sr.key, counts: part(sr.counts) })),
      outside: total - shown + (s.undated || 0) + (s.earlier || 0),
    };
  }

  function weekIndex(x) {
    const { left, bw, n } = $("#timeline").layout;
    return Math.max(0, Math.min(n - 1, Math.floor((x - left) / bw)));
  }

  function drawBrush() {
    const box = $("#timeline");
    const brush = box.querySelector(".brush");
    if (!brush || !box.layout) return;
    const { since, until } = state.filters;
    if (!since && !until) { brush.setAttribute("visibility", "hidden"); return; }
    const { left, bw, n } = box.layout;
    let i0 = 0, i1 = n - 1;
    timelineWeeks.forEach((wk, i) => {
      if (since && addDays(wk, 6) < since) i0 = i + 1;
      if (until && wk <= until) i1 = i;
    });
    if (i1 < i0) { brush.setAttribute("visibility", "hidden"); return; }
    brush.setAttribute("x", (left + i0 * bw).toFixed(2));
    brush.setAttribute("width", ((i1 - i0 + 1) * bw).toFixed(2));
    brush.setAttribute("visibility", "visible");
  }

  function addDays(day, n) {
    const d = new Date(day + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function setUpTimeline() {
    const box = $("#timeline");
    let start = null;
    const localX = (e) => {
      const r = box.getBoundingClientRect();
      return (e.clientX - r.left) * (box.viewBox.baseVal.width / r.width);
    };
    box.addEventListener("pointerdown", (e) => {
      if (!timelineWeeks.length) return;
      start = { x: localX(e), moved: false };
      box.setPointerCapture(e.pointerId);
    });
    box.addEventListener("pointermove", (e) => {
      if (!start) return;
      const x = localX(e);
      if (Math.abs(x - start.x) < 4 && !start.moved) return;
      start.moved = true;
      const { left, bw } = box.layout;
      const i0 = weekIndex(Math.min(start.x, x)), i1 = weekIndex(Math.max(start.x, x));
      const brush = box.querySelector(".brush");
      brush.setAttribute("x", (left + i0 * bw).toFixed(2));
      brush.setAttribute("width", ((i1 - i0 + 1) * bw).toFixed(2));
      brush.setAttribute("visibility", "visible");
    });
    box.addEventListener("pointerup", (e) => {
      if (!start) return;
      const x = localX(e), moved = start.moved, x0 = start.x;
      start = null;
      if (!moved) {
        setFilters({ since: "", until: "" });
        return;
      }
      const i0 = weekIndex(Math.min(x0, x)), i1 = weekIndex(Math.max(x0, x));
      setFilters({ since: timelineWeeks[i0], until: addDays(timelineWeeks[i1], 6) });
    });
    window.addEventListener("resize", drawTimeline);
  }

  // ---- the table ----

  function actorCell(a) {
    if (!a) return "";
    return state.lang === "ar" ? (a.name_ar || a.id) : (a.name_en || a.id);
  }

  function placeCell(l) {
    if (!l) return "";
    return state.lang === "ar" ? (l.name_ar || l.name_en) : (l.name_en || l.name_ar);
  }

  function admin1Cell(l) {
    if (!l || !l.admin1) return "";
    if (state.lang === "ar" && l.admin1_code) {
      const f = provinces().find((f) => f.properties.admin1_code === l.admin1_code);
      if (f) return admin1Name(f);
    }
    return l.admin1;
  }

  function drawTable(page) {
    const tb = $("#events tbody");
    state.lastPage = page;
    if (!page.events.length) {
      tb.replaceChildren(el("tr", { class: "empty" }, el("td", { colspan: 9, text: L().noEvents })));
    } else {
      tb.replaceChildren(...page.events.map((e) => {
        const sw = el("span", { class: "swatch" });
        sw.style.background = typeColour(e.event_type);
        const tr = el("tr", { tabindex: 0, "data-id": e.cluster_id },
          el("td", { text: e.date ? e.date.event_date : "" }),
          el("td", {}, sw, " ", typeLabel(e.event_type)),
          el("td", { text: actorCell(e.actor1) }),
          el("td", { text: actorCell(e.actor2) }),
          el("td", { text: placeCell(e.location) }),
          el("td", { class: "admin1", text: admin1Cell(e.location), "data-admin1": e.location ? e.location.admin1 : "",
            "data-code": e.location ? e.location.admin1_code : "" }),
          el("td", { class: "country", text: e.location && e.location.country ? countryName(e.location.country) : "" }),
          el("td", { class: "num", text: e.fatalities ? fmt(e.fatalities.count) : "" }),
          el("td", { class: "num", text: fmt(new Set((e.sources || []).map((s) => s.doc_id)).size) }));
        if (e.cluster_id === state.selected) tr.classList.add("chosen");
        tr.addEventListener("click", () => select(e.cluster_id));
        tr.addEventListener("keydown", (k) => { if (k.key === "Enter") select(e.cluster_id); });
        return tr;
      }));
    }
    const a = page.total ? page.offset + 1 : 0, b = page.offset + page.events.length;
    $("#page-info").textContent = L().pageInfo(a, b, page.total);
    $("#prev").disabled = page.offset === 0;
    $("#next").disabled = b >= page.total;
  }

  // ---- the detail panel ----

  async function select(id) {
    state.selected = id;
    for (const c of $("#points").children) c.classList.toggle("chosen", c.point.id === id);
    for (const tr of $("#events tbody").children) tr.classList.toggle("chosen", tr.dataset.id === id);
    const box = $("#detail");
    box.replaceChildren(el("p", { class: "hint", text: L().loading }));
    try {
      const e = await api(`/api/events/${encodeURIComponent(id)}`);
      if (state.selected !== id) return;
      learnActors([e]);
      state.detail = e;
      drawDetail(e);
    } catch (err) {
      box.replaceChildren(el("p", { class: "hint", text: L().failed(L().detail, err.message) }));
    }
  }

  function drawDetail(e) {
    const lab = L();
    const dl = el("dl");
    const row = (k, v) => { if (v !== "" && v !== null && v !== undefined) dl.append(el("dt", { text: k }), el("dd", {}, v)); };
    const actors = (a, assoc) => [a, ...(assoc || [])].filter(Boolean).map(actorCell).join(" + ");
    row(lab.date, e.date ? `${e.date.event_date} (${lab.precision} ${e.date.time_precision})` : lab.unknown);
    row(lab.subType, subLabel(e.sub_event_type));
    row(lab.actor1, actors(e.actor1, e.assoc_actor1));
    row(lab.actor2, actors(e.actor2, e.assoc_actor2));
    if (e.location) {
      const place = placeCell(e.location), gov = admin1Cell(e.location);
      row(lab.place, `${place}${gov && gov !== place ? " · " + gov : ""} (${lab.precision} ${e.location.geo_precision})`);
    }
    row(lab.fatalities, e.fatalities ? fmt(e.fatalities.count) + (e.fatalities.approx ? "~" : "") : "");
    row(lab.certainty, certaintyLabel(e.certainty));
    row(lab.confidence, typeof e.confidence === "number" ? e.confidence.toFixed(2) : "");
    row(lab.id, e.cluster_id);
    const key = el("ul", { class: "marks-key" },
      ...Object.entries(lab.marks).map(([k, v]) => el("li", { class: `m-${k}`, text: v })));
    const sources = (e.sources || []).map((s) => {
      const meta = el("p", { class: "meta" }, [s.source || lab.source, s.published ? `${lab.published} ${isoDay(s.published)}` : ""].filter(Boolean).join(" · "));
      if (/^https?:\/\//.test(s.url || "")) {
        meta.append(" · ", el("a", { href: s.url, target: "_blank", rel: "noopener noreferrer", text: lab.open }));
      }
      const div = el("div", { class: "source" }, el("p", { class: "title", dir: "auto", text: s.title || s.doc_id }), meta, whyNode(s.why));
      if (s.excerpts && s.excerpts.length) {
        for (const x of s.excerpts) div.append(excerptNode(x));
      } else {
        div.append(el("p", { class: "hint", text: lab.noExcerpt }));
        for (const sp of s.evidence || []) div.append(el("p", { class: "excerpt", dir: "rtl", lang: "ar", text: sp.text }));
      }
      return div;
    });
    $("#detail").replaceChildren(el("h3", {}, typeLabel(e.event_type)), dl, key, ...sources);
  }

  // whyNode says why a source is part of the event: the decision that
  // joined it, with each signal's value, weight and what it compared
  // (the notes are the server's, in English, naming places as WOF does).
  function whyNode(why) {
    const lab = L().why;
    if (!why) return el("p", { class: "why", text: lab.started });
    const head = why.by === "analyst" ? lab.analyst : lab.joined(Number(why.score).toFixed(2));
    const list = el("ul", {}, ...(why.signals || []).map((sg) =>
      el("li", {}, el("b", { text: lab.signals[sg.name] || sg.name }), " ",
        el("span", { class: "num", dir: "ltr", text: `${Number(sg.value).toFixed(2)} × ${sg.weight}` }),
        sg.note ? el("span", { class: "note", dir: "auto", text: " " + sg.note }) : "")));
    return el("details", { class: "why" }, el("summary", { text: head }), list);
  }

  // excerptNode renders an excerpt with its marks. Offsets count code
  // points, as every rasd span does; JavaScript strings count UTF-16 units,
  // so the text is split with Array.from, which yields code points.
  function excerptNode(x) {
    const chars = Array.from(x.text);
    const marks = x.marks
      .map((m) => ({ kind: m.kind, s: Math.max(0, m.start - x.start), e: Math.min(chars.length, m.end - x.start) }))
      .filter((m) => m.e > m.s)
      .sort((a, b) => a.s - b.s || b.e - a.e);
    const p = el("p", { class: "excerpt", dir: "rtl", lang: "ar" });
    if (x.more_before) p.append("… ");
    nest(p, chars, 0, chars.length, marks, true);
    if (x.more_after) p.append(" …");
    return p;
  }

  // nest renders marks[s, e) into parent, a mark inside another as a child
  // of it («مدنيين», an actor, inside «قتل خمسة مدنيين», the fatalities).
  // A mark that crosses the end of an enclosing one is left out. Text
  // outside every evidence sentence is context.
  function nest(parent, chars, s, e, marks, top) {
    const text = (a, b) => {
      const t = chars.slice(a, b).join("");
      return top ? el("span", { class: "ctx", text: t }) : document.createTextNode(t);
    };
    let pos = s;
    for (let i = 0; i < marks.length;) {
      const m = marks[i];
      if (m.s < pos) { i++; continue; }
      if (m.s > pos) parent.append(text(pos, m.s));
      const inner = [];
      let j = i + 1;
      for (; j < marks.length && marks[j].s < m.e; j++) if (marks[j].e <= m.e) inner.push(marks[j]);
      const node = m.kind === "evidence"
        ? el("span", { class: "ev" })
        : el("mark", { class: `m-${m.kind}`, "data-kind": m.kind });
      nest(node, chars, m.s, m.e, inner, false);
      parent.append(node);
      pos = m.e;
      i = j;
    }
    if (pos < e) parent.append(text(pos, e));
  }

  // ---- alerts ----

  // Alerts are worded here, in the page's language, from the report's
  // figures: its own message is English and names an actor by its id. An
  // actor's alert counts the events the actor is on either side of, and
  // civilians and protesters are the side violence is done to, so theirs
  // read "violence against civilians", never as if civilians acted
  // ("Surge · Civilians", as the dashboard once put it).
  const TARGETS = {
    CIVILIANS: { en: "against civilians", ar: "ضد المدنيين" },
    PROTESTERS: { en: "against protesters", ar: "ضد المحتجين" },
  };
  const BANDS = {
    en: { "large increase": "Large increase in violence", "moderate increase": "Moderate increase in violence",
      "large decrease": "Large decrease in violence", "moderate decrease": "Moderate decrease in violence" },
    ar: { "large increase": "ارتفاع كبير في العنف", "moderate increase": "ارتفاع معتدل في العنف",
      "large decrease": "تراجع كبير في العنف", "moderate decrease": "تراجع معتدل في العنف" },
  };
  const AR_VIOLENT = { zero: "# حدث عنف", one: "حدث عنف واحد", two: "حدثا عنف", few: "# أحداث عنف", many: "# حدث عنف", other: "# حدث عنف" };
  const AR_WEEKS_GEN = { zero: "# أسبوع", one: "أسبوع واحد", two: "أسبوعين", few: "# أسابيع", many: "# أسبوعاً", other: "# أسبوع" };

  // alertScope is whom or where an alert is about, as a phrase that follows
  // the words for the change; an actor's Arabic phrase is a clause of its
  // own («، والحوثيون طرفٌ فيه»), which keeps the name in the case the
  // lexicon writes it, so it goes last.
  function alertScope(a) {
    if (a.key_kind === "admin1") {
      const place = `${admin1Label(a.key, a.country)} (${countryName(a.country)})`;
      return { en: ` in ${place}`, ar: ` في ${place}` };
    }
    const target = TARGETS[a.key];
    if (target) return { en: " " + target.en, ar: " " + target.ar };
    const name = alertActorName(a);
    return { en: ` involving ${name}`, ar: `، و${name} طرفٌ فيه`, clause: true };
  }

  function alertActorName(a) {
    const learned = state.actorNames.get(a.key) || {};
    const name = state.lang === "ar" ? (a.name_ar || learned.ar) : (a.name_en || learned.en);
    return name || a.key;
  }

  // alertTitle says what changed, for whom or where.
  function alertTitle(a, report) {
    const sc = alertScope(a), ar = state.lang === "ar";
    const scope = ar ? sc.ar : sc.en;
    // Arabic puts an actor's clause after the whole title.
    const title = (head, tail) => ar && sc.clause ? head + tail + scope : head + scope + tail;
    switch (a.kind) {
      case "surge": return title(ar ? "تصاعد العنف" : "Surge in violence", "");
      case "threat": return title(ar ? "ارتفاع متواصل في العنف" : "Sustained rise in violence", "");
      case "trend": return title(BANDS[state.lang][a.band] || a.band || a.kind, "");
      case "emerging_actor": return `${ar ? "فاعل ناشئ" : "Emerging actor"}: ${alertActorName(a)}`;
      case "highest":
        if (sinceCoverage(a, report)) return title(ar ? "أعلى حصيلة أسبوعية للعنف" : "Most violent week", ar ? " منذ بدء البيانات" : " since the data begin");
        return title(ar ? "أعلى حصيلة أسبوعية للعنف" : "Most violent week", ar ? ` منذ ${arCount(a.weeks, AR_WEEKS_GEN)}` : ` in ${fmt(a.weeks)} weeks`);
    }
    return title(a.kind, "");
  }

  // sinceCoverage tells a "highest" alert whose weeks reach back to the
  // start of the data's coverage: its week is the highest on record, not
  // merely in so many weeks.
  function sinceCoverage(a, report) {
    return a.kind === "highest" && addDays(a.from, -7 * (a.weeks - 1)) === report.covered_from;
  }

  // alertWhy gives the figures behind an alert, as internal/trend's message
  // does, in the page's language.
  function alertWhy(a, report) {
    const ar = state.lang === "ar";
    const n = (v) => ar ? arCount(v, AR_VIOLENT) : `${fmt(v)} violent event${v === 1 ? "" : "s"}`;
    const pct = a.change === null || a.change === undefined ? "" : fmt(Math.round(Math.abs(a.change) * 100)) + (ar ? "٪" : "%");
    const before = ar ? `في الأسابيع الـ${fmt(a.weeks)} السابقة` : `over the ${fmt(a.weeks)} weeks before`;
    let versus;
    if (!pct) versus = ar ? `ولم يقع أي حدث عنف ${before}` : `where the ${fmt(a.weeks)} weeks before had none`;
    else if (a.change >= 0) versus = ar ? `بزيادة ${pct} على المتوسط الأسبوعي (${fmt(a.baseline)}) ${before}` : `${pct} above the weekly average of ${fmt(a.baseline)} ${before}`;
    else versus = ar ? `بانخفاض ${pct} عن المتوسط الأسبوعي (${fmt(a.baseline)}) ${before}` : `${pct} below the weekly average of ${fmt(a.baseline)} ${before}`;
    const week = ar ? `في أسبوع ${isoDay(a.from)}` : `in the week of ${isoDay(a.from)}`;
    switch (a.kind) {
      case "threat":
        return ar ? `بمعدل ${n(a.current)} أسبوعياً في الأسابيع الأربعة حتى ${isoDay(a.to)}، ${versus}`
          : `${n(a.current)} a week over the four weeks to ${isoDay(a.to)}, ${versus}`;
      case "highest": {
        const since = sinceCoverage(a, report);
        if (ar) {
          return `${n(a.current)} ${week}، ` + (since
            ? `وهي الأعلى منذ بدء التغطية المتواصلة للبيانات (${isoDay(report.covered_from)}، ${arCount(a.weeks, AR_WEEKS_GEN)})`
            : `وهي الأعلى منذ ${arCount(a.weeks, AR_WEEKS_GEN)} (الأعلى قبلها: ${fmt(a.baseline)})`);
        }
        return `${n(a.current)} ${week}, ` + (since
          ? `the most of any week since the data's coverage begins (${isoDay(report.covered_from)}, ${fmt(a.weeks)} weeks)`
          : `the most in ${fmt(a.weeks)} weeks (the previous high: ${fmt(a.baseline)})`);
      }
      case "emerging_actor":
        if (ar) {
          return `${n(a.current)} في الأسابيع الأربعة من ${isoDay(a.from)}، ` + (a.last_seen
            ? `بعد غياب تام منذ ${isoDay(a.last_seen)}` : `ولم يظهر من قبل في بيانات تغطي كل أسبوع منذ ${isoDay(report.covered_from)}`);
        }
        return `${n(a.current)} in the four weeks from ${isoDay(a.from)}, ` + (a.last_seen
          ? `after no event at all since ${isoDay(a.last_seen)}` : `never seen before in data that cover every week since ${isoDay(report.covered_from)}`);
    }
    return ar ? `${n(a.current)} ${week}، ${versus}` : `${n(a.current)} ${week}, ${versus}`;
  }

  // drawAlerts lists internal/trend's report: one line per rule that fired,
  // for a governorate or an actor; a click filters the page to it.
  function drawAlerts(body) {
    const box = $("#alerts");
    const list = (body && body.alerts) || [];
    if (!list.length) { box.replaceChildren(el("p", { class: "hint", text: L().noAlerts })); return; }
    for (const a of list) {
      if (a.key_kind === "actor" && !state.actorNames.has(a.key) && (a.name_en || a.name_ar)) {
        state.actorNames.set(a.key, { en: a.name_en, ar: a.name_ar });
      }
    }
    box.replaceChildren(el("ul", {}, ...list.map((a) => {
      const btn = el("button", { type: "button", "data-kind": a.kind, "data-key": a.key },
        el("span", { class: "kind", text: alertTitle(a, body) }),
        el("span", { class: "why", text: alertWhy(a, body) }),
        el("span", { class: "why", text: `${isoDay(a.from)} – ${isoDay(a.to)} · ${L().eventsBehind((a.events || []).length)}` }));
      btn.addEventListener("click", () => {
        if (a.key_kind !== "admin1") {
          setFilter("actor", a.key);
          return;
        }
        const f = provinceNamed(a.key, a.country);
        setFilters({ admin1: f ? f.properties.admin1_code : a.key, country: a.country || state.filters.country });
      });
      return el("li", {}, btn);
    })));
  }

  function provinceNamed(name, country) {
    return provinces().find((f) => f.properties.admin1 === name && (!country || f.properties.country === country));
  }

  function admin1Label(name, country) {
    const f = state.lang === "ar" && provinceNamed(name, country);
    return f ? admin1Name(f) : name;
  }

  // ---- loading ----

  function readURL() {
    const p = new URLSearchParams(location.search);
    for (const k of Object.keys(state.filters)) state.filters[k] = p.get(k) || "";
    state.filters.background = p.get("background") || HIDE_BACKGROUND;
    state.sort = p.get("sort") || "date";
  }

  // writeURL keeps the view in the address bar, leaving out what is the
  // default anyway.
  function writeURL() {
    const p = new URLSearchParams(query(state.sort !== "date" ? { sort: state.sort } : {}));
    if (p.get("background") === HIDE_BACKGROUND) p.delete("background");
    const s = p.toString();
    history.replaceState(null, "", location.pathname + (s ? "?" + s : ""));
  }

  function syncForm() {
    for (const [k, v] of Object.entries(state.filters)) {
      const input = $(`#f-${k}`);
      if (input && input.type !== "checkbox") input.value = v;
    }
    $("#f-background").checked = state.filters.background === HIDE_BACKGROUND;
    $("#sort").value = state.sort;
  }

  function setFilter(k, v) { setFilters({ [k]: v }); }

  function setFilters(changes) {
    const datesOnly = Object.keys(changes).every((k) => k === "since" || k === "until");
    if ("country" in changes && changes.country !== state.filters.country && !("admin1" in changes)) {
      // A province of the country left behind no longer applies.
      const country = countryCode(changes.country);
      const f = provinces().find((f) => chosenCodes().has(f.properties.admin1_code));
      if (country && f && f.properties.country !== country) changes.admin1 = "";
    }
    for (const k of ["country", "admin1"]) {
      if (k in changes && changes[k] !== state.filters[k]) state.refit = true;
    }
    Object.assign(state.filters, changes);
    state.offset = 0;
    syncForm();
    writeURL();
    refresh(!datesOnly);
  }

  // refresh reloads what the filters change. The timeline keeps its whole
  // range (it ignores the dates) so that the brush can widen again.
  async function refresh(withTimeline) {
    const gen = ++state.generation;
    showError("");
    // Without dates the timeline's statistics are the shading's too: one
    // request serves both.
    const undated = !state.filters.since && !state.filters.until;
    const jobs = [loadEvents(gen), loadPoints(gen), loadAlerts(gen), loadSummary(gen), loadHidden(gen)];
    if (!withTimeline || !undated) jobs.push(loadAdmin1(gen));
    if (withTimeline) jobs.push(loadTimeline(gen, undated));
    await Promise.all(jobs);
    if (gen !== state.generation) return;
    drawSummary();
    shadeGovernorates();
    fillAdmin1Options();
  }

  const guard = (what, gen, fn) => async () => {
    try {
      await fn();
    } catch (err) {
      if (gen === state.generation) showError(L().failed(what, err.message));
    }
  };

  function loadEvents(gen) {
    return guard(L().events, gen, async () => {
      const page = await api("/api/events" + query({ limit: PAGE, offset: state.offset, sort: state.sort }));
      if (gen !== state.generation) return;
      learnActors(page.events);
      drawTable(page);
      fillActorOptions();
    })();
  }

  function loadPoints(gen) {
    return guard(L().map, gen, async () => {
      const page = await api("/api/events" + query({ view: "map", limit: MAP_LIMIT }));
      if (gen !== state.generation) return;
      drawPoints(page.events);
      $("#map-note").textContent = mapNote(page);
      state.lastPoints = page;
      if (state.refit) {
        state.refit = false;
        frame(page.events);
      }
    })();
  }

  function loadAdmin1(gen) {
    return guard(L().governorate, gen, async () => {
      const s = await api("/api/stats" + query());
      if (gen !== state.generation) return;
      countAdmin1(s);
    })();
  }

  function countAdmin1(s) {
    state.admin1Counts = new Map(s.by_admin1.filter((r) => r.code).map((r) => [r.code, r.events]));
  }

  function loadTimeline(gen, shading) {
    return guard(L().timeline, gen, async () => {
      const s = await api("/api/stats" + query({}, false));
      if (gen !== state.generation) return;
      state.stats = s;
      if (shading) countAdmin1(s);
      for (const r of s.by_country || []) if (r.key) state.present.add(r.key);
      drawTimeline();
      fillActorOptions();
      fillCountryOptions();
    })();
  }

  function loadAlerts(gen) {
    return (async () => {
      try {
        // The alerts look back a year from the end of the chosen period,
        // so the start of the period is not theirs to cut.
        const body = await api("/api/alerts" + query({}, true, ["since"]));
        if (gen === state.generation) drawAlerts(body);
      } catch (err) {
        if (gen !== state.generation) return;
        const msg = err.status === 501 ? L().alertsOff : L().failed(L().alerts, err.message);
        $("#alerts").replaceChildren(el("p", { class: "hint", text: msg }));
      }
    })();
  }

  async function loadSummary(gen) {
    try {
      const h = await api("/healthz");
      if (gen === state.generation) state.health = h;
    } catch (_) { /* the other panels report the failure */ }
  }

  // loadHidden counts the background events the filters would show but for
  // the box that hides them, so that the header can say what it leaves out.
  function loadHidden(gen) {
    if (state.filters.background !== HIDE_BACKGROUND) {
      state.hidden = 0;
      return Promise.resolve();
    }
    return guard(L().events, gen, async () => {
      const page = await api("/api/events" + query({ background: "true", view: "map", limit: 1 }));
      if (gen === state.generation) state.hidden = page.total;
    })();
  }

  // drawSummary fills the header: the store's events and documents, then
  // how many of them the table and the map work from.
  function drawSummary() {
    if (!state.health || !state.lastPage) return;
    const f = state.filters;
    const filtered = Object.keys(f).some((k) => k !== "background" && f[k]) || f.background === "true";
    $("#summary").textContent = L().summary({
      all: state.health.clusters, documents: state.health.documents,
      shown: state.lastPage.total, hidden: state.hidden, filtered,
    });
  }

  function redrawLabels() {
    applyLanguage();
    if (state.places) labelGovernorates();
    drawTimeline();
    if (state.lastPage) drawTable(state.lastPage);
    if (state.lastPoints) $("#map-note").textContent = mapNote(state.lastPoints);
    if (state.detail && state.detail.cluster_id === state.selected) drawDetail(state.detail);
    drawSummary();
    loadAlerts(state.generation);
  }

  async function start() {
    readURL();
    applyLanguage();
    syncForm();
    setUpMapControls();
    setUpTimeline();
    $("#filters").addEventListener("submit", (e) => {
      e.preventDefault();
      const data = new FormData(e.target);
      const changes = {};
      for (const k of Object.keys(state.filters)) {
        if (k !== "background") changes[k] = String(data.get(k) || "").trim();
      }
      setFilters(changes);
    });
    for (const id of ["#f-type", "#f-actor", "#f-country", "#f-admin1"]) {
      $(id).addEventListener("change", (e) => setFilter(e.target.name, e.target.value));
    }
    $("#f-background").addEventListener("change", (e) => setFilter("background", e.target.checked ? HIDE_BACKGROUND : "all"));
    $("#reset").addEventListener("click", () =>
      setFilters({ since: "", until: "", type: "", actor: "", country: "", admin1: "", q: "", background: HIDE_BACKGROUND }));
    $("#sort").addEventListener("change", (e) => { state.sort = e.target.value; state.offset = 0; writeURL(); loadEvents(state.generation); });
    $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadEvents(state.generation); });
    $("#next").addEventListener("click", () => { state.offset += PAGE; loadEvents(state.generation); });
    $("#lang").addEventListener("click", () => {
      state.lang = state.lang === "ar" ? "en" : "ar";
      localStorage.setItem("rasd.lang", state.lang);
      redrawLabels();
    });
    try {
      const base = await api("/api/basemap");
      state.places = base.features;
      state.countries = new Map(base.countries.map((c) => [c.code, c]));
      state.placesCredit = base.credit;
      drawBaseMap();
      fillCountryOptions();
      fillAdmin1Options();
    } catch (err) {
      showError(L().failed(L().map, err.message));
    }
    await refresh(true);
    document.body.dataset.ready = "1";
  }

  start();
})();
