/*
 * Queue levels: refresh and age them while the tab is visible, and stop when it is hidden.
 *
 * Pollers are elements with data-queue-poll="<seconds>" and hx-trigger="queue-poll"; this
 * script fires that event when one is due, so htmx fetches the fragment (the browser sends
 * If-None-Match and the server answers 304 when nothing changed). Ages are
 * <span data-age="<seconds at render>" data-now="<server time at render>">: their words are
 * kept current between refreshes from [data-queue-words]. Without this script every page
 * still shows the level and its age as rendered. A level whose report grows 45 minutes old
 * here (a sleeping tab, or a copy the service worker kept offline) turns into "no recent
 * report" at once, as the server would say. No inline handlers (the CSP forbids them).
 */
(function () {
  "use strict";

  if (window.raynamaQueue) {
    return;
  }
  window.raynamaQueue = true;

  var PERSIAN = "۰۱۲۳۴۵۶۷۸۹";
  var FADE_MINUTES = 45;
  var firstSeen = {}; // data-now value -> when this page first saw a fragment rendered then
  var lastPoll = typeof WeakMap === "function" ? new WeakMap() : null;
  var timer = null;

  function clock() {
    return window.performance && performance.now ? performance.now() : Date.now();
  }

  function localDigits(text) {
    if (document.documentElement.lang !== "fa") {
      return text;
    }
    return text.replace(/[0-9]/g, function (d) {
      return PERSIAN.charAt(Number(d));
    });
  }

  function fade(span, words) {
    var holder = span.closest ? span.closest("[data-fades]") : null;
    if (!holder) {
      return;
    }
    var big = holder.id === "queue-status";
    var badge = document.createElement(big ? "p" : "span");
    badge.className = big ? "queue queue--big queue--unknown" : "queue queue--unknown";
    var icon = document.createElement("span");
    icon.className = "qi";
    icon.setAttribute("aria-hidden", "true");
    badge.appendChild(icon);
    badge.appendChild(document.createTextNode(words.getAttribute("data-words-stale") || ""));
    if (big) {
      while (holder.firstChild) {
        holder.removeChild(holder.firstChild);
      }
      holder.appendChild(badge);
    } else {
      holder.parentNode.replaceChild(badge, holder);
    }
  }

  function refreshAges() {
    var words = document.querySelector("[data-queue-words]");
    if (!words) {
      return;
    }
    var now = clock();
    var spans = document.querySelectorAll("[data-age]");
    for (var i = 0; i < spans.length; i++) {
      var span = spans[i];
      var stamp = span.getAttribute("data-now") || "";
      if (!Object.prototype.hasOwnProperty.call(firstSeen, stamp)) {
        firstSeen[stamp] = now;
      }
      var seconds = Number(span.getAttribute("data-age")) + (now - firstSeen[stamp]) / 1000;
      var minutes = Math.floor(seconds / 60);
      if (minutes >= FADE_MINUTES) {
        fade(span, words);
        continue;
      }
      var text =
        minutes < 1
          ? words.getAttribute("data-words-now")
          : words.getAttribute("data-words-minutes").replace("{n}", localDigits(String(minutes)));
      if (span.textContent !== text) {
        span.textContent = text;
      }
    }
  }

  /*
   * A page the service worker answered from its saved copies carries data-saved-at (epoch ms)
   * on the offline status bar: the ages rendered in it are as old as the copy, so they count
   * from the moment it was saved, not from now.
   */
  function countFromSavedCopy() {
    var bar = document.querySelector("[data-offline-status][data-saved-at]");
    var savedAt = bar ? Number(bar.getAttribute("data-saved-at")) : 0;
    if (!savedAt) {
      return;
    }
    var since = Math.max(0, Date.now() - savedAt);
    var spans = document.querySelectorAll("[data-age]");
    for (var i = 0; i < spans.length; i++) {
      firstSeen[spans[i].getAttribute("data-now") || ""] = clock() - since;
    }
  }

  function pollers() {
    return document.querySelectorAll("[data-queue-poll]");
  }

  function every(element) {
    return Math.max(1, Number(element.getAttribute("data-queue-poll")) || 90) * 1000;
  }

  function pollDue() {
    if (!window.htmx || !lastPoll) {
      return;
    }
    var now = clock();
    var elements = pollers();
    for (var i = 0; i < elements.length; i++) {
      var element = elements[i];
      if (!lastPoll.has(element)) {
        lastPoll.set(element, now); // just rendered: fresh
      } else if (now - lastPoll.get(element) >= every(element)) {
        lastPoll.set(element, now);
        window.htmx.trigger(element, "queue-poll");
      }
    }
  }

  function nextTick() {
    var shortest = 90000;
    var elements = pollers();
    for (var i = 0; i < elements.length; i++) {
      shortest = Math.min(shortest, every(elements[i]));
    }
    return Math.min(10000, Math.max(500, shortest / 4));
  }

  function tick() {
    pollDue();
    refreshAges();
    timer = window.setTimeout(tick, nextTick());
  }

  function start() {
    if (timer === null) {
      tick();
    }
  }

  function stop() {
    if (timer !== null) {
      window.clearTimeout(timer);
      timer = null;
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      stop();
    } else {
      start();
    }
  });
  document.addEventListener("htmx:after:swap", refreshAges);
  countFromSavedCopy();
  if (document.visibilityState !== "hidden") {
    start();
  }
})();
