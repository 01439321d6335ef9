from sc389.tips import demo
from sc389.tips.choices import TipStatus


def test_demo_tips_are_routed_by_the_suggestion(tree):
    tips = demo.seed(
        places=[tree.communes["dongdang"], tree.communes["kyla"]], triager=tree.users["analyst_langson"]
    )
    assert [t.status for t in tips] == [
        TipStatus.ROUTED,
        TipStatus.ROUTED,
        TipStatus.RECEIVED,
        TipStatus.RECEIVED,
    ]
    assert tips[0].routed_unit == tree.units["bp_langson"]  # smuggling on a trail: the border post
    assert tips[1].routed_unit == tree.units["qltt_langson5"]  # counterfeit milk powder: market surveillance
