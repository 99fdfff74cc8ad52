"""The letter-shaped Markdown sample the renderer tests share."""

from __future__ import annotations

LETTER = """\
9 December 2009

Ms Jane Example{hard}
Director of Children's Services{hard}
Exampleshire County Council{hard}
Shire Hall\\
Example Town EX1 2AB

Dear Ms Example

# Children's services annual rating 2009

Each council's rating is placed on one of four levels.

**The four-point scale**
| Level | Rating | What it means |
|---:|---|---|
| 4 | **Performs excellently** | Goes well beyond the minimum asked of it |
| 3 | **Performs well** | Goes beyond the minimum asked of it |
| 2 | **Performs adequately** | Does only the minimum asked of it |
| 1 | **Performs poorly** | Falls short of the minimum asked of it |

## Rating for Exampleshire

Children's services in Exampleshire County Council *perform well*.

Among the settings inspected this year:

- three of the eleven nurseries are outstanding;
- a large majority of secondary schools are good or better.

A note on <script>alert("x")</script> & friends stays plain text.

---

Yours sincerely

A. N. Inspector{hard}
Director, Children's Services Assessment
""".replace("{hard}", "  ")  # two trailing spaces: a hard line break

SENTENCE = "Each council's rating is placed on one of four levels."
