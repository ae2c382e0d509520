"""A candidate's private page and moderation: tokens, CSRF, limits, bad input, audit trail."""

import re

import pytest
from sqlalchemy import func, select

from webapp.candidates.access import issue_candidate_token, issue_moderator_token
from webapp.candidates.models import (
    Candidate,
    CandidateAccess,
    ChangeLog,
    Channel,
    ChannelClaim,
    CorrectionRequest,
)
from webapp.candidates.moderation import HOURLY_LIMIT
from webapp.extensions import db


def _token(app, candidate_id: int | None = None) -> tuple[int, str]:
    with app.app_context():
        if candidate_id is None:
            candidate_id = db.session.scalar(select(Candidate.id).order_by(Candidate.id))
        token = issue_candidate_token(candidate_id)
        db.session.commit()
    return candidate_id, token


def _moderator(app, client) -> None:
    with app.app_context():
        token = issue_moderator_token("Test moderator")
        db.session.commit()
    assert client.get(f"/moderate?t={token}").status_code == 303


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _signed_in(app, client) -> tuple[int, str]:
    """Sign a client in as a candidate; (candidate id, CSRF token)."""
    candidate_id, token = _token(app)
    response = client.get(f"/candidates/self?t={token}")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/candidates/self")
    page = client.get("/candidates/self")
    assert page.status_code == 200
    return candidate_id, _csrf(page.get_data(as_text=True))


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(
    "url",
    [
        "/candidates/self",
        "/candidates/self?t=",
        "/candidates/self?t=short",
        "/candidates/self?t=" + "A" * 43,
        "/candidates/self?t=" + "ی" * 43,
        "/moderate",
        "/moderate?t=" + "B" * 43,
    ],
)
def test_unknown_or_wrong_tokens_are_a_plain_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Set-Cookie" not in response.headers


def test_private_page_is_never_cached_or_indexed(app, client):
    candidate_id, _csrf_token = _signed_in(app, client)
    page = client.get("/candidates/self")
    assert page.headers["Cache-Control"] == "no-store"
    assert "noindex" in page.headers["X-Robots-Tag"]
    assert f"/candidates/{candidate_id}" in page.get_data(as_text=True)
    with app.app_context():
        stored = db.session.scalar(
            select(CandidateAccess.token_hash).filter_by(candidate_id=candidate_id)
        )
    assert len(stored) == 64


def test_forms_need_the_csrf_token(app, client):
    _signed_in(app, client)
    before = _count(app, CorrectionRequest)
    for data in ({}, {"csrf": "forged"}):
        response = client.post(
            "/candidates/self/corrections", data={"field": "list_name", "proposed": "x", **data}
        )
        assert response.status_code == 400
    assert _count(app, CorrectionRequest) == before


