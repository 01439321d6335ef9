"""Every message id a notify() call site can send has its English translation, with the same placeholders.

The call sites are found in the source (any call whose name contains "notify" and that passes a `title=`): their
`title` and `body` must be message ids (gettext_noop), never finished text, and every gettext_noop literal of
their modules (titles, bodies, labels) is checked against the English catalog.
"""

import ast
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext

import sc389
from sc389.notifications.wording import placeholders

SRC = Path(sc389.__file__).parent
NOOP = "gettext_noop"
CALL_SITES = {  # the modules known to notify: the walk must find at least these
    "tips/services.py",
    "coordination/services/bulletins.py",
    "coordination/services/requests.py",
    "entities/services.py",
    "direction/notify.py",
    "direction/services.py",
    "direction/obligations.py",
}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    return ""


def _noop_literals(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) == NOOP:
            [arg] = node.args
            found.add(arg.value)
    return found


def _message_id_problem(expr: ast.expr, parameters: set[str]) -> str | None:
    """Why `expr` is not a message id: a gettext_noop literal, a choice of two, "" or a wrapper's own parameter."""
    if isinstance(expr, ast.Call) and _name(expr.func) == NOOP:
        return None if isinstance(expr.args[0], ast.Constant) else "gettext_noop of a non-literal"
    if isinstance(expr, ast.IfExp):
        return _message_id_problem(expr.body, parameters) or _message_id_problem(expr.orelse, parameters)
    if isinstance(expr, ast.Constant) and expr.value == "":
        return None
    if isinstance(expr, ast.Name) and expr.id in parameters:
        return None  # a wrapper passing on its caller's message id; the caller is checked
    return f"not a message id: {ast.unparse(expr)}"


def walk(source: str, where: str) -> tuple[bool, set[str], list[str]]:
    """(has notify calls, the message ids of the module, the problems of its call sites)."""
    tree = ast.parse(source)
    problems, calls = [], False
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    for function in functions:
        parameters = {a.arg for a in (*function.args.args, *function.args.kwonlyargs)}
        for node in ast.walk(function):
            if not (isinstance(node, ast.Call) and "notify" in _name(node.func)):
                continue
            words = {k.arg: k.value for k in node.keywords if k.arg in ("title", "body")}
            if "title" not in words:
                continue
            calls = True
            for arg, expr in words.items():
                problem = _message_id_problem(expr, parameters)
                if problem:
                    problems.append(f"{where}:{node.lineno} {arg}: {problem}")
    return calls, _noop_literals(tree) if calls else set(), problems


def untranslated(msgids: set[str]) -> list[str]:
    """The message ids without an English translation, or whose translation changes the placeholders."""
    missing = []
    with translation.override("en"):
        for msgid in sorted(msgids):
            english = gettext(msgid)
            if english == msgid or placeholders(english) != placeholders(msgid):
                missing.append(msgid)
    return missing


def _walk_source() -> tuple[set[str], set[str], list[str]]:
    sites, msgids, problems = set(), set(), []
    for path in sorted(SRC.rglob("*.py")):
        where = str(path.relative_to(SRC))
        if "/migrations/" in f"/{where}":
            continue
        calls, found, wrong = walk(path.read_text(encoding="utf-8"), where)
        if calls:
            sites.add(where)
        msgids |= found
        problems += wrong
    return sites, msgids, problems


def test_every_notify_call_site_sends_message_ids_with_english_translations():
    sites, msgids, problems = _walk_source()
    assert sites >= CALL_SITES, f"the walk missed {CALL_SITES - sites}"
    assert len(msgids) >= 21  # 20 titles and bodies and the restricted marking, as of issue 4
    assert problems == []
    assert untranslated(msgids) == []


def test_the_walk_catches_finished_text_and_missing_translations():
    """The checks above can fail: a call site passing finished text, a message id without English."""
    source = """
def bulletin_done(*, bulletin, actor):
    notify([actor], kind="x", title=_("Bản tin %(t)s") % {"t": bulletin.title})
    notify([actor], kind="x", title=gettext_noop("Tin báo chưa có bản dịch %(code)s"), body=f"{bulletin}")
    notify.send(recipients=[actor], kind="x", title=gettext_noop("Lý do: %(reason)s"), body=bulletin.body)


def _wrapper(users, *, title):
    notify(users, kind="x", title=title)
"""
    calls, msgids, problems = walk(source, "example.py")
    assert calls and msgids == {"Tin báo chưa có bản dịch %(code)s", "Lý do: %(reason)s"}
    assert [p.split(" ", 1)[0] for p in problems] == ["example.py:3", "example.py:4", "example.py:5"]
    assert untranslated(msgids) == ["Tin báo chưa có bản dịch %(code)s"]
