/*
 * Raynama page enhancements. Everything here is optional: each page works without it, so every
 * lookup is guarded and a page without the elements is left alone. No inline handlers (the
 * Content-Security-Policy forbids them); this file is loaded with `defer`.
 */
(function () {
  "use strict";

  /*
   * "Near me": <form id="near-form"> with hidden inputs lat and lon, a <button data-near-me
   * data-error-denied="…" data-error-unavailable="…">, an [data-near-status] live region and a
   * #manual-place chooser that also works without JavaScript. The button may be rendered with
   * `hidden` (it does nothing without JavaScript); it is shown only where geolocation can work.
   * An optional data-status-locating="…" is announced while the position is looked up.
   */
  function setUpNearMe() {
    var form = document.getElementById("near-form");
    if (!form) {
      return;
    }
    var button = form.querySelector("[data-near-me]");
    if (!button || button.hasAttribute("data-near-ready")) {
      return; // absent, or already set up (boosted navigations swap pages in without a reload)
    }
    button.setAttribute("data-near-ready", "");
    if (!("geolocation" in navigator) || !window.isSecureContext) {
      button.hidden = true;
      return;
    }
    button.hidden = false;
    var status = document.querySelector("[data-near-status]");
    var manual = document.getElementById("manual-place");
    var latInput = form.querySelector('input[name="lat"]');
    var lonInput = form.querySelector('input[name="lon"]');
    if (!latInput || !lonInput) {
      return;
    }
    if (status && !status.hasAttribute("aria-live")) {
      status.setAttribute("aria-live", "polite");
    }

    function say(message) {
      if (status) {
        status.textContent = message || "";
      }
    }

    function showManual() {
      if (!manual) {
        return;
      }
      manual.hidden = false;
      if (manual.tagName === "DETAILS") {
        manual.open = true;
      }
    }

    function done() {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }

    function located(position) {
      // Five decimals is about one metre: enough to find a station, no more than needed.
      latInput.value = position.coords.latitude.toFixed(5);
      lonInput.value = position.coords.longitude.toFixed(5);
      done();
      say("");
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit(); // fires submit listeners, so htmx can take over the request
      } else {
        form.submit();
      }
    }

    function failed(error) {
      done();
      var denied = error && error.code === 1; // PERMISSION_DENIED
      var message = denied
        ? button.getAttribute("data-error-denied")
        : button.getAttribute("data-error-unavailable");
      say(message || button.getAttribute("data-error-unavailable") || "");
      showManual();
    }

    button.addEventListener("click", function (event) {
      event.preventDefault();
      if (button.disabled) {
        return;
      }
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      say(button.getAttribute("data-status-locating") || "");
      try {
        navigator.geolocation.getCurrentPosition(located, failed, {
          enableHighAccuracy: false,
          timeout: 15000,
          maximumAge: 300000,
        });
      } catch (error) {
        failed(error);
      }
    });
  }

  function start() {
    setUpNearMe();
    // A boosted link swaps the next page into this document, so set it up again after each swap.
    document.addEventListener("htmx:after:settle", setUpNearMe);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
