"use strict";
// The staff page: every action is a call to ingest's JSON API with the staff key, which stays in this
// tab's session storage; the API's rules and problem messages are shown as they come. Nothing from the
// API is written as HTML: text goes into elements as text.
(function () {
  const KEY = "bluebutton-staff-key";
  const $ = (id) => document.getElementById(id);
  const status = $("status");

  // A key may come in the fragment (#key=...), which browsers never send to a server: it is moved to
  // session storage and removed from the address bar at once.
  const fragmentKey = new URLSearchParams(location.hash.slice(1)).get("key");
  if (fragmentKey) {
    sessionStorage.setItem(KEY, fragmentKey);
    history.replaceState(null, "", location.pathname + location.search);
  }
  $("key").value = sessionStorage.getItem(KEY) || "";

  class ApiProblem extends Error {
    constructor(status, problem) {
      super(problem.title || "HTTP " + status);
      this.status = status;
      this.problem = problem;
    }
  }

  async function api(method, path, body) {
    const key = sessionStorage.getItem(KEY);
    if (!key) {
      throw new ApiProblem(0, {title: "No staff key", detail: "Enter the staff key at the top of the page."});
    }
    const headers = {"Authorization": "Bearer " + key, "Accept": "application/json"};
    const init = {method: method, headers: headers, cache: "no-store"};
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiProblem(0, {title: "Ingest did not answer", detail: String(e)});
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      throw new ApiProblem(response.status, json || {title: "HTTP " + response.status, detail: text.slice(0, 300)});
    }
    return json;
  }

  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      element.setAttribute(name, value);
    }
    for (const child of children) {
      element.append(child === null || child === undefined ? "" : child);
    }
    return element;
  }

  function say(message, kind) {
    status.textContent = message;
    status.className = "status" + (kind ? " " + kind : "");
  }

  // A problem: its title and detail, and each field error, next to the form it came from.
  function showProblem(box, error, form) {
    const problem = error.problem || {title: String(error)};
    box.replaceChildren(el("p", {class: "error"}, (problem.title || "Problem") + (error.status ? " (" + error.status + ")" : "")
      + (problem.detail ? ": " + problem.detail : "")));
    if (problem.errors && problem.errors.length) {
      const list = el("ul", {class: "error"});
      for (const item of problem.errors) {
        list.append(el("li", {}, (item.field ? item.field + ": " : "") + item.reason));
        const field = form && item.field ? form.querySelector("[data-field='" + item.field + "']") : null;
        if (field) {
          field.classList.add("invalid");
          field.querySelectorAll("input, select").forEach((input) => input.setAttribute("aria-invalid", "true"));
        }
      }
      box.append(list);
    }
    say((problem.title || "Problem") + ": see the message by the form.", "bad");
  }

  // One line for a problem shown in the status line: title (status): detail.
  function describe(error) {
    const problem = error.problem || {title: String(error)};
    return (problem.title || "Problem") + (error.status ? " (" + error.status + ")" : "") + (problem.detail ? ": " + problem.detail : "");
  }

  function clearProblems(form) {
    const box = form.querySelector(".form-problems");
    if (box) {
      box.replaceChildren();
    }
    form.querySelectorAll(".invalid").forEach((field) => field.classList.remove("invalid"));
    form.querySelectorAll("[aria-invalid]").forEach((input) => input.removeAttribute("aria-invalid"));
  }

  // Labels as the page shows them (rendered by ingest from the same lists the API checks against).
  const commitmentLabel = (symbol) => {
    const label = document.querySelector("label[for='create-commitment-" + symbol + "']");
    return label ? label.textContent : symbol;
  };
  const categoryLabel = (symbol) => {
    const option = document.querySelector("#create-category option[value='" + symbol + "']");
    return option ? option.textContent : symbol;
  };

  function readProfile(form) {
    const body = {};
    for (const name of ["orgId", "name", "city", "postalCode", "website"]) {
      const input = form.elements[name];
      if (input && input.value.trim() !== "") {
        body[name] = input.value.trim();
      }
    }
    body.organizationType = form.elements.organizationType.value;
    body.category = form.elements.category.value;
    body.state = form.elements.state.value;
    body.commitments = Array.from(form.querySelectorAll("input[name=commitments]:checked"), (input) => input.value);
    body.listedOnHub = form.elements.listedOnHub.checked;
    return body;
  }

  function fillProfile(form, organization) {
    for (const name of ["name", "city", "postalCode", "website"]) {
      form.elements[name].value = organization[name] || "";
    }
    form.elements.organizationType.value = organization.organizationType;
    form.elements.category.value = organization.category;
    form.elements.state.value = organization.state;
    form.querySelectorAll("input[name=commitments]").forEach((input) => {
      input.checked = organization.commitments.includes(input.value);
    });
    form.elements.listedOnHub.checked = organization.listedOnHub;
  }

  function showIssuedKey(issued, contact) {
    $("issued-note").textContent = "Key for " + issued.orgId + (contact ? " — send it to " + contact : "") + ":";
    $("issued-key").textContent = issued.apiKey;
    $("issued").hidden = false;
    $("issued").focus();
  }

  $("issued-done").addEventListener("click", () => {
    $("issued-key").textContent = "";
    $("issued").hidden = true;
  });

  // --- Pledge requests ---------------------------------------------------------------------------

  function requestCard(request) {
    const location = [request.city, request.state, request.postalCode].filter(Boolean).join(", ");
    const summary = el("dl", {class: "summary"},
      el("dt", {}, "Type"), el("dd", {}, request.organizationType === "DATA_HOLDER" ? "Data holder" : "Not a data holder"),
      el("dt", {}, "Category"), el("dd", {}, categoryLabel(request.category)),
      el("dt", {}, "Location"), el("dd", {}, location),
      el("dt", {}, "Website"), el("dd", {}, request.website || "—"),
      el("dt", {}, "Commitments"), el("dd", {}, el("ul", {}, ...request.commitments.map((c) => el("li", {}, commitmentLabel(c))))),
      el("dt", {}, "Contact"), el("dd", {}, el("a", {href: "mailto:" + request.contactEmail}, request.contactEmail)),
      el("dt", {}, "Sent"), el("dd", {}, request.submittedAt.replace("T", " ").slice(0, 16) + " UTC"),
      el("dt", {}, "Reference"), el("dd", {}, el("code", {}, request.requestId)));
    const card = el("article", {class: "panel", "data-request": request.requestId}, el("h3", {}, request.name), summary);
    if (request.status === "PENDING") {
      const problems = el("div", {class: "form-problems", role: "alert"});
      const orgInput = el("input", {type: "text", id: "approve-" + request.requestId, name: "orgId", maxlength: "64"});
      orgInput.value = request.suggestedOrgId || "";
      const approve = el("form", {class: "actions approve"},
        el("div", {class: "field", "data-field": "orgId"}, el("label", {for: orgInput.id}, "Organization id"), orgInput),
        el("button", {type: "submit"}, "Approve and issue its key"));
      const reason = el("textarea", {id: "reason-" + request.requestId, name: "reason", rows: "2", maxlength: "2000"});
      const decline = el("form", {class: "actions decline"},
        el("div", {class: "field", "data-field": "reason"}, el("label", {for: reason.id}, "Reason for declining (for the organization)"), reason),
        el("button", {type: "submit", class: "danger"}, "Decline"));
      approve.addEventListener("submit", async (event) => {
        event.preventDefault();
        clearProblems(card);
        try {
          const approval = await api("POST", "/v1/pledge-requests/" + encodeURIComponent(request.requestId) + "/approval",
            {orgId: orgInput.value.trim()});
          say("Approved: " + approval.organization.name + " is organization " + approval.organization.orgId + ".", "good");
          showIssuedKey(approval.apiKey, request.contactEmail);
          loadRequests();
        } catch (e) {
          showProblem(problems, e, card);
        }
      });
      decline.addEventListener("submit", async (event) => {
        event.preventDefault();
        clearProblems(card);
        try {
          await api("POST", "/v1/pledge-requests/" + encodeURIComponent(request.requestId) + "/decline", {reason: reason.value});
          say("Declined " + request.name + ". Write to " + request.contactEmail + " with the reason.", "good");
          loadRequests();
        } catch (e) {
          showProblem(problems, e, card);
        }
      });
      card.append(problems, approve, decline);
    } else {
      card.append(el("p", {}, request.status === "APPROVED"
        ? "Approved " + (request.decidedAt || "").slice(0, 10) + " as organization " + request.orgId + "."
        : "Declined " + (request.decidedAt || "").slice(0, 10) + ": " + (request.declineReason || "")));
    }
    return card;
  }

  async function loadRequests() {
    const wanted = $("request-status").value;
    try {
      const list = await api("GET", "/v1/pledge-requests?status=" + encodeURIComponent(wanted));
      const box = $("requests");
      box.replaceChildren();
      if (list.count === 0) {
        box.append(el("p", {}, wanted === "pending" ? "No request is waiting for review." : "No request here."));
      }
      // The API leaves an empty list out of its answer.
      for (const request of list.requests || []) {
        box.append(requestCard(request));
      }
      say(list.count + (wanted === "pending" ? " pledge request(s) waiting for review." : " pledge request(s)."), "");
    } catch (e) {
      showProblem($("requests"), e, null);
    }
  }

  $("requests-form").addEventListener("submit", (event) => {
    event.preventDefault();
    loadRequests();
  });

  // --- An organization -----------------------------------------------------------------------------

  let openOrgId = null;

  function showOrganization(organization) {
    openOrgId = organization.orgId;
    $("org").hidden = false;
    $("org-name").textContent = organization.name + " (" + organization.orgId + ")";
    const summary = $("org-summary");
    summary.replaceChildren(
      el("dt", {}, "Status"), el("dd", {}, organization.status === "ACTIVE" ? "Active" : "Withdrawn " + (organization.withdrawnAt || "").slice(0, 10)),
      el("dt", {}, "Pledged"), el("dd", {}, organization.pledgedAt.slice(0, 10)),
      el("dt", {}, "Last change"), el("dd", {}, organization.updatedAt.replace("T", " ").slice(0, 16) + " UTC"),
      el("dt", {}, "On the Hub"), el("dd", {}, organization.listedOnHub ? "listed" : "not listed"));
    $("org-key").disabled = organization.status !== "ACTIVE";
    $("org-withdraw").disabled = organization.status !== "ACTIVE";
    fillProfile($("edit-form"), organization);
    const url = new URL(location.href);
    url.searchParams.set("org", organization.orgId);
    history.replaceState(null, "", url.pathname + url.search);
  }

  async function openOrganization(orgId) {
    clearProblems($("edit-form"));
    try {
      showOrganization(await api("GET", "/v1/organizations/" + encodeURIComponent(orgId)));
      say("Opened " + orgId + ".", "");
    } catch (e) {
      $("org").hidden = true;
      say(describe(e), "bad");
    }
  }

  $("find-form").addEventListener("submit", (event) => {
    event.preventDefault();
    openOrganization($("find-org").value.trim());
  });

  $("edit-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    clearProblems(form);
    try {
      showOrganization(await api("PUT", "/v1/organizations/" + encodeURIComponent(openOrgId), readProfile(form)));
      say("Saved the corrections to " + openOrgId + ".", "good");
    } catch (e) {
      showProblem(form.querySelector(".form-problems"), e, form);
    }
  });

  $("org-key").addEventListener("click", async () => {
    if (!confirm("Issue a new key for " + openOrgId + "? Its current key stops working at once.")) {
      return;
    }
    try {
      showIssuedKey(await api("POST", "/v1/organizations/" + encodeURIComponent(openOrgId) + "/api-keys"), null);
      say("Issued a new key for " + openOrgId + ".", "good");
    } catch (e) {
      say(describe(e), "bad");
    }
  });

  $("org-withdraw").addEventListener("click", async () => {
    if (!confirm("Withdraw the pledge of " + openOrgId + "? Its key is revoked and it leaves the Hub.")) {
      return;
    }
    try {
      showOrganization(await api("POST", "/v1/organizations/" + encodeURIComponent(openOrgId) + "/withdrawal"));
      say("Withdrew " + openOrgId + " and revoked its key.", "good");
    } catch (e) {
      say(describe(e), "bad");
    }
  });

  // --- A new organization ----------------------------------------------------------------------------

  $("create-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    clearProblems(form);
    try {
      const created = await api("POST", "/v1/organizations", readProfile(form));
      form.reset();
      showOrganization(created);
      say("Created " + created.orgId + ". Issue its first key from its section above.", "good");
      $("org").scrollIntoView();
    } catch (e) {
      showProblem(form.querySelector(".form-problems"), e, form);
    }
  });

  // --- The key -----------------------------------------------------------------------------------------

  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $("key").value.trim());
    start();
  });

  $("forget").addEventListener("click", () => {
    sessionStorage.removeItem(KEY);
    $("key").value = "";
    $("requests").replaceChildren();
    $("org").hidden = true;
    say("The key was removed from this tab.", "");
  });

  // The requests first, then the organization asked for (?org=, e.g. from the dashboard): one status line, last word wins.
  async function start() {
    if (!sessionStorage.getItem(KEY)) {
      return;
    }
    await loadRequests();
    const wantedOrg = new URLSearchParams(location.search).get("org");
    if (wantedOrg) {
      $("find-org").value = wantedOrg;
      await openOrganization(wantedOrg);
    }
  }

  start();
})();
