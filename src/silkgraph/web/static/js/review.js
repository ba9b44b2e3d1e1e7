// Review queue: confirm or split a proposed merge through POST /api/judgements.
(function () {
  "use strict";
  var input = document.getElementById("token");
  var status = document.getElementById("review-status");
  if (!input) return;
  input.value = sessionStorage.getItem("silkgraph-token") || "";
  input.addEventListener("change", function () {
    sessionStorage.setItem("silkgraph-token", input.value);
  });
  document.querySelectorAll("button[data-judgement]").forEach(function (btn) {
    btn.addEventListener("click", function () {
      if (!input.value) { status.textContent = "Enter the API token first."; input.focus(); return; }
      sessionStorage.setItem("silkgraph-token", input.value);
      btn.disabled = true;
      status.textContent = "Saving and re-running resolution…";
      fetch("/api/judgements", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: "Bearer " + input.value },
        body: JSON.stringify({ left_id: btn.dataset.left, right_id: btn.dataset.right,
                               judgement: btn.dataset.judgement })
      }).then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) throw new Error(body.detail || r.statusText);
          status.textContent = "Saved. " + body.entities + " entities after resolution.";
          window.location.reload();
        });
      }).catch(function (err) {
        btn.disabled = false;
        status.textContent = "Not saved: " + err.message;
      });
    });
  });
})();