def test_a_correction_waits_for_a_moderator_then_is_applied_and_logged(app, client):
    candidate_id, csrf = _signed_in(app, client)
    with app.app_context():
        old_name = db.session.get(Candidate, candidate_id).display_name
    new_name = "نام درست <script>alert(1)</script>"
    sent = client.post(
        "/candidates/self/corrections",
        data={
            "csrf": csrf,
            "field": "display_name",
            "proposed": new_name,
            "evidence": "https://example.com/list",
        },
    )
    assert sent.status_code == 303
    private = client.get("/candidates/self").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in private
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in private
    public = client.get(f"/candidates/{candidate_id}").get_data(as_text=True)
    assert new_name not in public and "&lt;script&gt;" not in public, "published before moderation"

    moderator = client.application.test_client()
    _moderator(app, moderator)
    queue = moderator.get("/moderate")
    assert queue.headers["Cache-Control"] == "no-store"
    html = queue.get_data(as_text=True)
    assert "&lt;script&gt;" in html and "<script>alert(1)" not in html
    with app.app_context():
        request_id = db.session.scalar(
            select(CorrectionRequest.id).filter_by(candidate_id=candidate_id)
        )
    applied = moderator.post(
        f"/moderate/requests/{request_id}", data={"csrf": _csrf(html), "action": "apply"}
    )
    assert applied.status_code == 303
    with app.app_context():
        candidate = db.session.get(Candidate, candidate_id)
        assert candidate.display_name == new_name
        log = db.session.scalars(select(ChangeLog).filter_by(candidate_id=candidate_id)).all()
        assert [(c.field, c.old, c.new, c.changed_by) for c in log] == [
            ("display_name", old_name, new_name, "Test moderator")
        ]
        assert log[0].source == f"correction request #{request_id}"
    public = client.get(f"/en/candidates/{candidate_id}").get_data(as_text=True)
    assert "&lt;script&gt;" in public and "Changes to this listing" in public
    again = moderator.post(
        f"/moderate/requests/{request_id}", data={"csrf": _csrf(html), "action": "apply"}
    )
    assert again.status_code == 303  # already decided: nothing applied twice
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count()).select_from(ChangeLog).filter_by(candidate_id=candidate_id)
            )
            == 1
        )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"field": "statement", "proposed": "ب" * 2001}, "2,000"),
        ({"field": "display_name", "proposed": "ن" * 201}, "200"),
        ({"field": "nonsense", "proposed": "x"}, "Choose what should be corrected"),
        ({"field": "list_name", "proposed": "   "}, "Write the correct value"),
        ({"field": "list_name", "proposed": "x", "evidence": "javascript:alert(1)"}, "https://"),
        ({"field": "channel_add", "proposed": "https://eitaa.co/name"}, "imitates"),
        ({"field": "channel_add", "proposed": "https://eitaa.com/joinchat/abc"}, "private invite"),
        (
            {"field": "channel_remove", "proposed": "https://eitaa.com/not_mine"},
            "channels listed for you",
        ),
    ],
)
def test_bad_corrections_are_refused_with_a_message(app, client, data, words):
    _candidate_id, csrf = _signed_in(app, client)
    before = _count(app, CorrectionRequest)
    response = client.post("/en/candidates/self/corrections", data={"csrf": csrf, **data})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert words in body and 'class="error-summary"' in body
    assert _count(app, CorrectionRequest) == before


def test_correction_requests_are_rate_limited(app, client):
    _candidate_id, csrf = _signed_in(app, client)
    for n in range(HOURLY_LIMIT):
        sent = client.post(
            "/candidates/self/corrections",
            data={"csrf": csrf, "field": "other", "proposed": f"مورد {n}"},
        )
        assert sent.status_code == 303
    limited = client.post(
        "/en/candidates/self/corrections",
        data={"csrf": csrf, "field": "other", "proposed": "one more"},
    )
    assert limited.status_code == 429
    assert "wait an hour" in limited.get_data(as_text=True)
    assert _count(app, CorrectionRequest) == HOURLY_LIMIT


