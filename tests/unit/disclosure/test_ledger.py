"""`disclosure.ledger`: one chapter's printed counts and relations, suppressed and audited
together (METHOD.md "Small numbers"). Every ledger here is built by hand, k = 5, and every
expected token is worked out in the comment beside it: `<5` is a whole number 1..4 when all
printed numbers are whole, `[c]` is 5 or more."""

from __future__ import annotations

import math

import pytest

from helpers.disclosure.ledger import WITHHELD, Ledger
from helpers.disclosure.suppression import COMPLEMENT

K = 5
SMALL = f"<{K}"


def _table_10_3_7() -> Ledger:
    ledger = Ledger(K)
    ledger.cell("total", 10, table="T", total=True)
    ledger.cell("a", 3, table="T")
    ledger.cell("b", 7, table="T")
    ledger.relation("total", ["a", "b"])
    return ledger


def _reader_bounds(ledger: Ledger, reader_class) -> dict:
    """What a reader of the settled ledger can narrow each `<k` cell to (the conftest's
    independent linear program): withheld cells are not printed, so a relation naming one
    tells the reader nothing; `bounds` of the figures document are what the reader knows
    of its tokens already."""
    reader = reader_class(ledger.k)
    for key in ledger.values:
        value = ledger.value(key)
        if value != WITHHELD:
            reader.cell(key, value, residual=key in ledger.residuals)
    for key, (low, high) in ledger.bounds.items():
        reader.ranges.append((key, low, high))
    for lhs, rhs in ledger.relations:
        cells = (*lhs, *rhs)
        if any(c not in reader.cells and c not in ledger.constants for c in cells):
            continue
        constant = sum(ledger.constants.get(c, 0.0) for c in rhs)
        reader.equal(
            [c for c in lhs if c not in ledger.constants],
            [c for c in rhs if c not in ledger.constants],
            constant,
        )
    return reader.bounds()


# ------------------------------------------------------------------------------ a table


def test_small_part_is_shown_as_below_k_and_its_sibling_as_a_complement():
    ledger = _table_10_3_7()
    ledger.settle()
    # 3 < 5 -> "<5"; 10 printed = "<5" + 7 would give 3 back, so 7 (>= 5) is hidden as
    # "[c]"; the total stays.
    assert ledger.value("total") == 10
    assert ledger.value("a") == SMALL
    assert ledger.value("b") == COMPLEMENT
    assert ledger.hidden == {"a", "b"}
    assert ledger.unprotected == ()
    assert not ledger.is_withheld("T")
    # 3 + 7 people hidden.
    assert ledger.people_hidden() == 10.0


def test_the_settled_table_leaves_the_small_count_its_whole_range(published_reader):
    ledger = _table_10_3_7()
    ledger.settle()
    # a = 10 - b with b >= 5 gives a <= 5: the token's 1..4 stays whole.
    assert _reader_bounds(ledger, published_reader)["a"] == pytest.approx((1.0, 4.0))


def test_zero_stays_zero_and_is_no_complement():
    ledger = Ledger(K)
    ledger.cell("total", 9, table="T", total=True)
    ledger.cell("a", 3, table="T")
    ledger.cell("zero", 0, table="T")
    ledger.cell("b", 6, table="T")
    ledger.relation("total", ["a", "zero", "b"])
    ledger.settle()
    # The smallest positive printed part is 6 (0 is never hidden).
    assert [ledger.value(c) for c in ("total", "a", "zero", "b")] == [9, SMALL, 0, COMPLEMENT]


# ------------------------------------------------------------------------------ fixed


@pytest.mark.parametrize("fixed", [True, False])
def test_a_fixed_cell_is_never_hidden_even_when_it_is_the_cheapest_complement(fixed):
    # 20 = a 3 + f 6 + b 11: a is "<5"; the cheapest complement would be f (6 < 11),
    # but a figures-document cell (fixed) was published already and stays printed.
    ledger = Ledger(K)
    ledger.cell("total", 20, table="T", total=True)
    ledger.cell("a", 3, table="T")
    if fixed:
        ledger.cell("f", 6, fixed=True)
    else:
        ledger.cell("f", 6, table="T")
    ledger.cell("b", 11, table="T")
    ledger.relation("total", ["a", "f", "b"])
    ledger.settle()
    assert ledger.value("a") == SMALL
    if fixed:
        assert (ledger.value("f"), ledger.value("b")) == (6, COMPLEMENT)
        assert ledger.people_hidden() == 3 + 11
    else:
        assert (ledger.value("f"), ledger.value("b")) == (COMPLEMENT, 11)
        assert ledger.people_hidden() == 3 + 6


