// 检索 Jiansuo — the web page's script. No framework and no build step: the page is
// state → URL → fetch → DOM, and every text from the index enters the page as text
// nodes (highlights as <mark> elements built here), never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const token = new URLSearchParams(location.search).get("token");

// The whole view lives in the URL, so a link reproduces it.
const defaults = { q: "", op: "all", years: "", collection: "", source: "", view: "results", offset: "0", sort: "year", width: "30", abs: "", doc: "", hit: "0" };
let state = readState();
let controller = null;
let current = { search: null, counts: null, kwic: null, doc: null };
let selected = -1;

function readState() {
  const params = new URLSearchParams(location.search);
  const result = {};
  for (const key of Object.keys(defaults)) result[key] = params.get(key) ?? defaults[key];
  return result;
}

function writeState(push) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) if (value !== defaults[key]) params.set(key, value);
  if (token) params.set("token", token);
  const url = "/" + (params.toString() ? "?" + params.toString() : "");
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
}

async function api(path, params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v != null));
  const response = await fetch(path + "?" + query.toString(), {
    signal: controller.signal,
    headers: token ? { Authorization: "Bearer " + token } : {},
  });
  const body = await response.json();
  if (!response.ok) throw Object.assign(new Error(body.error.message), body.error);
  return body;
}

// Text with highlights: `ranges` are UTF-16 [start, end) pairs, as the API's highlightsUTF16.
function marked(text, ranges) {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) fragment.append(text.slice(at, start));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    fragment.append(mark);
    at = end;
  }
  fragment.append(text.slice(at));
  return fragment;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

// A section path as one line: `二、代表工作 › （三）建议办理`. A long one keeps its outermost
// and innermost headings (each cut to a few characters at most) and drops the middle, so
// the line still says which part of the report and which subsection; the full path is the
// element's tooltip.
const sectionSeparator = " › ";
function sectionLabel(section, maxCharacters) {
  const full = section.join(sectionSeparator);
  if ([...full].length <= maxCharacters) return full;
  const cut = (text, n) => { const chars = [...text]; return chars.length <= n ? text : chars.slice(0, n - 1).join("") + "…"; };
  const last = section[section.length - 1];
  if (section.length === 1) return cut(last, maxCharacters);
  const outer = Math.max(6, Math.floor(maxCharacters / 3));
  const inner = Math.max(6, maxCharacters - outer - (section.length > 2 ? 5 : 3));
  return [cut(section[0], outer), ...(section.length > 2 ? ["…"] : []), cut(last, inner)].join(sectionSeparator);
}

function sectionElement(tag, section, maxCharacters) {
  const node = element(tag, "section-path", sectionLabel(section, maxCharacters));
  node.title = section.join(sectionSeparator);
  return node;
}

// The filters of the view, as the API takes them.
function filters() {
  return { years: state.years, collection: state.collection, source: state.source };
}

function filterNote() {
  const parts = [state.years && `${state.years} 年`, state.collection && `文集 ${state.collection}`, state.source && `来源 ${state.source}`].filter(Boolean);
  return parts.length ? `（${parts.join(" · ")}）` : "";
}

function showError(error) {
  const box = $("error");
  if (!error) { box.hidden = true; return; }
  let message = "出错了：" + error.message;
  if (error.position != null) message += `（第 ${error.position + 1} 个字符处）`;
  box.textContent = message;
  box.hidden = false;
}

async function render() {
  $("q").value = state.q;
  $("op").value = state.op;
  $("kwic-sort").value = state.sort;
  $("kwic-width").value = state.width;
  $("absolute").checked = state.abs === "1";
  const hasQuery = state.q.trim() !== "";
  $("welcome").hidden = hasQuery;
  for (const id of ["tabs", "overview", "parsed"]) $(id).hidden = !hasQuery;
  for (const view of ["results", "kwic", "doc"]) $(view + "-view").hidden = !hasQuery || state.view !== view;
  $("overview").hidden = !hasQuery || state.view === "doc";
  for (const button of document.querySelectorAll("#tabs [data-view]")) {
    button.setAttribute("aria-pressed", String(button.dataset.view === state.view));
    if (button.dataset.view === "doc") button.hidden = !state.doc;
  }
  if (!hasQuery) { showError(null); loadStats(); return; }
  if (controller) controller.abort();
  controller = new AbortController();
  try {
    const tasks = [loadCounts()];
    if (state.view === "results") tasks.push(loadResults());
    if (state.view === "kwic") tasks.push(loadKwic());
    if (state.view === "doc") tasks.push(loadDocument());
    await Promise.all(tasks);
    showError(null);
  } catch (error) {
    if (error.name !== "AbortError") showError(error);
  }
}

