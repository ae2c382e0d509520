/*
 * Raynama service worker, served at /sw.js with `const CONFIG = {...}` put in front of it by
 * webapp/offline/worker.py: the build id, the precache list (the saved views' page and script
 * join it with the first save) and the offline and saved shells in each language.
 *
 * - Static files with a content hash in their name: cache first; old ones stay until trimmed,
 *   because a page saved under an older build still names them.
 * - Pages (navigations, boosted clicks, history restores): network first for 3.5 s, then the
 *   newest saved copy, marked with the time it was saved; then a shell page.
 * - Fragments (other htmx requests): network first, then their own cache. A copy is filed by
 *   what it is: a whole document goes with the pages, anything else with the fragments, and a
 *   page request is only ever answered from the pages, so a fragment is never shown as a page.
 * - Nothing else is touched: other methods, other origins, other requests, `no-store` answers.
 * - A new version waits until the page asks it to take over (the "new version" banner).
 */
"use strict";

const SHELL = "raynama-shell-" + CONFIG.build;
const STATIC = "raynama-static";
const PAGES = "raynama-pages";
const FRAGMENTS = "raynama-fragments";
const SAVED = "raynama-saved-";
const DAY = 24 * 60 * 60 * 1000;
const LIMITS = {
  [STATIC]: { max: 60, age: 60 * DAY },
  [PAGES]: { max: 60, age: 30 * DAY },
  [FRAGMENTS]: { max: 40, age: 2 * DAY },
};
const SAVED_LIMIT = { max: 5, age: 60 * DAY };
const TIMEOUT_MS = 3500;
const STAMP = "X-Raynama-Saved-At";
const HASHED = /\.[0-9a-f]{12}\.[A-Za-z0-9]+$/;
const SAVED_VIEWS = /^\/(stations\/[^/]+|constituencies\/\d+)\/?$/;
// This build's shell is never trimmed or expired, however old its entries are.
const SHELL_URLS = new Set(
  [...CONFIG.precache, ...CONFIG.savedShell].map((url) => new URL(url, self.location.origin).href)
);

self.addEventListener("install", (event) => {
  event.waitUntil(precache(null));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("raynama-shell-") && name !== SHELL) {
          await caches.delete(name);
        }
      }
      for (const name of Object.keys(LIMITS)) {
        await expire(name);
      }
      await trimSaved();
      await self.clients.claim();
    })()
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const port = event.ports && event.ports[0];
  const reply = (value) => port && port.postMessage(value);
  if (data.type === "skip-waiting") {
    self.skipWaiting();
  } else if (data.type === "build") {
    reply({ build: CONFIG.build });
  } else if (data.type === "keep") {
    event.waitUntil(keep(String(data.url || "")));
  } else if (data.type === "save") {
    event.waitUntil(
      save(String(data.id), data.urls || []).then(reply, (error) =>
        reply({ ok: false, error: String(error) })
      )
    );
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === "/sw.js") {
    return;
  }
  if (url.pathname.startsWith("/static/")) {
    if (HASHED.test(url.pathname)) {
      event.respondWith(staticFirst(event, request));
    }
    return;
  }
  if (url.pathname.endsWith("/manifest.webmanifest")) {
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(request.url)) || Response.error())
    );
    return;
  }
  const kind = kindOf(request);
  if (kind) {
    event.respondWith(networkFirst(event, request, kind, url));
  }
});

function kindOf(request) {
  if (request.mode === "navigate") {
    return "page";
  }
  const headers = request.headers;
  // htmx 4 sends a history restore (back, forward) without HX-Request: it is a page all the same.
  if (headers.has("HX-History-Restore-Request")) {
    return "page";
  }
  if (headers.get("HX-Request") !== "true") {
    return null;
  }
  if (headers.get("HX-Request-Type") === "full") {
    return "page";
  }
  return "fragment";
}

