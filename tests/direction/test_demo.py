import datetime as dt

from sc389.direction import demo, selectors


def test_demo_session_gives_each_conclusion_a_task(tree):
    units = [tree.units["police_hungyen"]]
    session = demo.seed(
        actor=tree.users["admin_national"],
        national=tree.committees["national"],
        committee=tree.committees["hungyen"],
        units=units,
    )
    leader = tree.users["leader_hungyen"]
    tasks = selectors.task_list(user=leader, committee=tree.committees["hungyen"].pk)
    assert tasks.filter(conclusion__session=session).count() == session.conclusions.count() == 4
    assert tasks.filter(directive__number="125/KH-BCĐ389").count() == 1
    periods = selectors.campaign_periods(leader)
    assert (dt.date(2025, 5, 17), dt.date(2025, 10, 15)) in [(s, e) for _n, s, e in periods]
    assert len(periods) == 3
