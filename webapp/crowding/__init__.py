"""Less crowded now (شعب خلوت‌تر): live queue levels reported by station staff and voters."""