async function precache(urls) {
  const shell = await caches.open(SHELL);
  const statics = await caches.open(STATIC);
  if (!urls) {
    const saved = (await savedNames()).length > 0;
    urls = saved ? [...CONFIG.precache, ...CONFIG.savedShell] : CONFIG.precache;
  }
  await Promise.all(
    urls.map(async (url) => {
      const isStatic = HASHED.test(url);
      if (await (isStatic ? statics : shell).match(url)) {
        return;
      }
      const response = await fetch(url, { cache: isStatic ? "default" : "no-cache" });
      if (!response.ok) {
        throw new Error("could not precache " + url + " (" + response.status + ")");
      }
      await (isStatic ? statics : shell).put(url, await stamped(response));
    })
  );
}

async function staticFirst(event, request) {
  const cache = await caches.open(STATIC);
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) {
    return hit;
  }
  const response = await fetch(request);
  if (keepable(response)) {
    const copy = response.clone();
    event.waitUntil(stamped(copy).then((r) => cache.put(request.url, r)).then(() => trim(STATIC)));
  }
  return response;
}

async function networkFirst(event, request, kind, url) {
  const attempt = fetch(request).then((response) => ({
    response,
    copy: keepable(response) && isHtml(response) ? response.clone() : null,
  }));
  event.waitUntil(
    attempt.then(
      ({ copy }) => {
        tell(true);
        return copy && store(copy, request.url);
      },
      () => tell(false)
    )
  );
  const network = attempt.then(({ response }) => response);
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(resolve, TIMEOUT_MS, null);
  });
  let first = null;
  try {
    first = await Promise.race([network, slow]);
  } catch (error) {
    // No network: fall through to the saved copies.
  } finally {
    clearTimeout(timer);
  }
  // A gateway's 5xx while the app is down counts as no network when a copy is saved.
  if (first && first.status < 500) {
    return first;
  }
  const cached = await fromCache(request.url, kind);
  if (cached) {
    return cached;
  }
  try {
    return first || (await network);
  } catch (error) {
    return fallback(kind, url);
  }
}

function keepable(response) {
  const control = response.headers.get("Cache-Control") || "";
  return response.status === 200 && response.type === "basic" && !/no-store/i.test(control);
}

function isHtml(response) {
  return (response.headers.get("Content-Type") || "").startsWith("text/html");
}

async function stamped(response, body) {
  const headers = new Headers(response.headers);
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  headers.set(STAMP, String(Date.now()));
  const content = body || (await response.blob());
  return new Response(content, { status: response.status, headers });
}

async function store(response, url) {
  const body = await response.blob();
  const start = (await body.slice(0, 200).text()).trimStart().slice(0, 15).toLowerCase();
  const name = start === "<!doctype html>" ? PAGES : FRAGMENTS;
  const cache = await caches.open(name);
  await cache.put(url, await stamped(response, body));
  await trim(name);
}

async function savedNames() {
  return (await caches.keys()).filter((name) => name.startsWith(SAVED));
}

async function fromCache(url, kind) {
  const names = kind === "page" ? [PAGES, ...(await savedNames()), SHELL] : [FRAGMENTS];
  let best = null;
  let bestTime = -1;
  let bestName = "";
  for (const name of names) {
    const hit = await (await caches.open(name)).match(url, { ignoreVary: true });
    const time = hit ? Number(hit.headers.get(STAMP)) || 0 : -1;
    const limit = LIMITS[name] || (name === SHELL ? null : SAVED_LIMIT);
    if (hit && time > bestTime && !(limit && Date.now() - time > limit.age)) {
      [best, bestTime, bestName] = [hit, time, name];
    }
  }
  if (!best || kind !== "page") {
    return best;
  }
  const marks = { "data-served": bestName === SHELL ? "shell" : "cache" };
  if (bestName !== SHELL) {
    marks["data-saved-at"] = String(bestTime);
  }
  return mark(best, marks);
}

