"""Disclosure control on random input (hypothesis): whatever the relations, tables or
figures documents, no count of people in [1, k-1] is printed, zeros and missing values
stay, a hidden cell's token tells the truth about its value, and the report of what stays
given away is exact, checked against an independent reader written out here: linear
algebra, and the bounds a linear program over every printed relation gives each hidden
cell. For a figures document nothing small stays given away at all: a total is hidden
when nothing else protects a small count. The hand-worked cases are
tests/unit/disclosure/test_suppression.py's.
"""

from __future__ import annotations

import copy
import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from helpers.disclosure import (
    COMPLEMENT,
    assert_no_small_counts,
    is_small,
    suppress_figures_report,
    suppress_frame_report,
    suppress_values_report,
)


def tokens(k):
    """The two ways a hidden cell is published: "<k" (small) and "[c]" (a complement >= k)."""
    return {f"<{k}", COMPLEMENT}


def assert_token_matches_value(token, value, k):
    """A hidden cell's token tells the truth about its value: "<k" only for 0 < v < k,
    "[c]" only for v >= k."""
    assert token in tokens(k), token
    if token == f"<{k}":
        assert 0 < value < k, (token, value)
    else:
        assert value >= k, (token, value)


def determined(published, relations, cell):
    """Independent check: does the published dict pin `cell` down exactly (linear algebra
    over the hidden cells; a relation with a missing total tells nothing)?"""
    hidden = [c for c, v in published.items() if isinstance(v, str)]
    col = {c: j for j, c in enumerate(hidden)}
    rows = []
    for total, parts in relations:
        if published[total] is None:
            continue
        row = np.zeros(len(hidden))
        if total in col:
            row[col[total]] += 1
        for p in parts:
            if p in col:
                row[col[p]] -= 1
        rows.append(row)
    if not rows or cell not in col:
        return False
    a = np.array(rows)
    unit = np.zeros((1, len(hidden)))
    unit[0, col[cell]] = 1
    return np.linalg.matrix_rank(np.vstack([a, unit])) == np.linalg.matrix_rank(a)


EMPTY = None  # a range with no value in it: the printed numbers contradict the tokens


def small_box(token, whole):
    """What "<n" says: with only whole numbers in the table (`whole`), a reader knows the
    count is one of 1..n-1; otherwise only that it lies in (0, n)."""
    n = float(token[1:])
    if whole and n.is_integer() and n >= 2:
        return [1.0, False, n - 1, False]
    return [0.0, True, n, True]


def whole_numbers(values):
    """Every number in the table a whole number (fractions of people are not)."""
    return all(float(v).is_integer() for v in values if isinstance(v, (int, float)))


