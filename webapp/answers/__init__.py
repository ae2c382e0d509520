"""Answers (پاسخ به پرسش‌ها): plain answers to voters' common questions, in both languages."""
