/*
 * csrating: filter a list of councils as the reader types.
 *
 * Progressive enhancement. The page works without this script: the site lists every
 * council A to Z, and the web app answers its search form on the server. The script
 * shows the filter box (hidden until then) or uses the page's search box, and hides the
 * councils, and the letters, that do not match every word typed. It loads nothing and
 * sends nothing anywhere.
 */
(function () {
  "use strict";

  function plain(text) {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }

  function counted(shown, total) {
    if (shown === total) {
      return total + (total === 1 ? " council" : " councils");
    }
    if (shown === 0) {
      return "No councils match";
    }
    return shown + " of " + total + (shown === 1 ? " councils matches" : " councils match");
  }

  function enhance(list) {
    var input = document.getElementById(list.getAttribute("data-csr-filter-input"));
    if (!input) {
      return;
    }
    var box = document.querySelector("[data-csr-filter-box]");
    var status = document.querySelector("[data-csr-filter-status]");
    var none = list.querySelector("[data-csr-filter-none]");
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-search]"));
    var letters = Array.prototype.slice.call(list.querySelectorAll("[data-csr-letter]"));
    var timer = null;

    function apply() {
      var words = plain(input.value).split(" ").filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        var text = item.getAttribute("data-search");
        var match = words.every(function (word) {
          return text.indexOf(word) !== -1;
        });
        item.hidden = !match;
        shown += match ? 1 : 0;
      });
      letters.forEach(function (letter) {
        letter.hidden = !letter.querySelector("li[data-search]:not([hidden])");
      });
      if (none) {
        none.hidden = shown !== 0;
      }
      if (status) {
        status.textContent = counted(shown, items.length);
      }
    }

    if (box) {
      box.hidden = false;
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, 120);
    });
    if (input.value) {
      apply();
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-csr-filter]"), enhance);
})();
