"""Parsing the letter Markdown subset into blocks."""

from __future__ import annotations

import pytest

from csrating.errors import RenderError
from csrating.letters.render import (
    BulletList,
    Heading,
    Paragraph,
    Rule,
    Span,
    Table,
    parse_markdown,
    plain_text,
)


def test_letter_parses_into_the_expected_block_sequence(letter_markdown: str) -> None:
    kinds = [type(block).__name__ for block in parse_markdown(letter_markdown)]
    assert kinds == [
        "Paragraph",  # date
        "Paragraph",  # address
        "Paragraph",  # salutation
        "Heading",
        "Paragraph",
        "Table",  # the bold caption paragraph is folded into the table
        "Heading",
        "Paragraph",
        "Paragraph",
        "BulletList",
        "Paragraph",
        "Rule",
        "Paragraph",
        "Paragraph",
    ]


def test_hard_breaks_split_an_address_into_lines(letter_markdown: str) -> None:
    address = parse_markdown(letter_markdown)[1]
    assert isinstance(address, Paragraph)
    assert [plain_text(line) for line in address.lines] == [
        "Ms Jane Example",
        "Director of Children's Services",
        "Exampleshire County Council",
        "Shire Hall",  # backslash break
        "Example Town EX1 2AB",
    ]


def test_soft_breaks_become_spaces() -> None:
    (paragraph,) = parse_markdown("one\ntwo")
    assert paragraph == Paragraph(((Span("one two"),),))


@pytest.mark.parametrize("level", [1, 2, 3])
def test_atx_headings(level: int) -> None:
    (heading,) = parse_markdown("#" * level + " Staying *safe*")
    assert heading == Heading(level, (Span("Staying "), Span("safe", italic=True)))


def test_deeper_headings_are_refused_with_the_line_number() -> None:
    with pytest.raises(RenderError, match=r"line 3: heading level 4"):
        parse_markdown("Intro\n\n#### Too deep")


def test_table_with_caption_alignment_and_inline_markup(letter_markdown: str) -> None:
    table = parse_markdown(letter_markdown)[5]
    assert isinstance(table, Table)
    assert table.caption == (Span("The four-point scale"),)
    assert [plain_text(cell) for cell in table.header] == ["Level", "Rating", "What it means"]
    assert len(table.rows) == 4
    assert [plain_text(row[0]) for row in table.rows] == ["4", "3", "2", "1"]
    assert table.rows[0][1] == (Span("Performs excellently", bold=True),)
    assert table.align == ("right", None, None)


def test_bold_paragraph_not_next_to_a_table_stays_a_paragraph() -> None:
    blocks = parse_markdown("**Summary**\n\nText.\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert blocks[0] == Paragraph(((Span("Summary", bold=True),),))
    assert isinstance(blocks[2], Table) and blocks[2].caption is None


def test_partly_bold_paragraph_is_not_a_caption() -> None:
    blocks = parse_markdown("**Summary** of grades\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert isinstance(blocks[0], Paragraph)
    assert isinstance(blocks[1], Table) and blocks[1].caption is None


def test_short_rows_are_padded_to_the_header_width() -> None:
    (table,) = parse_markdown("| a | b |\n|---|---|\n| 1 |")
    assert isinstance(table, Table)
    assert table.rows == (((Span("1"),), ()),)


def test_bullet_list(letter_markdown: str) -> None:
    bullets = parse_markdown(letter_markdown)[9]
    assert isinstance(bullets, BulletList)
    assert [plain_text(item[0]) for item in bullets.items] == [
        "three of the eleven nurseries are outstanding;",
        "a large majority of secondary schools are good or better.",
    ]


def test_numbered_and_nested_lists_are_refused() -> None:
    with pytest.raises(RenderError, match="line 1: numbered lists"):
        parse_markdown("1. first\n2. second")
    with pytest.raises(RenderError, match="nested lists"):
        parse_markdown("- outer\n  - inner")


def test_bold_italic_and_both() -> None:
    (paragraph,) = parse_markdown("a **b** *c* ***d***")
    assert paragraph == Paragraph(
        (
            (
                Span("a "),
                Span("b", bold=True),
                Span(" "),
                Span("c", italic=True),
                Span(" "),
                Span("d", bold=True, italic=True),
            ),
        )
    )


def test_thematic_break_and_no_setext_heading() -> None:
    assert parse_markdown("Text\n---") == (Paragraph(((Span("Text"),),)), Rule())


def test_html_entities_links_and_code_stay_literal_text() -> None:
    source = '<b>x</b> &amp; [link](http://example.org) `code` <img src="y">'
    (paragraph,) = parse_markdown(source)
    assert paragraph == Paragraph(((Span(source),),))


def test_backslash_escapes_keep_markup_characters() -> None:
    (paragraph,) = parse_markdown(r"St\. Helens \*not bold\*")
    assert plain_text(paragraph.lines[0]) == "St. Helens *not bold*"  # type: ignore[union-attr]


def test_block_values_check_their_shape() -> None:
    with pytest.raises(ValueError, match="heading level"):
        Heading(4, ())
    with pytest.raises(ValueError, match="row 1 has 1 cells"):
        Table(header=((), ()), rows=(((),),))
