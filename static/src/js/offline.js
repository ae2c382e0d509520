/*
 * Raynama offline support in the page. Optional like app.js: without it (or without service
 * workers) every page works online as before and the "Save for offline" controls stay hidden.
 *
 * - Registers the service worker at /sw.js (site root, so /en/ pages are covered too).
 * - The status bar ([data-offline-status] in base.html): "no connection" when a request fails,
 *   "a copy saved on <date>" when the worker answered from its cache (it marks such pages
 *   with data-saved-at), and "a new version is ready" with a reload button.
 * - "Save for offline" ([data-save-offline]): asks the worker to store the URLs it lists.
 * Runs again after every htmx swap, since boosted links replace the body.
 */
(function () {
  "use strict";

  var supported =
    "serviceWorker" in navigator && window.isSecureContext && typeof caches !== "undefined";
  var state = { offline: false, waiting: null, reloading: false };

  function pageLang() {
    return document.documentElement.lang === "en" ? "en" : "fa";
  }

  function parts(locale, options, date) {
    var out = {};
    var format = new Intl.DateTimeFormat(
      locale,
      Object.assign({ timeZone: "Asia/Tehran" }, options)
    );
    format.formatToParts(date).forEach(function (part) {
      out[part.type] = part.value;
    });
    return out;
  }

  /* The site's own date-time style (webapp/text/dates.py format_datetime), from a timestamp. */
  function formatWhen(ms, lang) {
    var date = new Date(Number(ms));
    var long = { weekday: "long", day: "numeric", month: "long", year: "numeric" };
    var clock = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    if (lang === "en") {
      var g = parts("en-GB", long, date);
      var j = parts("en-u-ca-persian", long, date);
      var t = parts("en-GB", clock, date);
      return (
        g.weekday + " " + g.day + " " + g.month + " " + g.year +
        " (" + j.day + " " + j.month + " " + j.year + "), " + t.hour + ":" + t.minute
      );
    }
    var p = parts("fa-IR-u-ca-persian-nu-arabext", long, date);
    var c = parts("fa-IR-u-nu-arabext", clock, date);
    return p.weekday + " " + p.day + " " + p.month + " " + p.year + "، ساعت " + c.hour + ":" + c.minute;
  }

  /* A calendar day (YYYY-MM-DD) like webapp/text/dates.py format_date_full. */
  function formatDay(iso, lang) {
    var bits = iso.split("-").map(Number);
    var date = new Date(Date.UTC(bits[0], bits[1] - 1, bits[2], 12));
    var long = { weekday: "long", day: "numeric", month: "long", year: "numeric" };
    if (lang === "en") {
      var g = parts("en-GB", long, date);
      var j = parts("en-u-ca-persian", long, date);
      return g.weekday + " " + g.day + " " + g.month + " " + g.year +
        " (" + j.day + " " + j.month + " " + j.year + ")";
    }
    var p = parts("fa-IR-u-ca-persian-nu-arabext", long, date);
    return p.weekday + " " + p.day + " " + p.month + " " + p.year;
  }

  window.raynamaOffline = { formatWhen: formatWhen, formatDay: formatDay };

  function statusBar() {
    return document.querySelector("[data-offline-status]");
  }

  function line(bar, name) {
    var el = bar.querySelector('[data-line="' + name + '"]');
    if (!el) {
      el = document.createElement("p");
      el.className = "offline-status__line";
      el.setAttribute("data-line", name);
      bar.appendChild(el);
    }
    return el;
  }

  /* Writes only changes, so the live region does not announce the same words again. */
  function setText(el, text) {
    if (el.textContent !== text) {
      el.textContent = text;
    }
  }

  function renderStatus() {
    var bar = statusBar();
    if (!bar) {
      return;
    }
    var savedAt = bar.getAttribute("data-saved-at");
    var served = bar.getAttribute("data-served");
    var offline = state.offline || Boolean(served);
    var network = line(bar, "network");
    network.hidden = !offline;
    setText(network, offline ? bar.getAttribute("data-text-offline") || "" : "");
    var saved = line(bar, "saved");
    saved.hidden = !savedAt;
    var template = bar.getAttribute("data-text-saved") || "{when}";
    setText(saved, savedAt ? template.replace("{when}", formatWhen(savedAt, pageLang())) : "");
    renderUpdate(bar);
    bar.hidden = network.hidden && saved.hidden && !state.waiting;
    bar.classList.toggle("offline-status--offline", offline);
  }

  function renderUpdate(bar) {
    var update = line(bar, "update");
    update.hidden = !state.waiting;
    if (!state.waiting || update.querySelector("button")) {
      return;
    }
    update.textContent = (bar.getAttribute("data-text-update") || "") + " ";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary offline-status__reload";
    button.textContent = bar.getAttribute("data-text-reload") || "Reload";
    button.setAttribute("data-reload", "");
    button.addEventListener("click", function () {
      state.reloading = true;
      button.disabled = true;
      state.waiting.postMessage({ type: "skip-waiting" });
    });
    update.appendChild(button);
  }

  function setOffline(offline) {
    state.offline = offline;
    renderStatus();
  }

  function ask(worker, message) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) {
        resolve(event.data);
      };
      worker.postMessage(message, [channel.port2]);
    });
  }

  window.raynamaOffline.ask = function (message) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return ask(registration.active, message);
    });
  };

  function savedTime(id) {
    var name = "raynama-saved-" + id;
    return caches.has(name).then(function (saved) {
      // caches.open would create an empty cache, which the worker would count as saved.
      return saved ? caches.open(name) : null;
    }).then(function (cache) {
      return cache ? cache.keys().then(function (keys) {
        return keys.length ? cache.match(keys[0]) : null;
      }) : null;
    }).then(function (response) {
      return response ? Number(response.headers.get("X-Raynama-Saved-At")) || 0 : 0;
    });
  }

  function setUpSave(box) {
    if (box.getAttribute("data-ready")) {
      return;
    }
    box.setAttribute("data-ready", "1");
    box.hidden = false;
    var id = box.getAttribute("data-save-id");
    var button = box.querySelector("[data-save-button]");
    var status = box.querySelector("[data-save-status]");

    function say(text) {
      status.textContent = text;
    }

    function showSaved(time) {
      if (time) {
        say(box.getAttribute("data-text-saved").replace("{when}", formatWhen(time, pageLang())));
      }
    }

    savedTime(id).then(showSaved, function () {});
    button.addEventListener("click", function () {
      var urls = (box.getAttribute("data-save-urls") || "").split(" ").filter(Boolean);
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      say(box.getAttribute("data-text-saving"));
      var gaveUp = new Promise(function (resolve) {
        setTimeout(resolve, 30000, { ok: false });
      });
      var asked = window.raynamaOffline.ask({ type: "save", id: id, urls: urls });
      Promise.race([asked, gaveUp]).then(function (reply) {
        button.disabled = false;
        button.removeAttribute("aria-busy");
        if (reply && reply.ok) {
          showSaved(reply.savedAt);
        } else {
          say(box.getAttribute("data-text-failed"));
        }
      });
    });
  }

  function setUpPage() {
    renderStatus();
    if (!supported) {
      return;
    }
    document.querySelectorAll("[data-save-offline]").forEach(setUpSave);
  }

  function watchUpdates(registration) {
    function offer(worker) {
      if (worker && navigator.serviceWorker.controller) {
        state.waiting = worker;
        renderStatus();
      }
    }
    offer(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed") {
          offer(worker);
        }
      });
    });
  }

  function start() {
    setUpPage();
    document.addEventListener("htmx:after:settle", setUpPage);
    document.addEventListener("htmx:error", function () {
      setOffline(true);
    });
    window.addEventListener("offline", function () {
      setOffline(true);
    });
    if (!supported) {
      return;
    }
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "network") {
        setOffline(!event.data.ok);
      }
    });
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (state.reloading) {
        window.location.reload();
      }
    });
    // After the load event, so the worker and its precache never compete with the page itself.
    var uncontrolled = !navigator.serviceWorker.controller;
    function register() {
      navigator.serviceWorker.register("/sw.js").then(watchUpdates, function () {});
      if (uncontrolled) {
        // The first page loaded before the worker ran, so it never saw it: have it keep a copy
        // (from the browser's HTTP cache, so no second download), as it does for later pages.
        navigator.serviceWorker.ready.then(function (registration) {
          if (registration.active) {
            registration.active.postMessage({ type: "keep", url: location.href });
          }
        });
      }
    }
    if (document.readyState === "complete") {
      register();
    } else {
      window.addEventListener("load", register);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