def test_table_is_withheld_when_only_fixed_cells_could_protect_its_small_count():
    # The document prints 10 = x + 7 (both fixed); the chapter's table prints x = 3: as
    # "<5" it is still 10 - 7 = 3, and nothing of the table can be hidden instead.
    ledger = Ledger(K)
    ledger.cell("doc.total", 10, fixed=True, total=True)
    ledger.cell("a", 3, table="T")
    ledger.cell("doc.f", 7, fixed=True)
    ledger.relation("doc.total", ["a", "doc.f"])
    ledger.settle()
    assert ledger.is_withheld("T")
    assert ledger.value("a") == WITHHELD
    assert (ledger.value("doc.total"), ledger.value("doc.f")) == (10, 7)
    assert ledger.unprotected == ()
    assert ledger.people_hidden() == 0.0  # a withheld table hides no one: it is not printed


# ------------------------------------------------------------------------------ registering


def test_a_cell_registered_twice_with_different_values_is_an_error():
    ledger = Ledger(K)
    ledger.cell(("by_partner", "Org A", "reached"), 3, table="by_partner")
    with pytest.raises(ValueError) as raised:
        ledger.cell(("by_partner", "Org A", "reached"), 4, table="by_partner")
    message = str(raised.value)
    assert "Org A" in message and "3" in message and "4" in message


@pytest.mark.parametrize(
    ("first", "again"),
    [("<5", 3), (3, "<5"), ("<5", "[c]"), (None, 0), (7, 7.5)],
)
def test_a_token_a_number_or_a_missing_value_do_not_agree(first, again):
    ledger = Ledger(K)
    ledger.cell("x", first)
    with pytest.raises(ValueError):
        ledger.cell("x", again)


@pytest.mark.parametrize(("first", "again"), [(3, 3.0), ("<5", "<5"), (None, math.nan)])
def test_registering_the_same_value_twice_is_one_cell(first, again):
    ledger = Ledger(K)
    assert ledger.cell("x", first, table="T") == "x"
    assert ledger.cell("x", again, table="T", total=True) == "x"
    assert list(ledger.values) == ["x"]
    assert "x" in ledger.totals  # what the second registration says is kept too


def test_a_relation_without_parts_is_left_out():
    ledger = Ledger(K)
    ledger.cell("total", 3, table="T")
    ledger.relation("total", [])
    assert ledger.relations == []


# ------------------------------------------------------------------------------ equations


def test_an_equation_with_a_constant_is_a_relation_with_a_known_cell():
    ledger = Ledger(K)
    ledger.cell("h", 16, fixed=True, total=True)
    ledger.cell("a", 1, table="T")
    ledger.cell("b", 5, table="T")
    ledger.equation(["h"], ["a", "b"], 10)
    # h = a + b + 10: the 10 becomes one constant cell on the right-hand side.
    assert list(ledger.constants.values()) == [10.0]
    (constant,) = ledger.constants
    assert ledger.relations == [(("h",), ("a", "b", constant))]


def test_an_equation_without_a_left_hand_side_is_turned_around():
    ledger = Ledger(K)
    ledger.cell("x", 2, table="T")
    ledger.equation([], ["x"], 5)
    # 0 = x + 5, i.e. x = -5.
    (constant,) = ledger.constants
    assert ledger.constants[constant] == -5.0
    assert ledger.relations == [(("x",), (constant,))]
    ledger.equation([], [], 5)  # nothing to relate: no relation
    assert len(ledger.relations) == 1


@pytest.mark.parametrize(("constant", "withheld"), [(10, True), (0, False)])
def test_the_constant_is_used_by_the_audit(constant, withheld):
    # h = 16 is printed, h = a + b + constant, a = 1 ("<5"), b = 5 ("[c]").
    # constant 10: a + b = 6 with b >= 5 gives a <= 1, so a = 1 is given away; nothing in
    # the table can be hidden more (both are), so the table is withheld.
    # constant 0: a + b = 16 gives a <= 11: "<5" keeps 1..4 and the table prints.
    ledger = Ledger(K)
    ledger.cell("h", 16, fixed=True, total=True)
    ledger.cell("a", 1, table="T")
    ledger.cell("b", 5, table="T")
    ledger.equation(["h"], ["a", "b"], constant)
    ledger.settle()
    assert ledger.is_withheld("T") is withheld
    if withheld:
        assert (ledger.value("a"), ledger.value("b")) == (WITHHELD, WITHHELD)
    else:
        assert (ledger.value("a"), ledger.value("b")) == (SMALL, COMPLEMENT)
    assert ledger.value("h") == 16
    assert all(c not in ledger.published for c in ledger.constants)  # never printed