def feasible(published, equations, k, whole=False):
    """Independent interval reasoning: what a reader can narrow each hidden cell to.

    `equations` are (lhs, rhs) lists with Σ lhs == Σ rhs, all usable (printed total).
    Each hidden cell starts in its token's range: "<n" is `small_box`, "[c]" is [k, inf).
    Missing printed cells count as 0. Float noise (1e-9) is ignored: a range that close to
    a point is that point; one empty by more is EMPTY, and so is then every hidden cell it
    shares an equation with. Returns {cell: [lo, lo_open, hi, hi_open] or EMPTY}."""
    hidden = {c for c, v in published.items() if isinstance(v, str)}
    box = {
        c: (
            small_box(published[c], whole)
            if published[c].startswith("<")
            else [float(k), False, math.inf, True]
        )
        for c in hidden
    }
    rows = []
    for lhs, rhs in equations:
        coef = {}
        for sign, side in ((1, lhs), (-1, rhs)):
            for c in side:
                coef[c] = coef.get(c, 0) + sign
        rest = sum(a * (published[c] or 0) for c, a in coef.items() if a and c not in hidden)
        terms = {c: a for c, a in coef.items() if a and c in hidden}
        if terms:
            rows.append((rest, terms))
    for _ in range(100):
        moved = False
        for rest, terms in rows:
            if any(box[x] is EMPTY for x in terms):
                moved |= any(box[x] is not EMPTY for x in terms)
                box.update(dict.fromkeys(terms, EMPTY))
                continue
            for x, a in terms.items():
                # a·x = -rest - Σ b·y: bound that sum by the others' current boxes.
                low, low_open, high, high_open = -rest, False, -rest, False
                for y, b in terms.items():
                    if y == x:
                        continue
                    ylo, ylo_open, yhi, yhi_open = box[y]
                    if b > 0:
                        low, low_open = low - b * yhi, low_open or yhi_open
                        high, high_open = high - b * ylo, high_open or ylo_open
                    else:
                        low, low_open = low - b * ylo, low_open or ylo_open
                        high, high_open = high - b * yhi, high_open or yhi_open
                if a > 0:
                    cand = [low / a, low_open, high / a, high_open]
                else:
                    cand = [high / a, high_open, low / a, low_open]
                cur = box[x]
                new = list(cur)
                if cand[0] > cur[0]:
                    new[0], new[1] = cand[0], cand[1]
                elif cand[0] == cur[0]:
                    new[1] = cand[1] or cur[1]
                if cand[2] < cur[2]:
                    new[2], new[3] = cand[2], cand[3]
                elif cand[2] == cur[2]:
                    new[3] = cand[3] or cur[3]
                if new[2] - new[0] < -1e-9:
                    box[x] = EMPTY
                    moved = True
                    break  # the next round empties the rest of this equation
                if new[2] - new[0] <= 1e-9:
                    new = [(new[0] + new[2]) / 2, False, (new[0] + new[2]) / 2, False]
                moved |= (
                    new[0] > cur[0] + 1e-9
                    or new[2] < cur[2] - 1e-9
                    or (new[2] - new[0] > 1e-9 and (new[1], new[3]) != (cur[1], cur[3]))
                )
                box[x] = new
        if not moved:
            break
    return box


def too_narrow(box):
    """Holds at most one whole number wherever it sits: width < 1, or 1 with an open end
    (or nothing at all: EMPTY)."""
    if box is EMPTY:
        return True
    lo, lo_open, hi, hi_open = box
    return hi - lo < 1 - 1e-9 or (hi - lo <= 1 + 1e-9 and (lo_open or hi_open))


def lp_boxes(published, equations, k, signed=(), whole=False):
    """Independent linear-programming reader: for each hidden cell, min and max over every
    usable equation at once, each hidden cell within its token's range ("<n": `small_box`,
    "[c]": [k, inf), a hidden residual of `signed`: anything), taken group by group of
    hidden cells that equations tie together. Returns boxes as `feasible` does."""
    hidden = [c for c, v in published.items() if isinstance(v, str)]
    group = {c: c for c in hidden}

    def root(c):
        while group[c] != c:
            c = group[c]
        return c

    terms_of = []
    for lhs, rhs in equations:
        coef = {}
        for sign, side in ((1, lhs), (-1, rhs)):
            for c in side:
                coef[c] = coef.get(c, 0) + sign
        rest = sum(a * (published[c] or 0) for c, a in coef.items() if a and c not in group)
        terms = {c: a for c, a in coef.items() if a and c in group}
        if terms:
            terms_of.append((rest, terms))
            first, *others = terms
            for o in others:
                group[root(o)] = root(first)
    token = {}
    for c in hidden:
        if c in signed and not published[c].startswith("<"):
            token[c] = (-math.inf, False, math.inf, False)
        elif published[c].startswith("<"):
            token[c] = tuple(small_box(published[c], whole))
        else:
            token[c] = (float(k), False, math.inf, True)
    out = {}
    for r in {root(c) for c in hidden}:
        members = [c for c in hidden if root(c) == r]
        idx = {c: j for j, c in enumerate(members)}
        a_eq, b_eq = [], []
        for rest, terms in terms_of:
            if root(next(iter(terms))) != r:
                continue
            row = np.zeros(len(members))
            for c, a in terms.items():
                row[idx[c]] = a
            a_eq.append(row)
            b_eq.append(-rest)
        bounds = [
            (
                None if token[c][0] == -math.inf else token[c][0],
                None if token[c][2] == math.inf else token[c][2],
            )
            for c in members
        ]
        for c in members:
            cost = np.zeros(len(members))
            cost[idx[c]] = 1
            kw = dict(
                A_eq=np.array(a_eq) if a_eq else None,
                b_eq=b_eq or None,
                bounds=bounds,
                method="highs",
            )
            lo, hi = linprog(cost, **kw), linprog(-cost, **kw)
            if lo.status == 2 or hi.status == 2:
                out[c] = EMPTY
                continue
            low = lo.fun if lo.status == 0 else -math.inf
            high = -hi.fun if hi.status == 0 else math.inf
            t = token[c]
            out[c] = [low, t[1] and abs(low - t[0]) < 1e-9, high, t[3] and abs(high - t[2]) < 1e-9]
    return out


