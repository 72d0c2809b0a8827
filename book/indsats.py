"""Directives for the intervention description and guide 1 (opstart, vidensdeling, opfølgning).

* ``forandringsteori`` – the change theory as a four-column figure (output per core
  element → short → medium → long term), built as an accessible table from
  ``content/indsats/forandringsteori.yml``.
* ``aktivitet-oversigt [del]`` – guide 1's activities with timing, length and participants.
* ``session-titler boern|voksne`` – a compact, link-free list of session titles for letters.
* ``session-billeder boern|voksne`` – the sessions as pictograms for children.
* ``skole-vidensdeling 1-3`` – what the children worked on in a range of sessions and the
  tools the school can support, for the written knowledge sharing with the school.
* ``redskab-resume id`` – a tool in a few lines for adults outside the course.

Everything shown comes from the data, so a renamed session or tool shows everywhere.
"""
from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives as rst

from .directives import HandbookDirective, duration_text
from .model import Timing
from .render import para, table, xref

PICTO_DIR = Path("content") / "billeder"


# --- timing in words ---------------------------------------------------------------

def _span(lo: int, hi: int) -> str:
    """A span of days, in weeks when both ends are whole weeks."""
    if lo % 7 == 0 and hi % 7 == 0:
        lo_w, hi_w = lo // 7, hi // 7
        unit = "uge" if hi_w == 1 else "uger"
        if lo_w == 0:
            return f"inden for {hi_w} {unit}"
        return f"{lo_w}–{hi_w} {unit}" if lo_w != hi_w else f"{hi_w} {unit}"
    if lo == 0:
        return f"inden for {hi} dage"
    return f"{lo}–{hi} dage" if lo != hi else f"{hi} dage"


def window_text(t: Timing) -> str:
    """The planning window of an activity in words, from its days."""
    if t.anchor == "start":
        # days are negative before the first session: show them as a positive span "before"
        text = f"{_span(-t.days_to, -t.days_from)} før børnenes første session"
    elif t.anchor == "session":
        text = f"{_span(t.days_from, t.days_to)} efter børnenes session {t.session}"
    else:
        text = f"{_span(t.days_from, t.days_to)} efter den fælles afslutning"
    text = text[0].upper() + text[1:]
    return text + (" (håndbogens anbefaling)" if t.recommended else "")


# --- the change theory -------------------------------------------------------------

class ChangeTheoryFigure(HandbookDirective):
    """```{forandringsteori}``` – read left to right: what is delivered, and what it leads to."""

    def run(self):
        self.depend_on_data()
        ct = self.book.change_theory
        if ct is None:
            return [self.state.document.reporter.error("content/indsats/forandringsteori.yml mangler",
                                                       line=self.lineno)]
        kes = self.book.core_elements
        outputs = sorted(ct.outputs, key=lambda o: kes[o.core_element].number)
        tbl = nodes.table(classes=["ml-table", "ml-change-theory"])
        tbl += nodes.title(text="Forandringsteorien for Mestringsluppen – læses fra venstre mod højre")
        group = nodes.tgroup(cols=4)
        tbl += group
        for w in (5, 4, 4, 4):
            group += nodes.colspec(colwidth=w)
        head = nodes.thead()
        group += head
        hrow = nodes.row()
        for label in ("Output – det, indsatsen leverer", "→ Kort sigt: undervejs i forløbet",
                      "→ Mellemlang sigt", "→ Lang sigt"):
            entry = nodes.entry()
            entry += para(label)
            hrow += entry
        head += hrow
        body = nodes.tbody()
        group += body
        span = max(len(outputs) - 1, 0)
        for i, out in enumerate(outputs):
            row = nodes.row()
            entry = nodes.entry(classes=["ml-ct-output"])
            k = kes[out.core_element]
            entry += para(nodes.strong("", "", xref("kerneelement", k.id, f"{k.number}. {k.title}")))
            entry.extend(self.md(out.text))
            row += entry
            if i == 0:
                for cls, texts in (("ml-ct-short", ct.short), ("ml-ct-medium", ct.medium),
                                   ("ml-ct-long", ct.long)):
                    cell = nodes.entry(morerows=span, classes=[cls])
                    cell += self.md_items(texts)
                    row += cell
            body += row
        return [tbl]


# --- guide 1 -----------------------------------------------------------------------

class ActivityOverview(HandbookDirective):
    """```{aktivitet-oversigt}``` (all parts) or ```{aktivitet-oversigt} 2``` (one part)."""

    optional_arguments = 1

    def run(self):
        self.depend_on_data()
        part = int(self.arguments[0]) if self.arguments else None
        acts = [a for a in self.book.activities.values() if part is None or a.part == part]
        order = {"start": 0, "session": 1, "end": 2}
        acts.sort(key=lambda a: (a.part, order[a.timing.anchor], a.timing.session or 0, a.timing.days_from))
        rows = []
        for a in acts:
            when = [nodes.Text(a.timing.text), nodes.Text(". "),
                    nodes.emphasis(text=window_text(a.timing) + ".")]
            rows.append([[xref("aktivitet", a.id)], str(a.part), when, duration_text(a),
                         ", ".join(a.participants)])
        return [table(["Aktivitet", "Del", "Hvornår", "Varighed", "Deltagere"], rows,
                      classes=["ml-activity-overview"], widths=[4, 1, 5, 2, 5])]


