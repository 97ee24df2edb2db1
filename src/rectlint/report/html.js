(function () {
  "use strict";
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function pieces(id) {
    return document.querySelectorAll('mark[data-finding="' + id + '"]');
  }

  function flash(elements) {
    elements.forEach(function (el) {
      el.classList.remove("flash");
      void el.offsetWidth; // restart the animation
      el.classList.add("flash");
    });
  }

  function activate(entry) {
    document.querySelectorAll(".finding.active").forEach(function (el) { el.classList.remove("active"); });
    if (entry) entry.classList.add("active");
  }

  // A finding in the side list: scroll its highlight into view and flash every piece of it.
  function showFinding(id, entry) {
    var marks = pieces(id);
    if (!marks.length) return;
    marks[0].scrollIntoView({ block: "center", behavior: reduced ? "auto" : "smooth" });
    flash(marks);
    activate(entry);
    if (history.replaceState) history.replaceState(null, "", "#" + id);
  }

  // A highlight in the text: show its entry in the side list.
  function showEntry(id) {
    var entry = document.querySelector('.finding[data-target="' + id + '"]');
    if (!entry) return;
    entry.scrollIntoView({ block: "nearest", behavior: reduced ? "auto" : "smooth" });
    activate(entry);
    flash(pieces(id));
  }

  var dialog = document.getElementById("rule-dialog");

  function showRule(code) {
    var doc = document.getElementById("rule-" + code);
    if (!doc) return false;
    if (!dialog || typeof dialog.showModal !== "function") {
      doc.open = true;
      doc.scrollIntoView();
      return true;
    }
    var body = dialog.querySelector(".dialog-body");
    var head = document.createElement("h3");
    head.innerHTML = doc.querySelector("summary").innerHTML;
    body.replaceChildren(head, doc.querySelector(".doc-body").cloneNode(true));
    dialog.showModal();
    return true;
  }

  document.addEventListener("click", function (event) {
    var rule = event.target.closest("a.rule-link");
    if (rule) {
      if (showRule(rule.getAttribute("data-rule"))) event.preventDefault();
      return;
    }
    var jump = event.target.closest("a.jump");
    if (jump) {
      event.preventDefault();
      var entry = jump.closest(".finding");
      showFinding(entry.getAttribute("data-target"), entry);
      return;
    }
    var mark = event.target.closest("mark.hl");
    if (mark) showEntry(mark.getAttribute("data-finding"));
  });

  if (dialog) {
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close(); // a click on the backdrop
    });
  }

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.rule-doc").forEach(function (d) { d.open = true; });
  });

  if (location.hash.length > 1) {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.matches("mark.hl")) showEntry(target.getAttribute("data-finding"));
  }
})();
