// Served by the query server from the same origin: the page's CSP allows no inline script.
"use strict";
// Every figure comes from the query API with the staff key, which stays in this tab's session storage.
const keyInput = document.getElementById("key");
const yearSelect = document.getElementById("year");
const statusLine = document.getElementById("status");
// A key may also come in the fragment (#key=...), which browsers never send to a server; it is moved
// to session storage and removed from the address bar at once.
const fragmentKey = new URLSearchParams(location.hash.slice(1)).get("key");
if (fragmentKey) {
  sessionStorage.setItem("bluebutton-staff-key", fragmentKey);
  history.replaceState(null, "", location.pathname + location.search);
}
keyInput.value = sessionStorage.getItem("bluebutton-staff-key") || "";
const requestedYear = new URLSearchParams(location.search).get("year");
// ?org= opens an organization's page (a link staff can share); the key never goes in it.
let openOrganization = new URLSearchParams(location.search).get("org");

const number = v => v === null || v === undefined ? "—" : Number(v).toLocaleString("en-US");
// Rates are per patient with access in the API; people read them per 100 patients.
const per100 = v => v === null || v === undefined ? "—" : (Number(v) * 100).toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2});
const percent = v => v === null || v === undefined ? "—" : (Number(v) > 0 ? "+" : "") + Number(v).toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2}) + " %";
const label = (name) => name.toLowerCase().replace(/_/g, " ");

class ApiError extends Error {}
let lastQuality = null;