def usable(published, relations):
    """(total, parts) relations as (lhs, rhs), without those whose total is missing."""
    return [([t], list(parts)) for t, parts in relations if published[t] is not None]


cell_value = st.one_of(
    st.none(),
    st.just(0),
    st.integers(-10, 40),
    st.floats(-5, 40, allow_nan=False).map(lambda x: round(x, 1)),
)


@st.composite
def problems(draw):
    k = draw(st.integers(1, 10))
    names = [f"c{i}" for i in range(draw(st.integers(2, 9)))]
    values = {n: draw(cell_value) for n in names}
    relations = []
    for _ in range(draw(st.integers(0, 6))):
        total = draw(st.sampled_from(names))
        others = [n for n in names if n != total]
        parts = draw(st.lists(st.sampled_from(others), min_size=1, max_size=5, unique=True))
        relations.append((total, parts))
    return values, relations, k


def printed(v):
    return not isinstance(v, str)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_property_random_relations(problem):
    values, relations, k = problem
    before = copy.deepcopy((values, relations))
    result = suppress_values_report(values, relations, k)
    out = result.published
    totals = {t for t, _ in relations}

    assert (values, relations) == before  # (3) input not mutated
    assert list(out) == list(values)
    for key, v in values.items():
        if printed(out[key]):
            assert not is_small(out[key], k)  # (1) nothing printed in (0, k)
            assert out[key] is v or out[key] == v
        else:
            assert out[key] in tokens(k) and v is not None and v > 0
            assert_token_matches_value(out[key], v, k)  # "<k" iff 0 < v < k, "[c]" iff v >= k
        if v is None or v == 0 or (v is not None and v < 0):
            assert out[key] is v or out[key] == v  # (4) zeros, negatives, None stay
        if key in totals and v is not None and v >= k:
            assert out[key] == v  # (4) a total >= k is never hidden

    # (2) a printed total never has exactly one hidden part, unless no positive printed
    # part that is not itself a total was left to pair it with; then the cell is reported.
    for total, parts in relations:
        if out[total] is None or not printed(out[total]):
            continue
        hidden = [p for p in parts if not printed(out[p])]
        if len(hidden) == 1:
            assert not any(
                printed(out[p]) and out[p] is not None and out[p] > 0 and p not in totals
                for p in parts
            )
            assert determined(out, relations, hidden[0])
            if is_small(values[hidden[0]], k):
                assert hidden[0] in result.unprotected

    # The report is exact: a small count is listed iff the published numbers pin it down,
    # exactly (linear algebra) or to a range too narrow for two whole numbers (bounds, by
    # interval reasoning or, tighter, a linear program over every relation at once).
    whole = whole_numbers(values.values())
    boxes = feasible(out, usable(out, relations), k, whole)
    lp = lp_boxes(out, usable(out, relations), k, whole=whole)
    for key, v in values.items():
        if is_small(v, k):
            given_away = (
                determined(out, relations, key) or too_narrow(boxes[key]) or too_narrow(lp[key])
            )
            assert (key in result.unprotected) == given_away, (key, boxes[key], lp[key])

    # Suppressing the published dict again may hide more (its tokens all count as small
    # then, complements included) but never shows a hidden cell or changes a printed one;
    # a cell it newly hides gets the token its true value calls for.
    again = suppress_values_report(out, relations, k).published
    for key in out:
        if again[key] != out[key]:
            assert printed(out[key]) and again[key] in tokens(k)
            assert_token_matches_value(again[key], values[key], k)


