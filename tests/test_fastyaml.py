"""The fast YAML path reads every data file exactly as ruamel does: same values, same lines."""
from __future__ import annotations


import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from book.data.fastyaml import Unusual, fast_load
from book.data.files import content_files
from book.data.yamlsource import split_front_matter
from conftest import ROOT


def same(slow, fast, where: list) -> None:
    if isinstance(slow, CommentedMap):
        assert list(fast) == list(slow) and fast.lc.line == slow.lc.line, where
        for key in slow:
            assert fast.lc.key(key)[0] == slow.lc.key(key)[0], where + [key]
            same(slow[key], fast[key], where + [key])
    elif isinstance(slow, CommentedSeq):
        assert len(fast) == len(slow) and fast.lc.line == slow.lc.line, where
        for i, item in enumerate(slow):
            assert fast.lc.item(i)[0] == slow.lc.item(i)[0], where + [i]
            same(item, fast[i], where + [i])
    else:  # ruamel's scalars are subclasses of the plain types the fast path gives
        assert fast == slow and isinstance(slow, type(fast)), where


def yaml_texts() -> list[tuple[str, str]]:
    out = []
    for path, kind in content_files(ROOT):
        text = path.read_text(encoding="utf-8")
        out.append((str(path.relative_to(ROOT)), split_front_matter(text)[0] if kind.front_matter else text))
    return out


@pytest.mark.parametrize("name,text", yaml_texts(), ids=[name for name, _ in yaml_texts()])
def test_every_data_file_reads_the_same_as_with_ruamel(name, text):
    same(YAML(typ="rt").load(text), fast_load(text), [name])


@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "a: [1, 2\n", "a: !tag x\n", "<<: {b: 1}\n", "a: 'x\n"])
def test_anything_unusual_is_left_to_ruamel(text):
    with pytest.raises(Unusual):
        fast_load(text)


def test_yaml_1_2_plain_words_stay_text():
    data = fast_load("a: yes\nb: no\nc: on\nd: true\ne: 010\nf: 1.5\ng: ~\nh: 12:30\n")
    assert data == {"a": "yes", "b": "no", "c": "on", "d": True, "e": 10, "f": 1.5, "g": None, "h": "12:30"}
