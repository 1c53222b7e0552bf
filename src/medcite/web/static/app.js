/* medcite: the little JavaScript the pages use (the CSP allows scripts from this server only).
   - citation buttons: a tap or click opens the evidence (hover and focus open it through CSS)
   - the audience selector applies on change
   - the progress page follows the job by server-sent events, polling when they fail
   - the print button
   - inline feedback: selecting text in a statement fills the quote of its report form */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function closeAll(except) {
    document.querySelectorAll('.cite-btn[aria-expanded="true"]').forEach(function (b) {
      if (b !== except) b.setAttribute("aria-expanded", "false");
    });
  }

  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest && ev.target.closest(".cite-btn");
    if (btn) {
      var open = btn.getAttribute("aria-expanded") === "true";
      closeAll(btn);
      btn.setAttribute("aria-expanded", open ? "false" : "true");
      return;
    }
    if (!(ev.target.closest && ev.target.closest(".ev"))) closeAll(null);
    if (ev.target.matches && ev.target.matches("[data-print]")) window.print();
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") closeAll(null); });

  // inline feedback: text selected inside one statement becomes the quote of its report form
  document.addEventListener("mouseup", function () {
    var sel = window.getSelection && window.getSelection();
    if (!sel || sel.isCollapsed || !sel.anchorNode) return;
    var el = sel.anchorNode.nodeType === 1 ? sel.anchorNode : sel.anchorNode.parentElement;
    var li = el && el.closest && el.closest("li.st[data-claim]");
    if (!li || !li.contains(sel.focusNode)) return;
    var quote = li.querySelector('input[name="quote"]');
    var details = li.querySelector("details.inline-feedback");
    if (!quote || !details) return;
    quote.value = sel.toString().replace(/\s+/g, " ").trim().slice(0, 2000);
    details.open = true;
  });

  document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
    sel.addEventListener("change", function () { sel.form.submit(); });
  });

  var box = document.getElementById("job");
  if (!box) return;
  var id = box.getAttribute("data-job");
  var statusEl = document.getElementById("job-status");
  var order = ["queued", "searching", "reading", "checking", "writing", "done"];

  function show(job) {
    var at = order.indexOf(job.stage);
    box.querySelectorAll("[data-stage]").forEach(function (li) {
      var i = order.indexOf(li.getAttribute("data-stage"));
      li.className = i < at || job.status === "done" ? "done" : i === at ? "current" : "";
    });
    box.setAttribute("data-status", job.status);
    if (job.status === "failed") {
      statusEl.textContent = "The answer failed: " + job.message;
    } else {
      statusEl.textContent = "Status: " + job.stage;
    }
    if (job.status === "done" && job.links && job.links.page) window.location.assign(job.links.page);
    return job.status === "done" || job.status === "failed";
  }

  function poll() {
    fetch("/api/jobs/" + encodeURIComponent(id), { headers: { accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) { if (!show(job)) setTimeout(poll, 1500); })
      .catch(function () { setTimeout(poll, 3000); });
  }

  if (!window.EventSource) { poll(); return; }
  var es = new EventSource("/api/jobs/" + encodeURIComponent(id) + "/events");
  es.addEventListener("progress", function (e) { if (show(JSON.parse(e.data))) es.close(); });
  es.onerror = function () { es.close(); poll(); };
})();
