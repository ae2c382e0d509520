/*
 * The saved-for-offline views, drawn on the phone from the saved packs (pack.js). The page at
 * /saved lists them; with no connection the worker also answers /stations/<code>,
 * /stations/near?lat=&lon= and /constituencies/<id> with this page, and the view follows the
 * address bar. Labels come from the page (#saved-app and its data-text-* attributes); needs
 * offline.js (raynamaOffline) and pack.js (raynamaPack).
 */
(function () {
  "use strict";

  function field(scope, name) {
    return scope.querySelector('[data-field="' + name + '"]');
  }

  function text(root, key, values) {
    var out = root.getAttribute("data-text-" + key) || "";
    Object.keys(values || {}).forEach(function (name) {
      out = out.replace("{" + name + "}", values[name]);
    });
    return out;
  }

  function digits(root, value) {
    var s = String(value);
    return root.getAttribute("data-lang") === "en" ? s : s.replace(/[0-9]/g, function (d) {
      return "۰۱۲۳۴۵۶۷۸۹"[d];
    });
  }

  function number(root, value, decimals) {
    var locale = root.getAttribute("data-lang") === "en" ? "en" : "fa-IR";
    return new Intl.NumberFormat(locale, { maximumFractionDigits: decimals || 0 }).format(value);
  }

  // A closing at midnight reads 24:00, so it cannot be taken for a time before opening.
  function clock(root, minutes) {
    var h = minutes === 1440 ? 24 : Math.floor(minutes / 60) % 24;
    var m = minutes % 60;
    return digits(root, (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m);
  }

  function distance(root, metres) {
    if (metres < 1000) {
      return number(root, Math.round(metres / 10) * 10) + " " + root.getAttribute("data-unit-m");
    }
    var km = metres < 10000 ? Math.round(metres / 100) / 10 : Math.round(metres / 1000);
    return number(root, km, 1) + " " + root.getAttribute("data-unit-km");
  }

  function stationsCount(root, n) {
    return text(root, n === 1 ? "stations-one" : "stations-other", { n: number(root, n) });
  }

  /* Persian data text; on English pages isolated and marked, as the |fa filter does. */
  function persian(root, el, value) {
    el.textContent = "";
    if (root.getAttribute("data-lang") !== "en") {
      el.textContent = value || "";
      return;
    }
    var bdi = document.createElement("bdi");
    bdi.lang = "fa";
    bdi.dir = "rtl";
    bdi.textContent = value || "";
    el.appendChild(bdi);
  }

  /* Persian text inside an English line: wrapped in bidi isolates (FSI … PDI). */
  function fa(root, value) {
    return root.getAttribute("data-lang") === "en" && value ? "\u2068" + value + "\u2069" : value;
  }

  function pick(root, pair) {
    return root.getAttribute("data-lang") === "en" && pair[1] ? pair[1] : fa(root, pair[0]);
  }

  function url(root, path) {
    return root.getAttribute("data-prefix") + path;
  }

  function show(root, view, title) {
    var near = root.querySelector('[data-view="near"]');
    if (view === "constituency") {
      field(root, "near-slot").appendChild(near);
    } else if (near.parentNode !== root) {
      root.insertBefore(near, root.querySelector('[data-view="missing"]'));
    }
    root.querySelectorAll("[data-view]").forEach(function (section) {
      section.hidden = section.getAttribute("data-view") !== view &&
        !(view === "constituency" && section === near);
    });
    if (title) {
      field(root, "heading").textContent = title;
      var parts = document.title.split(itemSeparator(root));
      document.title = title + itemSeparator(root) + parts[parts.length - 1];
    }
  }

  // Between the parts of a line: not a middle dot in Persian, where it reads as a zero.
  function itemSeparator(root) {
    return root.getAttribute("data-item-separator") || " · ";
  }

  function savedNote(root, entry) {
    var from = field(root, "from");
    from.textContent = text(root, "saved-on", {
      when: window.raynamaOffline.formatWhen(entry.savedAt, root.getAttribute("data-lang")),
    });
    var pack = entry.pack;
    field(root, "partial").hidden = pack.tiers.length === 3 && pack.addressWhole !== false;
  }

  function placeLine(root, s, pack) {
    var separator = root.getAttribute("data-separator");
    var bits = [];
    if (s.place[0]) {
      bits.push(fa(root, s.place[0]));
    }
    bits.push(pick(root, [s.place[1], s.place[2]]));
    if (pack.province) {
      bits.push(pick(root, pack.province));
    }
    return bits.join(separator);
  }

  function renderList(root, saved) {
    show(root, "list");
    var near = root.querySelector('[data-view="near"]');
    near.hidden = !saved.length;
    setUpNear(root, saved);
    field(root, "empty").hidden = saved.length > 0;
    var list = field(root, "items");
    list.textContent = "";
    var template = document.getElementById("saved-item");
    saved.forEach(function (entry) {
      var item = template.content.firstElementChild.cloneNode(true);
      var link = field(item, "link");
      link.href = url(root, "/constituencies/" + entry.pack.id);
      link.textContent = text(root, "constituency", { name: pick(root, entry.pack.name) });
      field(item, "count").textContent = stationsCount(root, entry.pack.n);
      field(item, "saved").textContent = text(root, "saved-on", {
        when: window.raynamaOffline.formatWhen(entry.savedAt, root.getAttribute("data-lang")),
      });
      field(item, "stations").href = url(root, "/saved?c=" + entry.pack.id);
      item.querySelector('[data-action="remove"]').addEventListener("click", function () {
        caches.delete(entry.name).then(function () {
          renderList(root, saved.filter(function (e) { return e !== entry; }));
        });
      });
      list.appendChild(item);
    });
  }

  function renderConstituency(root, entry) {
    var pack = entry.pack;
    show(root, "constituency", text(root, "constituency", { name: pick(root, pack.name) }));
    setUpNear(root, [entry]);
    field(root, "seats").textContent = number(root, pack.seats);
    field(root, "count").textContent = number(root, pack.n);
    field(root, "page").href = url(root, "/constituencies/" + pack.id);
    var holder = field(root, "places");
    holder.textContent = "";
    var groups = pack.places.map(function () { return []; });
    pack.stations.forEach(function (s) {
      groups[pack.places.indexOf(s.place)].push(s);
    });
    groups.forEach(function (group) {
      if (group.length) {
        holder.appendChild(placeGroup(root, pack, group));
      }
    });
    savedNote(root, entry);
  }

  function placeGroup(root, pack, group) {
    var details = document.createElement("details");
    details.className = "saved-place";
    var summary = document.createElement("summary");
    var place = group[0].place;
    summary.textContent = (place[0] ? fa(root, place[0]) + itemSeparator(root) : "") + pick(root, [place[1], place[2]]) +
      " (" + number(root, group.length) + ")";
    details.appendChild(summary);
    details.addEventListener("toggle", function () {
      if (!details.open || details.querySelector("ul")) {
        return;
      }
      var list = document.createElement("ul");
      list.className = "result-list list-plain";
      group.forEach(function (s) {
        list.appendChild(stationItem(root, s, digits(root, s.code) + (s.address ? itemSeparator(root) + fa(root, s.address) : "")));
      });
      details.appendChild(list);
    });
    return details;
  }

  function stationItem(root, s, meta, extra) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = url(root, "/stations/" + s.code);
    var title = document.createElement("span");
    title.className = "result-list__title";
    persian(root, title, s.name);
    link.appendChild(title);
    if (extra) {
      link.appendChild(extra);
    }
    var line = document.createElement("span");
    line.className = "result-list__meta";
    line.textContent = meta;
    link.appendChild(line);
    item.appendChild(link);
    return item;
  }

  function row(root, name, visible) {
    root.querySelectorAll('[data-row="' + name + '"]').forEach(function (el) {
      el.hidden = !visible;
    });
  }

  function renderStation(root, entry, s) {
    var pack = entry.pack;
    var lang = root.getAttribute("data-lang");
    show(root, "station", s.name);
    persian(root, field(root, "heading"), s.name);
    field(root, "sample").hidden = !s.sample;
    field(root, "code").textContent = digits(root, s.code);
    field(root, "electronic").hidden = !s.electronic;
    field(root, "paper").hidden = s.electronic;
    field(root, "mobile").hidden = !s.mobile;
    row(root, "address", Boolean(s.address));
    field(root, "address").textContent = s.address || "";
    row(root, "landmark", Boolean(s.landmark));
    field(root, "landmark").textContent = s.landmark || "";
    row(root, "hood", Boolean(s.hood));
    field(root, "hood").textContent = s.hood || "";
    field(root, "place").textContent = placeLine(root, s, pack);
    field(root, "day").textContent = window.raynamaOffline.formatDay(pack.date, lang);
    field(root, "hours").textContent = text(root, "hours", {
      start: clock(root, s.opens), end: clock(root, s.closes),
    });
    var extended = field(root, "extended");
    extended.hidden = s.extended === null;
    extended.textContent = s.extended === null ? "" : text(root, "extended", { time: clock(root, s.extended) });
    var audience = field(root, "audience");
    audience.textContent = audience.getAttribute("data-" + s.audience);
    row(root, "venue", Boolean(s.venue));
    var venue = field(root, "venue");
    venue.textContent = s.venue ? venue.getAttribute("data-" + s.venue) : "";
    var constituency = field(root, "constituency");
    constituency.href = url(root, "/constituencies/" + pack.id);
    constituency.textContent = pick(root, pack.name);
    renderStationExtras(root, s);
    savedNote(root, entry);
  }

  function renderStationExtras(root, s) {
    row(root, "stops", s.mobile && s.stops.length > 0);
    var stops = field(root, "stops");
    stops.textContent = "";
    s.stops.forEach(function (stop) {
      var item = document.createElement("li");
      var place = document.createElement("span");
      place.className = "result-list__title";
      persian(root, place, stop.place);
      var when = document.createElement("span");
      when.className = "result-list__meta";
      when.textContent = text(root, "hours", { start: clock(root, stop.start), end: clock(root, stop.end) });
      item.append(place, " ", when);
      stops.appendChild(item);
    });
    row(root, "access", Boolean(s.access));
    var access = field(root, "access");
    access.querySelectorAll("dd").forEach(function (dd, k) {
      dd.textContent = s.access ? access.getAttribute("data-" + s.access[k]) : "";
    });
    var point = s.lat.toFixed(5) + "," + s.lon.toFixed(5);
    field(root, "geo").href = "geo:" + point + "?q=" + point;
  }

  function renderNearest(root, saved, lat, lon) {
    var found = [];
    saved.forEach(function (entry) {
      entry.pack.stations.forEach(function (s) {
        found.push({ s: s, pack: entry.pack, d: window.raynamaPack.metres(lat, lon, s.lat, s.lon) });
      });
    });
    found.sort(function (a, b) { return a.d - b.d; });
    var list = field(root, "near-list");
    list.textContent = "";
    found.slice(0, 10).forEach(function (hit) {
      var span = document.createElement("span");
      span.className = "station-list__distance";
      span.textContent = distance(root, hit.d);
      list.appendChild(stationItem(root, hit.s, fa(root, hit.s.address) || placeLine(root, hit.s, hit.pack), span));
    });
  }

  function setUpNear(root, saved) {
    var button = root.querySelector("[data-near-saved]");
    var status = field(root, "near-status");
    field(root, "near-list").textContent = "";
    button.hidden = !("geolocation" in navigator);
    button.onclick = function () {
      button.disabled = true;
      status.textContent = text(root, "locating");
      navigator.geolocation.getCurrentPosition(function (position) {
        button.disabled = false;
        status.textContent = "";
        renderNearest(root, saved, position.coords.latitude, position.coords.longitude);
      }, function (error) {
        button.disabled = false;
        status.textContent = text(root, error && error.code === 1 ? "denied" : "unavailable");
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 });
    };
  }

  function route(root, saved) {
    var path = location.pathname;
    var prefix = root.getAttribute("data-prefix");
    if (prefix && path.indexOf(prefix) === 0) {
      path = path.slice(prefix.length) || "/";
    }
    var params = new URLSearchParams(location.search);
    var match = path.match(/^\/constituencies\/(\d+)\/?$/);
    var id = match ? match[1] : path === "/saved" ? params.get("c") : null;
    if (path === "/stations/near" && saved.length) {
      show(root, "near", text(root, "near"));
      setUpNear(root, saved);
      var lat = parseFloat(params.get("lat"));
      var lon = parseFloat(params.get("lon"));
      if (isFinite(lat) && isFinite(lon)) {
        renderNearest(root, saved, lat, lon);
      }
      return;
    }
    if (id) {
      var entry = saved.filter(function (e) { return String(e.pack.id) === id; })[0];
      return entry ? renderConstituency(root, entry) : show(root, "missing", text(root, "missing"));
    }
    match = path.match(/^\/stations\/([^/]+)\/?$/);
    if (match) {
      return stationRoute(root, saved, decodeURIComponent(match[1]));
    }
    return path === "/saved" ? renderList(root, saved) : show(root, "missing", text(root, "missing"));
  }

  function stationRoute(root, saved, code) {
    for (var k = 0; k < saved.length; k++) {
      var hits = saved[k].pack.stations.filter(function (s) { return s.code === code; });
      if (hits.length) {
        return renderStation(root, saved[k], hits[0]);
      }
    }
    show(root, "missing", text(root, "missing"));
  }

  function boot() {
    var root = document.getElementById("saved-app");
    if (!root || root.getAttribute("data-ready")) {
      return;
    }
    root.setAttribute("data-ready", "1");
    root.querySelector("[data-nojs]").hidden = true;
    if (typeof caches === "undefined" || !window.raynamaOffline || !window.raynamaPack) {
      show(root, "missing");
      return;
    }
    window.raynamaPack.loadSaved().then(function (saved) {
      route(root, saved);
    });
  }

  boot();
  if (!window.raynamaSavedListening) {
    window.raynamaSavedListening = true;
    document.addEventListener("htmx:after:settle", boot);
  }
})();
