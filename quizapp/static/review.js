/* Keyboard shortcuts for /bank/review: j/k next/previous item, a approve, r reject, e edit.
   Every action is an ordinary form or link; this only moves focus and submits them. */
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".review-item"));
  if (!items.length) return;
  var current = -1;

  function select(index) {
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (item, i) { item.classList.toggle("current", i === current); });
    items[current].focus();
    items[current].scrollIntoView({ block: "start" });
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  items.forEach(function (item, i) {
    item.addEventListener("focusin", function () { current = i; });
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    var item = items[current];
    switch (event.key) {
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "a": {
        if (!item) return;
        var approve = item.querySelector("form.approve");
        var reason = approve.querySelector("textarea");
        if (reason && !reason.value.trim()) reason.focus();  /* unsupported: say why first */
        else approve.requestSubmit();
        break;
      }
      case "r":
        if (!item) return;
        item.querySelector("form.reject textarea").focus();
        break;
      case "e":
        if (!item) return;
        window.location.href = item.querySelector("a.edit").href;
        break;
      default:
        return;
    }
    event.preventDefault();
  });
})();