@st.composite
def tables(draw):
    k = draw(st.integers(2, 10))
    n_rows, n_cols = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    count = st.one_of(st.integers(0, 30), st.sampled_from([0, 0, 1, 2, 0.4, 3.5]))
    cols = [f"v{j}" for j in range(n_cols)]
    data = {c: [draw(count) for _ in range(n_rows)] for c in cols}
    df = pd.DataFrame(data, index=[f"r{i}" for i in range(n_rows)])
    df["all"] = df[cols].sum(axis=1)
    df.loc["Total"] = df.sum(axis=0)
    return df, cols, k


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_property_random_tables(table):
    df, cols, k = table
    before = df.copy()
    result = suppress_frame_report(df, cols, k, row_total="all", column_total_row="Total")
    out = result.published
    pd.testing.assert_frame_equal(df, before)  # (3)
    assert_no_small_counts(out, k)  # (1)

    every = [*cols, "all"]
    for label in df.index:
        for col in every:
            v = df.at[label, col]
            if v == 0 or (v >= k and (col == "all" or label == "Total")):
                assert out.at[label, col] == v  # (4) zeros and totals >= k stay
            if isinstance(out.at[label, col], str):
                assert_token_matches_value(out.at[label, col], v, k)
            else:
                assert out.at[label, col] == v

    # Relations keyed by (row, column), for the independent check.
    published = {(r, c): out.at[r, c] for r in df.index for c in every}
    data_rows = [r for r in df.index if r != "Total"]
    relations = [((r, "all"), [(r, c) for c in cols]) for r in df.index]
    relations += [(("Total", c), [(r, c) for r in data_rows]) for c in every]
    totals = {t for t, _ in relations}
    for total, parts in relations:  # (2)
        if not printed(published[total]):
            continue
        hidden = [p for p in parts if not printed(published[p])]
        if len(hidden) == 1:
            assert not any(
                printed(published[p]) and published[p] > 0 and p not in totals for p in parts
            )
    whole = whole_numbers(df.to_numpy().ravel().tolist())
    boxes = feasible(published, usable(published, relations), k, whole)
    lp = lp_boxes(published, usable(published, relations), k, whole=whole)
    for r, c in published:
        if is_small(df.at[r, c], k):
            given_away = (
                determined(published, relations, (r, c))
                or too_narrow(boxes[r, c])
                or too_narrow(lp[r, c])
            )
            assert ((r, c) in result.unprotected) == given_away, ((r, c), boxes[r, c])


FIELDS = [
    "in_destination",
    "in_transit",
    "host_community",
    "pendular",
    "colombian_returnees",
    "not_disaggregated",
]


@st.composite
def figures_documents(draw):
    """Consistent documents built the way the published document is: whole people,
    platform = Σ countries, the region = Σ countries with in-transit people left out (its
    total is its headline, its in-transit figure None), regional activities apart."""
    count = st.one_of(st.integers(0, 30), st.sampled_from([0, 0, 1, 2, 3, 4]))

    def reached():
        parts = {f: draw(count) for f in FIELDS[:-1]}
        # counts are never negative; breakdowns may add up to more or less than the total
        total = max(0, sum(parts.values()) + draw(st.sampled_from([0, 0, 0, -3, 2, 7])))
        return {"total": total, **parts, "not_disaggregated": total - sum(parts.values())}

    isos = [f"C{i}" for i in range(draw(st.integers(1, 5)))]
    cut = draw(st.integers(1, len(isos)))
    countries = [
        {"iso3": iso, "reached": reached(), "target": 50, "percent_of_target": 1.0} for iso in isos
    ]

    def summed(members):
        rs = [c["reached"] for c in countries if c["iso3"] in members]
        return {f: sum(r[f] for r in rs) for f in ["total", *FIELDS]}

    platforms = [
        {"countries": group, "reached": summed(group), "percent_of_target": 2.0}
        for group in (isos[:cut], isos[cut:])
        if group
    ]
    region = {"reached": summed(isos), "percent_of_target": 3.0}
    region["reached"]["total"] -= region["reached"]["in_transit"]
    region["reached"]["in_transit"] = None
    region["reached"]["total_excluding_in_transit"] = region["reached"]["total"]
    activities = {"reached": reached()} if draw(st.booleans()) else None
    doc = {
        "countries": countries,
        "platforms": platforms,
        "region": region,
        "regional_activities": activities,
    }
    return doc, draw(st.integers(3, 6))  # with k = 2, "<2" already says 1


