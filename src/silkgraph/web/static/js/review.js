// Review queue: confirm or split a merge (POST /api/judgements), take one report out of its
// event (POST /api/judgements/detach), or undo a decision (DELETE /api/judgements).
// The token lives in this page's memory only: never in sessionStorage, localStorage or a
// cookie, so another script or a later visitor of this browser profile cannot read it back.
// After a judgement the queue is redrawn in place (no reload), so the analyst types it once.
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!document.getElementById("token")) return;
  var token = "";

  function input() { return document.getElementById("token"); }
  function status() { return document.getElementById("review-status"); }

  // Replace the page's content with a fresh copy of /review, keeping the token field's value.
  function redraw(message) {
    return fetch("/review", { headers: { Accept: "text/html" } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("main");
        if (!fresh) throw new Error("the queue could not be reloaded");
        main.replaceChildren.apply(main, Array.prototype.slice.call(fresh.childNodes));
        if (input()) input().value = token;
        status().textContent = message;
      });
  }

  // The request a button stands for.
  function request(btn) {
    var d = btn.dataset;
    if (d.judgement) {
      return { method: "POST", url: "/api/judgements",
               body: { left_id: d.left, right_id: d.right, judgement: d.judgement,
                       kind: d.kind || "entity" } };
    }
    if (d.report) {
      return { method: "POST", url: "/api/judgements/detach", body: { report_id: d.report } };
    }
    var q = new URLSearchParams({ kind: d.kind || "entity", left_id: d.left, right_id: d.right });
    return { method: "DELETE", url: "/api/judgements?" + q.toString(), body: null };
  }

  main.addEventListener("change", function (evt) {
    if (evt.target && evt.target.id === "token") token = evt.target.value;
  });
  // Enter in the field would submit the form as GET and put the token in the URL.
  main.addEventListener("submit", function (evt) {
    if (evt.target && evt.target.id === "token-form") {
      evt.preventDefault();
      token = input().value;
    }
  });
  main.addEventListener("click", function (evt) {
    var btn = evt.target.closest
      ? evt.target.closest("button[data-judgement], button[data-report], button.undo")
      : null;
    if (!btn) return;
    token = input().value || token;
    if (!token) { status().textContent = "Enter the API token first."; input().focus(); return; }
    btn.disabled = true;
    status().textContent = "Saving and re-running resolution…";
    var req = request(btn);
    var headers = { Authorization: "Bearer " + token };
    if (req.body) headers["Content-Type"] = "application/json";
    fetch(req.url, {
      method: req.method,
      headers: headers,
      body: req.body ? JSON.stringify(req.body) : undefined
    }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          if (r.status === 401) token = "";
          throw new Error(typeof body.detail === "string" ? body.detail : r.statusText);
        }
        return redraw("Saved. " + body.entities + " entities and " + body.events +
                      " events after resolution.");
      });
    }).catch(function (err) {
      btn.disabled = false;
      status().textContent = "Not saved: " + err.message;
    });
  });
})();
