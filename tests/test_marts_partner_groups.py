"""partner_groups: every partner's group is its ultimate controller through > 50 % links."""

from __future__ import annotations

from tests.support_marts import built, pick, records


def test_groups_follow_control_up_a_three_level_chain(tmp_path):
    partners = [
        {"partner_id": "H1", "partner_type": "holding"},
        {"partner_id": "H2", "partner_type": "holding"},
        {"partner_id": "P1"},
        {"partner_id": "P2"},
        {"partner_id": "P3"},
        {"partner_id": "E1", "partner_type": "enhancer"},
    ]
    ownership = [
        {"owner_id": "H1", "owned_id": "H2", "equity_share": 0.6},
        {"owner_id": "H2", "owned_id": "P1", "equity_share": 0.51},
        {"owner_id": "P1", "owned_id": "E1", "equity_share": 0.55},
        # exactly half is not control
        {"owner_id": "H1", "owned_id": "P2", "equity_share": 0.5},
        # within the 1e-9 tolerance of one half: still not control
        {"owner_id": "H2", "owned_id": "P3", "equity_share": 0.5000000005},
    ]
    con = built(tmp_path, {"partners": partners, "ownership": ownership})
    assert pick(records(con, "partner_groups"), "partner_id", "group_id") == [
        ("E1", "H1"),  # E1 ← P1 ← H2 ← H1
        ("H1", "H1"),
        ("H2", "H1"),
        ("P1", "H1"),
        ("P2", "P2"),
        ("P3", "P3"),
    ]