def figures_relations(doc):
    """The relations a reader can use, written out independently as (lhs, rhs) lists."""

    def cell(path, field):
        return f"{path}.reached.{field}"

    entries = [f"countries[{i}]" for i in range(len(doc["countries"]))]
    entries += [f"platforms[{j}]" for j in range(len(doc["platforms"]))]
    entries += ["regional_activities"] if doc["regional_activities"] else []
    rels = [([cell(e, "total")], [cell(e, f) for f in FIELDS]) for e in entries]
    region_parts = [f for f in FIELDS if f != "in_transit"]
    rels.append(([cell("region", "total")], [cell("region", f) for f in region_parts]))
    rels.append(([cell("region", "total")], [cell("region", "total_excluding_in_transit")]))
    where = {c["iso3"]: f"countries[{i}]" for i, c in enumerate(doc["countries"])}
    for j, p in enumerate(doc["platforms"]):
        for f in ["total", *FIELDS]:
            rels.append(([cell(f"platforms[{j}]", f)], [cell(where[i], f) for i in p["countries"]]))
    every = list(where.values())
    for f in region_parts:
        rels.append(([cell("region", f)], [cell(c, f) for c in every]))
    rels.append(
        (
            [cell("region", "total")] + [cell(c, "in_transit") for c in every],
            [cell(c, "total") for c in every],
        )
    )
    return rels


def cells_of(doc):
    out = {}
    for key in ("countries", "platforms"):
        for i, e in enumerate(doc[key]):
            out.update({f"{key}[{i}].reached.{f}": v for f, v in e["reached"].items()})
    for key in ("region", "regional_activities"):
        if doc[key]:
            out.update({f"{key}.reached.{f}": v for f, v in doc[key]["reached"].items()})
    return out


def pinned(published, relations, cell):
    """Like `determined`, for relations Σ lhs == Σ rhs."""
    hidden = [c for c, v in published.items() if isinstance(v, str)]
    col = {c: j for j, c in enumerate(hidden)}
    rows = []
    for lhs, rhs in relations:
        row = np.zeros(len(hidden))
        for sign, side in ((1, lhs), (-1, rhs)):
            for c in side:
                if c in col:
                    row[col[c]] += sign
        rows.append(row)
    unit = np.zeros((1, len(hidden)))
    unit[0, col[cell]] = 1
    a = np.array(rows)
    return np.linalg.matrix_rank(np.vstack([a, unit])) == np.linalg.matrix_rank(a)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figures_documents())
def test_property_random_figures(problem):
    doc, k = problem
    before = copy.deepcopy(doc)
    result = suppress_figures_report(doc, k)
    out = result.published
    assert doc == before
    assert_no_small_counts(out, k)
    relations = figures_relations(doc)
    exact, published = cells_of(doc), cells_of(out)
    residuals = {c for c in exact if c.endswith(".not_disaggregated")}
    boxes = lp_boxes(published, relations, k, signed=residuals, whole=whole_numbers(exact.values()))
    for key, v in exact.items():
        if not isinstance(published[key], str):
            assert published[key] == v
        elif (key in residuals or key.endswith((".total", "total_excluding_in_transit"))) and (
            not is_small(v, k)
        ):
            # a residual of any sign; a total hidden as the last resort, whatever it is
            assert published[key] == COMPLEMENT
        else:
            assert_token_matches_value(published[key], v, k)
        if v is None or (v == 0 and not key.endswith(("total", "total_excluding_in_transit"))):
            assert published[key] == v  # zero stays zero (but a total, as the last resort)
        if is_small(v, k):
            # Nothing small stays given away (a total is hidden if need be) but where no
            # rule allows protecting it (zeros stay zero: k=3, a total of 2 = 1 + 1 beside
            # printed zeros pins all three): then the result reports it.
            given_away = pinned(published, relations, key) or too_narrow(boxes[key])
            assert given_away == (key in result.unprotected), (key, boxes[key])
    for e in [*out["countries"], *out["platforms"], out["region"]]:
        headline = e["reached"].get("total_excluding_in_transit", e["reached"]["total"])
        assert (e["percent_of_target"] is None) == isinstance(headline, str)
        assert e.get("suppressed", False) == isinstance(headline, str)
