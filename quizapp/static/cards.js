/* Flashcards: reveal the answer in place and rate by keyboard. Space (or the "Show the
   answer" link) reveals; 1 to 4 press Again, Hard, Good or Easy. Without this script the
   link opens the revealed card as its own page and the buttons are an ordinary form. */
(function () {
  "use strict";
  var card = document.getElementById("card");
  if (!card) return;
  var back = card.querySelector(".card-back");
  var reveal = document.getElementById("reveal");
  var form = card.querySelector("form.card-rating");
  var sent = false;

  /* the key hints only hold with this script running */
  Array.prototype.forEach.call(document.querySelectorAll(".js-only"), function (hint) {
    hint.hidden = false;
  });

  function revealed() { return !back.hidden; }

  function show() {
    if (revealed()) return;
    back.hidden = false;
    card.classList.add("revealed");
    reveal.parentNode.hidden = true;
    back.focus();
  }

  function rate(value) {
    var button = form.querySelector('button[name="rating"][value="' + value + '"]');
    if (!button || sent) return;
    sent = true;  /* the token makes a second press harmless; this spares the request */
    form.requestSubmit(button);
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  if (reveal) {
    reveal.addEventListener("click", function (event) { event.preventDefault(); show(); });
  }
  form.addEventListener("submit", function () { sent = true; });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    if (event.key === " " || event.key === "Spacebar") {
      /* a focused button or link handles its own space */
      if (!revealed() && !(event.target && /^(BUTTON|A)$/.test(event.target.tagName) && event.target !== reveal)) {
        event.preventDefault();
        show();
      }
    } else if (/^[1-4]$/.test(event.key) && revealed()) {
      event.preventDefault();
      rate(event.key);
    }
  });
})();