async function api(path) {
  const response = await fetch(path, {headers: {"Authorization": "Bearer " + keyInput.value}});
  if (!response.ok) {
    let problem = {title: response.status, detail: ""};
    try { problem = await response.json(); } catch (ignored) { /* not a problem body */ }
    throw new ApiError(problem.title + ": " + problem.detail);
  }
  return response.json();
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function figure(name, value, change, changeText) {
  const box = element("div", null, "figure");
  box.append(element("div", value, "value"), element("div", name, "label"));
  if (changeText !== undefined) {
    const line = element("div", changeText, "change");
    if (change && change.percentChange !== undefined) line.classList.add(Number(change.percentChange) >= 0 ? "up" : "down");
    box.append(line);
  }
  return box;
}

function yoyText(change, previousYear, format) {
  if (!change) return "";
  const before = change.previous === undefined ? "none" : format(change.previous);
  if (change.percentChange !== undefined) return (Number(change.percentChange) >= 0 ? "▲ " : "▼ ") + percent(change.percentChange) + " vs " + previousYear + " (" + before + ")";
  return previousYear + ": " + before;
}

/** A table: columns are [heading, value-of-row, is-text]; every cell is text, never markup. */
function table(id, columns, rows, onRow) {
  const head = element("thead");
  const headRow = element("tr");
  columns.forEach(([heading, , text]) => headRow.append(element("th", heading, text ? "text" : "")));
  head.append(headRow);
  const body = element("tbody");
  for (const row of rows) {
    const tr = element("tr");
    columns.forEach(([, value, text], i) => {
      const td = element("td", null, text ? "text" : "");
      if (i === 0 && onRow) {
        const link = element("button", value(row), "link");
        link.type = "button";
        link.addEventListener("click", () => onRow(row));
        td.append(link);
      } else {
        td.textContent = value(row);
      }
      tr.append(td);
    });
    body.append(tr);
  }
  if (rows.length === 0) {
    const tr = element("tr");
    const td = element("td", "nothing for this period", "text");
    td.colSpan = columns.length;
    tr.append(td);
    body.append(tr);
  }
  document.getElementById(id).replaceChildren(head, body);
}

const figureColumns = [
  ["downloads", g => number(g.activity.downloads)],
  ["views", g => number(g.activity.views)],
  ["transmits", g => number(g.activity.transmits)],
  ["API accesses", g => number(g.activity.apiAccesses)],
  ["patients with access", g => g.organizationsWithAccessFigures === 0 ? "—" : number(g.patientsWithAccess)],
  ["download rate /100", g => per100(g.rates && g.rates.downloadRate)],
  ["downloads vs year before", g => percent(g.yearOverYear && g.yearOverYear.downloads.percentChange)],
  ["rate vs year before", g => percent(g.yearOverYear && g.yearOverYear.downloadRate.percentChange)]];

function headline(summary, year) {
  const holders = summary.pledges.find(p => p.organizationType === "DATA_HOLDER") || {};
  const others = summary.pledges.find(p => p.organizationType === "NON_DATA_HOLDER") || {};
  const yoy = summary.yearOverYear || {};
  const before = year - 1;
  document.getElementById("headline-note").textContent = year + ", compared with " + before;
  document.getElementById("headline").replaceChildren(
    figure("patients with access", number(summary.patientsWithAccess), yoy.patientsWithAccess, yoyText(yoy.patientsWithAccess, before, number)),
    figure("downloads", number(summary.activity.downloads), yoy.downloads, yoyText(yoy.downloads, before, number)),
    figure("download rate (per 100 patients with access)", per100(summary.rates && summary.rates.downloadRate), yoy.downloadRate,
      yoyText(yoy.downloadRate, before, per100)),
    figure("views", number(summary.activity.views), yoy.views, yoyText(yoy.views, before, number)),
    figure("transmits", number(summary.activity.transmits), yoy.transmits, yoyText(yoy.transmits, before, number)),
    figure("API accesses", number(summary.activity.apiAccesses), yoy.apiAccesses, yoyText(yoy.apiAccesses, before, number)),
    figure("data holders reporting", number(summary.organizationsReporting)),
    figure("data holders pledged (end of year)", number(holders.activeAtEnd)),
    figure("non-data holders pledged (end of year)", number(others.activeAtEnd)),
    figure("new pledges this year", number((holders.newPledges || 0) + (others.newPledges || 0))));
}

function trend(months) {
  const svg = document.getElementById("trend");
  const ns = "http://www.w3.org/2000/svg";
  const left = 60, top = 10, width = 680, height = 250;
  const series = [["downloads", "#0b5cad"], ["views", "#b35900"], ["transmits", "#2e7d32"], ["apiAccesses", "#7b3fa0"]];
  const max = Math.max(1, ...months.flatMap(m => series.map(([name]) => m.activity[name])));
  const x = i => left + (months.length === 1 ? 0 : i * width / (months.length - 1));
  const y = v => top + height - v * height / max;
  const nodes = [];
  const line = (x1, y1, x2, y2) => { const l = document.createElementNS(ns, "line");
    Object.entries({x1, y1, x2, y2, stroke: "#999"}).forEach(([k, v]) => l.setAttribute(k, v)); return l; };
  nodes.push(line(left, top + height, left + width, top + height), line(left, top, left, top + height));
  const text = (content, tx, ty, anchor) => { const t = document.createElementNS(ns, "text");
    t.setAttribute("x", tx); t.setAttribute("y", ty); t.setAttribute("text-anchor", anchor); t.textContent = content; return t; };
  nodes.push(text(max.toLocaleString("en-US"), left - 6, top + 10, "end"), text("0", left - 6, top + height, "end"));
  months.forEach((m, i) => nodes.push(text(String(m.month).padStart(2, "0"), x(i), top + height + 16, "middle")));
  for (const [name, color] of series) {
    const path = document.createElementNS(ns, "polyline");
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", color);
    path.setAttribute("stroke-width", "2");
    path.setAttribute("data-series", name);
    path.setAttribute("points", months.map((m, i) => x(i) + "," + y(m.activity[name])).join(" "));
    nodes.push(path);
  }
  svg.replaceChildren(...nodes);
}

function bars(id, groups, value, name = g => label(g.group)) {
  const svg = document.getElementById(id);
  const ns = "http://www.w3.org/2000/svg";
  const rowHeight = 18, left = 150, width = 300;
  const max = Math.max(1, ...groups.map(value));
  const nodes = [];
  groups.forEach((g, i) => {
    const caption = document.createElementNS(ns, "text");
    caption.setAttribute("x", left - 6); caption.setAttribute("y", i * rowHeight + 13); caption.setAttribute("text-anchor", "end");
    caption.textContent = name(g);
    const bar = document.createElementNS(ns, "rect");
    bar.setAttribute("x", left); bar.setAttribute("y", i * rowHeight + 3); bar.setAttribute("height", rowHeight - 6);
    bar.setAttribute("width", Math.max(1, value(g) * width / max)); bar.setAttribute("fill", "#0b5cad");
    bar.setAttribute("data-group", g.group);
    const amount = document.createElementNS(ns, "text");
    amount.setAttribute("x", left + Math.max(1, value(g) * width / max) + 4); amount.setAttribute("y", i * rowHeight + 13);
    amount.textContent = number(value(g));
    nodes.push(caption, bar, amount);
  });
  svg.setAttribute("height", Math.max(10, groups.length * rowHeight + 4));
  svg.setAttribute("viewBox", "0 0 520 " + Math.max(10, groups.length * rowHeight + 4));
  svg.replaceChildren(...nodes);
}

async function showYear(year) {
  const [summary, categories, states, quality, pledges, commitments] = await Promise.all([
    api("/v1/program/summary?year=" + year), api("/v1/breakdowns/category?year=" + year), api("/v1/breakdowns/state?year=" + year),
    api("/v1/data-quality?year=" + year), api("/v1/pledge-counts?granularity=year"), api("/v1/commitments")]);
  lastQuality = quality;
  headline(summary, year);
  trend(summary.months);
  table("months-table", [["month", m => year + "-" + String(m.month).padStart(2, "0")], ...figureColumns], summary.months);
  bars("categories-chart", categories.groups, g => g.activity.downloads);
  table("categories-table", [["category", g => label(g.group)], ...figureColumns], categories.groups);
  const topStates = [...states.groups].sort((a, b) => b.activity.downloads - a.activity.downloads).slice(0, 15);
  bars("states-chart", topStates, g => g.activity.downloads, g => g.group);
  table("states-table", [["state", g => g.group], ...figureColumns], states.groups);
  table("quality-table", [["input topic", t => t.sourceTopic, true], ["late events", t => number(t.lateEvents)], ["late count", t => number(t.lateCount)],
    ["duplicates dropped", t => number(t.duplicateEvents)], ["dead letters", t => number(t.deadLetters)]], quality.totals);
  table("silent-table", [["organization", o => o.name, true], ["id", o => o.orgId, true], ["category", o => label(o.category), true], ["state", o => o.state]],
    quality.dataHoldersNotReporting, o => showOrganization(o.orgId));
  const byYear = [...pledges].sort((a, b) => a.year - b.year || a.organizationType.localeCompare(b.organizationType));
  table("pledges-table", [["year", p => String(p.year)], ["type", p => label(p.organizationType), true], ["new", p => number(p.newPledges)],
    ["withdrawn", p => number(p.withdrawals)], ["active at end", p => number(p.activeAtEnd)]], byYear);
  document.getElementById("commitments-note").textContent = "Active today: " + number(commitments.activeDataHolders) + " data holders, "
    + number(commitments.activeNonDataHolders) + " non-data holders.";
  table("commitments-table", [["commitment", c => label(c.commitment), true], ["type", c => label(c.organizationType), true],
    ["organizations", c => number(c.organizations)]], commitments.commitments);
}

async function searchOrganizations(event) {
  if (event) event.preventDefault();
  const q = document.getElementById("org-q").value;
  try {
    const page = await api("/v1/organizations?size=100&q=" + encodeURIComponent(q));
    document.getElementById("org-count").textContent = page.total + " found" + (page.total > page.items.length ? ", the first " + page.items.length + " shown" : "");
    table("orgs-table", [["name", o => o.name, true], ["id", o => o.orgId, true], ["type", o => label(o.organizationType), true],
      ["category", o => label(o.category), true], ["state", o => o.state], ["status", o => label(o.status), true]], page.items, o => showOrganization(o.orgId));
  } catch (e) {
    statusLine.textContent = e.message;
  }
}

async function showOrganization(orgId) {
  const year = Number(yearSelect.value);
  try {
    const [figures, own] = await Promise.all([
      api("/v1/organizations/" + encodeURIComponent(orgId) + "/metrics?from=" + (year - 4) + "&to=" + year),
      api("/v1/organizations/" + encodeURIComponent(orgId) + "/data-quality?year=" + year)]);
    const org = figures.organization;
    openOrganization = orgId;
    history.replaceState(null, "", location.pathname + "?year=" + year + "&org=" + encodeURIComponent(orgId));
    document.getElementById("org-page").hidden = false;
    document.getElementById("org-name").textContent = org.name + " (" + org.orgId + ")";
    const silent = lastQuality && lastQuality.dataHoldersNotReporting.some(o => o.orgId === orgId);
    const sum = (field, one, many) => {
      const n = own.totals.reduce((total, t) => total + t[field], 0);
      return n.toLocaleString("en-US") + " " + (n === 1 ? one : many);
    };
    document.getElementById("org-quality").textContent = (silent ? "Data quality: an active data holder that sent nothing for " + year + ". "
      : "Data quality in " + year + ": ") + sum("lateEvents", "late event", "late events") + ", "
      + sum("duplicateEvents", "duplicate", "duplicates") + ", " + sum("deadLetters", "dead letter", "dead letters") + " set aside.";
    const profile = document.getElementById("org-profile");
    profile.replaceChildren();
    for (const [term, value] of [["type", label(org.organizationType)], ["category", label(org.category)], ["state", org.state],
        ["status", label(org.status)], ["pledged", org.pledgedAt.slice(0, 10)], ["commitments", org.commitments.map(label).join(", ") || "none"]]) {
      profile.append(element("dt", term), element("dd", value));
    }
    const rows = [];
    for (const y of figures.years) {
      rows.push({period: String(y.year), ...y});
      for (const m of y.months) rows.push({period: y.year + "-" + String(m.month).padStart(2, "0"), ...m});
    }
    table("org-table", [["period", r => r.period], ["downloads", r => number(r.activity.downloads)], ["views", r => number(r.activity.views)],
      ["transmits", r => number(r.activity.transmits)], ["API accesses", r => number(r.activity.apiAccesses)],
      ["patients with access (as of)", r => r.access ? number(r.access.patientsWithAccess) + " (" + r.access.asOf + ")" : "—"],
      ["download rate /100", r => per100(r.rates && r.rates.downloadRate)],
      ["downloads vs year before", r => percent(r.yearOverYear && r.yearOverYear.downloads.percentChange)]], rows);
    document.getElementById("org-export").onclick = () => download("/v1/exports/organizations/" + encodeURIComponent(orgId) + "/months?from="
      + (year - 4) + "&to=" + year);
    // The staff pages are ingest's (where changes are made); linked when the deployment names ingest's URL.
    const staffPages = document.getElementById("staff-pages");
    const orgEdit = document.getElementById("org-edit");
    if (staffPages) {
      orgEdit.href = staffPages.href + "?org=" + encodeURIComponent(orgId);
      orgEdit.hidden = false;
    }
    document.getElementById("org-page").scrollIntoView();
  } catch (e) {
    statusLine.textContent = e.message;
  }
}

/** A CSV export: fetched with the key (a plain link could not send it) and saved under the server's file name. */
async function download(path) {
  const response = await fetch(path, {headers: {"Authorization": "Bearer " + keyInput.value}});
  if (!response.ok) {
    statusLine.textContent = "Export failed: " + response.status;
    return;
  }
  const name = (response.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/);
  const link = element("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = name ? name[1] : "bluebutton.csv";
  link.click();
  URL.revokeObjectURL(link.href);
}

document.querySelectorAll("button[data-export]").forEach(button => button.addEventListener("click", () => {
  const table = button.dataset.export;
  const query = table === "organizations" ? "q=" + encodeURIComponent(document.getElementById("org-q").value)
    : table === "pledge-counts" ? "granularity=year" : table === "commitments" ? "" : "year=" + yearSelect.value;
  download("/v1/exports/" + table + "?" + query);
}));

/** Fills the year picker from the years with figures; opens on ?year= if given, else on the latest year with figures. */
async function chooseYears() {
  const years = await api("/v1/program/years");
  const current = new Date().getUTCFullYear();
  const choices = new Set(years.years);
  const chosen = requestedYear ? Number(requestedYear) : (years.latest || current);
  choices.add(chosen);
  for (let y = Math.min(...choices); y <= Math.max(current, ...choices); y++) choices.add(y);
  yearSelect.replaceChildren(...[...choices].sort((a, b) => b - a).map(y => {
    const option = element("option", y + (years.years.includes(y) ? "" : " (no figures)"));
    option.value = y;
    return option;
  }));
  yearSelect.value = chosen;
}

async function show(event) {
  if (event) event.preventDefault();
  sessionStorage.setItem("bluebutton-staff-key", keyInput.value);
  statusLine.textContent = "Loading…";
  try {
    if (yearSelect.options.length === 0) await chooseYears();
    const year = Number(yearSelect.value);
    history.replaceState(null, "", location.pathname + "?year=" + year);
    await showYear(year);
    await searchOrganizations();
    statusLine.textContent = "";
    if (openOrganization) await showOrganization(openOrganization);
  } catch (e) {
    statusLine.textContent = e instanceof ApiError ? e.message : "The query API could not be reached: " + e.message;
  }
}

document.getElementById("query").addEventListener("submit", show);
yearSelect.addEventListener("change", () => show());
document.getElementById("org-search").addEventListener("submit", searchOrganizations);
if (keyInput.value) show();
