// The query page: run SPARQL (/sparql), Cypher (/cypher) or a catalogue query (/queries/{name}/run) and show a table.
"use strict";
const engine = document.getElementById("engine");
const catalogue = document.getElementById("catalogue");
const params = document.getElementById("params");
const text = document.getElementById("query");
const status = document.getElementById("status");
const table = document.getElementById("results");
const pager = document.getElementById("pager");
const PAGE = 100; // catalogue rows a page
let page = null; // the catalogue answer shown: its URL without offset, its offset and total

function showParams() {
  params.replaceChildren();
  const chosen = catalogue.selectedOptions[0];
  const wanted = engine.value === "catalogue" && chosen ? chosen.dataset.params.split(",").filter(Boolean) : [];
  for (const name of wanted) {
    const input = document.createElement("input");
    input.name = name;
    input.placeholder = name;
    input.setAttribute("aria-label", name);
    params.append(input);
  }
  text.hidden = engine.value === "catalogue";
  catalogue.parentElement.hidden = engine.value !== "catalogue";
}

function cell(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "value" in value) return value.value;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function render(columns, rows, from = null) {
  const head = document.createElement("tr");
  for (const c of columns) head.append(Object.assign(document.createElement("th"), { textContent: c }));
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren(...rows.map((row) => {
    const tr = document.createElement("tr");
    for (const value of row) tr.append(Object.assign(document.createElement("td"), { textContent: cell(value) }));
    return tr;
  }));
  status.className = "";
  pager.hidden = from === null;
  if (from === null) {
    status.textContent = `${rows.length} dòng / rows`;
    return;
  }
  const last = from.offset + rows.length;
  status.textContent = `dòng / rows ${rows.length ? from.offset + 1 : 0}–${last} / ${from.total}`;
  document.getElementById("previous").disabled = from.offset === 0;
  document.getElementById("next").disabled = last >= from.total;
}

async function showPage(offset) {
  const response = await fetch(`${page.url}&limit=${PAGE}&offset=${offset}`);
  if (!response.ok) return fail(response);
  const body = await response.json();
  page.total = body.total;
  page.offset = body.offset;
  return render(body.columns, body.rows.map((row) => body.columns.map((c) => row[c])), page);
}

async function fail(response) {
  let detail = response.statusText;
  try { detail = (await response.json()).detail || detail; } catch (e) { /* not problem details */ }
  status.className = "error";
  status.textContent = `${response.status}: ${detail}`;
}

async function run(event) {
  event.preventDefault();
  status.className = "";
  status.textContent = "Đang chạy… / Running…";
  let response;
  if (engine.value === "sparql") {
    response = await fetch("/sparql", { method: "POST", body: new URLSearchParams({ query: text.value }),
      headers: { Accept: "application/sparql-results+json" } });
    if (!response.ok) return fail(response);
    const body = await response.json();
    if ("boolean" in body) return render(["boolean"], [[body.boolean]]);
    const vars = body.head.vars;
    return render(vars, body.results.bindings.map((b) => vars.map((v) => b[v])));
  }
  if (engine.value === "cypher") {
    response = await fetch("/cypher", { method: "POST", body: JSON.stringify({ query: text.value, parameters: {} }),
      headers: { "Content-Type": "application/json" } });
    if (!response.ok) return fail(response);
    const body = await response.json();
    return render(body.columns, body.rows);
  }
  const query = new URLSearchParams();
  for (const input of params.querySelectorAll("input")) query.set(input.name, input.value);
  page = { url: `/queries/${encodeURIComponent(catalogue.value)}/run?${query}`, offset: 0, total: 0 };
  return showPage(0);
}

engine.addEventListener("change", showParams);
catalogue.addEventListener("change", showParams);
document.getElementById("query-form").addEventListener("submit", run);
document.getElementById("previous").addEventListener("click", () => showPage(Math.max(0, page.offset - PAGE)));
document.getElementById("next").addEventListener("click", () => showPage(page.offset + PAGE));
showParams();
