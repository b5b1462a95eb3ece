// Quiz pages, progressively enhanced: everything works without this file.
// - a countdown of the time left (the server keeps the real deadline);
// - chronology events can be dragged into order (the numbered selects follow);
// - with feedback after submission, answers are saved as they are given.
(function () {
  "use strict";

  function startTimer(el) {
    var left = parseInt(el.getAttribute("data-seconds-left"), 10);
    var value = el.querySelector(".timer-value");
    if (isNaN(left) || !value) return;
    var ends = Date.now() + left * 1000;
    function tick() {
      var s = Math.max(0, Math.round((ends - Date.now()) / 1000));
      value.textContent = Math.floor(s / 60) + " min " + (s % 60) + " s";
      if (s <= 60) el.classList.add("urgent");
      if (s === 0) {
        value.textContent = "time is up";
        clearInterval(handle);
        // the server has closed the attempt: reloading shows the results
        setTimeout(function () { window.location.reload(); }, 2000);
      }
    }
    var handle = setInterval(tick, 1000);
    tick();
  }

  function numberEvents(list) {
    var events = list.querySelectorAll(".event");
    for (var i = 0; i < events.length; i++) {
      var select = events[i].querySelector("select");
      if (select) select.value = String(i + 1);
    }
    var form = list.closest("form");
    if (form) form.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function enableDragging(list) {
    if (list.querySelector("select[disabled]")) return;
    list.classList.add("draggable");
    var dragged = null;
    Array.prototype.forEach.call(list.querySelectorAll(".event"), function (item) {
      item.setAttribute("draggable", "true");
      item.addEventListener("dragstart", function (e) {
        dragged = item;
        item.classList.add("dragging");
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", item.getAttribute("data-n"));
      });
      item.addEventListener("dragend", function () {
        item.classList.remove("dragging");
        dragged = null;
      });
      item.addEventListener("dragover", function (e) {
        if (!dragged || dragged === item) return;
        e.preventDefault();
        var box = item.getBoundingClientRect();
        var after = e.clientY > box.top + box.height / 2;
        list.insertBefore(dragged, after ? item.nextSibling : item);
      });
      item.addEventListener("drop", function (e) {
        e.preventDefault();
        numberEvents(list);
      });
    });
  }

  function autosave(form) {
    var status = form.querySelector(".save-status");
    form.addEventListener("change", function () {
      var data = new FormData(form);
      if (form.getAttribute("data-kind") === "chronology" || form.getAttribute("data-kind") === "matching") {
        var selects = form.querySelectorAll("select");
        for (var i = 0; i < selects.length; i++) if (!selects[i].value) return; // not complete yet
      }
      if (status) status.textContent = "Saving…";
      fetch(form.action, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (r) { return r.json(); })
        .then(function (body) {
          if (status) status.textContent = body.recorded ? "Answer saved." : body.error;
        })
        .catch(function () {
          if (status) status.textContent = "Not saved: use the Save answer button.";
        });
    });
  }

  document.querySelectorAll(".timer[data-seconds-left]").forEach(startTimer);
  document.querySelectorAll("ol[data-chronology]").forEach(enableDragging);
  document.querySelectorAll("form.question[data-autosave]").forEach(autosave);
})();