# ------------------------------------------------------------------------------ withholding


def _document_token_split_by_a_table(bounds: bool) -> Ledger:
    """The figures document prints x as "<5" (true 3); the chapter's table T splits it into
    two parts, 2 and 1 (x = a + b). An unrelated table U prints 12 = 3 + 9."""
    ledger = Ledger(K)
    ledger.cell("doc.x", SMALL, fixed=True)
    if bounds:
        ledger.bounds["doc.x"] = (1, 4)
    ledger.cell("a", 2, table="T")
    ledger.cell("b", 1, table="T")
    ledger.relation("doc.x", ["a", "b"])
    ledger.cell("u", 12, table="U", total=True)
    ledger.cell("u1", 3, table="U")
    ledger.cell("u2", 9, table="U")
    ledger.relation("u", ["u1", "u2"])
    return ledger


def test_a_table_narrowing_a_fixed_token_directly_is_withheld():
    ledger = _document_token_split_by_a_table(bounds=True)
    ledger.settle()
    # a, b >= 1 each: x = a + b >= 2, so x would read 2..4 where the document says 1..4.
    # a and b are hidden already and x is fixed: only withholding T keeps x's range.
    assert ledger.withheld == {"T"}
    assert (ledger.value("a"), ledger.value("b")) == (WITHHELD, WITHHELD)
    assert ledger.value("doc.x") == SMALL
    # U is tied to nothing: 12 = "<5" + "[c]".
    assert not ledger.is_withheld("U")
    assert [ledger.value(c) for c in ("u", "u1", "u2")] == [12, SMALL, COMPLEMENT]
    assert ledger.unprotected == ()


def test_without_bounds_the_same_split_is_printed():
    # No range known from the document: x's "<5" alone is 1..4; reading 2..4 still holds
    # three whole numbers, so nothing needs withholding.
    ledger = _document_token_split_by_a_table(bounds=False)
    ledger.settle()
    assert ledger.withheld == set()
    assert (ledger.value("a"), ledger.value("b")) == (SMALL, SMALL)


@pytest.mark.parametrize("bounds", [True, False])
def test_a_table_reaching_a_fixed_token_through_another_token_is_withheld(bounds):
    # Document: 10 = x "<5" (true 3) + y "[c]" (true 7), its reader knows x in 1..4 and
    # y in 6..9. The chapter's table T splits y = a + b = 3 + 4, both "<5" (1..4 each):
    # y <= 8, so x = 10 - y >= 2: x reads 2..4, narrower than the document's 1..4. The
    # exposed x has no table; T reaches it through the token y (`_tables_giving_away`).
    ledger = Ledger(K)
    ledger.cell("doc.total", 10, fixed=True, total=True)
    ledger.cell("doc.x", SMALL, fixed=True)
    ledger.cell("doc.y", COMPLEMENT, fixed=True)
    if bounds:
        ledger.bounds.update({"doc.x": (1, 4), "doc.y": (6, 9)})
    ledger.equation(["doc.total"], ["doc.x", "doc.y"])
    ledger.cell("a", 3, table="T")
    ledger.cell("b", 4, table="T")
    ledger.relation("doc.y", ["a", "b"])
    ledger.settle()
    # Without the document's bounds the chapter has nothing to keep: x reads 2..4, three
    # whole numbers, and T prints.
    assert ledger.is_withheld("T") is bounds
    assert ledger.value("a") == (WITHHELD if bounds else SMALL)
    assert [ledger.value(c) for c in ("doc.total", "doc.x", "doc.y")] == [10, SMALL, COMPLEMENT]


# ------------------------------------------------------------------------------ kept ranges