def test_channel_ownership_is_proven_with_a_one_time_code(app, client):
    candidate_id, csrf = _signed_in(app, client)
    sent = client.post(
        "/candidates/self/claims",
        data={
            "csrf": csrf,
            "claim-url": "@Proof_Channel",
            "claim-platform": "eitaa",
            "claim-owner": "official",
        },
    )
    assert sent.status_code == 303
    with app.app_context():
        claim = db.session.scalar(select(ChannelClaim).filter_by(candidate_id=candidate_id))
        code, claim_id = claim.code, claim.id
    assert re.fullmatch(r"RAYNAMA-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert code in client.get("/candidates/self").get_data(as_text=True)
    again = client.post(
        "/candidates/self/claims",
        data={"csrf": csrf, "claim-url": "eitaa.com/proof_channel", "claim-owner": "official"},
    )
    assert again.status_code == 303
    assert _count(app, ChannelClaim) == 1, "the open code for the same channel is reused"
    public = client.get(f"/candidates/{candidate_id}").get_data(as_text=True)
    assert "proof_channel" not in public

    moderator = client.application.test_client()
    _moderator(app, moderator)
    html = moderator.get("/moderate").get_data(as_text=True)
    assert code in html
    moderator.post(f"/moderate/claims/{claim_id}", data={"csrf": _csrf(html), "action": "confirm"})
    with app.app_context():
        channel = db.session.scalar(
            select(Channel).filter_by(
                candidate_id=candidate_id, url="https://eitaa.com/proof_channel"
            )
        )
        assert channel.verification == "proven"
        assert db.session.get(ChannelClaim, claim_id).state == "confirmed"
    assert "https://eitaa.com/proof_channel" in client.get(f"/candidates/{candidate_id}").get_data(
        as_text=True
    )


def test_a_new_link_closes_the_old_one_and_its_sessions(app, client):
    candidate_id, _csrf_token = _signed_in(app, client)
    _same, newer = _token(app, candidate_id)
    assert client.get("/candidates/self").status_code == 404
    assert client.get(f"/candidates/self?t={newer}").status_code == 303


def test_cli_links_with_qr_codes_and_review(app, tmp_path):
    runner = app.test_cli_runner()
    with app.app_context():
        cid = db.session.scalar(select(Candidate.constituency_id).order_by(Candidate.id))
        count = db.session.scalar(
            select(func.count()).select_from(Candidate).filter_by(constituency_id=cid)
        )
    result = runner.invoke(
        args=[
            "data",
            "candidate-links",
            "--constituency",
            str(cid),
            "--qr",
            "svg",
            "--out",
            str(tmp_path),
            "--base-url",
            "https://raynama.example",
        ]
    )
    assert result.exit_code == 0, result.output
    links = re.findall(r"https://raynama\.example/candidates/self\?t=([\w-]+)", result.output)
    assert len(links) == count
    assert len(list(tmp_path.glob("*.svg"))) == count
    assert app.test_client().get(f"/candidates/self?t={links[0]}").status_code == 303
    repeat = runner.invoke(args=["data", "candidate-links", "--constituency", str(cid)])
    assert "already issued" in repeat.output
    terminal = runner.invoke(
        args=["data", "candidate-links", "--candidate", "1", "--rotate", "--qr", "terminal"]
    )
    assert "▀" in terminal.output or "█" in terminal.output
    assert runner.invoke(args=["data", "candidate-links"]).exit_code != 0

    with app.app_context():
        db.session.add(
            CorrectionRequest(
                candidate_id=1, field="list_name", proposed="فهرست درست", created_at=_now()
            )
        )
        db.session.commit()
        request_id = db.session.scalar(select(CorrectionRequest.id))
    listing = runner.invoke(args=["data", "review", "--list"])
    assert f"request #{request_id}" in listing.output and "1 request(s)" in listing.output
    applied = runner.invoke(
        args=["data", "review", "--apply", str(request_id), "--as", "console test"]
    )
    assert applied.exit_code == 0, applied.output
    with app.app_context():
        assert db.session.get(Candidate, 1).list_name == "فهرست درست"
        assert (
            db.session.scalar(select(ChangeLog.changed_by).filter_by(candidate_id=1))
            == "console test"
        )
    twice = runner.invoke(args=["data", "review", "--apply", str(request_id)])
    assert twice.exit_code != 0 and "already decided" in twice.output


def _now():
    import datetime as dt

    return dt.datetime.now(dt.UTC)


def test_every_private_form_needs_the_csrf_token(app, client):
    _signed_in(app, client)
    moderator = client.application.test_client()
    _moderator(app, moderator)
    with app.app_context():
        db.session.add(
            CorrectionRequest(candidate_id=1, field="other", proposed="x", created_at=_now())
        )
        db.session.commit()
        request_id = db.session.scalar(select(CorrectionRequest.id))
    for who, url, data in (
        (client, "/candidates/self/claims", {"claim-url": "@abc_def"}),
        (client, "/candidates/self/leave", {}),
        (moderator, f"/moderate/requests/{request_id}", {"action": "apply"}),
        (moderator, "/moderate/leave", {}),
    ):
        assert who.post(url, data={**data, "csrf": "forged"}).status_code == 400, url
    with app.app_context():
        assert db.session.get(CorrectionRequest, request_id).state == "pending"
        assert _count(app, ChannelClaim) == 0
    cross_site = client.post(
        "/candidates/self/leave",
        data={"csrf": _csrf(client.get("/candidates/self").get_data(as_text=True))},
        headers={"Origin": "https://attacker.example"},
    )
    assert cross_site.status_code == 400


def test_public_pages_set_no_cookie_and_stay_cacheable(app, client):
    _signed_in(app, client)
    for url in ("/candidates/1", "/constituencies/1/candidates", "/answers"):
        response = client.get(url)
        assert "Set-Cookie" not in response.headers, url
        assert response.headers["Cache-Control"].startswith("public"), url


def test_review_walks_through_pending_items(app):
    with app.app_context():
        db.session.add(
            CorrectionRequest(
                candidate_id=2, field="statement", proposed="بیانیهٔ تازه", created_at=_now()
            )
        )
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["data", "review"], input="a\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        candidate = db.session.get(Candidate, 2)
        assert candidate.statement == "بیانیهٔ تازه" and candidate.statement_author