// A page that loaded before this worker controlled it: keep it like any page seen since.
async function keep(address) {
  const url = new URL(address, self.location.origin);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/static/")) {
    return;
  }
  try {
    const response = await fetch(url.href, { cache: "force-cache" });
    if (keepable(response) && isHtml(response)) {
      await store(response, url.href);
    }
  } catch (error) {
    // Offline already: nothing to keep.
  }
}

async function fallback(kind, url) {
  if (kind !== "page") {
    return Response.error();
  }
  const english = url.pathname === "/en" || url.pathname.startsWith("/en/");
  const lang = english ? "en" : "fa";
  const path = english ? url.pathname.slice(3) || "/" : url.pathname;
  // The saved page itself, with any query (`/saved?c=1`), and the saved views open the saved
  // shell, which draws them from the saved data.
  const savedPage = path === new URL(CONFIG.saved.fa, self.location.origin).pathname;
  const useSaved = (savedPage || SAVED_VIEWS.test(path)) && (await savedNames()).length > 0;
  const shell = await caches.open(SHELL);
  const hit =
    (useSaved && (await shell.match(CONFIG.saved[lang]))) ||
    (await shell.match(CONFIG.offline[lang]));
  return hit ? mark(hit, { "data-served": "shell" }) : Response.error();
}

async function mark(response, marks) {
  const text = await response.text();
  const extra = Object.entries(marks)
    .map(([name, value]) => " " + name + '="' + value + '"')
    .join("");
  return new Response(text.replace("data-offline-status", "data-offline-status" + extra), {
    status: 200,
    headers: response.headers,
  });
}

let lastNetwork = null;

async function tell(ok) {
  if (ok === lastNetwork) {
    return;
  }
  lastNetwork = ok;
  for (const client of await self.clients.matchAll({ type: "window" })) {
    client.postMessage({ type: "network", ok });
  }
}

async function trim(name) {
  const cache = await caches.open(name);
  const keys = await cache.keys();
  // Keys come back oldest first: a put replaces its entry at the end.
  const trimmable = keys.filter((key) => !SHELL_URLS.has(key.url));
  for (const key of trimmable.slice(0, Math.max(0, keys.length - LIMITS[name].max))) {
    await cache.delete(key);
  }
}

async function expire(name) {
  const cache = await caches.open(name);
  for (const key of await cache.keys()) {
    if (SHELL_URLS.has(key.url)) {
      continue;
    }
    const hit = await cache.match(key);
    if (!hit || Date.now() - (Number(hit.headers.get(STAMP)) || 0) > LIMITS[name].age) {
      await cache.delete(key);
    }
  }
}

async function save(id, urls) {
  if (!/^\d+$/.test(id) || !urls.length) {
    throw new Error("nothing to save");
  }
  const responses = await Promise.all(
    urls.map(async (url) => {
      const target = new URL(url, self.location.origin);
      if (target.origin !== self.location.origin) {
        throw new Error("not this site: " + url);
      }
      const response = await fetch(target.href, { cache: "no-cache" });
      if (!response.ok) {
        throw new Error("could not fetch " + url + " (" + response.status + ")");
      }
      return [target.href, await stamped(response)];
    })
  );
  await precache(CONFIG.savedShell);
  await caches.delete(SAVED + id);
  const cache = await caches.open(SAVED + id);
  for (const [url, response] of responses) {
    await cache.put(url, response);
  }
  await trimSaved();
  return { ok: true, savedAt: Date.now() };
}

async function savedAt(name) {
  const cache = await caches.open(name);
  const keys = await cache.keys();
  const hit = keys.length ? await cache.match(keys[0]) : null;
  return hit ? Number(hit.headers.get(STAMP)) || 0 : 0;
}

async function trimSaved() {
  const saved = [];
  for (const name of await savedNames()) {
    saved.push({ name, time: await savedAt(name) });
  }
  saved.sort((a, b) => b.time - a.time);
  for (const [position, entry] of saved.entries()) {
    if (position >= SAVED_LIMIT.max || Date.now() - entry.time > SAVED_LIMIT.age) {
      await caches.delete(entry.name);
    }
  }
}
