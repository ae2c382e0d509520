/*
 * Saved constituencies on the phone: the packs the service worker stored (one Cache Storage
 * cache per saved constituency, "raynama-saved-<id>"), decoded as webapp/offline/pack.py
 * writes them. Used by saved.js; exposes window.raynamaPack.
 */
(function () {
  "use strict";

  var FINAL = "0123456789abcdefghijklmnopqrstuv";
  var MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";
  var AUDIENCES = ["mixed", "men", "women"];
  var VENUES = ["school", "mosque", "office", "other"];
  var TRISTATE = ["yes", "no", "unknown"];
  var PREFIX = "raynama-saved-";
  var STAMP = "X-Raynama-Saved-At";

  function ints(text) {
    var out = [];
    var n = 0;
    for (var i = 0; i < (text || "").length; i++) {
      var more = MORE.indexOf(text[i]);
      if (more >= 0) {
        n = n * 32 + more;
        continue;
      }
      n = n * 32 + FINAL.indexOf(text[i]);
      out.push(n % 2 === 0 ? n / 2 : -(n + 1) / 2);
      n = 0;
    }
    return out;
  }

  function sums(values) {
    var total = 0;
    return values.map(function (v) {
      total += v;
      return total;
    });
  }

  function rows(text, width, each) {
    var values = ints(text);
    var index = 0;
    for (var i = 0; i < values.length; i += width) {
      index += values[i];
      each(index, values.slice(i + 1, i + width));
    }
  }

  function codes(pack) {
    if (Array.isArray(pack.code)) {
      return pack.code;
    }
    return sums(ints(pack.code.d)).map(function (n) {
      return String(n).padStart(pack.code.w, "0");
    });
  }

  function decode(pack) {
    var lat = sums(ints(pack.lat));
    var lon = sums(ints(pack.lon));
    var place = sums(ints(pack.place));
    var name = ints(pack.nameAt);
    var flags = ints(pack.flags);
    var hours = ints(pack.hours);
    var stations = codes(pack).map(function (code, i) {
      return {
        i: i, code: code, name: pack.names[name[i]], place: pack.places[place[i]],
        lat: lat[i] / pack.scale, lon: lon[i] / pack.scale,
        electronic: flags[i] % 2 === 1, mobile: (flags[i] >> 1) % 2 === 1,
        sample: (flags[i] >> 2) % 2 === 1, audience: AUDIENCES[flags[i] >> 3],
        opens: hours[0], closes: hours[1], extended: null, stops: [],
      };
    });
    rows(pack.hoursExcept, 3, function (i, v) {
      stations[i].opens = v[0];
      stations[i].closes = v[1];
    });
    rows(pack.extended, 2, function (i, v) {
      stations[i].extended = v[0];
    });
    if (pack.address) {
      decodeAddress(pack, stations);
    }
    if (pack.texts) {
      decodeDetails(pack, stations);
    }
    pack.stations = stations;
    return pack;
  }

  function decodeAddress(pack, stations) {
    var columns = pack.address.map(ints);
    stations.forEach(function (s, i) {
      s.address = columns
        .map(function (column) { return column[i] ? pack.parts[column[i] - 1] : ""; })
        .filter(Boolean)
        .join("، ");
    });
  }

  function decodeDetails(pack, stations) {
    var landmark = ints(pack.landmark);
    var hood = ints(pack.hood);
    var kind = ints(pack.kind);
    stations.forEach(function (s, i) {
      s.landmark = pack.texts[landmark[i]];
      s.hood = pack.texts[hood[i]];
      var value = kind[i];
      s.access = [];
      for (var k = 0; k < 4; k++) {
        s.access.unshift(TRISTATE[value % 3]);
        value = Math.floor(value / 3);
      }
      s.venue = VENUES[value];
    });
    rows(pack.stops, 4, function (i, v) {
      stations[i].stops.push({ place: pack.texts[v[0]], start: v[1], end: v[2] });
    });
  }

  function loadSaved() {
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf(PREFIX) === 0; }).map(loadOne));
    }).then(function (list) {
      return list.filter(Boolean).sort(function (a, b) { return b.savedAt - a.savedAt; });
    });
  }

  function loadOne(name) {
    return caches.open(name).then(function (cache) {
      return cache.keys().then(function (keys) {
        var key = keys.filter(function (k) { return /\/pack\.json$/.test(new URL(k.url).pathname); })[0];
        return key ? cache.match(key) : null;
      });
    }).then(function (response) {
      if (!response) {
        return null;
      }
      var savedAt = Number(response.headers.get(STAMP)) || 0;
      return response.json().then(function (pack) {
        return { name: name, savedAt: savedAt, pack: decode(pack) };
      });
    });
  }

  function metres(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var a = Math.pow(Math.sin(((lat2 - lat1) * rad) / 2), 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.pow(Math.sin(((lon2 - lon1) * rad) / 2), 2);
    return 2 * 6371000 * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  window.raynamaPack = { ints: ints, decode: decode, loadSaved: loadSaved, metres: metres };
})();
