"""Printable station maps, station cards and share texts: SVG maps drawn on the server."""