async function loadStats() {
  controller = new AbortController();
  try {
    const stats = await api("/api/stats", {});
    const years = stats.documentsByYear;
    $("index-stats").textContent = `索引：${stats.documents} 篇文档，${stats.passages} 个段落` +
      (years.length ? `，${years[0].year}–${years[years.length - 1].year} 年` : "");
  } catch (error) { if (error.name !== "AbortError") showError(error); }
}

async function loadResults() {
  const result = await api("/api/search", { q: state.q, operator: state.op, ...filters(), offset: state.offset, limit: 10 });
  current.search = result;
  $("parsed").textContent = "检索式解析为：" + result.parsed;
  const offset = Number(state.offset);
  $("total").textContent = result.total === 0 ? "没有匹配的段落。" :
    `${result.total_relation === "gte" ? "至少 " : "共 "}${result.total} 个段落匹配` + filterNote() + `，显示第 ${offset + 1}–${offset + result.hits.length} 个，用时 ${result.took_ms.toFixed(result.took_ms < 1 ? 2 : 1)} 毫秒`;
  const list = $("hits");
  list.replaceChildren();
  selected = -1;
  for (const hit of result.hits) {
    const item = element("li", "hit");
    item.tabIndex = -1;
    const head = element("div", "hit-head");
    const link = element("a", "title", hit.title || hit.path.split("/").pop());
    link.href = linkTo({ view: "doc", doc: hit.document, hit: "0" });
    link.addEventListener("click", (event) => { event.preventDefault(); openDocument(hit.document); });
    head.append(element("span", "year", hit.year ?? "年份不详"), link);
    const text = element("p", "snippet");
    text.append(marked(hit.snippet.text, hit.snippet.highlightsUTF16));
    item.append(head);
    if (hit.section.length) item.append(sectionElement("div", hit.section, 48));
    item.append(text, element("div", "path", hit.path));
    list.append(item);
  }
  $("previous-page").disabled = offset === 0;
  $("next-page").disabled = offset + result.hits.length >= Math.min(result.total, 1000);
  $("page-label").textContent = result.total > 10 ? `第 ${Math.floor(offset / 10) + 1} 页` : "";
}

async function loadCounts() {
  // Each facet counts under the other facets' filters, so its own entries stay to choose from.
  const { years: _, ...others } = filters();
  const [years, collections, sources] = await Promise.all([
    api("/api/count", { q: state.q, by: "year", ...others }),
    api("/api/count", { q: state.q, by: "collection", ...filters(), collection: "" }),
    api("/api/count", { q: state.q, by: "source", ...filters(), source: "" }),
  ]);
  current.counts = years;
  if (state.view !== "results") {
    const parsed = await api("/api/search", { q: state.q, operator: state.op, limit: 0 });
    $("parsed").textContent = "检索式解析为：" + parsed.parsed;
  }
  drawChart(years.years);
  drawFacets(years.years, collections.groups, sources.groups);
}

// Years whose text is under a tenth of the median year's are flagged: a handful of
// occurrences in a short text would otherwise tower over every other year.
function lowTextThreshold(years) {
  const sizes = years.map((y) => y.characters).filter((c) => c > 0).sort((a, b) => a - b);
  return sizes.length ? sizes[Math.floor(sizes.length / 2)] / 10 : 0;
}

