// Review queue: confirm or split a merge (POST /api/judgements), take one report out of its
// event (POST /api/judgements/detach), or undo a decision (DELETE /api/judgements).
(function () {
  "use strict";
  var input = document.getElementById("token");
  var status = document.getElementById("review-status");
  if (!input) return;
  input.value = sessionStorage.getItem("silkgraph-token") || "";
  input.addEventListener("change", function () {
    sessionStorage.setItem("silkgraph-token", input.value);
  });

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

  document.querySelectorAll("button[data-judgement], button[data-report], button.undo")
    .forEach(function (btn) {
      btn.addEventListener("click", function () {
        if (!input.value) { status.textContent = "Enter the API token first."; input.focus(); return; }
        sessionStorage.setItem("silkgraph-token", input.value);
        btn.disabled = true;
        status.textContent = "Saving and re-running resolution…";
        var req = request(btn);
        var headers = { Authorization: "Bearer " + input.value };
        if (req.body) headers["Content-Type"] = "application/json";
        fetch(req.url, {
          method: req.method,
          headers: headers,
          body: req.body ? JSON.stringify(req.body) : undefined
        }).then(function (r) {
          return r.json().then(function (body) {
            if (!r.ok) throw new Error(body.detail || r.statusText);
            status.textContent = "Saved. " + body.entities + " entities and " + body.events +
              " events after resolution.";
            window.location.reload();
          });
        }).catch(function (err) {
          btn.disabled = false;
          status.textContent = "Not saved: " + err.message;
        });
      });
    });
})();
