"""The structure of a tagged PDF, checked with pypdf (a second reader, not the library
that wrote the book): shared by the PDF tests and the browser tests of the sample
publication."""

from __future__ import annotations

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


def kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return [k for k in (kids if isinstance(kids, ArrayObject) else [kids])]


def tag_problems(reader: PdfReader) -> list[str]:
    """What keeps a tagged PDF's tree from describing its pages: an element whose /P is not
    its parent or whose /Pg is not a page of this PDF, a page with no entry in the parent
    tree, a link whose element does not hold it."""
    root = reader.trailer["/Root"]
    if "/StructTreeRoot" not in root or not root["/MarkInfo"]["/Marked"]:
        return ["not tagged"]
    tree_ref = root.raw_get("/StructTreeRoot")
    tree = tree_ref.get_object()
    parents: dict[int, object] = {}

    def numbers(node) -> None:
        node = node.get_object()
        pairs = node.get("/Nums") or []
        parents.update({int(pairs[i]): pairs[i + 1] for i in range(0, len(pairs), 2)})
        for kid in node.get("/Kids") or []:
            numbers(kid)

    numbers(tree["/ParentTree"])
    pages = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages, 1)}
    problems = []

    def walk(ref, parent) -> None:
        element = ref.get_object()
        if not isinstance(element, DictionaryObject) or element.get("/Type") in ("/MCR", "/OBJR"):
            return
        if isinstance(parent, IndirectObject) and element.raw_get("/P").idnum != parent.idnum:
            problems.append(f"{element.get('/S')}: its /P is not its parent")
        if "/Pg" in element and element.raw_get("/Pg").idnum not in pages:
            problems.append(f"{element.get('/S')}: on a page this PDF does not have")
        for kid in kids(element):
            walk(kid, ref)

    for top in kids(tree):
        walk(top, tree_ref)

    def on_page(element, page: int) -> bool:  # itself, or a piece of it (an /MCR)
        pieces = [element, *(k.get_object() for k in kids(element))]
        return any(
            isinstance(p, DictionaryObject) and "/Pg" in p and p.raw_get("/Pg").idnum == page
            for p in pieces
        )

    for number, page in enumerate(reader.pages, 1):
        key, page_id = int(page.get("/StructParents", -1)), page.indirect_reference.idnum
        if key not in parents:
            problems.append(f"page {number}: no entry in the parent tree")
        elif not isinstance(entry := parents[key].get_object(), ArrayObject) or not all(
            on_page(e.get_object(), page_id) for e in entry
        ):
            problems.append(f"page {number}: its entry in the parent tree is another's")
        for annot in page.get("/Annots") or []:
            key = annot.get_object().get("/StructParent")
            found = parents.get(int(key)) if key is not None else None
            element = found.get_object() if found is not None else None
            held = kids(element) if isinstance(element, DictionaryObject) else []
            references = [k.get_object() for k in held]
            if not any(
                isinstance(r, DictionaryObject)
                and r.get("/Type") == "/OBJR"
                and r.raw_get("/Obj").idnum == annot.idnum
                for r in references
            ):
                problems.append(f"page {number}: a link its element does not hold")
    return problems