function drawChart(allYears) {
  const years = allYears.filter((y) => y.year != null && y.characters > 0);
  const absolute = state.abs === "1";
  $("chart-title").textContent = absolute ? "各年出现次数（绝对数）" : "各年出现次数（每万字）";
  $("clear-years").hidden = !state.years;
  const threshold = lowTextThreshold(years);
  const value = (y) => (absolute ? y.occurrences : y.per10kCharacters);
  const scaled = years.filter((y) => absolute || y.characters >= threshold);
  const maximum = Math.max(1e-9, ...scaled.map(value));
  const svgNS = "http://www.w3.org/2000/svg";
  const width = Math.max(320, years.length * 14), height = 160, bottom = 20;
  const svg = document.createElementNS(svgNS, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  const defs = document.createElementNS(svgNS, "defs");
  defs.innerHTML = '<pattern id="low-text" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="6" fill="#b8b8b8"/></pattern>';
  svg.append(defs);
  const slot = width / Math.max(1, years.length);
  years.forEach((y, i) => {
    const low = !absolute && y.characters < threshold;
    const fraction = Math.min(1, value(y) / maximum);
    const barHeight = Math.max(y.occurrences > 0 ? 2 : 0, fraction * (height - bottom - 12));
    const group = document.createElementNS(svgNS, "g");
    group.setAttribute("class", "bar" + (low ? " low" : "") + (state.years === String(y.year) ? " selected" : ""));
    group.dataset.year = y.year;
    const hitArea = document.createElementNS(svgNS, "rect");
    hitArea.setAttribute("x", i * slot); hitArea.setAttribute("y", 0);
    hitArea.setAttribute("width", slot); hitArea.setAttribute("height", height);
    hitArea.setAttribute("class", "hit-area");
    const bar = document.createElementNS(svgNS, "rect");
    bar.setAttribute("x", i * slot + slot * 0.15); bar.setAttribute("width", slot * 0.7);
    bar.setAttribute("y", height - bottom - barHeight); bar.setAttribute("height", barHeight);
    if (low) bar.setAttribute("fill", "url(#low-text)");
    const title = document.createElementNS(svgNS, "title");
    title.textContent = `${y.year} 年：${y.occurrences} 次，${y.documents} 篇文档，每万字 ${y.per10kCharacters.toFixed(2)} 次` +
      (low ? `（该年文本仅 ${y.characters} 字，比率不可靠）` : "");
    group.append(hitArea, bar, title);
    if (i % Math.ceil(years.length / 12) === 0) {
      const label = document.createElementNS(svgNS, "text");
      label.setAttribute("x", i * slot + slot / 2); label.setAttribute("y", height - 5);
      label.textContent = y.year;
      group.append(label);
    }
    group.addEventListener("click", () => setYears(state.years === String(y.year) ? "" : String(y.year)));
    svg.append(group);
  });
  $("chart").replaceChildren(svg);
}

function drawFacets(years, collections, sources) {
  const box = $("facets");
  box.replaceChildren();
  const facet = (name, title, entries, active, choose) => {
    const block = element("div", "facet");
    block.dataset.facet = name;
    block.append(element("h3", null, title));
    const list = element("ul");
    for (const [key, label, count] of entries) {
      const item = element("li");
      const isActive = key !== "" && key === active;
      const button = element("button", isActive ? "active" : "", label);
      button.dataset.key = key;
      button.type = "button";
      button.setAttribute("aria-pressed", String(isActive));
      if (key !== "") button.addEventListener("click", () => choose(key === active ? "" : key)); else button.disabled = true;
      item.append(button, element("span", "count", String(count)));
      list.append(item);
    }
    block.append(list);
    box.append(block);
  };
  const topYears = years.filter((y) => y.year != null && y.passages > 0).sort((a, b) => b.occurrences - a.occurrences).slice(0, 8);
  facet("years", "年份", topYears.map((y) => [String(y.year), y.year + " 年", y.occurrences]), state.years, setYears);
  // A document without a collection (at the top folder) or source cannot be chosen: no
  // filter selects "none".
  facet("collection", "文集", collections.map((g) => [g.key, g.key || "（顶层）", g.occurrences]), state.collection,
    (key) => go({ collection: key, offset: "0" }));
  facet("source", "来源", sources.map((g) => [g.key, g.key || "（未注明）", g.occurrences]), state.source,
    (key) => go({ source: key, offset: "0" }));
}

async function loadKwic() {
  const result = await api("/api/kwic", { q: state.q, operator: state.op, ...filters(), sort: state.sort, width: state.width, limit: 500 });
  current.kwic = result;
  $("kwic-total").textContent = `共 ${result.occurrences} 处` + (result.lines.length < result.occurrences ? `，显示前 ${result.lines.length} 处` : "");
  const body = $("kwic").tBodies[0];
  body.replaceChildren();
  for (const line of result.lines) {
    const row = element("tr");
    row.append(element("td", "year", line.year ?? "—"), element("td", "left", line.left));
    const match = element("td", "match");
    match.append(element("mark", null, line.match));
    row.append(match, element("td", "right", line.right));
    row.append(line.section.length ? sectionElement("td", line.section, 24) : element("td", "section-path"));
    row.title = line.title || line.path;
    row.dataset.document = line.document;
    row.addEventListener("click", () => openDocument(line.document));
    body.append(row);
  }
}

async function loadDocument() {
  const doc = await api("/api/documents/" + encodeURIComponent(state.doc), { q: state.q, operator: state.op });
  current.doc = doc;
  $("doc-title").textContent = doc.title || doc.path;
  $("doc-meta").textContent = `${doc.year ?? "年份不详"} · ${doc.path} · ${doc.highlights.length} 处匹配`;
  $("doc-text").replaceChildren(documentBody(doc));
  showHit(Number(state.hit));
}

// The document's text with its headings as headings (h3 for the outermost sections, down to
// h6) and every hit marked. Hits never cross a passage, and a heading is a passage, so each
// hit lies wholly inside a heading or wholly in the text between two.
function documentBody(doc) {
  const fragment = document.createDocumentFragment();
  const piece = (node, start, end) => {
    const ranges = doc.highlightsUTF16.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s - start, e - start]);
    node.append(marked(doc.text.slice(start, end), ranges));
    return node;
  };
  // Text between headings, without the blank lines that a heading's own block replaces.
  const body = (start, end) => {
    const text = doc.text.slice(start, end);
    const from = start + (text.length - text.trimStart().length), to = end - (text.length - text.trimEnd().length);
    if (from < to) fragment.append(piece(element("div", "doc-body"), from, to));
  };
  let at = 0;
  for (const heading of doc.headings) {
    const [start, end] = heading.rangeUTF16;
    body(at, start);
    const node = piece(element("h" + Math.min(6, heading.depth + 2), "doc-heading depth-" + Math.min(4, heading.depth)), start, end);
    node.dataset.start = start;
    fragment.append(node);
    at = end;
  }
  body(at, doc.text.length);
  return fragment;
}

