"""The per-member scorer as it was before the values were written once (a test oracle).

This is the loop code that scored one member at a time, kept only to check the single
array implementation in ``netgraph.scoring`` against it while their outputs still agree.
One deliberate change: knowledge lists only exchange partners as contributors (group
peers without an exchange are no longer listed), as the array scorer does.
When the method changes a value, that value's oracle is replaced by hand-worked cases.
"""
