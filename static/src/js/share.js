/*
 * Print and share enhancements for the print pages and station cards. Each works without this
 * file: the buttons are rendered `hidden` and shown only when they can work; the share text is a
 * readonly textarea anyone can select and copy by hand. No inline handlers (the CSP forbids them).
 */
(function () {
  "use strict";

  function show(button) {
    button.hidden = false;
  }

  function setUpPrint() {
    var buttons = document.querySelectorAll("[data-print]");
    if (typeof window.print !== "function") {
      return;
    }
    Array.prototype.forEach.call(buttons, function (button) {
      show(button);
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  function say(message) {
    var status = document.querySelector("[data-copy-status]");
    if (status) {
      status.textContent = message || "";
    }
  }

  function copyBySelection(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function setUpCopy() {
    var buttons = document.querySelectorAll("[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      if (!field) {
        return;
      }
      show(button);
      button.addEventListener("click", function () {
        var done = button.getAttribute("data-copied");
        var failed = button.getAttribute("data-copy-failed");
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(
            function () {
              say(done);
            },
            function () {
              say(copyBySelection(field) ? done : failed);
            }
          );
        } else {
          say(copyBySelection(field) ? done : failed);
        }
      });
    });
  }

  function setUpShare() {
    if (typeof navigator.share !== "function") {
      return;
    }
    var buttons = document.querySelectorAll("[data-share]");
    Array.prototype.forEach.call(buttons, function (button) {
      var field = document.getElementById(button.getAttribute("data-share"));
      if (!field) {
        return;
      }
      show(button);
      button.addEventListener("click", function () {
        navigator
          .share({
            title: button.getAttribute("data-share-title") || document.title,
            text: field.value,
          })
          .catch(function () {
            /* the person closed the share sheet: nothing to do */
          });
      });
    });
  }

  function start() {
    setUpPrint();
    setUpCopy();
    setUpShare();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
