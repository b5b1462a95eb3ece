/* The item editor's live verdict: as the instructor types, post the form's fields to
   POST /api/items/<uuid>/verdict and write the answer into #verdict as text.
   The page works without this script (its "Check the verdict" button does the same). */
(function () {
  "use strict";
  var form = document.getElementById("item-form");
  var panel = document.getElementById("verdict");
  if (!form || !panel || !window.fetch || !window.FormData) { return; }
  var url = form.getAttribute("data-verdict-url");
  var tokenInput = form.querySelector('input[name="csrf_token"]');
  var timer = null;
  var sequence = 0;

  function show(verdict, reasons, label) {
    panel.className = "verdict verdict-" + verdict;
    panel.querySelector(".verdict-label").textContent = label + ":";
    panel.querySelector(".verdict-name").textContent = verdict;
    var list = panel.querySelector(".reasons");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    (reasons || []).forEach(function (reason) {
      var item = document.createElement("li");
      item.textContent = reason;
      list.appendChild(item);
    });
  }

  function check() {
    var mine = ++sequence;
    var body = new FormData(form);
    body.delete("action");
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": tokenInput ? tokenInput.value : "", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return null; });
    }).then(function (data) {
      if (mine !== sequence) { return; }  // a later check is on its way
      if (data && data.verdict) {
        show(data.verdict, data.reasons, "Would be (as typed, not saved)");
      }
    }).catch(function () {
      if (mine === sequence) {
        show("unknown", ["The live check failed; use “Check the verdict”."], "Would be");
      }
    });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 400);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
}());