// The headings above UTF-16 offset `at`: the last one of each depth, outermost first.
function sectionAt(doc, at) {
  const path = [];
  for (const heading of doc.headings) {
    if (heading.rangeUTF16[0] > at) break;
    path.length = Math.min(path.length, heading.depth - 1);
    path.push(doc.text.slice(...heading.rangeUTF16).replace(/\s+/g, " "));
  }
  return path;
}

function showHit(index) {
  const marks = $("doc-text").querySelectorAll("mark");
  if (!marks.length) { $("hit-label").textContent = "无匹配"; return; }
  const i = ((index % marks.length) + marks.length) % marks.length;
  marks.forEach((mark, j) => mark.classList.toggle("current", j === i));
  marks[i].scrollIntoView({ block: "center" });
  $("hit-label").textContent = `第 ${i + 1} / ${marks.length} 处`;
  const section = current.doc ? sectionAt(current.doc, current.doc.highlightsUTF16[i][0]) : [];
  $("hit-section").replaceChildren(...(section.length ? [sectionElement("span", section, 40)] : []));
  if (state.hit !== String(i)) { state.hit = String(i); writeState(false); }
}

function linkTo(changes) {
  const saved = state;
  state = { ...state, ...changes };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) if (value !== defaults[key]) params.set(key, value);
  if (token) params.set("token", token);
  state = saved;
  return "/?" + params.toString();
}

function go(changes, push = true) {
  state = { ...state, ...changes };
  writeState(push);
  render();
}

function setYears(years) { go({ years, offset: "0" }); }
function openDocument(id) { go({ view: "doc", doc: id, hit: "0" }); }

