// Texts that wagtail-localize's translation editor writes in English whatever the editor's language:
// they are written into its React code, not asked of a catalogue ("More actions", "Deutsch to
// Englisch translation"). As they appear, they are replaced by the admin catalogue's translation
// (site/locale-overrides). To be dropped once wagtail-localize translates them itself.
(function () {
  "use strict";
  if (typeof window.gettext !== "function") {
    return;
  }
  var toTranslation = /^(.+) to (.+) translation$/;
  var moreActions = "More actions";

  function better(text) {
    var trimmed = text.trim();
    if (trimmed === moreActions) {
      return window.gettext(moreActions);
    }
    var match = toTranslation.exec(trimmed);
    if (match) {
      return window.interpolate(window.gettext("%(source)s to %(target)s translation"), {
        source: match[1],
        target: match[2],
      }, true);
    }
    return null;
  }

  function fix(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var replacement = better(node.nodeValue);
      if (replacement !== null && replacement !== node.nodeValue.trim()) {
        node.nodeValue = replacement;
      }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    fix(document.body);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (added) {
          if (added.nodeType === Node.ELEMENT_NODE) {
            fix(added);
          } else if (added.nodeType === Node.TEXT_NODE && added.parentNode) {
            fix(added.parentNode);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