@pytest.mark.parametrize("bounds", [True, False])
def test_a_chapter_table_may_not_narrow_a_fixed_small_count_with_bounds(bounds, published_reader):
    # The document prints x as "<5" (true 3). The chapter's table prints 8 = x + b with
    # b = 5: b is hidden as x's complement ("[c]", >= 5), and a printed 8 would then say
    # x <= 8 - 5 = 3: 1..3, still three whole numbers, but narrower than the 1..4 the
    # document's reader has (bounds (1, 4)). Read with the other chapters (each narrowing
    # another count of the same platform) that could pin x: with bounds, x keeps 1..4.
    ledger = Ledger(K)
    ledger.cell("doc.x", SMALL, fixed=True)
    if bounds:
        ledger.bounds["doc.x"] = (1, 4)
    ledger.cell("t", 8, table="T", total=True)
    ledger.cell("b", 5, table="T")
    ledger.relation("t", ["doc.x", "b"])
    ledger.settle()
    assert ledger.value("b") in (COMPLEMENT, WITHHELD)
    reader = _reader_bounds(ledger, published_reader)
    if bounds:
        # Protected by a complement or by withholding T: either way 1..4 is left.
        assert ledger.is_withheld("T") or ledger.value("t") == COMPLEMENT
        assert reader["doc.x"] == pytest.approx((1.0, 4.0))
    else:
        # Nothing to keep: the total stays, and a reader gets 1..3 (not a disclosure: three
        # whole numbers are left).
        assert ledger.value("t") == 8
        assert reader["doc.x"] == pytest.approx((1.0, 3.0))


@pytest.mark.parametrize(("other", "total_hidden"), [(10, True), (10.5, False)])
def test_below_k_is_a_whole_number_only_when_every_printed_number_is_whole(other, total_hidden):
    # 8 = a 4 + b 4, both "<5". Read as whole numbers 1..4, a = 8 - b >= 4 pins a = 4, so
    # the total (the last resort) is hidden too. Where some printed number has a fraction
    # (an exact export), "<5" is only (0, 5): a = 8 - b > 3 leaves (3, 5), and 8 prints.
    ledger = Ledger(K)
    ledger.cell("t", 8, table="T", total=True)
    ledger.cell("a", 4, table="T")
    ledger.cell("b", 4, table="T")
    ledger.relation("t", ["a", "b"])
    ledger.cell("z", other, table="Z")  # an unrelated printed number
    ledger.settle()
    assert (ledger.value("a"), ledger.value("b")) == (SMALL, SMALL)
    assert ledger.value("t") == (COMPLEMENT if total_hidden else 8)
    assert ledger.value("z") == other
    assert ledger.unprotected == ()


# ------------------------------------------------------------------------------ people hidden


def test_people_hidden_counts_the_chapters_own_printed_tables_only():
    ledger = Ledger(K)
    # The figures document: its headline 20, a token, and a small number it printed
    # (fixed): none of them is the chapter's own hiding.
    ledger.cell("doc.total", 20, fixed=True, total=True)
    ledger.cell("doc.x", SMALL, fixed=True)
    ledger.bounds["doc.x"] = (1, 4)
    ledger.cell("doc.small", 2, fixed=True)
    # Table A (partners): 20 = 2 + 6 + 12 -> "<5", "[c]" (6, the smallest), 12.
    a = [("A", p) for p in ("total", "p1", "p2", "p3")]
    for key, value in zip(a, (20, 2, 6, 12), strict=True):
        ledger.cell(key, value, table="A", total=key[1] == "total")
    ledger.relation(a[0], a[1:])
    ledger.relation("doc.total", [a[0]])
    # Table B (population types): 20 = 9 + 3 + 8 not disaggregated -> the 3 is "<5", its
    # complement the residual 8 (8 < 9); a residual is not people hidden.
    b = [("B", p) for p in ("total", "dest", "transit", "nd")]
    for key, value in zip(b, (20, 9, 3, 8), strict=True):
        ledger.cell(key, value, table="B", total=key[1] == "total", residual=key[1] == "nd")
    ledger.relation(b[0], b[1:])
    ledger.relation("doc.total", [b[0]])
    # Table C splits the document's "<5" into 2 + 1: withheld (see above), not printed.
    ledger.cell(("C", "a"), 2, table="C")
    ledger.cell(("C", "b"), 1, table="C")
    ledger.relation("doc.x", [("C", "a"), ("C", "b")])
    ledger.settle()

    assert [ledger.value(k) for k in a] == [20, SMALL, COMPLEMENT, 12]
    assert [ledger.value(k) for k in b] == [20, 9, SMALL, COMPLEMENT]
    assert ledger.withheld == {"C"}
    # A: 2 + 6; B: 3 (the residual 8 left out); C withheld; document cells left out.
    assert ledger.people_hidden() == 2 + 6 + 3
