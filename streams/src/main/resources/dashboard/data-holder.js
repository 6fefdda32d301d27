// Served by the query server from the same origin: the page's CSP allows no inline script.
"use strict";
// Your key stays in this tab's session storage; every figure comes from the query API with it.
const keyInput = document.getElementById("key");
const statusLine = document.getElementById("status");
const fragmentKey = new URLSearchParams(location.hash.slice(1)).get("key");
if (fragmentKey) {
  sessionStorage.setItem("bluebutton-organization-key", fragmentKey);
  history.replaceState(null, "", location.pathname + location.search);
}
keyInput.value = sessionStorage.getItem("bluebutton-organization-key") || "";
const number = v => v === null || v === undefined ? "—" : Number(v).toLocaleString("en-US");
const per100 = v => v === null || v === undefined ? "—" : (Number(v) * 100).toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2});
const percent = v => v === null || v === undefined ? "—" : (Number(v) > 0 ? "+" : "") + Number(v).toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2}) + " %";
const label = name => name.toLowerCase().replace(/[_-]/g, " ");

async function api(path) {
  const response = await fetch(path, {headers: {"Authorization": "Bearer " + keyInput.value}});
  if (!response.ok) {
    let problem = {title: response.status, detail: ""};
    try { problem = await response.json(); } catch (ignored) { /* not a problem body */ }
    throw new Error(problem.title + ": " + problem.detail);
  }
  return response;
}

function element(tag, text) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function definitions(id, pairs) {
  document.getElementById(id).replaceChildren(...pairs.flatMap(([term, value]) => [element("dt", term), element("dd", value)]));
}

async function show(event) {
  if (event) event.preventDefault();
  sessionStorage.setItem("bluebutton-organization-key", keyInput.value);
  statusLine.textContent = "Loading…";
  try {
    const me = await (await api("/v1/me")).json();
    const orgId = me.orgId || new URLSearchParams(location.search).get("org");
    if (!orgId) throw new Error("This page is for an organization's own key (staff: add ?org=<id>)");
    const year = new Date().getUTCFullYear();
    const from = year - 4;
    const years = Array.from({length: year - from + 1}, (_, i) => year - i);
    const [figures, hub, ...quality] = await Promise.all([
      api("/v1/organizations/" + encodeURIComponent(orgId) + "/metrics?from=" + from + "&to=" + year).then(r => r.json()),
      api("/v1/organizations/" + encodeURIComponent(orgId) + "/hub-appearance").then(r => r.json()),
      ...years.map(y => api("/v1/organizations/" + encodeURIComponent(orgId) + "/data-quality?year=" + y).then(r => r.json()))]);
    const org = figures.organization;
    definitions("profile", [["name", org.name], ["id", org.orgId], ["type", label(org.organizationType)], ["category", label(org.category)],
      ["state", org.state], ["status", label(org.status)], ["pledged", org.pledgedAt.slice(0, 10)],
      ["commitments", org.commitments.map(label).join(", ") || "none"]]);
    const head = element("tr");
    ["period", "downloads", "views", "transmits", "API accesses", "patients with access (as of)", "download rate /100", "downloads vs year before"]
      .forEach(h => head.append(element("th", h)));
    const rows = [head];
    for (const y of figures.years) {
      for (const [period, f] of [[String(y.year), y], ...y.months.map(m => [y.year + "-" + String(m.month).padStart(2, "0"), m])]) {
        const tr = element("tr");
        [period, number(f.activity.downloads), number(f.activity.views), number(f.activity.transmits), number(f.activity.apiAccesses),
          f.access ? number(f.access.patientsWithAccess) + " (" + f.access.asOf + ")" : "—", per100(f.rates && f.rates.downloadRate),
          percent(f.yearOverYear && f.yearOverYear.downloads.percentChange)].forEach(v => tr.append(element("td", v)));
        rows.push(tr);
      }
    }
    if (figures.years.length === 0) rows.push(element("tr", "No figures from " + from + " to " + year + " yet."));
    document.getElementById("figures").replaceChildren(...rows);
    const qualityHead = element("tr");
    ["month", "input", "late events", "late count", "duplicates", "dead letters"].forEach(h => qualityHead.append(element("th", h)));
    const qualityRows = [qualityHead];
    for (const q of quality) {
      for (const m of q.months) {
        const tr = element("tr");
        [q.year + "-" + String(m.month).padStart(2, "0"), label(m.sourceTopic.replace(/^.*\./, "")), number(m.lateEvents), number(m.lateCount),
          number(m.duplicateEvents), number(m.deadLetters)].forEach(v => tr.append(element("td", v)));
        qualityRows.push(tr);
      }
    }
    if (qualityRows.length === 1) qualityRows.push(element("tr", "Nothing set aside from " + from + " to " + year + "."));
    document.getElementById("quality").replaceChildren(...qualityRows);
    document.getElementById("export").onclick = async () => {
      const response = await api("/v1/exports/organizations/" + encodeURIComponent(orgId) + "/months?from=" + from + "&to=" + year);
      const link = element("a");
      link.href = URL.createObjectURL(await response.blob());
      link.download = "bluebutton-" + orgId + "-" + from + "-" + year + ".csv";
      link.click();
      URL.revokeObjectURL(link.href);
    };
    document.getElementById("hub").textContent = hub.listed
      ? "Listed on the Hub, offering: " + (hub.capabilities.map(label).join(", ") || "no Blue Button capability named yet") + "."
      : "Not listed on the Hub: " + hub.reason + ".";
    const latest = hub.latest;
    const shown = (name, value) => latest.suppressed && latest.suppressed.includes(name) ? "not shown" : number(value);
    definitions("hub-figures", latest ? [["published year", String(latest.year)], ["patients with access", shown("patientsWithAccess", latest.patientsWithAccess)],
      ["downloads", shown("downloads", latest.downloads)], ["views", shown("views", latest.views)], ["transmits", shown("transmits", latest.transmits)]] : []);
    statusLine.textContent = "";
  } catch (e) {
    statusLine.textContent = e.message;
  }
}

document.getElementById("query").addEventListener("submit", show);
if (keyInput.value) show();