class SessionTitles(HandbookDirective):
    """```{session-titler} boern``` – a plain numbered list of session titles (for letters)."""

    required_arguments = 1
    option_spec = {"datoer": rst.flag}

    def run(self):
        course = self.find("forløb")
        lst = nodes.enumerated_list(classes=["ml-session-titles"])
        for s in self.book.course(course):
            li = nodes.list_item(classes=["ml-joint"] if s.joint else [])
            p = para(nodes.strong(text=s.title))
            if "datoer" in self.options:
                p += nodes.Text("  Dato: ")
                p += nodes.inline(text="_" * 12, classes=["ml-blank"])
            li += p
            lst += li
        return [lst]


class SessionPictures(HandbookDirective):
    """```{session-billeder} boern``` – each session as a pictogram, number and title, with a box to tick.

    Rendered like the visual agendas (class ``ml-agenda``), so screen and A4 print share one style.
    """

    required_arguments = 1

    def run(self):
        course = self.find("forløb")
        box = nodes.container(classes=["ml-agenda", "ml-session-pictures"])
        lst = nodes.enumerated_list()
        for s in self.book.course(course):
            picto = PICTO_DIR / f"session-{s.id}.svg"
            if not (Path(self.env.srcdir) / picto).exists():
                picto = PICTO_DIR / "forloeb.svg"
            self.env.note_dependency(str(Path(self.env.srcdir) / picto))
            img = nodes.image(uri="/" + picto.as_posix(), alt=svg_title(Path(self.env.srcdir) / picto),
                              classes=["ml-picto"])
            li = nodes.list_item()
            li += para(img, nodes.strong(text=f"Gang {s.number}: "), s.title, " ☐")
            lst += li
        box += lst
        return [box]


def svg_title(path: Path) -> str:
    """The Danish <title> of one of our pictograms, used as its alt text."""
    m = re.search(r"<title[^>]*>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)
    return m.group(1).strip() if m else path.stem


class SchoolSharing(HandbookDirective):
    """```{skole-vidensdeling} 4-6``` – the sessions in the range, their goals and tools.

    Tools first used in the range are explained with what the school can do; tools
    introduced earlier and used again in the range are recalled briefly.
    """

    required_arguments = 1

    def run(self):
        m = re.fullmatch(r"([1-9])-([1-9])", self.arguments[0])
        if not m or int(m.group(1)) > int(m.group(2)):
            return [self.state.document.reporter.error(
                "skole-vidensdeling skal have et interval af børnesessioner, fx 1-3", line=self.lineno)]
        lo, hi = int(m.group(1)), int(m.group(2))
        self.depend_on_data()
        sessions = [s for s in self.book.course("boern") if lo <= s.number <= hi]
        earlier = [t for s in self.book.course("boern") if s.number < lo for t in s.tools]
        out: list[nodes.Node] = []
        new_tools: list[str] = []
        for s in sessions:
            box = nodes.container(classes=["ml-sharing-session"])
            box += para(nodes.strong(text=f"Session {s.number}: {s.title}"))
            box += self.md_items(s.goals)
            out.append(box)
            new_tools += [t for t in s.tools if t not in earlier and t not in new_tools]
        if new_tools:
            out.append(para(nodes.strong(text="Redskaber, barnet har mødt i disse sessioner")))
            for tid in new_tools:
                out.extend(self.tool_block(tid))
        again = [t for t in dict.fromkeys(earlier) if any(t in s.tools for s in sessions)]
        if again:
            out.append(para(nodes.strong(text="Redskaber fra de første sessioner, som børnene bruger igen")))
            lst = nodes.bullet_list()
            for tid in again:
                t = self.book.tools[tid]
                li = nodes.list_item()
                li += para(nodes.strong(text=t.title + ": "), t.summary)
                lst += li
            out.append(lst)
        if not sessions:
            out.append(para("Sessionerne er ikke beskrevet endnu."))
        return out

    def tool_block(self, tid: str) -> list[nodes.Node]:
        t = self.book.tools[tid]
        box = nodes.container(classes=["ml-sharing-tool"])
        box += para(nodes.strong(text=t.title + ". "), t.summary)
        box += para(nodes.emphasis(text="Sådan kan I støtte det i skolen: "), *self.inline(t.in_school))
        return [box]


class ToolSummary(HandbookDirective):
    """```{redskab-resume} hverdagsdetektiven``` – a tool in a few lines, for the school."""

    required_arguments = 1

    def run(self):
        t = self.find("redskab")
        box = nodes.container(classes=["ml-tool-summary"])
        title = t.title + (f" (også kaldet {', '.join(t.aliases)})" if t.aliases else "")
        box += para(nodes.strong(text=title + ". "), t.summary)
        box += para(nodes.emphasis(text="I skolen: "), *self.inline(t.in_school))
        return [box]


def setup(app) -> None:
    for name, cls in {
        "forandringsteori": ChangeTheoryFigure,
        "aktivitet-oversigt": ActivityOverview,
        "session-titler": SessionTitles,
        "session-billeder": SessionPictures,
        "skole-vidensdeling": SchoolSharing,
        "redskab-resume": ToolSummary,
    }.items():
        app.add_directive(name, cls)
