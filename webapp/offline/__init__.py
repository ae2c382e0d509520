"""Offline use: service worker, web app manifest, saved constituencies and their packs."""