function download(name, type, content) {
  const link = element("a");
  link.href = URL.createObjectURL(new Blob([content], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

function csvRow(values) {
  return values.map((v) => {
    const text = v == null ? "" : String(v);
    return /[",\n\r]/.test(text) ? '"' + text.replaceAll('"', '""') + '"' : text;
  }).join(",") + "\n";
}

// The current view's data, with the query in the file.
function exportView(format) {
  const base = "检索-" + state.q.replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 40);
  const view = state.view;
  const data = view === "kwic" ? current.kwic : view === "doc" ? current.doc : current.search;
  if (!data) return;
  if (format === "json") {
    download(`${base}-${view}.json`, "application/json", JSON.stringify({ query: state.q, years: state.years || null, view, ...data }, null, 2));
    return;
  }
  let csv = "";
  if (view === "kwic") {
    csv = csvRow(["query", "year", "path", "left", "match", "right"]) +
      data.lines.map((l) => csvRow([state.q, l.year, l.path, l.left, l.match, l.right])).join("");
  } else if (view === "doc") {
    csv = csvRow(["query", "path", "start", "end", "match"]) +
      data.highlightsUTF16.map(([s, e], i) => csvRow([state.q, data.path, data.highlights[i][0], data.highlights[i][1], data.text.slice(s, e)])).join("");
  } else {
    csv = csvRow(["query", "rank", "score", "year", "path", "title", "text"]) +
      data.hits.map((h) => csvRow([state.q, h.rank, h.score.toFixed(4), h.year, h.path, h.title, h.text])).join("");
  }
  download(`${base}-${view}.csv`, "text/csv;charset=utf-8", "\ufeff" + csv);
}

let debounce = null;
$("q").addEventListener("input", () => {
  clearTimeout(debounce);
  debounce = setTimeout(() => go({ q: $("q").value, offset: "0", view: state.view === "doc" ? "results" : state.view }, false), 250);
});
$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(debounce);
  go({ q: $("q").value, offset: "0", view: state.view === "doc" ? "results" : state.view });
});
$("op").addEventListener("change", () => go({ op: $("op").value, offset: "0" }));
$("absolute").addEventListener("change", () => go({ abs: $("absolute").checked ? "1" : "" }, false));
$("clear-years").addEventListener("click", () => setYears(""));
$("kwic-sort").addEventListener("change", () => go({ sort: $("kwic-sort").value }, false));
$("kwic-width").addEventListener("change", () => go({ width: String(Math.max(4, Math.min(80, Number($("kwic-width").value) || 30))) }, false));
$("previous-page").addEventListener("click", () => go({ offset: String(Math.max(0, Number(state.offset) - 10)) }));
$("next-page").addEventListener("click", () => go({ offset: String(Number(state.offset) + 10) }));
$("previous-hit").addEventListener("click", () => showHit(Number(state.hit) - 1));
$("next-hit").addEventListener("click", () => showHit(Number(state.hit) + 1));
$("doc-back").addEventListener("click", () => go({ view: "results" }));
$("export-csv").addEventListener("click", () => exportView("csv"));
$("export-json").addEventListener("click", () => exportView("json"));
$("copy-link").addEventListener("click", async () => {
  try { await navigator.clipboard.writeText(location.href); $("copy-link").textContent = "已复制"; }
  catch { prompt("复制此链接：", location.href); }
  setTimeout(() => { $("copy-link").textContent = "复制链接"; }, 1500);
});
for (const button of document.querySelectorAll("#tabs [data-view]")) {
  button.addEventListener("click", () => go({ view: button.dataset.view }));
}
window.addEventListener("popstate", () => { state = readState(); render(); });

document.addEventListener("keydown", (event) => {
  const typing = event.target === $("q") || event.target.tagName === "INPUT" || event.target.tagName === "SELECT";
  if (event.key === "/" && !typing) { event.preventDefault(); $("q").focus(); $("q").select(); return; }
  if (event.key === "Escape" && typing) { event.target.blur(); return; }
  if (typing && !(event.target === $("q") && (event.key === "ArrowDown"))) return;
  if (state.view === "doc") {
    if (event.key === "ArrowRight" || event.key === "n") { event.preventDefault(); showHit(Number(state.hit) + 1); }
    if (event.key === "ArrowLeft" || event.key === "p") { event.preventDefault(); showHit(Number(state.hit) - 1); }
    return;
  }
  if (state.view === "results") {
    const items = [...document.querySelectorAll("#hits .hit")];
    if (!items.length) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      selected = Math.max(0, Math.min(items.length - 1, selected + (event.key === "ArrowDown" ? 1 : -1)));
      items.forEach((item, i) => item.classList.toggle("selected", i === selected));
      items[selected].focus();
    }
    if (event.key === "Enter" && selected >= 0) items[selected].querySelector("a.title").click();
  }
});

render();
if (!state.q) $("q").focus();
